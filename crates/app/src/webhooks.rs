//! Webhooks for integrators (SPEC §14): endpoints registered for event types, each
//! event written to the webhook outbox in the transaction of what caused it, and the
//! bookkeeping of the worker's signed deliveries with retries for up to three days.

use crate::audit::{self, Event};
use crate::context::AppContext;
use crate::error::{AppError, AppResult, FieldError};
use crate::pagination;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use diesel::{Connection, PgConnection};
use hmac::{KeyInit, Mac};
use std::net::{IpAddr, ToSocketAddrs};
use uuid::Uuid;
use worklane_db::users::User;
use worklane_db::webhooks::{self as store, Delivery, Due, Endpoint};
use worklane_domain::webhooks::{RETRY_FOR, is_event_type, is_public, retry_delay};

pub const MAX_ENDPOINTS: i64 = 10;
pub const SIGNATURE_HEADER: &str = "Worklane-Signature";
/// How old a signature's timestamp may be before receivers should refuse it.
pub const SIGNATURE_TOLERANCE_SECS: i64 = 300;

/// Where webhooks may go: production refuses private networks and plain HTTP;
/// development and tests may allow both (a receiver on this machine).
#[derive(Debug, Clone, Copy, Default)]
pub struct WebhookPolicy {
    pub allow_private_targets: bool,
}

fn url_error(message: impl Into<String>) -> AppError {
    AppError::field("url", "invalid_url", message)
}

/// Checks a webhook URL: https (http only where private targets are allowed), no
/// credentials, and a host whose every address is public.
pub fn check_url(policy: &WebhookPolicy, raw: &str) -> AppResult<url::Url> {
    let url = url::Url::parse(raw.trim()).map_err(|e| url_error(format!("not a URL: {e}")))?;
    match url.scheme() {
        "https" => {}
        "http" if policy.allow_private_targets => {}
        "http" => return Err(url_error("use https")),
        other => {
            return Err(url_error(format!(
                "`{other}` URLs can't receive webhooks; use https"
            )));
        }
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(url_error(
            "leave credentials out of the URL; verify the signature instead",
        ));
    }
    let host = url
        .host_str()
        .filter(|h| !h.is_empty())
        .ok_or_else(|| url_error("the URL needs a host"))?;
    let port = url.port_or_known_default().unwrap_or(443);
    let addresses: Vec<IpAddr> = (host.trim_start_matches('[').trim_end_matches(']'), port)
        .to_socket_addrs()
        .map_err(|_| url_error(format!("`{host}` does not resolve")))?
        .map(|a| a.ip())
        .collect();
    if addresses.is_empty() {
        return Err(url_error(format!("`{host}` does not resolve")));
    }
    if !policy.allow_private_targets && addresses.iter().any(|ip| !is_public(*ip)) {
        return Err(AppError::field(
            "url",
            "private_address",
            format!(
                "`{host}` points into a private or reserved network; webhooks go to public addresses only"
            ),
        ));
    }
    Ok(url)
}

fn new_secret() -> AppResult<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)
        .map_err(|e| AppError::Internal(anyhow::anyhow!("no randomness available: {e}")))?;
    Ok(format!("whsec_{}", URL_SAFE_NO_PAD.encode(bytes)))
}

pub fn register(
    conn: &mut PgConnection,
    ctx: &AppContext,
    user: &User,
    url: &str,
    events: &[String],
    description: Option<&str>,
) -> AppResult<Endpoint> {
    let mut errors = Vec::new();
    let checked = match check_url(&ctx.policy.webhooks, url) {
        Ok(url) => Some(url),
        Err(AppError::Validation(mut e)) => {
            errors.append(&mut e);
            None
        }
        Err(other) => return Err(other),
    };
    let mut events: Vec<String> = events.iter().map(|e| e.trim().to_owned()).collect();
    events.sort();
    events.dedup();
    if events.is_empty() {
        errors.push(FieldError::new(
            "events",
            "required",
            "subscribe to at least one event type",
        ));
    }
    if let Some(unknown) = events.iter().find(|e| !is_event_type(e)) {
        errors.push(FieldError::new(
            "events",
            "unknown_event",
            format!("`{unknown}` is not an event type"),
        ));
    }
    let description = description.map(str::trim).filter(|d| !d.is_empty());
    if description.is_some_and(|d| d.chars().count() > 200) {
        errors.push(FieldError::new(
            "description",
            "length",
            "at most 200 characters",
        ));
    }
    let Some(url) = checked.filter(|_| errors.is_empty()) else {
        return Err(AppError::Validation(errors));
    };
    let now = ctx.clock.now();
    let endpoint = Endpoint {
        id: Uuid::now_v7(),
        user_id: user.id,
        url: url.to_string(),
        events,
        description: description.map(str::to_owned),
        secret: new_secret()?,
        created_at: now,
        deleted_at: None,
    };
    conn.transaction(|conn| {
        worklane_db::admin::lock_user(conn, user.id)?;
        if store::live_endpoint_count(conn, user.id)? >= MAX_ENDPOINTS {
            return Err(AppError::Conflict {
                code: "too_many_endpoints",
                message: format!("You have {MAX_ENDPOINTS} webhook endpoints; delete one first."),
                field: None,
            });
        }
        store::insert_endpoint(conn, &endpoint)?;
        audit::record(
            conn,
            now,
            Event::new("webhooks.endpoint_created")
                .target("webhook", endpoint.id)
                .details(serde_json::json!({ "url": endpoint.url, "events": endpoint.events })),
        )?;
        Ok(())
    })?;
    Ok(endpoint)
}

pub fn list(conn: &mut PgConnection, user: &User) -> AppResult<Vec<Endpoint>> {
    Ok(store::endpoints_of(conn, user.id)?)
}

fn not_found() -> AppError {
    AppError::NotFound { what: "Webhook" }
}

pub fn get(conn: &mut PgConnection, user: &User, id: Uuid) -> AppResult<Endpoint> {
    store::endpoint_of(conn, user.id, id)?.ok_or_else(not_found)
}

pub fn delete(conn: &mut PgConnection, ctx: &AppContext, user: &User, id: Uuid) -> AppResult<()> {
    let now = ctx.clock.now();
    conn.transaction(|conn| {
        if !store::delete_endpoint(conn, user.id, id, now)? {
            return Err(not_found());
        }
        audit::record(
            conn,
            now,
            Event::new("webhooks.endpoint_deleted").target("webhook", id),
        )?;
        Ok(())
    })
}

pub fn deliveries(
    conn: &mut PgConnection,
    user: &User,
    id: Uuid,
    cursor: Option<&str>,
    limit: Option<i64>,
) -> AppResult<(Vec<Delivery>, Option<String>)> {
    // Deleted endpoints keep their history for their owner.
    if store::owner_of(conn, id)? != Some(user.id) {
        return Err(not_found());
    }
    pagination::newest_first(
        cursor,
        limit,
        |after, n| store::deliveries_of(conn, id, after, n),
        |d| (d.created_at, d.id),
    )
}

/// Writes the event to the webhook outbox for each of the user's endpoints that
/// subscribed to it. Call inside the transaction of what caused it.
pub fn emit(
    conn: &mut PgConnection,
    user_id: Uuid,
    event_type: &str,
    data: serde_json::Value,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let endpoints = store::subscribers(conn, user_id, event_type)?;
    if endpoints.is_empty() {
        return Ok(());
    }
    let event_id = Uuid::now_v7();
    let body = serde_json::json!({
        "id": event_id,
        "type": event_type,
        "created_at": now,
        "data": data,
    })
    .to_string();
    let rows: Vec<Delivery> = endpoints
        .iter()
        .map(|endpoint| Delivery {
            id: Uuid::now_v7(),
            endpoint_id: endpoint.id,
            event_id,
            event_type: event_type.to_owned(),
            body: body.clone(),
            status: "pending".to_owned(),
            attempts: 0,
            next_attempt_at: Some(now),
            last_attempt_at: None,
            last_status_code: None,
            last_error: None,
            created_at: now,
            delivered_at: None,
        })
        .collect();
    store::insert_deliveries(conn, &rows)?;
    Ok(())
}

/// `t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<body>">`.
pub fn signature(secret: &str, timestamp: i64, body: &str) -> String {
    format!("t={timestamp},v1={}", hex_hmac(secret, timestamp, body))
}

fn hex_hmac(secret: &str, timestamp: i64, body: &str) -> String {
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes())
        .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body.as_bytes());
    mac.finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Why a signature was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignatureProblem {
    Malformed,
    Stale,
    Mismatch,
}

/// What an integrator's receiver does with a delivery: checks the header against
/// the secret and the body, refusing timestamps more than five minutes away.
pub fn verify_signature(
    header: &str,
    secret: &str,
    body: &str,
    now: DateTime<Utc>,
) -> Result<(), SignatureProblem> {
    let mut timestamp = None;
    let mut signatures = Vec::new();
    for part in header.split(',') {
        match part.trim().split_once('=') {
            Some(("t", t)) => timestamp = t.parse::<i64>().ok(),
            Some(("v1", v)) => signatures.push(v),
            _ => {}
        }
    }
    let timestamp = timestamp.ok_or(SignatureProblem::Malformed)?;
    if signatures.is_empty() {
        return Err(SignatureProblem::Malformed);
    }
    if (now.timestamp() - timestamp).abs() > SIGNATURE_TOLERANCE_SECS {
        return Err(SignatureProblem::Stale);
    }
    let expected = hex_hmac(secret, timestamp, body);
    let matches = signatures.iter().any(|candidate| {
        candidate.len() == expected.len()
            && candidate
                .bytes()
                .zip(expected.bytes())
                .fold(0u8, |acc, (a, b)| acc | (a ^ b))
                == 0
    });
    if matches {
        Ok(())
    } else {
        Err(SignatureProblem::Mismatch)
    }
}

/// How long a claimed delivery is held before another worker may try it.
pub const LEASE: chrono::Duration = chrono::Duration::minutes(2);

pub fn claim_due(conn: &mut PgConnection, ctx: &AppContext, limit: i64) -> AppResult<Vec<Due>> {
    Ok(store::claim_due(conn, ctx.clock.now(), LEASE, limit)?)
}

/// The result of one attempt.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// A 2xx answer.
    Delivered(u16),
    /// Another status.
    Refused(u16),
    /// No answer: connection, TLS, timeout, a refused address.
    Unreachable(String),
}

pub fn record(
    conn: &mut PgConnection,
    ctx: &AppContext,
    delivery: &Delivery,
    outcome: &Outcome,
) -> AppResult<()> {
    let now = ctx.clock.now();
    let give_up_at = delivery.created_at + RETRY_FOR;
    let retry_at = Some(now + retry_delay(delivery.attempts)).filter(|at| *at <= give_up_at);
    let (succeeded, code, error) = match outcome {
        Outcome::Delivered(code) => (true, Some(i32::from(*code)), None),
        Outcome::Refused(code) => (
            false,
            Some(i32::from(*code)),
            Some(format!("answered {code}")),
        ),
        Outcome::Unreachable(error) => (false, None, Some(error.clone())),
    };
    store::record_attempt(
        conn,
        delivery.id,
        succeeded,
        code,
        error.as_deref(),
        retry_at,
        now,
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(secs: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(secs, 0).unwrap_or_default()
    }

    #[test]
    fn a_signature_verifies_with_its_secret_only_and_only_while_fresh() {
        let body = r#"{"id":"e1","type":"milestone.funded"}"#;
        let header = signature("whsec_right", 1_795_000_000, body);
        assert!(header.starts_with("t=1795000000,v1="));
        assert_eq!(header.len(), "t=1795000000,v1=".len() + 64);
        let now = at(1_795_000_100);
        assert_eq!(verify_signature(&header, "whsec_right", body, now), Ok(()));
        assert_eq!(
            verify_signature(&header, "whsec_wrong", body, now),
            Err(SignatureProblem::Mismatch)
        );
        assert_eq!(
            verify_signature(&header, "whsec_right", &format!("{body} "), now),
            Err(SignatureProblem::Mismatch)
        );
        assert_eq!(
            verify_signature(&header, "whsec_right", body, at(1_795_000_000 + 301)),
            Err(SignatureProblem::Stale)
        );
        assert_eq!(
            verify_signature("v1=abc", "whsec_right", body, now),
            Err(SignatureProblem::Malformed)
        );
    }

    #[test]
    fn urls_must_be_https_public_and_without_credentials() {
        let strict = WebhookPolicy::default();
        let code = |raw: &str| match check_url(&strict, raw) {
            Err(AppError::Validation(errors)) => errors[0].code.to_string(),
            Err(other) => format!("{other}"),
            Ok(_) => "ok".to_owned(),
        };
        assert_eq!(code("http://93.184.216.34/hook"), "invalid_url");
        assert_eq!(code("ftp://93.184.216.34/hook"), "invalid_url");
        assert_eq!(code("not a url"), "invalid_url");
        assert_eq!(code("https://user:pw@93.184.216.34/hook"), "invalid_url");
        assert_eq!(code("https://127.0.0.1/hook"), "private_address");
        assert_eq!(code("https://localhost:8443/hook"), "private_address");
        assert_eq!(code("https://10.0.0.8/hook"), "private_address");
        assert_eq!(
            code("https://169.254.169.254/latest/meta-data"),
            "private_address"
        );
        assert_eq!(code("https://[::1]/hook"), "private_address");
        assert_eq!(code("https://[::ffff:127.0.0.1]/hook"), "private_address");
        assert_eq!(code("https://93.184.216.34/hook"), "ok");
        let dev = WebhookPolicy {
            allow_private_targets: true,
        };
        assert!(check_url(&dev, "http://127.0.0.1:9000/hook").is_ok());
    }
}
