//! Hourly contracts (SPEC §8): time entries and the weekly timesheet, invoices, rate
//! and limit changes; pausing, resuming and ending any contract.

use crate::extract::{AuthUser, OptionalJson, ValidJson, ValidQuery};
use crate::problem::{ApiError, Problem};
use crate::routes::hiring::Contract;
use crate::routes::money;
use crate::state::AppState;
use actix_web::{HttpResponse, delete, get, patch, post, web};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};
use uuid::Uuid;
use validator::Validate;
use worklane_app::hourly::{self, EntryInput};
use worklane_db::hourly::{Invoice as InvoiceRow, TimeEntry as EntryRow};

#[derive(OpenApi)]
#[openapi(paths(
    log_time,
    timesheet,
    edit_time,
    delete_time,
    list_invoices,
    pause_contract,
    resume_contract,
    end_contract
))]
pub struct HourlyApi;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(log_time)
        .service(timesheet)
        .service(edit_time)
        .service(delete_time)
        .service(list_invoices)
        .service(change_terms)
        .service(pause_contract)
        .service(resume_contract)
        .service(end_contract);
}

wire_enum!(
    /// Tracked by a timer, or typed in by hand (when the contract allows it).
    EntryKind { Tracked = "tracked", Manual = "manual" }
);
wire_enum!(InvoiceStatus {
    Unpaid = "unpaid",
    InReview = "in_review",
    Released = "released",
    Disputed = "disputed",
    Refunded = "refunded",
});

#[derive(Debug, Serialize, ToSchema)]
pub struct TimeEntry {
    pub id: Uuid,
    pub contract_id: Uuid,
    pub started_at: DateTime<Utc>,
    #[schema(example = 90)]
    pub minutes: i32,
    pub memo: String,
    pub kind: EntryKind,
    /// The Monday (UTC) of its week.
    pub week_start: NaiveDate,
    /// Set once its week is invoiced; after that it can't change.
    pub invoice_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<EntryRow> for TimeEntry {
    fn from(e: EntryRow) -> Self {
        Self {
            id: e.id,
            contract_id: e.contract_id,
            started_at: e.started_at,
            minutes: e.minutes,
            memo: e.memo,
            kind: EntryKind::from_wire(&e.kind).unwrap_or(EntryKind::Tracked),
            week_start: e.week_start,
            invoice_id: e.invoice_id,
            created_at: e.created_at,
            updated_at: e.updated_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Invoice {
    pub id: Uuid,
    pub contract_id: Uuid,
    pub week_start: NaiveDate,
    pub logged_minutes: i32,
    /// Logged minutes up to the weekly limit.
    pub billed_minutes: i32,
    #[schema(example = "45.00")]
    pub hourly_rate: String,
    #[schema(example = "450.00")]
    pub amount: String,
    pub status: InvoiceStatus,
    /// The client may dispute it until then (Friday 23:59:59 UTC).
    pub review_until: DateTime<Utc>,
    /// When the freelancer can withdraw it (10 days after the week ended).
    pub available_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    pub charged_at: Option<DateTime<Utc>>,
    pub released_at: Option<DateTime<Utc>>,
}

impl From<InvoiceRow> for Invoice {
    fn from(i: InvoiceRow) -> Self {
        Self {
            id: i.id,
            contract_id: i.contract_id,
            week_start: i.week_start,
            logged_minutes: i.logged_minutes,
            billed_minutes: i.billed_minutes,
            hourly_rate: money(i.hourly_rate),
            amount: money(i.amount),
            status: InvoiceStatus::from_wire(&i.status).unwrap_or(InvoiceStatus::Unpaid),
            review_until: i.review_until,
            available_at: i.available_at,
            created_at: i.created_at,
            charged_at: i.charged_at,
            released_at: i.released_at,
        }
    }
}

#[derive(Debug, Serialize, Deserialize, Validate, ToSchema)]
pub struct TimeEntryRequest {
    /// When the work started; not in the future.
    pub started_at: DateTime<Utc>,
    /// Whole 10-minute segments, at most 1440.
    #[schema(example = 90, minimum = 10, maximum = 1440, multiple_of = 10)]
    pub minutes: i32,
    #[validate(length(min = 1, max = 500))]
    #[schema(example = "Wired the booking form to the API")]
    pub memo: String,
    /// `tracked` (the default) or `manual`.
    pub kind: Option<EntryKind>,
}

impl From<TimeEntryRequest> for EntryInput {
    fn from(r: TimeEntryRequest) -> Self {
        Self {
            started_at: r.started_at,
            minutes: r.minutes,
            memo: r.memo,
            manual: r.kind == Some(EntryKind::Manual),
        }
    }
}

/// Log time (the freelancer)
#[utoipa::path(
    tag = "contracts",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The contract's id")),
    request_body = TimeEntryRequest,
    responses(
        (status = 201, description = "Logged", body = TimeEntry),
        (status = 403, description = "You're the client (`not_your_action`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such contract of yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`not_hourly`, `contract_paused`, `contract_ended` or `week_invoiced`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not whole 10-minute segments, in the future or before the contract started, or manual time where only tracked is allowed", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/contracts/{id}/time-entries")]
pub async fn log_time(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    id: web::Path<Uuid>,
    ValidJson(body): ValidJson<TimeEntryRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let entry = state
        .db(move |conn, ctx| hourly::log_time(conn, ctx, &user, id, body.into()))
        .await?;
    Ok(HttpResponse::Created().json(TimeEntry::from(entry)))
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct WeekQuery {
    /// Any day of the week to show (default: this week).
    pub week: Option<NaiveDate>,
}

/// A week's timesheet.
#[derive(Debug, Serialize, ToSchema)]
pub struct Timesheet {
    pub week_start: NaiveDate,
    pub entries: Vec<TimeEntry>,
    pub logged_minutes: i32,
    /// What is (or will be) billed: logged time up to the weekly limit.
    pub billed_minutes: i32,
    pub weekly_limit_hours: i32,
    #[schema(example = "450.00")]
    pub amount: String,
    /// The week's invoice, once Monday 12:00 UTC has passed.
    pub invoice: Option<Invoice>,
}

/// A week of time on an hourly contract (both parties)
#[utoipa::path(
    tag = "contracts",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The contract's id"), WeekQuery),
    responses(
        (status = 200, description = "The week", body = Timesheet),
        (status = 404, description = "No such contract of yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not hourly (`not_hourly`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/contracts/{id}/time-entries")]
pub async fn timesheet(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    id: web::Path<Uuid>,
    ValidQuery(query): ValidQuery<WeekQuery>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let week = state
        .db(move |conn, ctx| hourly::week(conn, ctx, &user, id, query.week))
        .await?;
    Ok(HttpResponse::Ok().json(Timesheet {
        week_start: week.week_start,
        logged_minutes: week.bill.logged_minutes,
        billed_minutes: week.bill.billed_minutes,
        weekly_limit_hours: week.weekly_limit_hours,
        amount: money(week.bill.amount),
        entries: week.entries.into_iter().map(TimeEntry::from).collect(),
        invoice: week.invoice.map(Invoice::from),
    }))
}

/// Edit a time entry (the freelancer), until its week is invoiced
#[utoipa::path(
    tag = "contracts",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The entry's id")),
    request_body = TimeEntryRequest,
    responses(
        (status = 200, description = "Changed", body = TimeEntry),
        (status = 404, description = "No such entry of yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Invoiced already (`week_invoiced`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/time-entries/{id}")]
pub async fn edit_time(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    id: web::Path<Uuid>,
    ValidJson(body): ValidJson<TimeEntryRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let entry = state
        .db(move |conn, ctx| hourly::edit_time(conn, ctx, &user, id, body.into()))
        .await?;
    Ok(HttpResponse::Ok().json(TimeEntry::from(entry)))
}

/// Delete a time entry (the freelancer), until its week is invoiced
#[utoipa::path(
    tag = "contracts",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The entry's id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 404, description = "No such entry of yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Invoiced already (`week_invoiced`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/time-entries/{id}")]
pub async fn delete_time(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    state
        .db(move |conn, _| hourly::delete_time(conn, &user, id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct InvoicesQuery {
    /// The `next_cursor` of the previous page.
    pub cursor: Option<NaiveDate>,
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct InvoicePage {
    pub data: Vec<Invoice>,
    pub next_cursor: Option<String>,
}

/// A contract's weekly invoices, newest first (both parties)
#[utoipa::path(
    tag = "contracts",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The contract's id"), InvoicesQuery),
    responses(
        (status = 200, description = "Newest week first", body = InvoicePage),
        (status = 404, description = "No such contract of yours", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/contracts/{id}/invoices")]
pub async fn list_invoices(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    id: web::Path<Uuid>,
    ValidQuery(query): ValidQuery<InvoicesQuery>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let (rows, next_cursor) = state
        .db(move |conn, _| hourly::invoices(conn, &user, id, query.cursor, query.limit))
        .await?;
    Ok(HttpResponse::Ok().json(InvoicePage {
        data: rows.into_iter().map(Invoice::from).collect(),
        next_cursor,
    }))
}

#[derive(Debug, Serialize, Deserialize, Validate, ToSchema)]
pub struct TermsRequest {
    /// The client may raise it; the freelancer may lower it.
    #[validate(length(min = 1, max = 20))]
    #[schema(example = "50.00")]
    pub hourly_rate: Option<String>,
    /// The client sets it, 1–80.
    #[schema(minimum = 1, maximum = 80)]
    pub weekly_limit_hours: Option<i32>,
}

/// Change an hourly contract's rate or weekly limit
#[utoipa::path(
    tag = "contracts",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The contract's id")),
    request_body = TermsRequest,
    responses(
        (status = 200, description = "Changed; the next invoice uses the new terms", body = Contract),
        (status = 403, description = "Only the client sets the weekly limit (`not_your_action`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such contract of yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`not_hourly` or `contract_ended`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A client lowering or a freelancer raising the rate, or a bad value", body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/contracts/{id}")]
pub async fn change_terms(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    id: web::Path<Uuid>,
    ValidJson(body): ValidJson<TermsRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let view = state
        .db(move |conn, ctx| {
            hourly::change_terms(
                conn,
                ctx,
                &user,
                id,
                body.hourly_rate.as_deref(),
                body.weekly_limit_hours,
            )
        })
        .await?;
    Ok(HttpResponse::Ok().json(Contract::from(view)))
}

async fn pause_or_resume(
    state: web::Data<AppState>,
    user: worklane_db::users::User,
    id: Uuid,
    pause: bool,
) -> Result<HttpResponse, ApiError> {
    let view = state
        .db(move |conn, ctx| hourly::set_paused(conn, ctx, &user, id, pause))
        .await?;
    Ok(HttpResponse::Ok().json(Contract::from(view)))
}

/// Pause a contract (the client): no time can be logged until it resumes
#[utoipa::path(
    tag = "contracts",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The contract's id")),
    responses(
        (status = 200, description = "Paused", body = Contract),
        (status = 403, description = "You're the freelancer (`not_your_action`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such contract of yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not active (`invalid_contract_state`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/contracts/{id}/pause")]
pub async fn pause_contract(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    pause_or_resume(state, user, id.into_inner(), true).await
}

/// Resume a paused contract (the client)
#[utoipa::path(
    tag = "contracts",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The contract's id")),
    responses(
        (status = 200, description = "Active again", body = Contract),
        (status = 403, description = "You're the freelancer (`not_your_action`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such contract of yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not paused (`invalid_contract_state`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/contracts/{id}/resume")]
pub async fn resume_contract(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    pause_or_resume(state, user, id.into_inner(), false).await
}

#[derive(Debug, Default, Serialize, Deserialize, Validate, ToSchema)]
pub struct EndRequest {
    /// Optional, at most 500 characters.
    #[validate(length(max = 500))]
    pub reason: Option<String>,
}

/// End a contract (either party)
///
/// Money in motion must be settled first: funded milestones released, refunded or
/// disputed, open invoices released. Time not yet invoiced is still billed.
#[utoipa::path(
    tag = "contracts",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The contract's id")),
    request_body(content = EndRequest, description = "Optional"),
    responses(
        (status = 200, description = "Ended", body = Contract),
        (status = 404, description = "No such contract of yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`escrow_outstanding` or `contract_ended`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/contracts/{id}/end")]
pub async fn end_contract(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    id: web::Path<Uuid>,
    body: OptionalJson<EndRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let reason = body.0.and_then(|b| b.reason);
    let view = state
        .db(move |conn, ctx| hourly::end(conn, ctx, &user, id, reason))
        .await?;
    Ok(HttpResponse::Ok().json(Contract::from(view)))
}
