//! The Connects ledger: one account row per freelancer (locked for every change),
//! bought lots with their expiry, and the append-only lines.

use crate::schema::{connects_accounts, connects_lines, connects_lots};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = connects_accounts, check_for_backend(diesel::pg::Pg))]
pub struct ConnectsAccount {
    pub user_id: Uuid,
    pub balance: i32,
    pub granted: i32,
    pub plan: String,
    pub next_grant_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = connects_lots, check_for_backend(diesel::pg::Pg))]
pub struct Lot {
    pub id: Uuid,
    pub user_id: Uuid,
    pub bought: i32,
    pub remaining: i32,
    pub expires_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = connects_lines, check_for_backend(diesel::pg::Pg))]
pub struct Line {
    pub id: Uuid,
    pub user_id: Uuid,
    pub kind: String,
    pub amount: i32,
    pub balance_after: i32,
    pub memo: String,
    pub job_id: Option<Uuid>,
    pub proposal_id: Option<Uuid>,
    pub lot_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
}

/// Creates the account (empty, first grant due now) unless it exists.
pub fn open(conn: &mut PgConnection, user_id: Uuid, now: DateTime<Utc>) -> QueryResult<bool> {
    diesel::insert_into(connects_accounts::table)
        .values(&ConnectsAccount {
            user_id,
            balance: 0,
            granted: 0,
            plan: "basic".to_owned(),
            next_grant_at: now,
            created_at: now,
        })
        .on_conflict_do_nothing()
        .execute(conn)
        .map(|n| n == 1)
}

pub fn find(conn: &mut PgConnection, user_id: Uuid) -> QueryResult<Option<ConnectsAccount>> {
    connects_accounts::table
        .find(user_id)
        .select(ConnectsAccount::as_select())
        .first(conn)
        .optional()
}

/// The account under its row lock, for a change.
pub fn lock(conn: &mut PgConnection, user_id: Uuid) -> QueryResult<Option<ConnectsAccount>> {
    connects_accounts::table
        .find(user_id)
        .select(ConnectsAccount::as_select())
        .for_update()
        .first(conn)
        .optional()
}

pub fn save(
    conn: &mut PgConnection,
    user_id: Uuid,
    balance: i32,
    granted: i32,
    next_grant_at: DateTime<Utc>,
) -> QueryResult<()> {
    diesel::update(connects_accounts::table.find(user_id))
        .set((
            connects_accounts::balance.eq(balance),
            connects_accounts::granted.eq(granted),
            connects_accounts::next_grant_at.eq(next_grant_at),
        ))
        .execute(conn)
        .map(drop)
}

pub fn add_line(conn: &mut PgConnection, line: &Line) -> QueryResult<()> {
    diesel::insert_into(connects_lines::table)
        .values(line)
        .execute(conn)
        .map(drop)
}

pub fn add_lot(conn: &mut PgConnection, lot: &Lot) -> QueryResult<()> {
    diesel::insert_into(connects_lots::table)
        .values(lot)
        .execute(conn)
        .map(drop)
}

/// The user's unexpired lots with Connects left, soonest to expire first (locked).
pub fn live_lots(
    conn: &mut PgConnection,
    user_id: Uuid,
    now: DateTime<Utc>,
) -> QueryResult<Vec<Lot>> {
    connects_lots::table
        .filter(connects_lots::user_id.eq(user_id))
        .filter(connects_lots::remaining.gt(0))
        .filter(connects_lots::expires_at.gt(now))
        .order((connects_lots::expires_at, connects_lots::id))
        .select(Lot::as_select())
        .for_update()
        .load(conn)
}

pub fn set_lot_remaining(conn: &mut PgConnection, id: Uuid, remaining: i32) -> QueryResult<()> {
    diesel::update(connects_lots::table.find(id))
        .set(connects_lots::remaining.eq(remaining))
        .execute(conn)
        .map(drop)
}

/// Owners of lots that expired with Connects left, for the worker (which then locks
/// each account before its lots, in the same order spends do).
pub fn owners_of_expired_lots(
    conn: &mut PgConnection,
    now: DateTime<Utc>,
    limit: i64,
) -> QueryResult<Vec<Uuid>> {
    connects_lots::table
        .filter(connects_lots::remaining.gt(0))
        .filter(connects_lots::expires_at.le(now))
        .select(connects_lots::user_id)
        .distinct()
        .limit(limit)
        .load(conn)
}

/// The user's lots that expired with Connects left (locked).
pub fn expired_lots_of(
    conn: &mut PgConnection,
    user_id: Uuid,
    now: DateTime<Utc>,
) -> QueryResult<Vec<Lot>> {
    connects_lots::table
        .filter(connects_lots::user_id.eq(user_id))
        .filter(connects_lots::remaining.gt(0))
        .filter(connects_lots::expires_at.le(now))
        .select(Lot::as_select())
        .for_update()
        .load(conn)
}

/// Accounts whose monthly grant is due, for the worker (skipping locked ones).
pub fn due_grants(
    conn: &mut PgConnection,
    now: DateTime<Utc>,
    limit: i64,
) -> QueryResult<Vec<ConnectsAccount>> {
    connects_accounts::table
        .filter(connects_accounts::next_grant_at.le(now))
        .order(connects_accounts::next_grant_at)
        .limit(limit)
        .select(ConnectsAccount::as_select())
        .for_update()
        .skip_locked()
        .load(conn)
}

/// One page of lines, newest first, after the (time, id) cursor.
pub fn lines(
    conn: &mut PgConnection,
    user_id: Uuid,
    after: Option<(DateTime<Utc>, Uuid)>,
    limit: i64,
) -> QueryResult<Vec<Line>> {
    let mut query = connects_lines::table
        .filter(connects_lines::user_id.eq(user_id))
        .select(Line::as_select())
        .order((connects_lines::created_at.desc(), connects_lines::id.desc()))
        .limit(limit)
        .into_boxed();
    if let Some((at, id)) = after {
        query = query.filter(
            connects_lines::created_at
                .lt(at)
                .or(connects_lines::created_at
                    .eq(at)
                    .and(connects_lines::id.lt(id))),
        );
    }
    query.load(conn)
}

/// The sum of a user's lines (which must equal the account's balance).
pub fn sum_of_lines(conn: &mut PgConnection, user_id: Uuid) -> QueryResult<i64> {
    connects_lines::table
        .filter(connects_lines::user_id.eq(user_id))
        .select(diesel::dsl::sum(connects_lines::amount))
        .first::<Option<i64>>(conn)
        .map(Option::unwrap_or_default)
}

/// Accounts whose balance differs from the sum of their lines (should be none).
pub fn mismatched_accounts(conn: &mut PgConnection) -> QueryResult<Vec<(Uuid, i32, i64)>> {
    #[derive(QueryableByName)]
    struct Row {
        #[diesel(sql_type = diesel::sql_types::Uuid)]
        user_id: Uuid,
        #[diesel(sql_type = diesel::sql_types::Int4)]
        balance: i32,
        #[diesel(sql_type = diesel::sql_types::Int8)]
        lines: i64,
    }
    let rows: Vec<Row> = diesel::sql_query(
        "SELECT a.user_id, a.balance, coalesce(l.total, 0)::int8 AS lines \
         FROM connects_accounts a \
         LEFT JOIN (SELECT user_id, sum(amount) AS total FROM connects_lines GROUP BY user_id) l \
           ON l.user_id = a.user_id \
         WHERE a.balance <> coalesce(l.total, 0)",
    )
    .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|r| (r.user_id, r.balance, r.lines))
        .collect())
}

/// Sets the plan monthly grants follow.
pub fn set_plan(conn: &mut PgConnection, user_id: Uuid, plan: &str) -> QueryResult<()> {
    diesel::update(connects_accounts::table.find(user_id))
        .set(connects_accounts::plan.eq(plan))
        .execute(conn)
        .map(drop)
}
