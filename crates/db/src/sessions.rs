//! Sessions are refresh-token families. Every refresh token belongs to one; rotation
//! marks the presented token used and issues its successor in the same family.

use crate::schema::{refresh_tokens, sessions, users};
use crate::users::User;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = sessions, check_for_backend(diesel::pg::Pg))]
pub struct Session {
    pub id: Uuid,
    pub user_id: Uuid,
    pub created_at: DateTime<Utc>,
    pub last_used_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub revoke_reason: Option<String>,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = sessions)]
pub struct NewSession<'a> {
    pub id: Uuid,
    pub user_id: Uuid,
    pub created_at: DateTime<Utc>,
    pub last_used_at: DateTime<Utc>,
    pub ip: Option<&'a str>,
    pub user_agent: Option<&'a str>,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = refresh_tokens, check_for_backend(diesel::pg::Pg))]
pub struct RefreshToken {
    pub token_hash: Vec<u8>,
    pub session_id: Uuid,
    pub issued_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub used_at: Option<DateTime<Utc>>,
}

pub fn create(conn: &mut PgConnection, session: &NewSession<'_>) -> QueryResult<()> {
    diesel::insert_into(sessions::table)
        .values(session)
        .execute(conn)
        .map(drop)
}

pub fn issue_refresh_token(
    conn: &mut PgConnection,
    session_id: Uuid,
    token_hash: &[u8],
    issued_at: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> QueryResult<()> {
    diesel::insert_into(refresh_tokens::table)
        .values((
            refresh_tokens::token_hash.eq(token_hash),
            refresh_tokens::session_id.eq(session_id),
            refresh_tokens::issued_at.eq(issued_at),
            refresh_tokens::expires_at.eq(expires_at),
        ))
        .execute(conn)
        .map(drop)
}

/// The refresh token with its session, locked for the rest of the transaction so two
/// concurrent refreshes of one token cannot both succeed.
pub fn lock_refresh_token(
    conn: &mut PgConnection,
    token_hash: &[u8],
) -> QueryResult<Option<(RefreshToken, Session)>> {
    refresh_tokens::table
        .inner_join(sessions::table)
        .filter(refresh_tokens::token_hash.eq(token_hash))
        .select((RefreshToken::as_select(), Session::as_select()))
        .for_update()
        .first(conn)
        .optional()
}

pub fn mark_refresh_token_used(
    conn: &mut PgConnection,
    token_hash: &[u8],
    at: DateTime<Utc>,
) -> QueryResult<()> {
    diesel::update(refresh_tokens::table.find(token_hash))
        .set(refresh_tokens::used_at.eq(at))
        .execute(conn)
        .map(drop)
}

pub fn touch(conn: &mut PgConnection, session_id: Uuid, at: DateTime<Utc>) -> QueryResult<()> {
    diesel::update(sessions::table.find(session_id))
        .set(sessions::last_used_at.eq(at))
        .execute(conn)
        .map(drop)
}

/// Ends the whole family; a no-op on a session that is already revoked.
pub fn revoke(
    conn: &mut PgConnection,
    session_id: Uuid,
    at: DateTime<Utc>,
    reason: &str,
) -> QueryResult<()> {
    diesel::update(
        sessions::table
            .find(session_id)
            .filter(sessions::revoked_at.is_null()),
    )
    .set((
        sessions::revoked_at.eq(at),
        sessions::revoke_reason.eq(reason),
    ))
    .execute(conn)
    .map(drop)
}

/// Ends every live session of the user (signing out everywhere); returns how many.
pub fn revoke_all(
    conn: &mut PgConnection,
    user_id: Uuid,
    at: DateTime<Utc>,
    reason: &str,
) -> QueryResult<usize> {
    diesel::update(
        sessions::table
            .filter(sessions::user_id.eq(user_id))
            .filter(sessions::revoked_at.is_null()),
    )
    .set((
        sessions::revoked_at.eq(at),
        sessions::revoke_reason.eq(reason),
    ))
    .execute(conn)
}

/// The user behind an access token, provided its session is still live.
pub fn find_live_user(
    conn: &mut PgConnection,
    session_id: Uuid,
    user_id: Uuid,
) -> QueryResult<Option<User>> {
    sessions::table
        .inner_join(users::table)
        .filter(sessions::id.eq(session_id))
        .filter(sessions::user_id.eq(user_id))
        .filter(sessions::revoked_at.is_null())
        .select(User::as_select())
        .first(conn)
        .optional()
}

/// The user's live sessions (signed-in browsers and devices), most recently used first.
pub fn live_of(conn: &mut PgConnection, user_id: Uuid) -> QueryResult<Vec<Session>> {
    sessions::table
        .filter(sessions::user_id.eq(user_id))
        .filter(sessions::revoked_at.is_null())
        .order(sessions::last_used_at.desc())
        .limit(100)
        .select(Session::as_select())
        .load(conn)
}

/// Revokes one of the user's live sessions; `false` when they have no such session.
pub fn revoke_own(
    conn: &mut PgConnection,
    user_id: Uuid,
    session_id: Uuid,
    at: DateTime<Utc>,
) -> QueryResult<bool> {
    let n = diesel::update(
        sessions::table
            .find(session_id)
            .filter(sessions::user_id.eq(user_id))
            .filter(sessions::revoked_at.is_null()),
    )
    .set((
        sessions::revoked_at.eq(at),
        sessions::revoke_reason.eq("signed_out_remotely"),
    ))
    .execute(conn)?;
    Ok(n == 1)
}
