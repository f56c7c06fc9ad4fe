//! Sending webhook deliveries: the worker claims due rows from the webhook outbox,
//! POSTs them signed, and records each answer. The HTTP client follows no redirects
//! and its resolver refuses private and reserved addresses (unless the development
//! configuration allows them), so a hostname that later points inward (DNS
//! rebinding) or a redirect can't reach the internal network.

use crate::state::AppState;
use actix_web::web;
use futures_util::future::join_all;
use std::net::SocketAddr;
use std::sync::{Arc, Once};
use std::time::Duration;
use worklane_app::webhooks::{self, Outcome, SIGNATURE_HEADER};
use worklane_db::webhooks::Due;

/// Installs rustls's ring provider as the process default (once), before any HTTPS
/// client is built.
pub fn install_crypto() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

/// Resolves with the system resolver and drops every non-public address; a name
/// with no public address fails to resolve.
struct PublicOnly;

impl reqwest::dns::Resolve for PublicOnly {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let host = name.as_str().to_owned();
        Box::pin(async move {
            let found: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0))
                .await?
                .filter(|addr| worklane_domain::webhooks::is_public(addr.ip()))
                .collect();
            if found.is_empty() {
                return Err(format!("{host} has no public address").into());
            }
            let addrs: reqwest::dns::Addrs = Box::new(found.into_iter());
            Ok(addrs)
        })
    }
}

/// The client deliveries go through: 10 s to answer, no redirects, public
/// addresses only unless `allow_private`.
pub fn client(allow_private: bool) -> reqwest::Client {
    install_crypto();
    let mut builder = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .connect_timeout(Duration::from_secs(5))
        .redirect(reqwest::redirect::Policy::none())
        .user_agent("Worklane-Webhooks/1.0");
    if !allow_private {
        builder = builder.dns_resolver(Arc::new(PublicOnly));
    }
    builder.build().unwrap_or_else(|_| reqwest::Client::new())
}

/// A URL whose host is an address literal skips the resolver: check it here.
fn literal_host_allowed(url: &str, allow_private: bool) -> bool {
    if allow_private {
        return true;
    }
    let Ok(parsed) = url::Url::parse(url) else {
        return false;
    };
    match parsed.host() {
        Some(url::Host::Ipv4(ip)) => worklane_domain::webhooks::is_public(ip.into()),
        Some(url::Host::Ipv6(ip)) => worklane_domain::webhooks::is_public(ip.into()),
        Some(url::Host::Domain(_)) => true,
        None => false,
    }
}

async fn send(client: &reqwest::Client, due: &Due, allow_private: bool, now: i64) -> Outcome {
    if !literal_host_allowed(&due.url, allow_private) {
        return Outcome::Unreachable("the address is private or reserved".to_owned());
    }
    let delivery = &due.delivery;
    let result = client
        .post(&due.url)
        .header("Content-Type", "application/json")
        .header(
            SIGNATURE_HEADER,
            webhooks::signature(&due.secret, now, &delivery.body),
        )
        .header("Worklane-Event-Id", delivery.event_id.to_string())
        .header("Worklane-Event-Type", &delivery.event_type)
        .header("Worklane-Delivery-Id", delivery.id.to_string())
        .body(delivery.body.clone())
        .send()
        .await;
    match result {
        Ok(response) if response.status().is_success() => {
            Outcome::Delivered(response.status().as_u16())
        }
        Ok(response) if response.status().is_redirection() => Outcome::Unreachable(format!(
            "answered {} (redirects are not followed)",
            response.status().as_u16()
        )),
        Ok(response) => Outcome::Refused(response.status().as_u16()),
        Err(error) => {
            let mut message = error.to_string();
            let mut source = std::error::Error::source(&error);
            while let Some(cause) = source {
                message = format!("{message}: {cause}");
                source = cause.source();
            }
            Outcome::Unreachable(message.chars().take(500).collect())
        }
    }
}

/// One pass: claims up to `batch` due deliveries, sends them side by side, records
/// the answers. Returns how many were attempted.
pub async fn deliver_due(
    state: &AppState,
    client: &reqwest::Client,
    batch: i64,
) -> Result<usize, String> {
    let pool = state.pool.clone();
    let ctx = state.ctx.clone();
    let due = web::block(move || -> Result<Vec<Due>, String> {
        let mut conn = pool.get().map_err(|e| e.to_string())?;
        webhooks::claim_due(&mut conn, &ctx, batch).map_err(|e| e.to_string())
    })
    .await
    .map_err(|e| e.to_string())??;
    if due.is_empty() {
        return Ok(0);
    }
    let allow_private = state.ctx.policy.webhooks.allow_private_targets;
    let now = worklane_domain::Clock::now(state.ctx.clock.as_ref()).timestamp();
    let outcomes = join_all(due.iter().map(|d| send(client, d, allow_private, now))).await;
    let attempted = due.len();
    let pool = state.pool.clone();
    let ctx = state.ctx.clone();
    web::block(move || -> Result<(), String> {
        let mut conn = pool.get().map_err(|e| e.to_string())?;
        for (due, outcome) in due.iter().zip(&outcomes) {
            let id = due.delivery.id;
            match outcome {
                Outcome::Delivered(_) => {}
                Outcome::Refused(code) => {
                    tracing::info!(delivery_id = %id, code, "webhook delivery refused");
                }
                Outcome::Unreachable(error) => {
                    tracing::info!(delivery_id = %id, %error, "webhook endpoint unreachable");
                }
            }
            webhooks::record(&mut conn, &ctx, &due.delivery, outcome).map_err(|e| e.to_string())?;
        }
        Ok(())
    })
    .await
    .map_err(|e| e.to_string())??;
    Ok(attempted)
}
