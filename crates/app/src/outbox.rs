//! Delivering the outbox. Each pass claims due rows with `FOR UPDATE SKIP LOCKED`, so
//! any number of workers (threads or server instances) deliver each message once.

use crate::error::AppResult;
use chrono::{DateTime, Duration, Utc};
use diesel::{Connection, PgConnection};
use worklane_db::mailbox;
use worklane_db::outbox::{self, Email, KIND_EMAIL, OutboxMessage};

/// Where emails go. The development mailbox is the default; a real transport (SMTP,
/// a provider's API) implements the same trait.
pub trait EmailTransport: Send + Sync {
    fn send(
        &self,
        conn: &mut PgConnection,
        message_id: i64,
        email: &Email,
        now: DateTime<Utc>,
    ) -> Result<(), String>;
}

/// Writes mail into the `dev_mailbox` table, in the delivering transaction.
#[derive(Debug, Default)]
pub struct DevMailbox;

impl EmailTransport for DevMailbox {
    fn send(
        &self,
        conn: &mut PgConnection,
        message_id: i64,
        email: &Email,
        now: DateTime<Utc>,
    ) -> Result<(), String> {
        mailbox::deliver(
            conn,
            message_id,
            &email.to,
            &email.subject,
            &email.text_body,
            now,
        )
        .map_err(|e| e.to_string())
    }
}

/// Exponential backoff: 10 s, 20 s, 40 s, … capped at one hour.
pub fn retry_delay(attempts: i32) -> Duration {
    let exponent = attempts.clamp(0, 9) as u32;
    Duration::seconds((10i64 << exponent).min(3600))
}

fn deliver_one(
    conn: &mut PgConnection,
    transport: &dyn EmailTransport,
    message: &OutboxMessage,
    now: DateTime<Utc>,
) -> Result<(), String> {
    match message.kind.as_str() {
        KIND_EMAIL => {
            let email: Email =
                serde_json::from_value(message.payload.clone()).map_err(|e| e.to_string())?;
            transport.send(conn, message.id, &email, now)
        }
        other => Err(format!("unknown outbox kind {other}")),
    }
}

/// Delivers up to `batch` due messages; returns how many were delivered.
pub fn deliver_due(
    conn: &mut PgConnection,
    transport: &dyn EmailTransport,
    now: DateTime<Utc>,
    batch: i64,
) -> AppResult<usize> {
    conn.transaction(|conn| {
        let due = outbox::claim_due(conn, now, batch)?;
        let mut delivered = 0;
        for message in &due {
            // A savepoint per message: one failure does not undo the others.
            let result = conn.transaction(|conn| {
                deliver_one(conn, transport, message, now).map_err(|e| {
                    diesel::result::Error::QueryBuilderError(e.into())
                })
            });
            match result {
                Ok(()) => {
                    outbox::mark_delivered(conn, message.id, now)?;
                    delivered += 1;
                }
                Err(error) => {
                    tracing::warn!(outbox_id = message.id, attempts = message.attempts + 1, %error, "outbox delivery failed");
                    outbox::mark_failed(conn, message.id, now + retry_delay(message.attempts), &error.to_string())?;
                }
            }
        }
        Ok(delivered)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_exponentially_up_to_an_hour() {
        assert_eq!(retry_delay(0), Duration::seconds(10));
        assert_eq!(retry_delay(1), Duration::seconds(20));
        assert_eq!(retry_delay(3), Duration::seconds(80));
        assert_eq!(retry_delay(20), Duration::seconds(3600));
    }
}
