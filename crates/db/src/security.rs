//! Two-factor secrets and recovery codes, and personal access tokens.

use crate::schema::{
    personal_access_tokens as pats, totp_recovery_codes as codes, user_totp, users,
};
use crate::users::User;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = user_totp, check_for_backend(diesel::pg::Pg))]
pub struct Totp {
    pub user_id: Uuid,
    pub secret: String,
    pub created_at: DateTime<Utc>,
    pub enabled_at: Option<DateTime<Utc>>,
    pub last_used_step: Option<i64>,
}

pub fn find_totp(conn: &mut PgConnection, user_id: Uuid) -> QueryResult<Option<Totp>> {
    user_totp::table
        .find(user_id)
        .select(Totp::as_select())
        .first(conn)
        .optional()
}

pub fn lock_totp(conn: &mut PgConnection, user_id: Uuid) -> QueryResult<Option<Totp>> {
    user_totp::table
        .find(user_id)
        .select(Totp::as_select())
        .for_update()
        .first(conn)
        .optional()
}

/// Starts (or restarts) an enrolment with a new secret; not yet enabled.
pub fn start_enrolment(
    conn: &mut PgConnection,
    user_id: Uuid,
    secret: &str,
    now: DateTime<Utc>,
) -> QueryResult<()> {
    diesel::insert_into(user_totp::table)
        .values((
            user_totp::user_id.eq(user_id),
            user_totp::secret.eq(secret),
            user_totp::created_at.eq(now),
        ))
        .on_conflict(user_totp::user_id)
        .do_update()
        .set((
            user_totp::secret.eq(secret),
            user_totp::created_at.eq(now),
            user_totp::enabled_at.eq(None::<DateTime<Utc>>),
            user_totp::last_used_step.eq(None::<i64>),
        ))
        .execute(conn)
        .map(drop)
}

pub fn enable(
    conn: &mut PgConnection,
    user_id: Uuid,
    step: i64,
    now: DateTime<Utc>,
) -> QueryResult<()> {
    diesel::update(user_totp::table.find(user_id))
        .set((
            user_totp::enabled_at.eq(now),
            user_totp::last_used_step.eq(step),
        ))
        .execute(conn)
        .map(drop)
}

pub fn use_step(conn: &mut PgConnection, user_id: Uuid, step: i64) -> QueryResult<()> {
    diesel::update(user_totp::table.find(user_id))
        .set(user_totp::last_used_step.eq(step))
        .execute(conn)
        .map(drop)
}

/// Turns two-factor off: the secret and every recovery code go.
pub fn remove(conn: &mut PgConnection, user_id: Uuid) -> QueryResult<()> {
    diesel::delete(codes::table.filter(codes::user_id.eq(user_id))).execute(conn)?;
    diesel::delete(user_totp::table.find(user_id))
        .execute(conn)
        .map(drop)
}

/// Replaces the user's recovery codes.
pub fn replace_recovery_codes(
    conn: &mut PgConnection,
    user_id: Uuid,
    hashes: &[Vec<u8>],
) -> QueryResult<()> {
    diesel::delete(codes::table.filter(codes::user_id.eq(user_id))).execute(conn)?;
    let rows: Vec<_> = hashes
        .iter()
        .map(|h| (codes::user_id.eq(user_id), codes::code_hash.eq(h)))
        .collect();
    diesel::insert_into(codes::table)
        .values(&rows)
        .execute(conn)
        .map(drop)
}

/// Spends a recovery code; `false` when it is unknown or already used.
pub fn use_recovery_code(
    conn: &mut PgConnection,
    user_id: Uuid,
    hash: &[u8],
    now: DateTime<Utc>,
) -> QueryResult<bool> {
    let n = diesel::update(
        codes::table
            .filter(codes::user_id.eq(user_id))
            .filter(codes::code_hash.eq(hash))
            .filter(codes::used_at.is_null()),
    )
    .set(codes::used_at.eq(now))
    .execute(conn)?;
    Ok(n == 1)
}

pub fn recovery_codes_left(conn: &mut PgConnection, user_id: Uuid) -> QueryResult<i64> {
    codes::table
        .filter(codes::user_id.eq(user_id))
        .filter(codes::used_at.is_null())
        .count()
        .get_result(conn)
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = pats, check_for_backend(diesel::pg::Pg))]
pub struct AccessToken {
    pub id: Uuid,
    pub user_id: Uuid,
    pub name: String,
    pub token_hash: Vec<u8>,
    pub prefix: String,
    pub scopes: Vec<String>,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub expires_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

pub fn insert_token(conn: &mut PgConnection, token: &AccessToken) -> QueryResult<()> {
    diesel::insert_into(pats::table)
        .values(token)
        .execute(conn)
        .map(drop)
}

/// The token with this hash and its owner.
pub fn token_by_hash(
    conn: &mut PgConnection,
    hash: &[u8],
) -> QueryResult<Option<(AccessToken, User)>> {
    pats::table
        .inner_join(users::table)
        .filter(pats::token_hash.eq(hash))
        .select((AccessToken::as_select(), User::as_select()))
        .first(conn)
        .optional()
}

/// Records a use, at most once a minute per token.
pub fn touch_token(conn: &mut PgConnection, id: Uuid, now: DateTime<Utc>) -> QueryResult<()> {
    diesel::update(
        pats::table.find(id).filter(
            pats::last_used_at
                .is_null()
                .or(pats::last_used_at.lt(now - chrono::Duration::minutes(1))),
        ),
    )
    .set(pats::last_used_at.eq(now))
    .execute(conn)
    .map(drop)
}

/// The user's tokens, newest first (revoked ones included, marked).
pub fn tokens_of(conn: &mut PgConnection, user_id: Uuid) -> QueryResult<Vec<AccessToken>> {
    pats::table
        .filter(pats::user_id.eq(user_id))
        .order((pats::created_at.desc(), pats::id.desc()))
        .select(AccessToken::as_select())
        .limit(200)
        .load(conn)
}

pub fn live_token_count(
    conn: &mut PgConnection,
    user_id: Uuid,
    now: DateTime<Utc>,
) -> QueryResult<i64> {
    pats::table
        .filter(pats::user_id.eq(user_id))
        .filter(pats::revoked_at.is_null())
        .filter(pats::expires_at.is_null().or(pats::expires_at.gt(now)))
        .count()
        .get_result(conn)
}

/// Revokes one of the user's tokens; `false` when they have no such live token.
pub fn revoke_token(
    conn: &mut PgConnection,
    user_id: Uuid,
    id: Uuid,
    now: DateTime<Utc>,
) -> QueryResult<bool> {
    let n = diesel::update(
        pats::table
            .find(id)
            .filter(pats::user_id.eq(user_id))
            .filter(pats::revoked_at.is_null()),
    )
    .set(pats::revoked_at.eq(now))
    .execute(conn)?;
    Ok(n == 1)
}

pub fn token_exists(conn: &mut PgConnection, user_id: Uuid, id: Uuid) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        pats::table.find(id).filter(pats::user_id.eq(user_id)),
    ))
    .get_result(conn)
}
