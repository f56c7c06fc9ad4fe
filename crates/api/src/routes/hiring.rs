//! Hiring (SPEC §5, §6): Connects, proposals, invitations, offers, and the contracts
//! they become (read side).

use crate::extract::{AuthUser, OptionalJson, ValidJson, ValidQuery, VerifiedUser};
use crate::idempotent;
use crate::problem::{ApiError, Problem};
use crate::routes::files::AttachmentInfo;
use crate::routes::jobs::{JobStatusName, JobTypeName, ProjectLengthName, Visibility};
use crate::routes::{money, wire_amount};
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};
use uuid::Uuid;
use validator::Validate;
use worklane_app::offers::{self, ContractView, MilestoneView, OfferInput, OfferView};
use worklane_app::proposals::{
    self, InvitationView, ProposalInput, ProposalView, ProposedMilestone,
};
use worklane_db::hiring::{InvitationScope, JobBrief, Party as PartyRow};
use worklane_domain::hiring::ProposalAction;

#[derive(OpenApi)]
#[openapi(
    paths(
        my_connects,
        buy_connects,
        submit_proposal,
        job_proposals,
        my_proposals,
        get_proposal,
        shortlist_proposal,
        archive_proposal,
        decline_proposal,
        withdraw_proposal,
        invite,
        job_invitations,
        my_invitations,
        get_invitation,
        accept_invitation,
        decline_invitation,
        create_offer,
        my_offers,
        get_offer,
        accept_offer,
        decline_offer,
        withdraw_offer,
        list_contracts,
        get_contract,
        // utoipa keeps one path item per path across nested documents: PATCH
        // /contracts/{id} is described here, beside GET, so neither is lost.
        crate::routes::hourly::change_terms
    ),
    components(schemas(RoleName, ProposalStatusFilter, ProposalSortName))
)]
pub struct HiringApi;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(my_connects)
        .service(buy_connects)
        .service(submit_proposal)
        .service(job_proposals)
        .service(my_proposals)
        .service(get_proposal)
        .service(shortlist_proposal)
        .service(archive_proposal)
        .service(decline_proposal)
        .service(withdraw_proposal)
        .service(invite)
        .service(job_invitations)
        .service(my_invitations)
        .service(get_invitation)
        .service(accept_invitation)
        .service(decline_invitation)
        .service(create_offer)
        .service(my_offers)
        .service(get_offer)
        .service(accept_offer)
        .service(decline_offer)
        .service(withdraw_offer)
        .service(list_contracts)
        .service(get_contract);
}

wire_enum!(ProposalStatusName {
    Submitted = "submitted",
    Shortlisted = "shortlisted",
    Archived = "archived",
    Declined = "declined",
    Withdrawn = "withdrawn",
    Hired = "hired",
});
wire_enum!(
    /// A proposal status, or `active` (submitted or shortlisted) or `all`.
    ProposalStatusFilter {
        Submitted = "submitted",
        Shortlisted = "shortlisted",
        Archived = "archived",
        Declined = "declined",
        Withdrawn = "withdrawn",
        Hired = "hired",
        Active = "active",
        All = "all",
    }
);
wire_enum!(
    /// Newest first, lowest bid first, or best match (skills and rate fit) first.
    ProposalSortName { Newest = "newest", Bid = "bid", BestMatch = "best_match" }
);
wire_enum!(InvitationStatusName { Pending = "pending", Accepted = "accepted", Declined = "declined" });
wire_enum!(OfferStatusName {
    Pending = "pending",
    Accepted = "accepted",
    Declined = "declined",
    Withdrawn = "withdrawn",
    Expired = "expired",
});
wire_enum!(ContractStatusName { Active = "active", Paused = "paused", Ended = "ended" });
wire_enum!(MilestoneStatusName {
    Pending = "pending",
    Funded = "funded",
    Submitted = "submitted",
    ChangesRequested = "changes_requested",
    Approved = "approved",
    RefundRequested = "refund_requested",
    Refunded = "refunded",
    Disputed = "disputed",
});
wire_enum!(
    /// Which side of the work you are on.
    RoleName { Client = "client", Freelancer = "freelancer" }
);
wire_enum!(ConnectsLineKind {
    Grant = "grant",
    Purchase = "purchase",
    Spend = "spend",
    Refund = "refund",
    Expiry = "expiry",
});

// ---------- shared shapes ----------

/// A user as the other side of a deal sees them.
#[derive(Debug, Serialize, ToSchema)]
pub struct Party {
    pub id: Uuid,
    #[schema(example = "Ada Lovelace")]
    pub full_name: String,
    #[schema(example = "GB")]
    pub country: String,
    pub photo_url: Option<String>,
    /// An admin suspended this account: work with them is on hold.
    pub suspended: bool,
}

impl From<&PartyRow> for Party {
    fn from(p: &PartyRow) -> Self {
        Self {
            id: p.id,
            full_name: p.full_name.clone(),
            country: p.country.clone(),
            photo_url: p
                .photo_id
                .map(|photo| format!("/api/v1/freelancers/{}/photo?v={}", p.id, photo.simple())),
            suspended: p.suspended,
        }
    }
}

/// A freelancer on a proposal: the party plus their profile's headline and rate.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProposalFreelancer {
    pub id: Uuid,
    pub full_name: String,
    pub country: String,
    pub photo_url: Option<String>,
    pub title: Option<String>,
    pub hourly_rate: Option<String>,
}

/// The job a proposal, invitation or offer is about.
#[derive(Debug, Serialize, ToSchema)]
pub struct JobBriefView {
    pub id: Uuid,
    pub client_id: Uuid,
    pub title: String,
    pub job_type: JobTypeName,
    pub status: JobStatusName,
    pub visibility: Visibility,
    pub connects_cost: i32,
    pub screening_questions: Vec<String>,
}

impl From<&JobBrief> for JobBriefView {
    fn from(j: &JobBrief) -> Self {
        Self {
            id: j.id,
            client_id: j.client_id,
            title: j.title.clone(),
            job_type: JobTypeName::from_wire(&j.job_type).unwrap_or(JobTypeName::Fixed),
            status: JobStatusName::from_wire(&j.status).unwrap_or(JobStatusName::Removed),
            visibility: Visibility::from_wire(&j.visibility).unwrap_or(Visibility::Public),
            connects_cost: j.connects_cost,
            screening_questions: j.screening_questions.clone(),
        }
    }
}

#[derive(Debug, Serialize, Deserialize, Validate, ToSchema)]
pub struct ProposedMilestoneBody {
    #[validate(length(min = 1, max = 200))]
    #[schema(example = "Wireframes")]
    pub title: String,
    #[validate(length(min = 1, max = 20))]
    #[schema(example = "250.00")]
    pub amount: String,
}

/// How many of a list there are, and where the next page starts.
#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    #[validate(length(min = 1, max = 200))]
    #[param(min_length = 1, max_length = 200)]
    pub cursor: Option<String>,
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
}

// ---------- Connects ----------

#[derive(Debug, Serialize, ToSchema)]
pub struct ConnectsLine {
    pub id: Uuid,
    pub kind: ConnectsLineKind,
    /// Positive for grants, purchases and refunds; negative for spends and expiries.
    #[schema(example = -4)]
    pub amount: i32,
    pub balance_after: i32,
    pub memo: String,
    pub job_id: Option<Uuid>,
    pub proposal_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ConnectsBundle {
    #[schema(example = 20)]
    pub connects: i32,
    #[schema(example = "3.00")]
    pub price: String,
}

/// Your Connects: the balance (always the sum of the history's lines), where it
/// comes from, and one page of history, newest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConnectsSummary {
    #[schema(example = 10)]
    pub balance: i32,
    /// Granted (and refunded) Connects left; they roll over up to `rollover_cap`.
    pub granted: i32,
    /// Bought Connects left; each purchase expires 12 months after it was made.
    pub purchased: i32,
    pub plan: String,
    pub monthly_grant: i32,
    pub rollover_cap: i32,
    pub next_grant_at: DateTime<Utc>,
    #[schema(example = "0.15")]
    pub price_per_connect: String,
    pub bundles: Vec<ConnectsBundle>,
    pub data: Vec<ConnectsLine>,
    pub next_cursor: Option<String>,
}

/// Your Connects balance and history (freelancers)
#[utoipa::path(
    tag = "hiring",
    security(("bearer" = [])),
    params(PageQuery),
    responses(
        (status = 200, description = "Balance and history", body = ConnectsSummary),
        (status = 403, description = "Not a freelancer account (`freelancer_role_required`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/me/connects")]
pub async fn my_connects(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    ValidQuery(query): ValidQuery<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    let (summary, policy) = state
        .db(move |conn, ctx| {
            worklane_app::connects::summary(conn, ctx, &user, query.cursor.as_deref(), query.limit)
                .map(|s| (s, ctx.policy.connects.clone()))
        })
        .await?;
    let account = &summary.account;
    Ok(HttpResponse::Ok().json(ConnectsSummary {
        balance: account.balance,
        granted: account.granted,
        purchased: summary.purchased,
        plan: account.plan.clone(),
        monthly_grant: policy.monthly(&account.plan),
        rollover_cap: policy.rollover_cap,
        next_grant_at: account.next_grant_at,
        price_per_connect: money(policy.price_each),
        bundles: policy
            .bundles
            .iter()
            .filter_map(|b| {
                policy.bundle_price(*b).map(|p| ConnectsBundle {
                    connects: *b,
                    price: money(p),
                })
            })
            .collect(),
        data: summary
            .lines
            .into_iter()
            .map(|l| ConnectsLine {
                id: l.id,
                kind: ConnectsLineKind::from_wire(&l.kind).unwrap_or(ConnectsLineKind::Grant),
                amount: l.amount,
                balance_after: l.balance_after,
                memo: l.memo,
                job_id: l.job_id,
                proposal_id: l.proposal_id,
                created_at: l.created_at,
            })
            .collect(),
        next_cursor: summary.next_cursor,
    }))
}

#[derive(Debug, Serialize, Deserialize, Validate, ToSchema)]
pub struct BuyConnectsRequest {
    /// One of the bundles on sale (10, 20, 40, 60 or 80 by default).
    #[schema(example = 20, minimum = 1, maximum = 1000)]
    pub bundle: i32,
    /// Charge this card; without one the price comes from your available earnings.
    pub payment_method_id: Option<Uuid>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ConnectsPurchase {
    pub connects: i32,
    #[schema(example = "3.00")]
    pub price: String,
    /// Your Connects balance after the purchase.
    pub balance: i32,
    /// The ledger transaction that paid for them.
    pub transaction_id: Uuid,
}

/// Buy a bundle of Connects
///
/// Paid from your available earnings, or charged to one of your cards. Send an
/// `Idempotency-Key`: a retry with the same key returns the first response and buys
/// nothing again.
#[utoipa::path(
    tag = "hiring",
    security(("bearer" = [])),
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes retries safe: 1–255 visible ASCII characters, kept 24 hours")),
    request_body = BuyConnectsRequest,
    responses(
        (status = 201, description = "Bought", body = ConnectsPurchase),
        (status = 402, description = "The card was declined (`card_declined`, `insufficient_funds`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such card of yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Too little available and no card (`insufficient_funds`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not a bundle on sale (`unknown_bundle`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/me/connects/purchase")]
pub async fn buy_connects(
    state: web::Data<AppState>,
    req: HttpRequest,
    VerifiedUser(user): VerifiedUser,
    ValidJson(body): ValidJson<BuyConnectsRequest>,
) -> Result<HttpResponse, ApiError> {
    let key = idempotent::key_of(&req)?;
    let hash = idempotent::request_hash(&req, &body);
    let user_id = user.id;
    idempotent::respond(
        &state,
        user_id,
        key,
        hash,
        StatusCode::CREATED,
        move |conn, ctx, charge_key| {
            let bought = worklane_app::connects::purchase(
                conn,
                ctx,
                &user,
                body.bundle,
                body.payment_method_id,
                charge_key,
            )?;
            Ok(serde_json::to_value(ConnectsPurchase {
                connects: bought.connects,
                price: money(bought.price),
                balance: bought.balance,
                transaction_id: bought.transaction_id,
            })
            .unwrap_or_default())
        },
    )
    .await
}

// ---------- proposals ----------

#[derive(Debug, Serialize, Deserialize, Validate, ToSchema)]
pub struct ProposalRequest {
    /// 50–5,000 characters.
    #[validate(length(max = 5000))]
    #[schema(min_length = 50, max_length = 5000)]
    pub cover_letter: String,
    /// Fixed-price jobs: the total you ask.
    #[schema(example = "500.00")]
    #[validate(length(max = 20))]
    pub bid_amount: Option<String>,
    /// Hourly jobs: your rate.
    #[schema(example = "45.00")]
    #[validate(length(max = 20))]
    pub hourly_rate: Option<String>,
    /// Fixed-price jobs, optional: milestones that add up to `bid_amount` exactly.
    #[serde(default)]
    #[validate(length(max = 20), nested)]
    pub milestones: Vec<ProposedMilestoneBody>,
    pub estimated_duration: ProjectLengthName,
    /// One answer per screening question of the job, in order.
    #[serde(default)]
    #[validate(length(max = 5))]
    pub answers: Vec<String>,
    /// Files you uploaded, at most 10.
    #[serde(default)]
    #[validate(length(max = 10))]
    pub attachment_ids: Vec<Uuid>,
}

impl From<ProposalRequest> for ProposalInput {
    fn from(r: ProposalRequest) -> Self {
        Self {
            cover_letter: r.cover_letter,
            bid_amount: r.bid_amount,
            hourly_rate: r.hourly_rate,
            milestones: r
                .milestones
                .into_iter()
                .map(|m| ProposedMilestone {
                    title: m.title,
                    amount: m.amount,
                })
                .collect(),
            estimated_duration: r.estimated_duration.as_str().to_owned(),
            answers: r.answers,
            attachment_ids: r.attachment_ids,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Proposal {
    pub id: Uuid,
    pub job: JobBriefView,
    pub freelancer: ProposalFreelancer,
    pub status: ProposalStatusName,
    pub cover_letter: String,
    pub bid_type: JobTypeName,
    pub bid_amount: Option<String>,
    pub hourly_rate: Option<String>,
    pub milestones: Vec<ProposedMilestoneBody>,
    pub estimated_duration: ProjectLengthName,
    pub answers: Vec<String>,
    pub attachment_ids: Vec<Uuid>,
    /// The attached files, in `attachment_ids` order.
    pub attachments: Vec<AttachmentInfo>,
    /// The freelancer's service fee on the bid (per hour for hourly bids).
    #[schema(example = "50.00")]
    pub fee: String,
    /// What the freelancer receives after the fee.
    #[schema(example = "450.00")]
    pub net: String,
    pub connects_spent: i32,
    pub invitation_id: Option<Uuid>,
    pub decline_reason: Option<String>,
    /// 0–100: the share of the job's skills the freelancer has, and rate fit.
    pub match_score: i32,
    /// The latest offer made from this proposal.
    pub offer_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<ProposalView> for Proposal {
    fn from(v: ProposalView) -> Self {
        let p = v.proposal;
        let f = &v.freelancer;
        Self {
            id: p.id,
            job: JobBriefView::from(&v.job),
            freelancer: ProposalFreelancer {
                id: f.id,
                full_name: f.full_name.clone(),
                country: f.country.clone(),
                photo_url: Party::from(f).photo_url,
                title: f.title.clone(),
                hourly_rate: wire_amount(f.hourly_rate),
            },
            status: ProposalStatusName::from_wire(&p.status)
                .unwrap_or(ProposalStatusName::Declined),
            cover_letter: p.cover_letter,
            bid_type: JobTypeName::from_wire(&p.bid_type).unwrap_or(JobTypeName::Fixed),
            bid_amount: wire_amount(p.bid_amount),
            hourly_rate: wire_amount(p.hourly_rate),
            milestones: v
                .milestones
                .into_iter()
                .map(|m| ProposedMilestoneBody {
                    title: m.title,
                    amount: m.amount,
                })
                .collect(),
            estimated_duration: ProjectLengthName::from_wire(&p.estimated_duration)
                .unwrap_or(ProjectLengthName::LessThan1Month),
            answers: p.answers,
            attachment_ids: p.attachment_ids,
            attachments: v
                .attachments
                .into_iter()
                .map(AttachmentInfo::from)
                .collect(),
            fee: money(v.fee),
            net: money(v.net),
            connects_spent: p.connects_spent,
            invitation_id: p.invitation_id,
            decline_reason: p.decline_reason,
            match_score: p.match_score,
            offer_id: v.offer_id,
            created_at: p.created_at,
            updated_at: p.updated_at,
        }
    }
}

/// Send a proposal
///
/// Spends the job's Connects cost in the same transaction as the proposal: with too
/// few Connects nothing is written (402 `not_enough_connects`). One active proposal
/// per job.
#[utoipa::path(
    tag = "hiring",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The job's id")),
    request_body = ProposalRequest,
    responses(
        (status = 201, description = "Sent", body = Proposal),
        (status = 402, description = "Not enough Connects (`not_enough_connects`)", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your own job (`own_job`), an invite-only job (`invitation_required`), or not a freelancer", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such job you can see", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already proposed (`already_proposed`) or the job is not open (`job_not_open`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A rule broken, e.g. `milestones_sum_mismatch`, `answers_mismatch`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/jobs/{id}/proposals")]
pub async fn submit_proposal(
    state: web::Data<AppState>,
    VerifiedUser(user): VerifiedUser,
    id: web::Path<Uuid>,
    ValidJson(body): ValidJson<ProposalRequest>,
) -> Result<HttpResponse, ApiError> {
    let job_id = id.into_inner();
    let proposal = state
        .db(move |conn, ctx| proposals::submit(conn, ctx, &user, job_id, body.into()))
        .await?;
    Ok(HttpResponse::Created().json(Proposal::from(proposal)))
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct JobProposalsQuery {
    pub status: Option<ProposalStatusFilter>,
    pub sort: Option<ProposalSortName>,
    #[validate(length(min = 1, max = 200))]
    #[param(min_length = 1, max_length = 200)]
    pub cursor: Option<String>,
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
}

/// Proposals in each status.
#[derive(Debug, Default, Serialize, ToSchema)]
pub struct ProposalCounts {
    pub all: i64,
    pub submitted: i64,
    pub shortlisted: i64,
    pub archived: i64,
    pub declined: i64,
    pub withdrawn: i64,
    pub hired: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct JobProposalPage {
    pub data: Vec<Proposal>,
    pub next_cursor: Option<String>,
    pub counts: ProposalCounts,
}

/// A job's proposals (its owner)
#[utoipa::path(
    tag = "hiring",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The job's id"), JobProposalsQuery),
    responses(
        (status = 200, description = "One page, with the count in every status", body = JobProposalPage),
        (status = 404, description = "No such job of yours", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/jobs/{id}/proposals")]
pub async fn job_proposals(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    id: web::Path<Uuid>,
    ValidQuery(query): ValidQuery<JobProposalsQuery>,
) -> Result<HttpResponse, ApiError> {
    let job_id = id.into_inner();
    let page = state
        .db(move |conn, ctx| {
            let review = proposals::ReviewQuery {
                status: query.status.map(|s| s.as_str().to_owned()),
                sort: query.sort.map(|s| s.as_str().to_owned()),
                cursor: query.cursor,
                limit: query.limit,
            };
            proposals::for_job(conn, ctx, &user, job_id, &review)
        })
        .await?;
    let mut counts = ProposalCounts::default();
    for (status, n) in page.counts {
        counts.all += n;
        match status.as_str() {
            "submitted" => counts.submitted = n,
            "shortlisted" => counts.shortlisted = n,
            "archived" => counts.archived = n,
            "declined" => counts.declined = n,
            "withdrawn" => counts.withdrawn = n,
            "hired" => counts.hired = n,
            _ => {}
        }
    }
    Ok(HttpResponse::Ok().json(JobProposalPage {
        data: page.proposals.into_iter().map(Proposal::from).collect(),
        next_cursor: page.next_cursor,
        counts,
    }))
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MyProposalsQuery {
    pub status: Option<ProposalStatusFilter>,
    #[validate(length(min = 1, max = 200))]
    #[param(min_length = 1, max_length = 200)]
    pub cursor: Option<String>,
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProposalPage {
    pub data: Vec<Proposal>,
    pub next_cursor: Option<String>,
}

/// Your proposals (freelancers), newest first
#[utoipa::path(
    tag = "hiring",
    security(("bearer" = [])),
    params(MyProposalsQuery),
    responses((status = 200, description = "One page", body = ProposalPage))
)]
#[get("/me/proposals")]
pub async fn my_proposals(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    ValidQuery(query): ValidQuery<MyProposalsQuery>,
) -> Result<HttpResponse, ApiError> {
    let (rows, next_cursor) = state
        .db(move |conn, ctx| {
            proposals::mine(
                conn,
                ctx,
                &user,
                query.status.map(ProposalStatusFilter::as_str),
                query.cursor.as_deref(),
                query.limit,
            )
        })
        .await?;
    Ok(HttpResponse::Ok().json(ProposalPage {
        data: rows.into_iter().map(Proposal::from).collect(),
        next_cursor,
    }))
}

/// A proposal (its freelancer or the job's owner)
#[utoipa::path(
    tag = "hiring",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The proposal's id")),
    responses(
        (status = 200, description = "The proposal", body = Proposal),
        (status = 404, description = "No such proposal of yours", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/proposals/{id}")]
pub async fn get_proposal(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let proposal = state
        .db(move |conn, ctx| proposals::get(conn, ctx, &user, id))
        .await?;
    Ok(HttpResponse::Ok().json(Proposal::from(proposal)))
}

#[derive(Debug, Default, Serialize, Deserialize, Validate, ToSchema)]
pub struct ReasonRequest {
    /// Optional, at most 500 characters.
    #[validate(length(max = 500))]
    pub reason: Option<String>,
}

async fn act_on_proposal(
    state: web::Data<AppState>,
    user: worklane_db::users::User,
    id: Uuid,
    action: ProposalAction,
    reason: Option<String>,
) -> Result<HttpResponse, ApiError> {
    let proposal = state
        .db(move |conn, ctx| proposals::act(conn, ctx, &user, id, action, reason))
        .await?;
    Ok(HttpResponse::Ok().json(Proposal::from(proposal)))
}

/// Shortlist a proposal (the job's owner)
#[utoipa::path(
    tag = "hiring",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The proposal's id")),
    responses(
        (status = 200, description = "Shortlisted", body = Proposal),
        (status = 403, description = "You're the freelancer (`not_your_action`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such proposal of yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not in a state that allows it (`invalid_proposal_state`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/proposals/{id}/shortlist")]
pub async fn shortlist_proposal(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    act_on_proposal(
        state,
        user,
        id.into_inner(),
        ProposalAction::Shortlist,
        None,
    )
    .await
}

/// Archive a proposal (the job's owner)
#[utoipa::path(
    tag = "hiring",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The proposal's id")),
    responses(
        (status = 200, description = "Archived", body = Proposal),
        (status = 404, description = "No such proposal of yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not in a state that allows it (`invalid_proposal_state`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/proposals/{id}/archive")]
pub async fn archive_proposal(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    act_on_proposal(state, user, id.into_inner(), ProposalAction::Archive, None).await
}

/// Decline a proposal (the job's owner), with an optional reason
#[utoipa::path(
    tag = "hiring",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The proposal's id")),
    request_body(content = ReasonRequest, description = "Optional"),
    responses(
        (status = 200, description = "Declined; its Connects are not refunded", body = Proposal),
        (status = 404, description = "No such proposal of yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Final already (`invalid_proposal_state`) or an offer is pending (`offer_pending`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/proposals/{id}/decline")]
pub async fn decline_proposal(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    id: web::Path<Uuid>,
    body: OptionalJson<ReasonRequest>,
) -> Result<HttpResponse, ApiError> {
    let reason = body.0.and_then(|b| b.reason);
    act_on_proposal(
        state,
        user,
        id.into_inner(),
        ProposalAction::Decline,
        reason,
    )
    .await
}

/// Withdraw your proposal (the freelancer)
#[utoipa::path(
    tag = "hiring",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The proposal's id")),
    request_body(content = ReasonRequest, description = "Optional"),
    responses(
        (status = 200, description = "Withdrawn; its Connects are not refunded", body = Proposal),
        (status = 404, description = "No such proposal of yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Final already (`invalid_proposal_state`) or an offer is pending (`offer_pending`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/proposals/{id}/withdraw")]
pub async fn withdraw_proposal(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    id: web::Path<Uuid>,
    body: OptionalJson<ReasonRequest>,
) -> Result<HttpResponse, ApiError> {
    let reason = body.0.and_then(|b| b.reason);
    act_on_proposal(
        state,
        user,
        id.into_inner(),
        ProposalAction::Withdraw,
        reason,
    )
    .await
}

// ---------- invitations ----------

#[derive(Debug, Serialize, Deserialize, Validate, ToSchema)]
pub struct InvitationRequest {
    pub freelancer_id: Uuid,
    /// 1–2,000 characters.
    #[validate(length(max = 2000))]
    #[schema(min_length = 1, max_length = 2000)]
    pub message: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Invitation {
    pub id: Uuid,
    pub job: JobBriefView,
    pub client: Party,
    pub freelancer: Party,
    pub message: String,
    pub status: InvitationStatusName,
    pub decline_reason: Option<String>,
    /// The proposal accepting it opened.
    pub proposal_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub answered_at: Option<DateTime<Utc>>,
}

impl From<InvitationView> for Invitation {
    fn from(v: InvitationView) -> Self {
        let i = v.invitation;
        Self {
            id: i.id,
            job: JobBriefView::from(&v.job),
            client: Party::from(&v.client),
            freelancer: Party::from(&v.freelancer),
            message: i.message,
            status: InvitationStatusName::from_wire(&i.status)
                .unwrap_or(InvitationStatusName::Declined),
            decline_reason: i.decline_reason,
            proposal_id: i.proposal_id,
            created_at: i.created_at,
            answered_at: i.answered_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct InvitationPage {
    pub data: Vec<Invitation>,
    pub next_cursor: Option<String>,
}

/// Invite a freelancer to your job
#[utoipa::path(
    tag = "hiring",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The job's id")),
    request_body = InvitationRequest,
    responses(
        (status = 201, description = "Invited", body = Invitation),
        (status = 404, description = "No such job of yours, or no such freelancer", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`already_invited`, `already_proposed` or `job_not_open`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/jobs/{id}/invitations")]
pub async fn invite(
    state: web::Data<AppState>,
    VerifiedUser(user): VerifiedUser,
    id: web::Path<Uuid>,
    ValidJson(body): ValidJson<InvitationRequest>,
) -> Result<HttpResponse, ApiError> {
    let job_id = id.into_inner();
    let invitation = state
        .db(move |conn, ctx| {
            proposals::invite(conn, ctx, &user, job_id, body.freelancer_id, &body.message)
        })
        .await?;
    Ok(HttpResponse::Created().json(Invitation::from(invitation)))
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct InvitationsQuery {
    pub status: Option<InvitationStatusName>,
    #[validate(length(min = 1, max = 200))]
    #[param(min_length = 1, max_length = 200)]
    pub cursor: Option<String>,
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
}

async fn list_invitations(
    state: web::Data<AppState>,
    user: worklane_db::users::User,
    scope: impl FnOnce(&worklane_db::users::User) -> InvitationScope + Send + 'static,
    query: InvitationsQuery,
) -> Result<HttpResponse, ApiError> {
    let (rows, next_cursor) = state
        .db(move |conn, _| {
            let scope = scope(&user);
            proposals::invitations(
                conn,
                &user,
                scope,
                query.status.map(InvitationStatusName::as_str),
                query.cursor.as_deref(),
                query.limit,
            )
        })
        .await?;
    Ok(HttpResponse::Ok().json(InvitationPage {
        data: rows.into_iter().map(Invitation::from).collect(),
        next_cursor,
    }))
}

/// Invitations sent for your job
#[utoipa::path(
    tag = "hiring",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The job's id"), InvitationsQuery),
    responses(
        (status = 200, description = "Newest first", body = InvitationPage),
        (status = 404, description = "No such job of yours", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/jobs/{id}/invitations")]
pub async fn job_invitations(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    id: web::Path<Uuid>,
    ValidQuery(query): ValidQuery<InvitationsQuery>,
) -> Result<HttpResponse, ApiError> {
    let job_id = id.into_inner();
    list_invitations(state, user, move |_| InvitationScope::Job(job_id), query).await
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MyInvitationsQuery {
    /// `freelancer`: invitations you received (the default for freelancers);
    /// `client`: invitations you sent.
    pub role: Option<RoleName>,
    pub status: Option<InvitationStatusName>,
    #[validate(length(min = 1, max = 200))]
    #[param(min_length = 1, max_length = 200)]
    pub cursor: Option<String>,
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
}

/// Invitations you received or sent
#[utoipa::path(
    tag = "hiring",
    security(("bearer" = [])),
    params(MyInvitationsQuery),
    responses((status = 200, description = "Newest first", body = InvitationPage))
)]
#[get("/me/invitations")]
pub async fn my_invitations(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    ValidQuery(query): ValidQuery<MyInvitationsQuery>,
) -> Result<HttpResponse, ApiError> {
    let role = query.role;
    let rest = InvitationsQuery {
        status: query.status,
        cursor: query.cursor,
        limit: query.limit,
    };
    list_invitations(
        state,
        user,
        move |user| match role {
            Some(RoleName::Client) => InvitationScope::Sent(user.id),
            Some(RoleName::Freelancer) => InvitationScope::Received(user.id),
            None if user.is_freelancer => InvitationScope::Received(user.id),
            None => InvitationScope::Sent(user.id),
        },
        rest,
    )
    .await
}

/// An invitation (its two parties)
#[utoipa::path(
    tag = "hiring",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The invitation's id")),
    responses(
        (status = 200, description = "The invitation", body = Invitation),
        (status = 404, description = "No such invitation of yours", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/invitations/{id}")]
pub async fn get_invitation(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let invitation = state
        .db(move |conn, _| proposals::invitation(conn, &user, id))
        .await?;
    Ok(HttpResponse::Ok().json(Invitation::from(invitation)))
}

/// Accept an invitation: send its proposal, free of Connects
#[utoipa::path(
    tag = "hiring",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The invitation's id")),
    request_body = ProposalRequest,
    responses(
        (status = 201, description = "The proposal it opened", body = Proposal),
        (status = 404, description = "No such invitation of yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Answered already (`invitation_answered`), `already_proposed` or `job_not_open`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A rule broken in the proposal", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/invitations/{id}/accept")]
pub async fn accept_invitation(
    state: web::Data<AppState>,
    VerifiedUser(user): VerifiedUser,
    id: web::Path<Uuid>,
    ValidJson(body): ValidJson<ProposalRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let proposal = state
        .db(move |conn, ctx| proposals::accept_invitation(conn, ctx, &user, id, body.into()))
        .await?;
    Ok(HttpResponse::Created().json(Proposal::from(proposal)))
}

/// Decline an invitation, with an optional reason
#[utoipa::path(
    tag = "hiring",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The invitation's id")),
    request_body(content = ReasonRequest, description = "Optional"),
    responses(
        (status = 200, description = "Declined", body = Invitation),
        (status = 404, description = "No such invitation of yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Answered already (`invitation_answered`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/invitations/{id}/decline")]
pub async fn decline_invitation(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    id: web::Path<Uuid>,
    body: OptionalJson<ReasonRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let reason = body.0.and_then(|b| b.reason);
    let invitation = state
        .db(move |conn, ctx| proposals::decline_invitation(conn, ctx, &user, id, reason))
        .await?;
    Ok(HttpResponse::Ok().json(Invitation::from(invitation)))
}

// ---------- offers ----------

#[derive(Debug, Serialize, Deserialize, Validate, ToSchema)]
pub struct OfferMilestoneBody {
    #[validate(length(min = 1, max = 200))]
    #[schema(example = "First delivery")]
    pub title: String,
    /// At least 5.00.
    #[validate(length(min = 1, max = 20))]
    #[schema(example = "250.00")]
    pub amount: String,
    #[schema(example = "2026-12-31")]
    #[validate(length(max = 10))]
    pub due_date: Option<String>,
}

#[derive(Debug, Serialize, Deserialize, Validate, ToSchema)]
pub struct OfferRequest {
    pub proposal_id: Uuid,
    pub contract_type: JobTypeName,
    /// Defaults to the job's title.
    #[validate(length(max = 200))]
    pub title: Option<String>,
    #[validate(length(max = 5000))]
    pub message: Option<String>,
    /// Fixed price: 1–20 milestones, each at least 5.00; the first is funded now.
    #[serde(default)]
    #[validate(length(max = 20), nested)]
    pub milestones: Vec<OfferMilestoneBody>,
    /// Hourly: at least 3.00.
    #[validate(length(max = 20))]
    pub hourly_rate: Option<String>,
    /// Hourly: 1–80.
    pub weekly_limit_hours: Option<i32>,
    /// Hourly: whether manual time entries are allowed (default false).
    pub manual_time_allowed: Option<bool>,
    /// Fixed price: a card to charge what your wallet lacks for the first milestone.
    pub payment_method_id: Option<Uuid>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Milestone {
    pub id: Uuid,
    pub position: i32,
    pub title: String,
    #[schema(example = "250.00")]
    pub amount: String,
    pub due_date: Option<NaiveDate>,
    pub status: MilestoneStatusName,
    /// What its escrow holds now.
    #[schema(example = "250.00")]
    pub escrow: String,
    pub funded_at: Option<DateTime<Utc>>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub released_at: Option<DateTime<Utc>>,
    pub refund_requested_at: Option<DateTime<Utc>>,
    /// When the clock acts if nobody does: a submission is released 14 days after
    /// it was sent, a refund request granted 7 days after it was made.
    pub deadline: Option<DateTime<Utc>>,
    /// Each delivery of work and the client's answer, oldest first.
    pub submissions: Vec<MilestoneSubmission>,
}

wire_enum!(SubmissionOutcome {
    Approved = "approved",
    ChangesRequested = "changes_requested",
    AutoReleased = "auto_released",
});

#[derive(Debug, Serialize, ToSchema)]
pub struct MilestoneSubmission {
    pub id: Uuid,
    pub message: String,
    pub attachment_ids: Vec<Uuid>,
    /// The delivered files, in `attachment_ids` order.
    pub attachments: Vec<AttachmentInfo>,
    pub created_at: DateTime<Utc>,
    /// Unanswered while null.
    pub outcome: Option<SubmissionOutcome>,
    /// What the client asked to change.
    pub outcome_message: Option<String>,
    pub answered_at: Option<DateTime<Utc>>,
}

impl From<MilestoneView> for Milestone {
    fn from(v: MilestoneView) -> Self {
        let m = v.milestone;
        Self {
            id: m.id,
            position: m.position,
            title: m.title,
            amount: money(m.amount),
            due_date: m.due_date,
            status: MilestoneStatusName::from_wire(&m.status)
                .unwrap_or(MilestoneStatusName::Pending),
            escrow: money(v.escrow),
            funded_at: m.funded_at,
            submitted_at: m.submitted_at,
            released_at: m.released_at,
            refund_requested_at: m.refund_requested_at,
            deadline: v.deadline,
            submissions: v
                .submissions
                .into_iter()
                .map(|s| MilestoneSubmission {
                    id: s.id,
                    message: s.message,
                    attachments: s
                        .attachment_ids
                        .iter()
                        .filter_map(|id| v.files.get(id).cloned().map(AttachmentInfo::from))
                        .collect(),
                    attachment_ids: s.attachment_ids,
                    created_at: s.created_at,
                    outcome: s.outcome.as_deref().and_then(SubmissionOutcome::from_wire),
                    outcome_message: s.outcome_message,
                    answered_at: s.answered_at,
                })
                .collect(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Offer {
    pub id: Uuid,
    pub proposal_id: Uuid,
    pub job: JobBriefView,
    pub client: Party,
    pub freelancer: Party,
    pub contract_type: JobTypeName,
    pub status: OfferStatusName,
    pub title: String,
    pub message: String,
    /// Fixed price: the sum of the milestones.
    pub total: Option<String>,
    pub milestones: Vec<Milestone>,
    pub hourly_rate: Option<String>,
    pub weekly_limit_hours: Option<i32>,
    pub manual_time_allowed: bool,
    pub expires_at: DateTime<Utc>,
    pub decline_reason: Option<String>,
    pub contract_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub answered_at: Option<DateTime<Utc>>,
}

fn total_of(contract_type: &str, milestones: &[MilestoneView]) -> Option<String> {
    (contract_type == "fixed").then(|| money(milestones.iter().map(|m| m.milestone.amount).sum()))
}

impl From<OfferView> for Offer {
    fn from(v: OfferView) -> Self {
        let o = v.offer;
        Self {
            id: o.id,
            proposal_id: o.proposal_id,
            job: JobBriefView::from(&v.job),
            client: Party::from(&v.client),
            freelancer: Party::from(&v.freelancer),
            total: total_of(&o.contract_type, &v.milestones),
            contract_type: JobTypeName::from_wire(&o.contract_type).unwrap_or(JobTypeName::Fixed),
            status: OfferStatusName::from_wire(&o.status).unwrap_or(OfferStatusName::Expired),
            title: o.title,
            message: o.message,
            milestones: v.milestones.into_iter().map(Milestone::from).collect(),
            hourly_rate: wire_amount(o.hourly_rate),
            weekly_limit_hours: o.weekly_limit_hours,
            manual_time_allowed: o.manual_time_allowed,
            expires_at: o.expires_at,
            decline_reason: o.decline_reason,
            contract_id: o.contract_id,
            created_at: o.created_at,
            answered_at: o.answered_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OfferPage {
    pub data: Vec<Offer>,
    pub next_cursor: Option<String>,
}

/// Send an offer from a proposal
///
/// A fixed-price offer funds its first milestone into escrow now, from your wallet
/// first and the card for any shortfall; a declined card means no offer. Send an
/// `Idempotency-Key`: a retry returns the first response and funds nothing twice.
#[utoipa::path(
    tag = "hiring",
    security(("bearer" = [])),
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes retries safe: 1–255 visible ASCII characters, kept 24 hours")),
    request_body = OfferRequest,
    responses(
        (status = 201, description = "Sent (and funded)", body = Offer),
        (status = 402, description = "The card was declined (`card_declined`, `insufficient_funds`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such proposal on a job of yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`offer_pending`, `invalid_proposal_state`, `job_not_open`, or too little in the wallet and no card (`insufficient_funds`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Terms that break a rule, e.g. a milestone under 5.00", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/offers")]
pub async fn create_offer(
    state: web::Data<AppState>,
    req: HttpRequest,
    VerifiedUser(user): VerifiedUser,
    ValidJson(body): ValidJson<OfferRequest>,
) -> Result<HttpResponse, ApiError> {
    let key = idempotent::key_of(&req)?;
    let hash = idempotent::request_hash(&req, &body);
    let user_id = user.id;
    idempotent::respond(
        &state,
        user_id,
        key,
        hash,
        StatusCode::CREATED,
        move |conn, ctx, charge_key| {
            let input = OfferInput {
                proposal_id: body.proposal_id,
                contract_type: body.contract_type.as_str().to_owned(),
                title: body.title,
                message: body.message,
                milestones: body
                    .milestones
                    .into_iter()
                    .map(|m| offers::MilestoneInput {
                        title: m.title,
                        amount: m.amount,
                        due_date: m.due_date,
                    })
                    .collect(),
                hourly_rate: body.hourly_rate,
                weekly_limit_hours: body.weekly_limit_hours,
                manual_time_allowed: body.manual_time_allowed,
                payment_method_id: body.payment_method_id,
            };
            let offer = offers::create(conn, ctx, &user, input, charge_key)?;
            Ok(serde_json::to_value(Offer::from(offer)).unwrap_or_default())
        },
    )
    .await
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MyOffersQuery {
    /// `freelancer`: offers you received (the default for freelancers); `client`:
    /// offers you sent.
    pub role: Option<RoleName>,
    pub status: Option<OfferStatusName>,
    #[validate(length(min = 1, max = 200))]
    #[param(min_length = 1, max_length = 200)]
    pub cursor: Option<String>,
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
}

/// Offers you received or sent
#[utoipa::path(
    tag = "hiring",
    security(("bearer" = [])),
    params(MyOffersQuery),
    responses((status = 200, description = "Newest first", body = OfferPage))
)]
#[get("/me/offers")]
pub async fn my_offers(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    ValidQuery(query): ValidQuery<MyOffersQuery>,
) -> Result<HttpResponse, ApiError> {
    let (rows, next_cursor) = state
        .db(move |conn, _| {
            offers::mine(
                conn,
                &user,
                query.role.map(RoleName::as_str),
                query.status.map(OfferStatusName::as_str),
                query.cursor.as_deref(),
                query.limit,
            )
        })
        .await?;
    Ok(HttpResponse::Ok().json(OfferPage {
        data: rows.into_iter().map(Offer::from).collect(),
        next_cursor,
    }))
}

/// An offer (its two parties)
#[utoipa::path(
    tag = "hiring",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The offer's id")),
    responses(
        (status = 200, description = "The offer", body = Offer),
        (status = 404, description = "No such offer of yours", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/offers/{id}")]
pub async fn get_offer(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let offer = state
        .db(move |conn, _| offers::get(conn, &user, id))
        .await?;
    Ok(HttpResponse::Ok().json(Offer::from(offer)))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AcceptedOffer {
    pub contract: Contract,
}

/// Accept an offer (the freelancer): the contract starts
#[utoipa::path(
    tag = "hiring",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The offer's id")),
    responses(
        (status = 200, description = "The contract", body = AcceptedOffer),
        (status = 403, description = "You sent it (`not_your_action`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such offer of yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Answered, withdrawn or expired already (`offer_not_pending`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/offers/{id}/accept")]
pub async fn accept_offer(
    state: web::Data<AppState>,
    VerifiedUser(user): VerifiedUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let contract = state
        .db(move |conn, ctx| offers::accept(conn, ctx, &user, id))
        .await?;
    Ok(HttpResponse::Ok().json(AcceptedOffer {
        contract: Contract::from(contract),
    }))
}

/// Decline an offer (the freelancer); its escrow goes back to the client
#[utoipa::path(
    tag = "hiring",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The offer's id")),
    request_body(content = ReasonRequest, description = "Optional"),
    responses(
        (status = 200, description = "Declined", body = Offer),
        (status = 404, description = "No such offer of yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not pending (`offer_not_pending`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/offers/{id}/decline")]
pub async fn decline_offer(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    id: web::Path<Uuid>,
    body: OptionalJson<ReasonRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let reason = body.0.and_then(|b| b.reason);
    let offer = state
        .db(move |conn, ctx| offers::decline(conn, ctx, &user, id, reason))
        .await?;
    Ok(HttpResponse::Ok().json(Offer::from(offer)))
}

/// Withdraw your offer (the client) before it is answered; its escrow comes back
#[utoipa::path(
    tag = "hiring",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The offer's id")),
    responses(
        (status = 200, description = "Withdrawn", body = Offer),
        (status = 404, description = "No such offer of yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not pending (`offer_not_pending`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/offers/{id}/withdraw")]
pub async fn withdraw_offer(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let offer = state
        .db(move |conn, ctx| offers::withdraw(conn, ctx, &user, id))
        .await?;
    Ok(HttpResponse::Ok().json(Offer::from(offer)))
}

// ---------- contracts ----------

#[derive(Debug, Serialize, ToSchema)]
pub struct Contract {
    pub id: Uuid,
    pub title: String,
    pub job_id: Uuid,
    pub proposal_id: Uuid,
    pub offer_id: Uuid,
    pub contract_type: JobTypeName,
    pub status: ContractStatusName,
    pub client: Party,
    pub freelancer: Party,
    pub hourly_rate: Option<String>,
    pub weekly_limit_hours: Option<i32>,
    pub manual_time_allowed: bool,
    /// Fixed price: the sum of the milestones.
    pub total: Option<String>,
    /// What the contract's escrow holds now, across its milestones.
    #[schema(example = "250.00")]
    pub escrow: String,
    /// Released to the freelancer so far: milestones (a dispute's split counts only
    /// what it released) and bonuses.
    #[schema(example = "300.00")]
    pub paid: String,
    pub milestones: Vec<Milestone>,
    pub bonuses: Vec<ContractBonus>,
    pub started_at: DateTime<Utc>,
    pub paused_at: Option<DateTime<Utc>>,
    pub ended_at: Option<DateTime<Utc>>,
    /// Who ended it, and why.
    pub ended_by: Option<Uuid>,
    pub end_reason: Option<String>,
    /// Once ended: the feedback window closes at this moment (14 days after the end).
    pub feedback_until: Option<DateTime<Utc>>,
}

impl From<ContractView> for Contract {
    fn from(v: ContractView) -> Self {
        let c = v.contract;
        Self {
            id: c.id,
            total: total_of(&c.contract_type, &v.milestones),
            escrow: money(v.escrow),
            paid: money(v.paid),
            bonuses: v
                .bonuses
                .iter()
                .map(|b| ContractBonus {
                    id: b.id,
                    amount: money(b.amount),
                    message: b.message.clone(),
                    milestone_id: b.milestone_id,
                    created_at: b.created_at,
                })
                .collect(),
            title: c.title,
            job_id: c.job_id,
            proposal_id: c.proposal_id,
            offer_id: c.offer_id,
            contract_type: JobTypeName::from_wire(&c.contract_type).unwrap_or(JobTypeName::Fixed),
            status: ContractStatusName::from_wire(&c.status).unwrap_or(ContractStatusName::Ended),
            client: Party::from(&v.client),
            freelancer: Party::from(&v.freelancer),
            hourly_rate: wire_amount(c.hourly_rate),
            weekly_limit_hours: c.weekly_limit_hours,
            manual_time_allowed: c.manual_time_allowed,
            milestones: v.milestones.into_iter().map(Milestone::from).collect(),
            started_at: c.started_at,
            paused_at: c.paused_at,
            ended_at: c.ended_at,
            ended_by: c.ended_by,
            end_reason: c.end_reason,
            feedback_until: v.feedback_until,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ContractBonus {
    pub id: Uuid,
    #[schema(example = "50.00")]
    pub amount: String,
    pub message: String,
    /// Paid with the approval of this milestone.
    pub milestone_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ContractPage {
    pub data: Vec<Contract>,
    pub next_cursor: Option<String>,
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ContractsQuery {
    /// Only contracts where you are the client, or the freelancer; both by default.
    pub role: Option<RoleName>,
    pub status: Option<ContractStatusName>,
    #[validate(length(min = 1, max = 200))]
    #[param(min_length = 1, max_length = 200)]
    pub cursor: Option<String>,
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
}

/// Your contracts
#[utoipa::path(
    tag = "contracts",
    security(("bearer" = [])),
    params(ContractsQuery),
    responses((status = 200, description = "Newest first", body = ContractPage))
)]
#[get("/contracts")]
pub async fn list_contracts(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    ValidQuery(query): ValidQuery<ContractsQuery>,
) -> Result<HttpResponse, ApiError> {
    let (rows, next_cursor) = state
        .db(move |conn, ctx| {
            offers::contracts(
                conn,
                ctx,
                &user,
                query.role.map(RoleName::as_str),
                query.status.map(ContractStatusName::as_str),
                query.cursor.as_deref(),
                query.limit,
            )
        })
        .await?;
    Ok(HttpResponse::Ok().json(ContractPage {
        data: rows.into_iter().map(Contract::from).collect(),
        next_cursor,
    }))
}

/// A contract (its two parties), with milestones and escrow
#[utoipa::path(
    tag = "contracts",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The contract's id")),
    responses(
        (status = 200, description = "The contract", body = Contract),
        (status = 404, description = "No such contract of yours", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/contracts/{id}")]
pub async fn get_contract(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let contract = state
        .db(move |conn, ctx| offers::contract(conn, ctx, &user, id))
        .await?;
    Ok(HttpResponse::Ok().json(Contract::from(contract)))
}
