//! Idempotency keys (SPEC §7): the first response to a money-moving request is kept
//! with a hash of the request and returned to retries for 24 hours. The same key
//! with a different request is refused (422); a retry while the first is still
//! running gets 409. Only successful responses are kept: a failed request changed
//! nothing, so its key is given back and a retry runs again.

use crate::context::AppContext;
use crate::error::{AppError, AppResult};
use diesel::PgConnection;
use uuid::Uuid;
use worklane_db::idempotency as store;

/// An in-progress claim older than this is taken to be from a request that died.
const ABANDONED_AFTER: chrono::Duration = chrono::Duration::minutes(5);

pub enum Begin {
    /// Run the request, then [`finish`], in the transaction that claimed the key.
    Proceed,
    /// Answer with the stored first response.
    Replay {
        status: u16,
        body: serde_json::Value,
    },
}

pub fn check_key(key: &str) -> AppResult<()> {
    let ok = (1..=255).contains(&key.len()) && key.chars().all(|c| c.is_ascii_graphic());
    if ok {
        Ok(())
    } else {
        Err(AppError::BadRequest {
            code: "invalid_idempotency_key",
            message: "Idempotency-Key must be 1 to 255 visible ASCII characters.".to_owned(),
            errors: vec![crate::error::FieldError::new(
                "Idempotency-Key",
                "invalid",
                "must be 1 to 255 visible ASCII characters",
            )],
        })
    }
}

pub fn begin(
    conn: &mut PgConnection,
    ctx: &AppContext,
    user_id: Uuid,
    key: &str,
    request_hash: &[u8],
) -> AppResult<Begin> {
    check_key(key)?;
    let now = ctx.clock.now();
    if store::claim(
        conn,
        user_id,
        key,
        request_hash,
        now,
        now + ctx.policy.idempotency_ttl,
    )? {
        return Ok(Begin::Proceed);
    }
    let Some(stored) = store::find(conn, user_id, key)? else {
        // Expired and purged between the two statements: claim again.
        return begin(conn, ctx, user_id, key, request_hash);
    };
    if stored.request_hash != request_hash {
        return Err(AppError::field(
            "Idempotency-Key",
            "idempotency_key_reused",
            "was already used for a different request",
        ));
    }
    match (
        stored.status.as_str(),
        stored.response_status,
        stored.response_body,
    ) {
        ("done", Some(status), Some(body)) => Ok(Begin::Replay {
            status: u16::try_from(status).unwrap_or(200),
            body,
        }),
        _ if now - stored.created_at > ABANDONED_AFTER => {
            store::release(conn, user_id, key)?;
            begin(conn, ctx, user_id, key, request_hash)
        }
        _ => Err(AppError::Conflict {
            code: "idempotency_in_progress",
            message: "A request with this Idempotency-Key is still being processed; retry shortly."
                .to_owned(),
            field: None,
        }),
    }
}

pub fn finish(
    conn: &mut PgConnection,
    user_id: Uuid,
    key: &str,
    status: u16,
    body: &serde_json::Value,
) -> AppResult<()> {
    Ok(store::complete(conn, user_id, key, status, body)?)
}
