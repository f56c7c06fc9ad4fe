//! Hourly contracts: time entries, weekly invoices, and contract terms and state.

use crate::hiring::Contract;
use crate::schema::{contracts, invoices, milestones, time_entries};
use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use rust_decimal::Decimal;
use uuid::Uuid;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = time_entries, check_for_backend(diesel::pg::Pg))]
pub struct TimeEntry {
    pub id: Uuid,
    pub contract_id: Uuid,
    pub started_at: DateTime<Utc>,
    pub minutes: i32,
    pub memo: String,
    pub kind: String,
    pub week_start: NaiveDate,
    pub invoice_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = invoices, check_for_backend(diesel::pg::Pg))]
pub struct Invoice {
    pub id: Uuid,
    pub contract_id: Uuid,
    pub week_start: NaiveDate,
    pub logged_minutes: i32,
    pub billed_minutes: i32,
    pub hourly_rate: Decimal,
    pub amount: Decimal,
    pub status: String,
    pub review_until: DateTime<Utc>,
    pub available_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    pub charged_at: Option<DateTime<Utc>>,
    pub released_at: Option<DateTime<Utc>>,
}

pub fn lock_contract(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<Contract>> {
    contracts::table
        .find(id)
        .select(Contract::as_select())
        .for_update()
        .first(conn)
        .optional()
}

pub fn set_terms(
    conn: &mut PgConnection,
    id: Uuid,
    hourly_rate: Option<Decimal>,
    weekly_limit_hours: Option<i32>,
) -> QueryResult<()> {
    diesel::update(contracts::table.find(id))
        .set((
            contracts::hourly_rate.eq(hourly_rate),
            contracts::weekly_limit_hours.eq(weekly_limit_hours),
        ))
        .execute(conn)
        .map(drop)
}

pub fn set_paused(
    conn: &mut PgConnection,
    id: Uuid,
    paused_at: Option<DateTime<Utc>>,
) -> QueryResult<()> {
    let status = if paused_at.is_some() {
        "paused"
    } else {
        "active"
    };
    diesel::update(contracts::table.find(id))
        .set((
            contracts::status.eq(status),
            contracts::paused_at.eq(paused_at),
        ))
        .execute(conn)
        .map(drop)
}

pub fn end(
    conn: &mut PgConnection,
    id: Uuid,
    by: Uuid,
    reason: Option<&str>,
    now: DateTime<Utc>,
) -> QueryResult<()> {
    diesel::update(contracts::table.find(id))
        .set((
            contracts::status.eq("ended"),
            contracts::ended_at.eq(now),
            contracts::ended_by.eq(by),
            contracts::end_reason.eq(reason),
        ))
        .execute(conn)
        .map(drop)
}

/// Money still in motion on a contract: milestones holding escrow, and invoices not
/// yet released or refunded.
pub fn outstanding(conn: &mut PgConnection, contract_id: Uuid) -> QueryResult<(i64, i64)> {
    let held: i64 = milestones::table
        .filter(milestones::contract_id.eq(contract_id))
        .filter(milestones::status.eq_any([
            "funded",
            "submitted",
            "changes_requested",
            "refund_requested",
            "disputed",
        ]))
        .count()
        .get_result(conn)?;
    let open_invoices: i64 = invoices::table
        .filter(invoices::contract_id.eq(contract_id))
        .filter(invoices::status.eq_any(["unpaid", "in_review", "disputed"]))
        .count()
        .get_result(conn)?;
    Ok((held, open_invoices))
}

pub fn insert_entry(conn: &mut PgConnection, entry: &TimeEntry) -> QueryResult<()> {
    diesel::insert_into(time_entries::table)
        .values(entry)
        .execute(conn)
        .map(drop)
}

pub fn lock_entry(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<TimeEntry>> {
    time_entries::table
        .find(id)
        .select(TimeEntry::as_select())
        .for_update()
        .first(conn)
        .optional()
}

pub fn update_entry(
    conn: &mut PgConnection,
    id: Uuid,
    started_at: DateTime<Utc>,
    minutes: i32,
    memo: &str,
    week_start: NaiveDate,
    now: DateTime<Utc>,
) -> QueryResult<()> {
    diesel::update(
        time_entries::table
            .find(id)
            .filter(time_entries::invoice_id.is_null()),
    )
    .set((
        time_entries::started_at.eq(started_at),
        time_entries::minutes.eq(minutes),
        time_entries::memo.eq(memo),
        time_entries::week_start.eq(week_start),
        time_entries::updated_at.eq(now),
    ))
    .execute(conn)
    .map(drop)
}

pub fn delete_entry(conn: &mut PgConnection, id: Uuid) -> QueryResult<()> {
    diesel::delete(
        time_entries::table
            .find(id)
            .filter(time_entries::invoice_id.is_null()),
    )
    .execute(conn)
    .map(drop)
}

pub fn entries_of_week(
    conn: &mut PgConnection,
    contract_id: Uuid,
    week_start: NaiveDate,
) -> QueryResult<Vec<TimeEntry>> {
    time_entries::table
        .filter(time_entries::contract_id.eq(contract_id))
        .filter(time_entries::week_start.eq(week_start))
        .order((time_entries::started_at, time_entries::id))
        .select(TimeEntry::as_select())
        .load(conn)
}

pub fn invoice_for_week(
    conn: &mut PgConnection,
    contract_id: Uuid,
    week_start: NaiveDate,
) -> QueryResult<Option<Invoice>> {
    invoices::table
        .filter(invoices::contract_id.eq(contract_id))
        .filter(invoices::week_start.eq(week_start))
        .select(Invoice::as_select())
        .first(conn)
        .optional()
}

/// (contract, week) pairs with time not yet invoiced, up to `last_week`.
pub fn uninvoiced_weeks(
    conn: &mut PgConnection,
    last_week: NaiveDate,
    limit: i64,
) -> QueryResult<Vec<(Uuid, NaiveDate)>> {
    time_entries::table
        .filter(time_entries::invoice_id.is_null())
        .filter(time_entries::week_start.le(last_week))
        .select((time_entries::contract_id, time_entries::week_start))
        .distinct()
        .limit(limit)
        .load(conn)
}

/// The week's uninvoiced entries, locked.
pub fn lock_uninvoiced(
    conn: &mut PgConnection,
    contract_id: Uuid,
    week_start: NaiveDate,
) -> QueryResult<Vec<TimeEntry>> {
    time_entries::table
        .filter(time_entries::contract_id.eq(contract_id))
        .filter(time_entries::week_start.eq(week_start))
        .filter(time_entries::invoice_id.is_null())
        .select(TimeEntry::as_select())
        .for_update()
        .load(conn)
}

pub fn insert_invoice(conn: &mut PgConnection, invoice: &Invoice) -> QueryResult<()> {
    diesel::insert_into(invoices::table)
        .values(invoice)
        .execute(conn)
        .map(drop)
}

pub fn mark_invoiced(conn: &mut PgConnection, ids: &[Uuid], invoice_id: Uuid) -> QueryResult<()> {
    diesel::update(time_entries::table.filter(time_entries::id.eq_any(ids)))
        .set(time_entries::invoice_id.eq(invoice_id))
        .execute(conn)
        .map(drop)
}

pub fn lock_invoice(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<Invoice>> {
    invoices::table
        .find(id)
        .select(Invoice::as_select())
        .for_update()
        .first(conn)
        .optional()
}

/// The invoice if it is unpaid and nobody else is charging it (locked).
pub fn lock_unpaid(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<Invoice>> {
    invoices::table
        .find(id)
        .filter(invoices::status.eq("unpaid"))
        .select(Invoice::as_select())
        .for_update()
        .skip_locked()
        .first(conn)
        .optional()
}

pub fn find_invoice(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<Invoice>> {
    invoices::table
        .find(id)
        .select(Invoice::as_select())
        .first(conn)
        .optional()
}

pub fn set_invoice_status(
    conn: &mut PgConnection,
    id: Uuid,
    status: &str,
    now: DateTime<Utc>,
) -> QueryResult<Invoice> {
    let target = diesel::update(invoices::table.find(id));
    match status {
        "in_review" => target
            .set((invoices::status.eq(status), invoices::charged_at.eq(now)))
            .returning(Invoice::as_returning())
            .get_result(conn),
        "released" => target
            .set((invoices::status.eq(status), invoices::released_at.eq(now)))
            .returning(Invoice::as_returning())
            .get_result(conn),
        _ => target
            .set(invoices::status.eq(status))
            .returning(Invoice::as_returning())
            .get_result(conn),
    }
}

/// A contract's invoices, newest week first, before the `before` week.
pub fn invoices_of(
    conn: &mut PgConnection,
    contract_id: Uuid,
    before: Option<NaiveDate>,
    limit: i64,
) -> QueryResult<Vec<Invoice>> {
    let mut query = invoices::table
        .filter(invoices::contract_id.eq(contract_id))
        .order(invoices::week_start.desc())
        .limit(limit)
        .select(Invoice::as_select())
        .into_boxed();
    if let Some(before) = before {
        query = query.filter(invoices::week_start.lt(before));
    }
    query.load(conn)
}

/// Invoices whose review window closed (skipping locked ones).
pub fn reviews_closed(
    conn: &mut PgConnection,
    now: DateTime<Utc>,
    limit: i64,
) -> QueryResult<Vec<Invoice>> {
    invoices::table
        .filter(invoices::status.eq("in_review"))
        .filter(invoices::review_until.lt(now))
        .order(invoices::review_until)
        .limit(limit)
        .select(Invoice::as_select())
        .for_update()
        .skip_locked()
        .load(conn)
}

/// Invoices whose charge failed, to try again.
pub fn unpaid(conn: &mut PgConnection, limit: i64) -> QueryResult<Vec<Invoice>> {
    invoices::table
        .filter(invoices::status.eq("unpaid"))
        .order(invoices::created_at)
        .limit(limit)
        .select(Invoice::as_select())
        .load(conn)
}
