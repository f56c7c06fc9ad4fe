//! The transactional outbox: side effects (emails now, webhooks later) are written in
//! the same transaction as their cause and delivered afterwards by the worker.

use crate::schema::outbox;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = outbox, check_for_backend(diesel::pg::Pg))]
pub struct OutboxMessage {
    pub id: i64,
    pub kind: String,
    pub payload: serde_json::Value,
    pub created_at: DateTime<Utc>,
    pub available_at: DateTime<Utc>,
    pub attempts: i32,
    pub delivered_at: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Email {
    pub to: String,
    pub subject: String,
    pub text_body: String,
}

pub const KIND_EMAIL: &str = "email";

pub fn enqueue_email(
    conn: &mut PgConnection,
    email: &Email,
    now: DateTime<Utc>,
) -> QueryResult<i64> {
    let payload = serde_json::to_value(email)
        .map_err(|e| diesel::result::Error::SerializationError(Box::new(e)))?;
    diesel::insert_into(outbox::table)
        .values((
            outbox::kind.eq(KIND_EMAIL),
            outbox::payload.eq(payload),
            outbox::created_at.eq(now),
            outbox::available_at.eq(now),
        ))
        .returning(outbox::id)
        .get_result(conn)
}

/// Due, undelivered emails, oldest first, locked for this transaction. Rows another
/// worker (on this or another server instance) holds are skipped, never delivered twice.
pub fn claim_due(
    conn: &mut PgConnection,
    now: DateTime<Utc>,
    limit: i64,
) -> QueryResult<Vec<OutboxMessage>> {
    outbox::table
        .filter(outbox::kind.eq(KIND_EMAIL))
        .filter(outbox::delivered_at.is_null())
        .filter(outbox::available_at.le(now))
        .order((outbox::available_at, outbox::id))
        .limit(limit)
        .select(OutboxMessage::as_select())
        .for_update()
        .skip_locked()
        .load(conn)
}

pub fn mark_delivered(conn: &mut PgConnection, id: i64, now: DateTime<Utc>) -> QueryResult<()> {
    diesel::update(outbox::table.find(id))
        .set((
            outbox::delivered_at.eq(now),
            outbox::attempts.eq(outbox::attempts + 1),
            outbox::last_error.eq(None::<String>),
        ))
        .execute(conn)
        .map(drop)
}

pub fn mark_failed(
    conn: &mut PgConnection,
    id: i64,
    retry_at: DateTime<Utc>,
    error: &str,
) -> QueryResult<()> {
    diesel::update(outbox::table.find(id))
        .set((
            outbox::attempts.eq(outbox::attempts + 1),
            outbox::available_at.eq(retry_at),
            outbox::last_error.eq(error),
        ))
        .execute(conn)
        .map(drop)
}
