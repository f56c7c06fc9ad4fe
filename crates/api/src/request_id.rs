//! Every request gets an id: taken from a well-formed incoming `X-Request-Id` or made
//! here. It is on every log line of the request, in the response header, and in
//! problem bodies. With it travel the caller's address and, once authenticated, the
//! actor: the use cases record both in the audit log. Successful state changes are
//! recorded here too.

use crate::extract::client_ip;
use crate::state::AppState;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::web;
use std::sync::{Arc, Mutex};
use std::time::Instant;
use tracing::Instrument;
use worklane_app::audit::{Actor, Event, RequestMeta};

pub const HEADER: &str = "x-request-id";

#[derive(Debug)]
struct Current {
    id: String,
    ip: Option<String>,
    actor: Mutex<Option<Actor>>,
}

tokio::task_local! {
    static REQUEST: Arc<Current>;
}

/// The id of the request being handled, when called inside one.
pub fn current() -> Option<String> {
    REQUEST.try_with(|r| r.id.clone()).ok()
}

/// The request being handled, for the audit log of the use cases it runs.
pub fn meta() -> Option<RequestMeta> {
    REQUEST
        .try_with(|r| RequestMeta {
            request_id: Some(r.id.clone()),
            ip: r.ip.clone(),
            actor: r.actor.lock().ok().and_then(|a| *a),
        })
        .ok()
}

/// Who the request speaks for, once its credentials are checked.
pub fn set_actor(actor: Actor) {
    let _ = REQUEST.try_with(|r| {
        if let Ok(mut slot) = r.actor.lock() {
            *slot = Some(actor);
        }
    });
}

fn well_formed(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// State changes worth a generic audit entry: successful writes to the API, apart
/// from sign-in traffic (recorded by the auth use cases themselves) and dev tools.
fn audited_change(method: &Method, path: &str, status: u16) -> bool {
    let writes = matches!(
        *method,
        Method::POST | Method::PUT | Method::PATCH | Method::DELETE
    );
    writes
        && (200..300).contains(&status)
        && path.starts_with("/api/v1/")
        && !path.starts_with("/api/v1/auth/")
        && !path.starts_with("/api/v1/dev/")
}

/// The first id in the path and the collection it belongs to
/// (`/api/v1/milestones/<id>/fund` -> `("milestones", id)`).
fn path_target(path: &str) -> Option<(String, uuid::Uuid)> {
    let segments: Vec<&str> = path.split('/').collect();
    segments.iter().enumerate().find_map(|(i, segment)| {
        let id = uuid::Uuid::parse_str(segment).ok()?;
        let kind = segments.get(i.checked_sub(1)?)?;
        Some(((*kind).to_owned(), id))
    })
}

/// Writes the change's audit entry before the response goes out. The change itself is
/// committed by then, so a database blip or an exhausted pool must not lose the entry:
/// it is retried for up to about 3 s.
async fn record_change(state: &AppState, action: String, path: &str, status: u16) {
    let target = path_target(path);
    let at = state.ctx.clock.now();
    let mut delay = std::time::Duration::from_millis(100);
    for attempt in 1..=5 {
        let (action, target) = (action.clone(), target.clone());
        let result = state
            .db(move |conn, _| {
                let mut event = Event::new(&action).status(status);
                if let Some((kind, id)) = &target {
                    event = event.target(kind, *id);
                }
                worklane_app::audit::record(conn, at, event)
            })
            .await;
        match result {
            Ok(()) => return,
            Err(error) if error.is_unavailable() && attempt < 5 => {
                tracing::warn!(?error, attempt, "audit entry not written yet; retrying");
                actix_web::rt::time::sleep(delay).await;
                delay *= 2;
            }
            Err(error) => {
                tracing::error!(?error, "audit entry not written");
                return;
            }
        }
    }
}

pub async fn middleware(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let id = req
        .headers()
        .get(HEADER)
        .and_then(|v| v.to_str().ok())
        .filter(|v| well_formed(v))
        .map_or_else(|| uuid::Uuid::now_v7().to_string(), str::to_owned);
    let state = req.app_data::<web::Data<AppState>>().cloned();
    let trust_proxy = state.as_ref().is_some_and(|s| s.config.trust_proxy_headers);
    let current = Arc::new(Current {
        id: id.clone(),
        ip: client_ip(req.request(), trust_proxy),
        actor: Mutex::new(None),
    });
    let method = req.method().clone();
    let path = req.path().to_owned();
    let span = tracing::info_span!("request", request_id = %id, method = %method, path = %path);
    let started = Instant::now();
    let result = REQUEST
        .scope(
            current,
            async move {
                let result = next.call(req).await;
                if let (Ok(response), Some(state)) = (&result, &state) {
                    let status = response.status().as_u16();
                    if audited_change(&method, &path, status) {
                        let pattern = response
                            .request()
                            .match_pattern()
                            .unwrap_or_else(|| path.clone());
                        record_change(state, format!("{method} {pattern}"), &path, status).await;
                    }
                }
                result
            }
            .instrument(span.clone()),
        )
        .await;
    let _entered = span.enter();
    match result {
        Ok(mut response) => {
            if let Ok(value) = HeaderValue::from_str(&id) {
                response
                    .headers_mut()
                    .insert(HeaderName::from_static(HEADER), value);
            }
            let status = response.status().as_u16();
            let elapsed_ms = started.elapsed().as_secs_f64() * 1000.0;
            if status >= 500 {
                tracing::warn!(status, elapsed_ms, "request failed");
            } else {
                tracing::info!(status, elapsed_ms, "request");
            }
            Ok(response)
        }
        Err(error) => {
            tracing::warn!(%error, "request error");
            Err(error)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_target_is_the_first_id_and_its_collection() {
        let id = uuid::Uuid::now_v7();
        assert_eq!(
            path_target(&format!("/api/v1/milestones/{id}/fund")),
            Some(("milestones".to_owned(), id))
        );
        assert_eq!(path_target("/api/v1/jobs"), None);
    }

    #[test]
    fn only_successful_api_writes_outside_auth_are_changes() {
        assert!(audited_change(&Method::POST, "/api/v1/jobs", 201));
        assert!(!audited_change(&Method::GET, "/api/v1/jobs", 200));
        assert!(!audited_change(&Method::POST, "/api/v1/jobs", 422));
        assert!(!audited_change(&Method::POST, "/api/v1/auth/login", 200));
        assert!(!audited_change(
            &Method::POST,
            "/api/v1/dev/clock/advance",
            200
        ));
    }
}
