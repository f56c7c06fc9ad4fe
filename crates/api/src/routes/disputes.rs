//! Disputes (SPEC §9): open on a milestone or an invoice, the thread, the other
//! party's response, and the admin queue and resolution.

use crate::extract::{AdminUser, AuthUser, ValidJson, ValidQuery};
use crate::problem::{ApiError, Problem};
use crate::routes::hiring::Party;
use crate::routes::{money, wire_amount};
use crate::state::AppState;
use actix_web::{HttpResponse, get, post, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};
use uuid::Uuid;
use validator::Validate;
use worklane_app::AppError;
use worklane_app::disputes::{self, DisputeView, Subject};

#[derive(OpenApi)]
#[openapi(
    paths(
        open_dispute,
        my_disputes,
        get_dispute,
        post_message,
        respond,
        admin_queue,
        resolve
    ),
    components(schemas(DisputeStatusFilter))
)]
pub struct DisputesApi;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(open_dispute)
        .service(my_disputes)
        .service(get_dispute)
        .service(post_message)
        .service(respond)
        .service(admin_queue)
        .service(resolve);
}

wire_enum!(DisputeStatus {
    Open = "open",
    AwaitingResponse = "awaiting_response",
    InMediation = "in_mediation",
    Resolved = "resolved",
});
wire_enum!(
    /// A dispute status, or `unresolved` (every status but resolved).
    DisputeStatusFilter {
        Open = "open",
        AwaitingResponse = "awaiting_response",
        InMediation = "in_mediation",
        Resolved = "resolved",
        Unresolved = "unresolved",
    }
);
wire_enum!(
    /// How it ended: `accepted` by the other party, `lapsed` (no answer in time, so
    /// the opener's request was granted), or `decided` by an admin.
    DisputeOutcome { Accepted = "accepted", Lapsed = "lapsed", Decided = "decided" }
);

#[derive(Debug, Serialize, ToSchema)]
pub struct DisputeMessage {
    pub id: Uuid,
    pub author_id: Uuid,
    pub body: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Dispute {
    pub id: Uuid,
    pub contract_id: Uuid,
    pub contract_title: String,
    pub client_id: Uuid,
    pub freelancer_id: Uuid,
    /// The contract's client and freelancer, for naming them.
    pub client: Party,
    pub freelancer: Party,
    pub milestone_id: Option<Uuid>,
    pub invoice_id: Option<Uuid>,
    pub opened_by: Uuid,
    /// `client` or `freelancer`.
    pub opener_role: String,
    pub reason: String,
    /// The escrow frozen by the dispute.
    #[schema(example = "300.00")]
    pub amount: String,
    /// What the opener asks to be refunded to the client (the rest released).
    #[schema(example = "100.00")]
    pub requested_refund: String,
    pub status: DisputeStatus,
    /// The other party's deadline; after it the opener's request is granted.
    pub respond_by: DateTime<Utc>,
    pub response_message: Option<String>,
    pub responded_at: Option<DateTime<Utc>>,
    pub outcome: Option<DisputeOutcome>,
    pub release_amount: Option<String>,
    pub refund_amount: Option<String>,
    pub resolution_note: Option<String>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    /// The thread, oldest first (empty in lists).
    pub messages: Vec<DisputeMessage>,
}

impl From<DisputeView> for Dispute {
    fn from(v: DisputeView) -> Self {
        let d = v.dispute;
        Self {
            id: d.id,
            contract_id: d.contract_id,
            contract_title: v.contract.title,
            client_id: v.contract.client_id,
            freelancer_id: v.contract.freelancer_id,
            client: Party::from(&v.client),
            freelancer: Party::from(&v.freelancer),
            milestone_id: d.milestone_id,
            invoice_id: d.invoice_id,
            opened_by: d.opened_by,
            opener_role: d.opener_role,
            reason: d.reason,
            amount: money(d.amount),
            requested_refund: money(d.requested_refund),
            status: DisputeStatus::from_wire(&d.status).unwrap_or(DisputeStatus::Open),
            respond_by: d.respond_by,
            response_message: d.response_message,
            responded_at: d.responded_at,
            outcome: d.outcome.as_deref().and_then(DisputeOutcome::from_wire),
            release_amount: wire_amount(d.release_amount),
            refund_amount: wire_amount(d.refund_amount),
            resolution_note: d.resolution_note,
            resolved_at: d.resolved_at,
            created_at: d.created_at,
            messages: v
                .messages
                .into_iter()
                .map(|m| DisputeMessage {
                    id: m.id,
                    author_id: m.author_id,
                    body: m.body,
                    created_at: m.created_at,
                })
                .collect(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DisputePage {
    pub data: Vec<Dispute>,
    pub next_cursor: Option<String>,
}

#[derive(Debug, Serialize, Deserialize, Validate, ToSchema)]
pub struct OpenDispute {
    /// The milestone disputed (exactly one of milestone_id and invoice_id).
    pub milestone_id: Option<Uuid>,
    /// The hourly invoice disputed (the client, during its review window).
    pub invoice_id: Option<Uuid>,
    #[validate(length(min = 1, max = 5000))]
    pub reason: String,
    /// How much of the escrow should go back to the client; the rest is released.
    #[validate(length(min = 1, max = 20))]
    #[schema(example = "100.00")]
    pub requested_refund: String,
}

/// Open a dispute
///
/// Freelancers dispute a refund request or an unanswered or refused submission;
/// clients dispute a submission or, during its review window, an hourly invoice. The
/// escrow is frozen until it is resolved.
#[utoipa::path(
    tag = "disputes",
    security(("bearer" = [])),
    request_body = OpenDispute,
    responses(
        (status = 201, description = "Opened; the other party has 5 business days (3 days on an invoice) to respond", body = Dispute),
        (status = 403, description = "Only the client disputes an invoice (`not_your_action`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such milestone or invoice of yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`cannot_dispute`, `already_disputed` or `nothing_in_escrow`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Neither or both subjects, or a refund over the amount", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/disputes")]
pub async fn open_dispute(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    ValidJson(body): ValidJson<OpenDispute>,
) -> Result<HttpResponse, ApiError> {
    let subject = match (body.milestone_id, body.invoice_id) {
        (Some(id), None) => Subject::Milestone(id),
        (None, Some(id)) => Subject::Invoice(id),
        _ => {
            return Err(ApiError::from(AppError::field(
                "milestone_id",
                "one_subject",
                "give exactly one of milestone_id and invoice_id",
            )));
        }
    };
    let view = state
        .db(move |conn, ctx| {
            disputes::open(
                conn,
                ctx,
                &user,
                subject,
                &body.reason,
                &body.requested_refund,
            )
        })
        .await?;
    Ok(HttpResponse::Created().json(Dispute::from(view)))
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DisputesQuery {
    pub status: Option<DisputeStatusFilter>,
    #[validate(length(min = 1, max = 200))]
    #[param(min_length = 1, max_length = 200)]
    pub cursor: Option<String>,
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
}

async fn list(
    state: web::Data<AppState>,
    user: worklane_db::users::User,
    admin: bool,
    query: DisputesQuery,
) -> Result<HttpResponse, ApiError> {
    let (rows, next_cursor) = state
        .db(move |conn, _| {
            disputes::list(
                conn,
                &user,
                admin,
                query.status.map(DisputeStatusFilter::as_str),
                query.cursor.as_deref(),
                query.limit,
            )
        })
        .await?;
    Ok(HttpResponse::Ok().json(DisputePage {
        data: rows.into_iter().map(Dispute::from).collect(),
        next_cursor,
    }))
}

/// Disputes on your contracts, newest first
#[utoipa::path(
    tag = "disputes",
    security(("bearer" = [])),
    params(DisputesQuery),
    responses((status = 200, description = "Newest first", body = DisputePage))
)]
#[get("/disputes")]
pub async fn my_disputes(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    ValidQuery(query): ValidQuery<DisputesQuery>,
) -> Result<HttpResponse, ApiError> {
    list(state, user, false, query).await
}

/// A dispute with its thread (its parties and admins)
#[utoipa::path(
    tag = "disputes",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The dispute's id")),
    responses(
        (status = 200, description = "The dispute", body = Dispute),
        (status = 404, description = "No such dispute of yours", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/disputes/{id}")]
pub async fn get_dispute(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let view = state
        .db(move |conn, _| disputes::get(conn, &user, id))
        .await?;
    Ok(HttpResponse::Ok().json(Dispute::from(view)))
}

#[derive(Debug, Serialize, Deserialize, Validate, ToSchema)]
pub struct DisputeMessageRequest {
    #[validate(length(min = 1, max = 5000))]
    pub body: String,
}

/// Write in a dispute's thread (its parties and admins)
#[utoipa::path(
    tag = "disputes",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The dispute's id")),
    request_body = DisputeMessageRequest,
    responses(
        (status = 200, description = "The dispute with the message", body = Dispute),
        (status = 404, description = "No such dispute of yours", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/disputes/{id}/messages")]
pub async fn post_message(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    id: web::Path<Uuid>,
    ValidJson(body): ValidJson<DisputeMessageRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let view = state
        .db(move |conn, ctx| disputes::post_message(conn, ctx, &user, id, &body.body))
        .await?;
    Ok(HttpResponse::Ok().json(Dispute::from(view)))
}

#[derive(Debug, Serialize, Deserialize, Validate, ToSchema)]
pub struct RespondRequest {
    /// true grants the opener's request; false sends the dispute to an admin.
    pub accept: bool,
    #[validate(length(min = 1, max = 5000))]
    pub message: String,
}

/// Respond to a dispute (the other party)
#[utoipa::path(
    tag = "disputes",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The dispute's id")),
    request_body = RespondRequest,
    responses(
        (status = 200, description = "Resolved (accepted) or in mediation (declined)", body = Dispute),
        (status = 403, description = "You opened it (`not_your_action`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such dispute of yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`dispute_not_awaiting_response` or `response_window_closed`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/disputes/{id}/respond")]
pub async fn respond(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    id: web::Path<Uuid>,
    ValidJson(body): ValidJson<RespondRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let view = state
        .db(move |conn, ctx| disputes::respond(conn, ctx, &user, id, body.accept, &body.message))
        .await?;
    Ok(HttpResponse::Ok().json(Dispute::from(view)))
}

/// The dispute queue (admins)
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    params(DisputesQuery),
    responses(
        (status = 200, description = "Newest first", body = DisputePage),
        (status = 403, description = "Not an admin (`admin_only`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/admin/disputes")]
pub async fn admin_queue(
    state: web::Data<AppState>,
    AdminUser(user): AdminUser,
    ValidQuery(query): ValidQuery<DisputesQuery>,
) -> Result<HttpResponse, ApiError> {
    list(state, user, true, query).await
}

#[derive(Debug, Serialize, Deserialize, Validate, ToSchema)]
pub struct ResolveRequest {
    /// Released to the freelancer.
    #[validate(length(min = 1, max = 20))]
    #[schema(example = "200.00")]
    pub release_amount: String,
    /// Refunded to the client; release + refund = the disputed amount.
    #[validate(length(min = 1, max = 20))]
    #[schema(example = "100.00")]
    pub refund_amount: String,
    #[validate(length(min = 1, max = 5000))]
    pub note: String,
}

/// Resolve a dispute with a split (admins)
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The dispute's id")),
    request_body = ResolveRequest,
    responses(
        (status = 200, description = "Resolved; both parties see the decision and the ledger shows it", body = Dispute),
        (status = 403, description = "Not an admin (`admin_only`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such dispute", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Resolved already (`dispute_resolved`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The parts don't add up to the disputed amount (`split_mismatch`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/admin/disputes/{id}/resolve")]
pub async fn resolve(
    state: web::Data<AppState>,
    AdminUser(user): AdminUser,
    id: web::Path<Uuid>,
    ValidJson(body): ValidJson<ResolveRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let view = state
        .db(move |conn, ctx| {
            disputes::resolve(
                conn,
                ctx,
                &user,
                id,
                &body.release_amount,
                &body.refund_amount,
                &body.note,
            )
        })
        .await?;
    Ok(HttpResponse::Ok().json(Dispute::from(view)))
}
