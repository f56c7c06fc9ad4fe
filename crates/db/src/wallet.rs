//! A user's view of the ledger: balances, history lines, yearly totals; escrow
//! accounts and released money waiting out its security period.

use crate::schema::{
    ledger_accounts, ledger_balances, ledger_entries, ledger_transactions, pending_releases,
};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use rust_decimal::Decimal;
use uuid::Uuid;
use worklane_domain::ledger::AccountKind;
use worklane_domain::money::Currency;

/// The user-facing kinds of account, and which wallet figure each one counts in.
pub const WALLET_ACCOUNTS: [(&str, &str); 3] = [
    ("client_funding", "available"),
    ("freelancer_available", "available"),
    ("freelancer_pending", "pending"),
];

pub fn figure_of(kind: &str) -> &'static str {
    WALLET_ACCOUNTS
        .iter()
        .find(|(k, _)| *k == kind)
        .map_or("escrow", |(_, figure)| figure)
}

/// Balances of the user's own accounts by kind, and the escrow they funded.
pub fn balances(
    conn: &mut PgConnection,
    user_id: Uuid,
) -> QueryResult<(Vec<(String, Decimal)>, Decimal)> {
    let own: Vec<(String, Decimal)> = ledger_accounts::table
        .inner_join(ledger_balances::table)
        .filter(ledger_accounts::owner_id.eq(user_id))
        .select((ledger_accounts::kind, ledger_balances::balance))
        .load(conn)?;
    let escrow: Option<Decimal> = ledger_accounts::table
        .inner_join(ledger_balances::table)
        .filter(ledger_accounts::party_id.eq(user_id))
        .filter(ledger_accounts::kind.eq(AccountKind::ContractEscrow.as_str()))
        .select(diesel::dsl::sum(ledger_balances::balance))
        .first(conn)?;
    Ok((own, escrow.unwrap_or_default()))
}

/// The escrow account for one milestone or invoice, funded by `client_id`.
pub fn escrow_account(
    conn: &mut PgConnection,
    subject_id: Uuid,
    client_id: Uuid,
    currency: Currency,
    now: DateTime<Utc>,
) -> QueryResult<Uuid> {
    let id = crate::ledger::account(
        conn,
        AccountKind::ContractEscrow,
        Some(subject_id),
        currency,
        now,
    )?;
    diesel::update(ledger_accounts::table.find(id))
        .filter(ledger_accounts::party_id.is_null())
        .set(ledger_accounts::party_id.eq(client_id))
        .execute(conn)?;
    Ok(id)
}

/// One line of a user's history: an entry on one of their accounts.
#[derive(Debug, Clone, Queryable)]
pub struct Line {
    pub entry_id: i64,
    pub transaction_id: Uuid,
    pub kind: String,
    pub memo: String,
    pub subject_id: Option<Uuid>,
    pub account_kind: String,
    pub amount: Decimal,
    pub currency: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Default)]
pub struct LineFilter {
    pub kinds: Vec<String>,
    pub from: Option<DateTime<Utc>>,
    pub before: Option<DateTime<Utc>>,
    /// Keyset: lines strictly older than this (created_at, entry id).
    pub after: Option<(DateTime<Utc>, i64)>,
}

/// The user's lines, newest first.
pub fn lines(
    conn: &mut PgConnection,
    user_id: Uuid,
    filter: &LineFilter,
    limit: i64,
) -> QueryResult<Vec<Line>> {
    let own: Vec<&str> = WALLET_ACCOUNTS.iter().map(|(k, _)| *k).collect();
    let mut query = ledger_entries::table
        .inner_join(ledger_transactions::table)
        .inner_join(ledger_accounts::table)
        .filter(ledger_accounts::owner_id.eq(user_id))
        .filter(ledger_accounts::kind.eq_any(own))
        .order((ledger_entries::created_at.desc(), ledger_entries::id.desc()))
        .limit(limit)
        .select((
            ledger_entries::id,
            ledger_entries::transaction_id,
            ledger_transactions::kind,
            ledger_transactions::memo,
            ledger_transactions::subject_id,
            ledger_accounts::kind,
            ledger_entries::amount,
            ledger_entries::currency,
            ledger_entries::created_at,
        ))
        .into_boxed();
    if !filter.kinds.is_empty() {
        query = query.filter(ledger_transactions::kind.eq_any(filter.kinds.clone()));
    }
    if let Some(from) = filter.from {
        query = query.filter(ledger_entries::created_at.ge(from));
    }
    if let Some(before) = filter.before {
        query = query.filter(ledger_entries::created_at.lt(before));
    }
    if let Some((at, id)) = filter.after {
        query = query.filter(
            ledger_entries::created_at
                .lt(at)
                .or(ledger_entries::created_at
                    .eq(at)
                    .and(ledger_entries::id.lt(id))),
        );
    }
    query.load(conn)
}

/// Sums of the user's lines by transaction kind over a period.
pub fn totals_by_kind(
    conn: &mut PgConnection,
    user_id: Uuid,
    from: DateTime<Utc>,
    before: DateTime<Utc>,
) -> QueryResult<Vec<(String, Option<Decimal>)>> {
    let own: Vec<&str> = WALLET_ACCOUNTS.iter().map(|(k, _)| *k).collect();
    ledger_entries::table
        .inner_join(ledger_transactions::table)
        .inner_join(ledger_accounts::table)
        .filter(ledger_accounts::owner_id.eq(user_id))
        .filter(ledger_accounts::kind.eq_any(own))
        .filter(ledger_entries::created_at.ge(from))
        .filter(ledger_entries::created_at.lt(before))
        .group_by(ledger_transactions::kind)
        .select((
            ledger_transactions::kind,
            diesel::dsl::sum(ledger_entries::amount),
        ))
        .load(conn)
}

/// Released money entering its security period.
pub fn add_pending_release(
    conn: &mut PgConnection,
    freelancer_id: Uuid,
    amount: Decimal,
    currency: Currency,
    subject_id: Option<Uuid>,
    available_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> QueryResult<()> {
    diesel::insert_into(pending_releases::table)
        .values((
            pending_releases::id.eq(Uuid::now_v7()),
            pending_releases::freelancer_id.eq(freelancer_id),
            pending_releases::amount.eq(amount),
            pending_releases::currency.eq(currency.code()),
            pending_releases::subject_id.eq(subject_id),
            pending_releases::available_at.eq(available_at),
            pending_releases::created_at.eq(now),
        ))
        .execute(conn)
        .map(drop)
}

/// A release whose security period is over: (id, freelancer, amount, subject).
pub type DueRelease = (Uuid, Uuid, Decimal, Option<Uuid>);

/// Releases whose security period is over, locked (others' are skipped).
pub fn claim_due_releases(
    conn: &mut PgConnection,
    now: DateTime<Utc>,
    limit: i64,
) -> QueryResult<Vec<DueRelease>> {
    pending_releases::table
        .filter(pending_releases::moved_at.is_null())
        .filter(pending_releases::available_at.le(now))
        .order(pending_releases::available_at)
        .limit(limit)
        .select((
            pending_releases::id,
            pending_releases::freelancer_id,
            pending_releases::amount,
            pending_releases::subject_id,
        ))
        .for_update()
        .skip_locked()
        .load(conn)
}

pub fn mark_release_moved(
    conn: &mut PgConnection,
    id: Uuid,
    now: DateTime<Utc>,
) -> QueryResult<()> {
    diesel::update(pending_releases::table.find(id))
        .set(pending_releases::moved_at.eq(now))
        .execute(conn)
        .map(drop)
}
