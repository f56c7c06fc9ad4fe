//! Withdrawal methods (sandbox bank accounts) and withdrawals.

use crate::schema::{withdrawal_methods, withdrawals};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use rust_decimal::Decimal;
use uuid::Uuid;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = withdrawal_methods, check_for_backend(diesel::pg::Pg))]
pub struct WithdrawalMethod {
    pub id: Uuid,
    pub user_id: Uuid,
    pub gateway_token: String,
    pub account_holder: String,
    pub bank_last4: String,
    pub usable_from: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    pub removed_at: Option<DateTime<Utc>>,
}

pub fn insert_method(conn: &mut PgConnection, method: &WithdrawalMethod) -> QueryResult<()> {
    diesel::insert_into(withdrawal_methods::table)
        .values(method)
        .execute(conn)
        .map(drop)
}

pub fn methods_of(conn: &mut PgConnection, user_id: Uuid) -> QueryResult<Vec<WithdrawalMethod>> {
    withdrawal_methods::table
        .filter(withdrawal_methods::user_id.eq(user_id))
        .filter(withdrawal_methods::removed_at.is_null())
        .order(withdrawal_methods::created_at.desc())
        .select(WithdrawalMethod::as_select())
        .load(conn)
}

/// The user's own current method; `None` for another user's or a removed one.
pub fn own_method(
    conn: &mut PgConnection,
    user_id: Uuid,
    id: Uuid,
) -> QueryResult<Option<WithdrawalMethod>> {
    withdrawal_methods::table
        .find(id)
        .filter(withdrawal_methods::user_id.eq(user_id))
        .filter(withdrawal_methods::removed_at.is_null())
        .select(WithdrawalMethod::as_select())
        .first(conn)
        .optional()
}

pub fn remove_method(
    conn: &mut PgConnection,
    user_id: Uuid,
    id: Uuid,
    now: DateTime<Utc>,
) -> QueryResult<bool> {
    diesel::update(
        withdrawal_methods::table
            .find(id)
            .filter(withdrawal_methods::user_id.eq(user_id))
            .filter(withdrawal_methods::removed_at.is_null()),
    )
    .set(withdrawal_methods::removed_at.eq(now))
    .execute(conn)
    .map(|n| n == 1)
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = withdrawals, check_for_backend(diesel::pg::Pg))]
pub struct Withdrawal {
    pub id: Uuid,
    pub user_id: Uuid,
    pub withdrawal_method_id: Uuid,
    pub amount: Decimal,
    pub fee: Decimal,
    pub currency: String,
    pub status: String,
    pub created_at: DateTime<Utc>,
    pub settled_at: Option<DateTime<Utc>>,
}

pub fn insert(conn: &mut PgConnection, withdrawal: &Withdrawal) -> QueryResult<()> {
    diesel::insert_into(withdrawals::table)
        .values(withdrawal)
        .execute(conn)
        .map(drop)
}

/// The user's withdrawals, newest first, after a keyset position.
pub fn list_for_user(
    conn: &mut PgConnection,
    user_id: Uuid,
    after: Option<(DateTime<Utc>, Uuid)>,
    limit: i64,
) -> QueryResult<Vec<Withdrawal>> {
    let mut query = withdrawals::table
        .filter(withdrawals::user_id.eq(user_id))
        .order((withdrawals::created_at.desc(), withdrawals::id.desc()))
        .limit(limit)
        .select(Withdrawal::as_select())
        .into_boxed();
    if let Some((at, id)) = after {
        query = query.filter(
            withdrawals::created_at
                .lt(at)
                .or(withdrawals::created_at.eq(at).and(withdrawals::id.lt(id))),
        );
    }
    query.load(conn)
}

/// Withdrawals waiting for the bank, locked (others' are skipped), with the token
/// of the account they go to.
pub fn claim_processing(
    conn: &mut PgConnection,
    limit: i64,
) -> QueryResult<Vec<(Withdrawal, String)>> {
    withdrawals::table
        .inner_join(withdrawal_methods::table)
        .filter(withdrawals::status.eq("processing"))
        // A suspended freelancer's payouts are held until an admin reinstates them.
        .filter(diesel::dsl::sql::<diesel::sql_types::Bool>(
            "NOT EXISTS (SELECT 1 FROM users u WHERE u.id = withdrawals.user_id AND u.suspended_at IS NOT NULL)",
        ))
        .order(withdrawals::created_at)
        .limit(limit)
        .select((Withdrawal::as_select(), withdrawal_methods::gateway_token))
        .for_update()
        .skip_locked()
        .load(conn)
}

pub fn settle(
    conn: &mut PgConnection,
    id: Uuid,
    status: &str,
    now: DateTime<Utc>,
) -> QueryResult<()> {
    diesel::update(withdrawals::table.find(id))
        .set((
            withdrawals::status.eq(status),
            withdrawals::settled_at.eq(now),
        ))
        .execute(conn)
        .map(drop)
}
