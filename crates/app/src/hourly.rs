//! Hourly contracts (SPEC §8): the freelancer logs time in 10-minute segments
//! (tracked, or manual when allowed) and edits it until the week is invoiced; every
//! Monday at 12:00 UTC the worker invoices the past week (beyond the weekly limit
//! nothing is billed) and charges it into escrow; the client may review it until
//! Friday 23:59 UTC, then it is released, available 10 days after the week ended.
//! Rates go up by the client and down by the freelancer; the client pauses and
//! resumes; either party ends a contract once no money is in motion.

use crate::context::AppContext;
use crate::error::{AppError, AppResult, FieldError};
use crate::escrow;
use crate::notifications::{Kind, notify};
use crate::offers::{self, ContractView};
use crate::wallet::USD;
use chrono::{DateTime, NaiveDate, Utc};
use diesel::{Connection, PgConnection};
use rust_decimal::Decimal;
use uuid::Uuid;
use worklane_db::hiring::{self as hiring_store, Contract};
use worklane_db::hourly::{self as store, Invoice, TimeEntry};
use worklane_db::users::User;
use worklane_domain::hourly::{
    HourlyPolicy, WeekBill, available_at, bill_week, last_invoiceable_week, review_until,
    valid_minutes, week_of,
};
use worklane_domain::money::Money;

fn usd(amount: Decimal) -> Money {
    Money {
        amount,
        currency: USD,
    }
}

fn contract_not_found() -> AppError {
    AppError::NotFound { what: "Contract" }
}

/// The contract if `user` is a party; `true` when they are its client.
fn party(
    conn: &mut PgConnection,
    user: &User,
    id: Uuid,
    lock: bool,
) -> AppResult<(Contract, bool)> {
    let contract = if lock {
        store::lock_contract(conn, id)?
    } else {
        hiring_store::find_contract(conn, id)?
    }
    .filter(|c| c.client_id == user.id || c.freelancer_id == user.id)
    .ok_or_else(contract_not_found)?;
    let client = contract.client_id == user.id;
    Ok((contract, client))
}

fn conflict(code: &'static str, message: impl Into<String>) -> AppError {
    AppError::Conflict {
        code,
        message: message.into(),
        field: None,
    }
}

fn require_hourly(contract: &Contract) -> AppResult<()> {
    if contract.contract_type == "hourly" {
        Ok(())
    } else {
        Err(conflict(
            "not_hourly",
            "Time is logged on hourly contracts.",
        ))
    }
}

fn require_open(contract: &Contract) -> AppResult<()> {
    match contract.status.as_str() {
        "ended" => Err(conflict("contract_ended", "This contract has ended.")),
        "paused" => Err(conflict(
            "contract_paused",
            "This contract is paused: the client has to resume it first.",
        )),
        _ => Ok(()),
    }
}

fn only(is: bool, who: &str) -> AppResult<()> {
    if is {
        Ok(())
    } else {
        Err(AppError::forbidden(
            "not_your_action",
            format!("Only the {who} can do this."),
        ))
    }
}

// ---------- time ----------

#[derive(Debug, Clone)]
pub struct EntryInput {
    pub started_at: DateTime<Utc>,
    pub minutes: i32,
    pub memo: String,
    pub manual: bool,
}

fn check_entry(ctx: &AppContext, contract: &Contract, input: &EntryInput) -> AppResult<NaiveDate> {
    let mut errors = Vec::new();
    if !valid_minutes(input.minutes) {
        errors.push(FieldError::new(
            "minutes",
            "segments",
            "must be whole 10-minute segments, at most 1440 (a day)",
        ));
    }
    let memo = input.memo.trim().chars().count();
    if memo == 0 || memo > 500 {
        errors.push(FieldError::new(
            "memo",
            "length",
            "must be between 1 and 500 characters",
        ));
    }
    let now = ctx.clock.now();
    if input.started_at > now {
        errors.push(FieldError::new(
            "started_at",
            "in_future",
            "can't be in the future",
        ));
    } else if input.started_at < contract.started_at {
        errors.push(FieldError::new(
            "started_at",
            "before_contract",
            "is before the contract started",
        ));
    }
    if input.manual && !contract.manual_time_allowed {
        errors.push(FieldError::new(
            "kind",
            "manual_not_allowed",
            "this contract allows tracked time only",
        ));
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    Ok(week_of(input.started_at))
}

fn require_unbilled(conn: &mut PgConnection, contract_id: Uuid, week: NaiveDate) -> AppResult<()> {
    if store::invoice_for_week(conn, contract_id, week)?.is_some() {
        return Err(conflict(
            "week_invoiced",
            "That week has been invoiced; its time can't change.",
        ));
    }
    Ok(())
}

/// The freelancer logs time on an active hourly contract.
pub fn log_time(
    conn: &mut PgConnection,
    ctx: &AppContext,
    user: &User,
    contract_id: Uuid,
    input: EntryInput,
) -> AppResult<TimeEntry> {
    let now = ctx.clock.now();
    conn.transaction(|conn| {
        let (contract, client) = party(conn, user, contract_id, true)?;
        only(!client, "freelancer")?;
        require_hourly(&contract)?;
        require_open(&contract)?;
        let week = check_entry(ctx, &contract, &input)?;
        require_unbilled(conn, contract.id, week)?;
        let entry = TimeEntry {
            id: Uuid::now_v7(),
            contract_id: contract.id,
            started_at: input.started_at,
            minutes: input.minutes,
            memo: input.memo.trim().to_owned(),
            kind: if input.manual { "manual" } else { "tracked" }.to_owned(),
            week_start: week,
            invoice_id: None,
            created_at: now,
            updated_at: now,
        };
        store::insert_entry(conn, &entry)?;
        Ok(entry)
    })
}

fn own_entry(conn: &mut PgConnection, user: &User, id: Uuid) -> AppResult<(TimeEntry, Contract)> {
    let entry = store::lock_entry(conn, id)?.ok_or(AppError::NotFound { what: "Time entry" })?;
    let (contract, client) = party(conn, user, entry.contract_id, true)?;
    only(!client, "freelancer")?;
    if entry.invoice_id.is_some() {
        return Err(conflict(
            "week_invoiced",
            "That week has been invoiced; its time can't change.",
        ));
    }
    Ok((entry, contract))
}

/// The freelancer edits an entry until its week is invoiced.
pub fn edit_time(
    conn: &mut PgConnection,
    ctx: &AppContext,
    user: &User,
    id: Uuid,
    input: EntryInput,
) -> AppResult<TimeEntry> {
    let now = ctx.clock.now();
    conn.transaction(|conn| {
        let (entry, contract) = own_entry(conn, user, id)?;
        require_open(&contract)?;
        let manual = input.manual || entry.kind == "manual";
        let week = check_entry(
            ctx,
            &contract,
            &EntryInput {
                manual,
                ..input.clone()
            },
        )?;
        require_unbilled(conn, contract.id, week)?;
        store::update_entry(
            conn,
            entry.id,
            input.started_at,
            input.minutes,
            input.memo.trim(),
            week,
            now,
        )?;
        Ok(TimeEntry {
            started_at: input.started_at,
            minutes: input.minutes,
            memo: input.memo.trim().to_owned(),
            week_start: week,
            updated_at: now,
            ..entry
        })
    })
}

pub fn delete_time(conn: &mut PgConnection, user: &User, id: Uuid) -> AppResult<()> {
    conn.transaction(|conn| {
        let (entry, _) = own_entry(conn, user, id)?;
        store::delete_entry(conn, entry.id)?;
        Ok(())
    })
}

/// A week of time on a contract, for either party.
pub struct WeekView {
    pub week_start: NaiveDate,
    pub entries: Vec<TimeEntry>,
    pub bill: WeekBill,
    pub weekly_limit_hours: i32,
    pub invoice: Option<Invoice>,
}

pub fn week(
    conn: &mut PgConnection,
    ctx: &AppContext,
    user: &User,
    contract_id: Uuid,
    week: Option<NaiveDate>,
) -> AppResult<WeekView> {
    let (contract, _) = party(conn, user, contract_id, false)?;
    require_hourly(&contract)?;
    let week_start = week.map_or_else(
        || week_of(ctx.clock.now()),
        |d| {
            week_of(DateTime::from_naive_utc_and_offset(
                d.and_hms_opt(12, 0, 0).unwrap_or_default(),
                Utc,
            ))
        },
    );
    let entries = store::entries_of_week(conn, contract.id, week_start)?;
    let invoice = store::invoice_for_week(conn, contract.id, week_start)?;
    let logged: i32 = entries.iter().map(|e| e.minutes).sum();
    let limit = contract.weekly_limit_hours.unwrap_or(0);
    let rate = invoice
        .as_ref()
        .map_or(contract.hourly_rate.unwrap_or_default(), |i| i.hourly_rate);
    Ok(WeekView {
        week_start,
        bill: bill_week(logged, limit, rate),
        weekly_limit_hours: limit,
        entries,
        invoice,
    })
}

/// A contract's invoices, newest week first.
pub fn invoices(
    conn: &mut PgConnection,
    user: &User,
    contract_id: Uuid,
    before: Option<NaiveDate>,
    limit: Option<i64>,
) -> AppResult<(Vec<Invoice>, Option<String>)> {
    let (contract, _) = party(conn, user, contract_id, false)?;
    let limit = crate::pagination::limit(limit)?;
    let rows = store::invoices_of(conn, contract.id, before, limit + 1)?;
    Ok(crate::pagination::page(rows, limit, |i| {
        i.week_start.format("%Y-%m-%d").to_string()
    }))
}

// ---------- terms and state ----------

/// Rate and weekly-limit changes: the client may raise the rate and set the limit;
/// the freelancer may only lower the rate.
pub fn change_terms(
    conn: &mut PgConnection,
    ctx: &AppContext,
    user: &User,
    contract_id: Uuid,
    hourly_rate: Option<&str>,
    weekly_limit_hours: Option<i32>,
) -> AppResult<ContractView> {
    conn.transaction(|conn| {
        let (contract, client) = party(conn, user, contract_id, true)?;
        require_hourly(&contract)?;
        if contract.status == "ended" {
            return Err(conflict("contract_ended", "This contract has ended."));
        }
        let current = contract.hourly_rate.unwrap_or_default();
        let mut rate = contract.hourly_rate;
        if let Some(raw) = hourly_rate {
            let new = Money::usd(raw)
                .map_err(|p| AppError::field("hourly_rate", p.code(), p.to_string()))?
                .amount;
            if new < ctx.policy.hiring.min_hourly_rate {
                return Err(AppError::field(
                    "hourly_rate",
                    "below_minimum",
                    format!(
                        "must be at least {}",
                        usd(ctx.policy.hiring.min_hourly_rate).to_wire()
                    ),
                ));
            }
            if client && new < current {
                return Err(AppError::field(
                    "hourly_rate",
                    "client_cannot_lower",
                    "only the freelancer may lower the rate",
                ));
            }
            if !client && new > current {
                return Err(AppError::field(
                    "hourly_rate",
                    "freelancer_cannot_raise",
                    "only the client may raise the rate",
                ));
            }
            rate = Some(new);
        }
        let mut limit = contract.weekly_limit_hours;
        if let Some(hours) = weekly_limit_hours {
            only(client, "client")?;
            if !(1..=ctx.policy.hiring.max_weekly_limit_hours).contains(&hours) {
                return Err(AppError::field(
                    "weekly_limit_hours",
                    "out_of_range",
                    format!(
                        "must be between 1 and {}",
                        ctx.policy.hiring.max_weekly_limit_hours
                    ),
                ));
            }
            limit = Some(hours);
        }
        store::set_terms(conn, contract.id, rate, limit)?;
        Ok::<_, AppError>(())
    })?;
    offers::contract(conn, ctx, user, contract_id)
}

/// The client pauses (no time can be logged) or resumes a contract.
pub fn set_paused(
    conn: &mut PgConnection,
    ctx: &AppContext,
    user: &User,
    contract_id: Uuid,
    pause: bool,
) -> AppResult<ContractView> {
    let now = ctx.clock.now();
    conn.transaction(|conn| {
        let (contract, client) = party(conn, user, contract_id, true)?;
        only(client, "client")?;
        match (contract.status.as_str(), pause) {
            ("active", true) => store::set_paused(conn, contract.id, Some(now))?,
            ("paused", false) => store::set_paused(conn, contract.id, None)?,
            (status, _) => {
                return Err(conflict(
                    "invalid_contract_state",
                    format!(
                        "A contract that is {status} can't be {}.",
                        if pause { "paused" } else { "resumed" }
                    ),
                ));
            }
        }
        Ok::<_, AppError>(())
    })?;
    offers::contract(conn, ctx, user, contract_id)
}

/// Either party ends the contract once no money is in motion (escrow released,
/// refunded or disputed first). Time not yet invoiced is still billed on Monday.
pub fn end(
    conn: &mut PgConnection,
    ctx: &AppContext,
    user: &User,
    contract_id: Uuid,
    reason: Option<String>,
) -> AppResult<ContractView> {
    let reason = crate::proposals::reason_of(reason)?;
    let now = ctx.clock.now();
    conn.transaction(|conn| {
        let (contract, _) = party(conn, user, contract_id, true)?;
        if contract.status == "ended" {
            return Err(conflict("contract_ended", "This contract has ended already."));
        }
        let (held, open) = store::outstanding(conn, contract.id)?;
        if held > 0 || open > 0 {
            return Err(conflict(
                "escrow_outstanding",
                format!(
                    "Money is still in motion ({held} funded milestone(s), {open} open invoice(s)): release, refund or dispute it first."
                ),
            ));
        }
        store::end(conn, contract.id, user.id, reason.as_deref(), now)?;
        crate::reputation::recompute(conn, ctx, contract.freelancer_id)?;
        tracing::info!(%contract_id, ended_by = %user.id, "contract ended");
        Ok::<_, AppError>(())
    })?;
    offers::contract(conn, ctx, user, contract_id)
}

// ---------- the worker ----------

/// Bills one contract's week: an invoice for the time logged (up to the weekly limit
/// at the current rate); the entries are marked as invoiced.
fn bill(
    conn: &mut PgConnection,
    ctx: &AppContext,
    policy: &HourlyPolicy,
    contract_id: Uuid,
    week: NaiveDate,
) -> AppResult<Option<Invoice>> {
    let now = ctx.clock.now();
    conn.transaction(|conn| {
        let Some(contract) = store::lock_contract(conn, contract_id)? else {
            return Ok(None);
        };
        if store::invoice_for_week(conn, contract.id, week)?.is_some() {
            return Ok(None);
        }
        let entries = store::lock_uninvoiced(conn, contract.id, week)?;
        if entries.is_empty() {
            return Ok(None);
        }
        let logged: i32 = entries.iter().map(|e| e.minutes).sum();
        let rate = contract.hourly_rate.unwrap_or_default();
        let bill = bill_week(logged, contract.weekly_limit_hours.unwrap_or(0), rate);
        let invoice = Invoice {
            id: Uuid::now_v7(),
            contract_id: contract.id,
            week_start: week,
            logged_minutes: bill.logged_minutes,
            billed_minutes: bill.billed_minutes,
            hourly_rate: rate,
            amount: bill.amount,
            status: "unpaid".to_owned(),
            review_until: review_until(week),
            available_at: available_at(week, policy),
            created_at: now,
            charged_at: None,
            released_at: None,
        };
        store::insert_invoice(conn, &invoice)?;
        let ids: Vec<Uuid> = entries.iter().map(|e| e.id).collect();
        store::mark_invoiced(conn, &ids, invoice.id)?;
        Ok(Some(invoice))
    })
}

/// Charges an unpaid invoice into its escrow: the client's wallet first, their
/// newest card for any shortfall. The invoice stays locked throughout, so two
/// workers never charge it twice; the card charge is keyed by the invoice, so if
/// anything after it fails, the retry finds the same charge at the gateway and
/// records it once. A failed charge leaves the invoice unpaid for the next pass.
fn charge(conn: &mut PgConnection, ctx: &AppContext, invoice_id: Uuid) -> AppResult<bool> {
    let now = ctx.clock.now();
    conn.transaction(|conn| {
        let Some(invoice) = store::lock_unpaid(conn, invoice_id)? else {
            return Ok(false);
        };
        let contract = hiring_store::find_contract(conn, invoice.contract_id)?
            .ok_or_else(contract_not_found)?;
        if invoice.amount > Decimal::ZERO {
            let client = worklane_db::users::find(conn, contract.client_id)?
                .ok_or_else(contract_not_found)?;
            let card = worklane_db::payment_methods::list_for_user(conn, client.id)?
                .first()
                .map(|m| m.id);
            escrow::cover_shortfall(
                conn,
                ctx,
                &client,
                usd(invoice.amount),
                card,
                &format!("invoice-{}", invoice.id),
            )?;
            escrow::fund_in(conn, ctx, &client, invoice.id, usd(invoice.amount))?;
        }
        store::set_invoice_status(conn, invoice.id, "in_review", now)?;
        let hours = format!("{}:{:02}", invoice.billed_minutes / 60, invoice.billed_minutes % 60);
        for (to, body) in [
            (
                contract.client_id,
                format!(
                    "{hours} hours for the week of {}: {} is in escrow. Review it until {}; dispute it there if something is wrong.",
                    invoice.week_start,
                    usd(invoice.amount).to_wire(),
                    invoice.review_until.format("%A %Y-%m-%d %H:%M UTC")
                ),
            ),
            (
                contract.freelancer_id,
                format!(
                    "{hours} hours for the week of {} were billed: {}. It is released after the client's review window.",
                    invoice.week_start,
                    usd(invoice.amount).to_wire()
                ),
            ),
        ] {
            notify(
                conn,
                ctx,
                to,
                Kind::InvoiceIssued,
                format!("Weekly invoice for “{}”", contract.title),
                body,
                format!("/contracts/{}", contract.id),
            )?;
        }
        Ok(true)
    })
}

/// The worker's pass: invoice every week due (Monday 12:00 UTC), charge unpaid
/// invoices, release invoices whose review window closed.
pub fn run_due(conn: &mut PgConnection, ctx: &AppContext) -> AppResult<usize> {
    let now = ctx.clock.now();
    let policy = &ctx.policy.hourly;
    let mut done = 0;
    for (contract_id, week) in store::uninvoiced_weeks(conn, last_invoiceable_week(now), 100)? {
        if bill(conn, ctx, policy, contract_id, week)?.is_some() {
            done += 1;
        }
    }
    for invoice in store::unpaid(conn, 100)? {
        match charge(conn, ctx, invoice.id) {
            Ok(charged) => done += usize::from(charged),
            Err(error) => {
                tracing::warn!(invoice_id = %invoice.id, %error, "charging an invoice failed; will retry")
            }
        }
    }
    done += conn.transaction(|conn| {
        let closed = store::reviews_closed(conn, now, 100)?;
        for invoice in &closed {
            let contract = hiring_store::find_contract(conn, invoice.contract_id)?
                .ok_or_else(contract_not_found)?;
            if invoice.amount > Decimal::ZERO {
                escrow::release_until(
                    conn,
                    ctx,
                    invoice.id,
                    contract.client_id,
                    contract.freelancer_id,
                    usd(invoice.amount),
                    invoice.available_at,
                )?;
            }
            store::set_invoice_status(conn, invoice.id, "released", now)?;
            notify(
                conn,
                ctx,
                contract.freelancer_id,
                Kind::PaymentReleased,
                format!(
                    "{} released for “{}”",
                    usd(invoice.amount).to_wire(),
                    contract.title
                ),
                format!(
                    "The invoice for the week of {} is released; it becomes available on {}.",
                    invoice.week_start,
                    invoice.available_at.format("%Y-%m-%d")
                ),
                format!("/contracts/{}", contract.id),
            )?;
        }
        Ok::<_, AppError>(closed.len())
    })?;
    Ok(done)
}
