//! Single-use email verification tokens (stored hashed).

use crate::schema::email_verification_tokens as tokens;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = tokens, check_for_backend(diesel::pg::Pg))]
pub struct VerificationToken {
    pub token_hash: Vec<u8>,
    pub user_id: Uuid,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub used_at: Option<DateTime<Utc>>,
}

pub fn insert(
    conn: &mut PgConnection,
    token_hash: &[u8],
    user_id: Uuid,
    created_at: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> QueryResult<()> {
    diesel::insert_into(tokens::table)
        .values((
            tokens::token_hash.eq(token_hash),
            tokens::user_id.eq(user_id),
            tokens::created_at.eq(created_at),
            tokens::expires_at.eq(expires_at),
        ))
        .execute(conn)
        .map(drop)
}

/// Consumes an unused token atomically: at most one caller gets it back.
pub fn consume(
    conn: &mut PgConnection,
    token_hash: &[u8],
    now: DateTime<Utc>,
) -> QueryResult<Option<VerificationToken>> {
    diesel::update(
        tokens::table
            .find(token_hash)
            .filter(tokens::used_at.is_null())
            .filter(tokens::expires_at.gt(now)),
    )
    .set(tokens::used_at.eq(now))
    .returning(VerificationToken::as_returning())
    .get_result(conn)
    .optional()
}
