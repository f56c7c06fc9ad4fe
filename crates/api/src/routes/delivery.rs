//! Fixed-price delivery (SPEC §8): milestones added, edited, reordered, deleted,
//! funded, submitted, approved (with an optional bonus), sent back for changes,
//! asked back; bonuses on any contract. Every answer is the whole contract.

use crate::extract::{AuthUser, OptionalJson, ValidJson, VerifiedUser};
use crate::idempotent;
use crate::problem::{ApiError, Problem};
use crate::routes::hiring::Contract;
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, delete, patch, post, web};
use serde::{Deserialize, Serialize};
use utoipa::{OpenApi, ToSchema};
use uuid::Uuid;
use validator::Validate;
use worklane_app::delivery::{self, MilestoneTerms};

#[derive(OpenApi)]
#[openapi(paths(
    add_milestone,
    edit_milestone,
    delete_milestone,
    fund_milestone,
    submit_work,
    approve_milestone,
    request_changes,
    request_refund,
    agree_refund,
    pay_bonus
))]
pub struct DeliveryApi;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(add_milestone)
        .service(edit_milestone)
        .service(delete_milestone)
        .service(fund_milestone)
        .service(submit_work)
        .service(approve_milestone)
        .service(request_changes)
        .service(request_refund)
        .service(agree_refund)
        .service(pay_bonus);
}

const IDEMPOTENCY: &str = "Makes retries safe: 1–255 visible ASCII characters, kept 24 hours";

fn contract_json(view: worklane_app::offers::ContractView) -> serde_json::Value {
    serde_json::to_value(Contract::from(view)).unwrap_or_default()
}

#[derive(Debug, Serialize, Deserialize, Validate, ToSchema)]
pub struct NewMilestone {
    #[validate(length(min = 1, max = 200))]
    #[schema(example = "Second delivery")]
    pub title: String,
    /// At least 5.00.
    #[validate(length(min = 1, max = 20))]
    #[schema(example = "250.00")]
    pub amount: String,
    #[validate(length(max = 10))]
    #[schema(example = "2026-12-31")]
    pub due_date: Option<String>,
}

/// Add a milestone (the client)
#[utoipa::path(
    tag = "contracts",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The contract's id")),
    request_body = NewMilestone,
    responses(
        (status = 201, description = "The contract with the new milestone last", body = Contract),
        (status = 403, description = "You're the freelancer (`not_your_action`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such contract of yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`contract_ended`, `not_fixed_price` or `too_many_milestones`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/contracts/{id}/milestones")]
pub async fn add_milestone(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    id: web::Path<Uuid>,
    ValidJson(body): ValidJson<NewMilestone>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let view = state
        .db(move |conn, ctx| {
            delivery::add(
                conn,
                ctx,
                &user,
                id,
                &body.title,
                &body.amount,
                body.due_date.as_deref(),
            )
        })
        .await?;
    Ok(HttpResponse::Created().json(Contract::from(view)))
}

#[derive(Debug, Serialize, Deserialize, Validate, ToSchema)]
pub struct MilestonePatch {
    #[validate(length(min = 1, max = 200))]
    pub title: Option<String>,
    #[validate(length(min = 1, max = 20))]
    pub amount: Option<String>,
    /// A date, or "" to clear it.
    #[validate(length(max = 10))]
    pub due_date: Option<String>,
    /// Its place in the contract's order, 0 first.
    #[validate(range(min = 0, max = 1000))]
    pub position: Option<i32>,
}

/// Edit or move an unfunded milestone (the client)
#[utoipa::path(
    tag = "contracts",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The milestone's id")),
    request_body = MilestonePatch,
    responses(
        (status = 200, description = "The contract", body = Contract),
        (status = 403, description = "You're the freelancer (`not_your_action`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such milestone of yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Funded already (`invalid_milestone_state`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/milestones/{id}")]
pub async fn edit_milestone(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    id: web::Path<Uuid>,
    ValidJson(body): ValidJson<MilestonePatch>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let terms = MilestoneTerms {
        title: body.title,
        amount: body.amount,
        due_date: body
            .due_date
            .map(|d| Some(d).filter(|d| !d.trim().is_empty())),
        position: body.position,
    };
    let view = state
        .db(move |conn, ctx| delivery::edit(conn, ctx, &user, id, terms))
        .await?;
    Ok(HttpResponse::Ok().json(Contract::from(view)))
}

/// Delete an unfunded milestone (the client)
#[utoipa::path(
    tag = "contracts",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The milestone's id")),
    responses(
        (status = 200, description = "The contract without it", body = Contract),
        (status = 403, description = "You're the freelancer (`not_your_action`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such milestone of yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Funded already (`invalid_milestone_state`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/milestones/{id}")]
pub async fn delete_milestone(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let view = state
        .db(move |conn, ctx| delivery::delete(conn, ctx, &user, id))
        .await?;
    Ok(HttpResponse::Ok().json(Contract::from(view)))
}

#[derive(Debug, Default, Serialize, Deserialize, Validate, ToSchema)]
pub struct FundRequest {
    /// A card to charge what your wallet lacks (the wallet is used first).
    pub payment_method_id: Option<Uuid>,
}

/// Fund a milestone (the client)
///
/// Moves the amount into the milestone's escrow, plus the marketplace fee, from your
/// wallet first and the card for any shortfall. Send an `Idempotency-Key`.
#[utoipa::path(
    tag = "contracts",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The milestone's id"), ("Idempotency-Key" = Option<String>, Header, description = IDEMPOTENCY)),
    request_body(content = FundRequest, description = "Optional"),
    responses(
        (status = 200, description = "Funded", body = Contract),
        (status = 402, description = "The card was declined (`card_declined`, `insufficient_funds`)", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "You're the freelancer (`not_your_action`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such milestone (or card) of yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not pending (`invalid_milestone_state`), or too little in the wallet and no card (`insufficient_funds`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/milestones/{id}/fund")]
pub async fn fund_milestone(
    state: web::Data<AppState>,
    req: HttpRequest,
    VerifiedUser(user): VerifiedUser,
    id: web::Path<Uuid>,
    body: OptionalJson<FundRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let body = body.0.unwrap_or_default();
    let key = idempotent::key_of(&req)?;
    let hash = idempotent::request_hash(&req, &body);
    let user_id = user.id;
    idempotent::respond(
        &state,
        user_id,
        key,
        hash,
        StatusCode::OK,
        move |conn, ctx, charge_key| {
            delivery::fund(conn, ctx, &user, id, body.payment_method_id, charge_key)
                .map(contract_json)
        },
    )
    .await
}

#[derive(Debug, Serialize, Deserialize, Validate, ToSchema)]
pub struct SubmitWork {
    /// What you delivered, 1–5,000 characters.
    #[validate(length(min = 1, max = 5000))]
    pub message: String,
    /// Files you uploaded, at most 10.
    #[serde(default)]
    #[validate(length(max = 10))]
    pub attachment_ids: Vec<Uuid>,
}

/// Submit work on a milestone (the freelancer)
#[utoipa::path(
    tag = "contracts",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The milestone's id")),
    request_body = SubmitWork,
    responses(
        (status = 200, description = "Submitted; released automatically if the client doesn't answer in 14 days", body = Contract),
        (status = 403, description = "You're the client (`not_your_action`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such milestone of yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not funded, or submitted already (`invalid_milestone_state`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/milestones/{id}/submit")]
pub async fn submit_work(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    id: web::Path<Uuid>,
    ValidJson(body): ValidJson<SubmitWork>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let view = state
        .db(move |conn, ctx| {
            delivery::submit(conn, ctx, &user, id, &body.message, &body.attachment_ids)
        })
        .await?;
    Ok(HttpResponse::Ok().json(Contract::from(view)))
}

#[derive(Debug, Default, Serialize, Deserialize, Validate, ToSchema)]
pub struct ApproveRequest {
    /// An optional bonus paid from your wallet with the release.
    #[validate(length(min = 1, max = 20))]
    #[schema(example = "50.00")]
    pub bonus: Option<String>,
}

/// Approve a submission (the client): its escrow is released
///
/// The freelancer's share waits 5 days in pending, then becomes available. A bonus,
/// if given, is paid from your wallet with it (both or neither). Send an
/// `Idempotency-Key`.
#[utoipa::path(
    tag = "contracts",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The milestone's id"), ("Idempotency-Key" = Option<String>, Header, description = IDEMPOTENCY)),
    request_body(content = ApproveRequest, description = "Optional"),
    responses(
        (status = 200, description = "Released", body = Contract),
        (status = 403, description = "You're the freelancer (`not_your_action`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such milestone of yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not submitted, approved already, or disputed (`invalid_milestone_state`); the wallet can't cover the bonus (`insufficient_funds`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/milestones/{id}/approve")]
pub async fn approve_milestone(
    state: web::Data<AppState>,
    req: HttpRequest,
    AuthUser(user): AuthUser,
    id: web::Path<Uuid>,
    body: OptionalJson<ApproveRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let body = body.0.unwrap_or_default();
    let key = idempotent::key_of(&req)?;
    let hash = idempotent::request_hash(&req, &body);
    let user_id = user.id;
    idempotent::respond(
        &state,
        user_id,
        key,
        hash,
        StatusCode::OK,
        move |conn, ctx, _| {
            delivery::approve(conn, ctx, &user, id, body.bonus.as_deref()).map(contract_json)
        },
    )
    .await
}

#[derive(Debug, Serialize, Deserialize, Validate, ToSchema)]
pub struct ChangesRequest {
    /// What to change, 1–5,000 characters.
    #[validate(length(min = 1, max = 5000))]
    pub message: String,
}

/// Request changes to a submission (the client)
#[utoipa::path(
    tag = "contracts",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The milestone's id")),
    request_body = ChangesRequest,
    responses(
        (status = 200, description = "Back to the freelancer", body = Contract),
        (status = 403, description = "You're the freelancer (`not_your_action`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such milestone of yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not submitted (`invalid_milestone_state`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/milestones/{id}/request-changes")]
pub async fn request_changes(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    id: web::Path<Uuid>,
    ValidJson(body): ValidJson<ChangesRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let view = state
        .db(move |conn, ctx| delivery::request_changes(conn, ctx, &user, id, &body.message))
        .await?;
    Ok(HttpResponse::Ok().json(Contract::from(view)))
}

/// Ask for a funded, unsubmitted milestone's money back (the client)
///
/// The freelancer agrees (refund) or disputes; without an answer in 7 days it is
/// refunded.
#[utoipa::path(
    tag = "contracts",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The milestone's id")),
    responses(
        (status = 200, description = "Refund requested", body = Contract),
        (status = 403, description = "You're the freelancer (`not_your_action`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such milestone of yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not funded, or work was submitted (`invalid_milestone_state`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/milestones/{id}/request-refund")]
pub async fn request_refund(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let view = state
        .db(move |conn, ctx| delivery::request_refund(conn, ctx, &user, id))
        .await?;
    Ok(HttpResponse::Ok().json(Contract::from(view)))
}

/// Agree to a refund request (the freelancer): the escrow goes back to the client
#[utoipa::path(
    tag = "contracts",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The milestone's id")),
    responses(
        (status = 200, description = "Refunded", body = Contract),
        (status = 403, description = "You're the client (`not_your_action`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such milestone of yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "No refund requested (`invalid_milestone_state`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/milestones/{id}/agree-refund")]
pub async fn agree_refund(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let view = state
        .db(move |conn, ctx| delivery::agree_refund(conn, ctx, &user, id))
        .await?;
    Ok(HttpResponse::Ok().json(Contract::from(view)))
}

#[derive(Debug, Serialize, Deserialize, Validate, ToSchema)]
pub struct BonusRequest {
    #[validate(length(min = 1, max = 20))]
    #[schema(example = "50.00")]
    pub amount: String,
    #[serde(default)]
    #[validate(length(max = 2000))]
    pub message: String,
}

/// Pay a bonus (the client), from your wallet
///
/// The marketplace fee applies; the freelancer's share waits out the security
/// period like any release. Send an `Idempotency-Key`.
#[utoipa::path(
    tag = "contracts",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The contract's id"), ("Idempotency-Key" = Option<String>, Header, description = IDEMPOTENCY)),
    request_body = BonusRequest,
    responses(
        (status = 200, description = "Paid", body = Contract),
        (status = 403, description = "You're the freelancer (`not_your_action`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such contract of yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The wallet can't cover it (`insufficient_funds`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/contracts/{id}/bonus")]
pub async fn pay_bonus(
    state: web::Data<AppState>,
    req: HttpRequest,
    VerifiedUser(user): VerifiedUser,
    id: web::Path<Uuid>,
    ValidJson(body): ValidJson<BonusRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let key = idempotent::key_of(&req)?;
    let hash = idempotent::request_hash(&req, &body);
    let user_id = user.id;
    idempotent::respond(
        &state,
        user_id,
        key,
        hash,
        StatusCode::OK,
        move |conn, ctx, _| {
            delivery::bonus(conn, ctx, &user, id, &body.amount, &body.message).map(contract_json)
        },
    )
    .await
}
