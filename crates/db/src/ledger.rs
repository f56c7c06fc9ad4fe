//! The ledger in PostgreSQL: accounts, balances kept under row locks, append-only
//! transactions and entries, and the whole-ledger verification.

use crate::schema::{ledger_accounts, ledger_balances, ledger_entries, ledger_transactions};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};
use rust_decimal::Decimal;
use uuid::Uuid;
use worklane_domain::ledger::{AccountKind, Posting};
use worklane_domain::money::Currency;

/// The account of `kind` for `owner` (None: the platform's own), created on first use.
pub fn account(
    conn: &mut PgConnection,
    kind: AccountKind,
    owner: Option<Uuid>,
    currency: Currency,
    now: DateTime<Utc>,
) -> QueryResult<Uuid> {
    let find = |conn: &mut PgConnection| {
        let mut query = ledger_accounts::table
            .filter(ledger_accounts::kind.eq(kind.as_str()))
            .filter(ledger_accounts::currency.eq(currency.code()))
            .select(ledger_accounts::id)
            .into_boxed();
        query = match owner {
            Some(owner) => query.filter(ledger_accounts::owner_id.eq(owner)),
            None => query.filter(ledger_accounts::owner_id.is_null()),
        };
        query.first::<Uuid>(conn).optional()
    };
    if let Some(id) = find(conn)? {
        return Ok(id);
    }
    let id = Uuid::now_v7();
    let inserted = diesel::insert_into(ledger_accounts::table)
        .values((
            ledger_accounts::id.eq(id),
            ledger_accounts::kind.eq(kind.as_str()),
            ledger_accounts::owner_id.eq(owner),
            ledger_accounts::currency.eq(currency.code()),
            ledger_accounts::allow_negative.eq(kind.may_go_negative()),
            ledger_accounts::created_at.eq(now),
        ))
        .on_conflict_do_nothing()
        .execute(conn)?;
    if inserted == 1 {
        diesel::insert_into(ledger_balances::table)
            .values((
                ledger_balances::account_id.eq(id),
                ledger_balances::allow_negative.eq(kind.may_go_negative()),
            ))
            .execute(conn)?;
        return Ok(id);
    }
    // Another transaction created it first.
    find(conn)?.ok_or(diesel::result::Error::NotFound)
}

pub fn balance(conn: &mut PgConnection, account_id: Uuid) -> QueryResult<Decimal> {
    ledger_balances::table
        .find(account_id)
        .select(ledger_balances::balance)
        .first(conn)
}

/// Writes one balanced transaction (checked by the caller and again by the database
/// at commit). Balances are locked in account-id order, so concurrent transactions
/// over the same accounts queue instead of deadlocking; a balance that would go
/// negative fails the `ledger_balances_not_negative` check and nothing is written.
pub fn post(
    conn: &mut PgConnection,
    kind: &str,
    subject_id: Option<Uuid>,
    memo: &str,
    postings: &[Posting<Uuid>],
    now: DateTime<Utc>,
) -> QueryResult<Uuid> {
    conn.transaction(|conn| {
        let mut accounts: Vec<Uuid> = postings.iter().map(|p| p.account).collect();
        accounts.sort();
        accounts.dedup();
        ledger_balances::table
            .filter(ledger_balances::account_id.eq_any(&accounts))
            .order(ledger_balances::account_id)
            .select(ledger_balances::account_id)
            .for_update()
            .load::<Uuid>(conn)?;
        let id = Uuid::now_v7();
        diesel::insert_into(ledger_transactions::table)
            .values((
                ledger_transactions::id.eq(id),
                ledger_transactions::kind.eq(kind),
                ledger_transactions::subject_id.eq(subject_id),
                ledger_transactions::memo.eq(memo),
                ledger_transactions::created_at.eq(now),
            ))
            .execute(conn)?;
        let entries: Vec<_> = postings
            .iter()
            .map(|p| {
                (
                    ledger_entries::transaction_id.eq(id),
                    ledger_entries::account_id.eq(p.account),
                    ledger_entries::amount.eq(p.amount),
                    ledger_entries::currency.eq(p.currency.code()),
                    ledger_entries::created_at.eq(now),
                )
            })
            .collect();
        diesel::insert_into(ledger_entries::table)
            .values(&entries)
            .execute(conn)?;
        for posting in postings {
            diesel::update(ledger_balances::table.find(posting.account))
                .set(ledger_balances::balance.eq(ledger_balances::balance + posting.amount))
                .execute(conn)?;
        }
        Ok(id)
    })
}

#[derive(QueryableByName)]
struct Breach {
    #[diesel(sql_type = Text)]
    breach: String,
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// Every ledger invariant, checked over the whole ledger; each breach described.
pub fn verify(conn: &mut PgConnection) -> QueryResult<Vec<String>> {
    let checks = [
        "SELECT 'transaction ' || transaction_id || ' is unbalanced by ' || sum(amount) || ' ' || currency AS breach \
         FROM ledger_entries GROUP BY transaction_id, currency HAVING sum(amount) <> 0",
        "SELECT 'transaction ' || t.id || ' has no entries' AS breach FROM ledger_transactions t \
         WHERE NOT EXISTS (SELECT 1 FROM ledger_entries e WHERE e.transaction_id = t.id)",
        "SELECT 'account ' || b.account_id || ' balance ' || b.balance || ' differs from its entries ' || coalesce(e.total, 0) AS breach \
         FROM ledger_balances b LEFT JOIN (SELECT account_id, sum(amount) AS total FROM ledger_entries GROUP BY account_id) e \
         ON e.account_id = b.account_id WHERE b.balance <> coalesce(e.total, 0)",
        "SELECT 'account ' || b.account_id || ' (' || a.kind || ') is negative: ' || b.balance AS breach \
         FROM ledger_balances b JOIN ledger_accounts a ON a.id = b.account_id WHERE b.balance < 0 AND NOT a.allow_negative",
        "SELECT 'account ' || a.id || ' has no balance row' AS breach FROM ledger_accounts a \
         WHERE NOT EXISTS (SELECT 1 FROM ledger_balances b WHERE b.account_id = a.id)",
        "SELECT 'account ' || b.account_id || ' balance row disagrees on allow_negative' AS breach \
         FROM ledger_balances b JOIN ledger_accounts a ON a.id = b.account_id WHERE a.allow_negative <> b.allow_negative",
    ];
    let mut breaches = Vec::new();
    for sql in checks {
        breaches.extend(
            diesel::sql_query(sql)
                .load::<Breach>(conn)?
                .into_iter()
                .map(|b| b.breach),
        );
    }
    Ok(breaches)
}

pub fn transaction_count(conn: &mut PgConnection) -> QueryResult<i64> {
    diesel::sql_query("SELECT count(*) AS n FROM ledger_transactions")
        .get_result::<Count>(conn)
        .map(|c| c.n)
}

/// The marketplace fee charged when `subject_id` was funded: what went into the
/// platform-fee account by `marketplace_fee` transactions about it.
pub fn marketplace_fee_charged(conn: &mut PgConnection, subject_id: Uuid) -> QueryResult<Decimal> {
    use crate::schema::ledger_accounts;
    let sum: Option<Decimal> = ledger_entries::table
        .inner_join(ledger_transactions::table)
        .inner_join(ledger_accounts::table)
        .filter(ledger_transactions::kind.eq("marketplace_fee"))
        .filter(ledger_transactions::subject_id.eq(subject_id))
        .filter(ledger_accounts::kind.eq("platform_fees"))
        .select(diesel::dsl::sum(ledger_entries::amount))
        .first(conn)?;
    Ok(sum.unwrap_or_default())
}

/// What went into escrow for `subject_id` by `escrow_funding` transactions.
pub fn escrow_funded(conn: &mut PgConnection, subject_id: Uuid) -> QueryResult<Decimal> {
    use crate::schema::ledger_accounts;
    let sum: Option<Decimal> = ledger_entries::table
        .inner_join(ledger_transactions::table)
        .inner_join(ledger_accounts::table)
        .filter(ledger_transactions::kind.eq("escrow_funding"))
        .filter(ledger_transactions::subject_id.eq(subject_id))
        .filter(ledger_accounts::kind.eq("contract_escrow"))
        .select(diesel::dsl::sum(ledger_entries::amount))
        .first(conn)?;
    Ok(sum.unwrap_or_default())
}
