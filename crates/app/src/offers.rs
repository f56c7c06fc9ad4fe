//! Offers and the contracts they become (SPEC §6, the read side of §8).
//!
//! A fixed-price offer funds its first milestone when it is sent: the card (if one
//! is given) covers the wallet's shortfall first, in its own committed transaction;
//! then the offer, its milestones and the escrow funding are written together, or
//! not at all. Accepting, declining, withdrawing and expiring all lock the offer's
//! row, so exactly one of them wins a race; every way an offer ends without a
//! contract refunds what its escrow holds.

use crate::context::AppContext;
use crate::error::{AppError, AppResult, FieldError};
use crate::escrow;
use crate::pagination;
use crate::search::{self, SearchChange};
use crate::wallet::USD;
use chrono::{Duration, NaiveDate};
use diesel::result::{DatabaseErrorKind, Error as DieselError};
use diesel::{Connection, PgConnection};
use rust_decimal::Decimal;
use std::collections::HashMap;
use uuid::Uuid;
use worklane_db::hiring::{self as store, Contract, JobBrief, Milestone, Offer, Party, Side};
use worklane_db::users::User;
use worklane_domain::hiring::{
    MILESTONE_TITLE_CHARS, ProposalAction, ProposalStatus, proposal_transition,
};
use worklane_domain::money::Money;

#[derive(Debug, Clone)]
pub struct MilestoneInput {
    pub title: String,
    pub amount: String,
    pub due_date: Option<String>,
}

#[derive(Debug, Clone)]
pub struct OfferInput {
    pub proposal_id: Uuid,
    pub contract_type: String,
    pub title: Option<String>,
    pub message: Option<String>,
    pub milestones: Vec<MilestoneInput>,
    pub hourly_rate: Option<String>,
    pub weekly_limit_hours: Option<i32>,
    pub manual_time_allowed: Option<bool>,
    pub payment_method_id: Option<Uuid>,
}

/// A milestone with what its escrow holds now.
#[derive(Debug, Clone)]
pub struct MilestoneView {
    pub milestone: Milestone,
    pub escrow: Decimal,
    /// Each delivery of work and its answer, oldest first.
    pub submissions: Vec<worklane_db::delivery::Submission>,
    /// When the clock acts if nobody does: the automatic release of a submission, or
    /// the automatic refund of an unanswered refund request.
    pub deadline: Option<chrono::DateTime<chrono::Utc>>,
    /// The records of the files its submissions list.
    pub files: HashMap<Uuid, worklane_db::attachments::Attachment>,
}

#[derive(Debug, Clone)]
pub struct OfferView {
    pub offer: Offer,
    pub job: JobBrief,
    pub client: Party,
    pub freelancer: Party,
    pub milestones: Vec<MilestoneView>,
}

#[derive(Debug, Clone)]
pub struct ContractView {
    pub contract: Contract,
    pub client: Party,
    pub freelancer: Party,
    pub milestones: Vec<MilestoneView>,
    pub bonuses: Vec<worklane_db::delivery::Bonus>,
    /// Once ended: the last moment its parties may leave feedback.
    pub feedback_until: Option<chrono::DateTime<chrono::Utc>>,
    /// Released to the freelancer so far, gross: milestones (a dispute's split counts
    /// only what it released), hourly invoices and bonuses.
    pub paid: Decimal,
    /// Held in escrow now: funded milestones and hourly invoices in review.
    pub escrow: Decimal,
}

fn offer_not_found() -> AppError {
    AppError::NotFound { what: "Offer" }
}

struct Terms {
    milestones: Vec<(String, Decimal, Option<NaiveDate>)>,
    hourly_rate: Option<Decimal>,
    weekly_limit_hours: Option<i32>,
    manual_time_allowed: bool,
}

fn check_terms(ctx: &AppContext, input: &OfferInput) -> AppResult<Terms> {
    let policy = &ctx.policy.hiring;
    let mut errors = Vec::new();
    let mut terms = Terms {
        milestones: Vec::new(),
        hourly_rate: None,
        weekly_limit_hours: None,
        manual_time_allowed: false,
    };
    let money = |m: Decimal| {
        Money {
            amount: m,
            currency: USD,
        }
        .to_wire()
    };
    match input.contract_type.as_str() {
        "fixed" => {
            for field in ["hourly_rate", "weekly_limit_hours", "manual_time_allowed"] {
                let given = match field {
                    "hourly_rate" => input.hourly_rate.is_some(),
                    "weekly_limit_hours" => input.weekly_limit_hours.is_some(),
                    _ => input.manual_time_allowed.is_some(),
                };
                if given {
                    errors.push(FieldError::new(
                        field,
                        "not_allowed",
                        "is for hourly contracts",
                    ));
                }
            }
            if input.milestones.is_empty() || input.milestones.len() > policy.max_milestones {
                errors.push(FieldError::new(
                    "milestones",
                    "count",
                    format!(
                        "a fixed-price offer needs 1 to {} milestones",
                        policy.max_milestones
                    ),
                ));
            }
            for (i, m) in input.milestones.iter().enumerate() {
                let title = m.title.trim();
                if title.chars().count() < MILESTONE_TITLE_CHARS.0
                    || title.chars().count() > MILESTONE_TITLE_CHARS.1
                {
                    errors.push(FieldError::new(
                        format!("milestones.{i}.title"),
                        "length",
                        format!(
                            "must be between {} and {} characters",
                            MILESTONE_TITLE_CHARS.0, MILESTONE_TITLE_CHARS.1
                        ),
                    ));
                }
                let amount = match Money::usd(&m.amount) {
                    Ok(a) if a.amount >= policy.min_milestone => Some(a.amount),
                    Ok(_) => {
                        errors.push(FieldError::new(
                            format!("milestones.{i}.amount"),
                            "below_minimum",
                            format!("must be at least {}", money(policy.min_milestone)),
                        ));
                        None
                    }
                    Err(p) => {
                        errors.push(FieldError::new(
                            format!("milestones.{i}.amount"),
                            p.code(),
                            p.to_string(),
                        ));
                        None
                    }
                };
                let due = match m
                    .due_date
                    .as_deref()
                    .map(str::trim)
                    .filter(|d| !d.is_empty())
                {
                    None => None,
                    Some(raw) => match NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
                        Ok(d) => Some(d),
                        Err(_) => {
                            errors.push(FieldError::new(
                                format!("milestones.{i}.due_date"),
                                "invalid",
                                "must be a date such as 2026-12-31",
                            ));
                            None
                        }
                    },
                };
                if let Some(amount) = amount {
                    terms.milestones.push((title.to_owned(), amount, due));
                }
            }
        }
        "hourly" => {
            if !input.milestones.is_empty() {
                errors.push(FieldError::new(
                    "milestones",
                    "not_allowed",
                    "are for fixed-price contracts",
                ));
            }
            match input.hourly_rate.as_deref().map(Money::usd) {
                None => errors.push(FieldError::new(
                    "hourly_rate",
                    "required",
                    "is required for an hourly offer",
                )),
                Some(Ok(r)) if r.amount >= policy.min_hourly_rate => {
                    terms.hourly_rate = Some(r.amount)
                }
                Some(Ok(_)) => errors.push(FieldError::new(
                    "hourly_rate",
                    "below_minimum",
                    format!("must be at least {}", money(policy.min_hourly_rate)),
                )),
                Some(Err(p)) => {
                    errors.push(FieldError::new("hourly_rate", p.code(), p.to_string()))
                }
            }
            match input.weekly_limit_hours {
                None => errors.push(FieldError::new(
                    "weekly_limit_hours",
                    "required",
                    "is required for an hourly offer",
                )),
                Some(h) if (1..=policy.max_weekly_limit_hours).contains(&h) => {
                    terms.weekly_limit_hours = Some(h)
                }
                Some(_) => errors.push(FieldError::new(
                    "weekly_limit_hours",
                    "out_of_range",
                    format!(
                        "must be between 1 and {} hours",
                        policy.max_weekly_limit_hours
                    ),
                )),
            }
            if input.payment_method_id.is_some() {
                errors.push(FieldError::new(
                    "payment_method_id",
                    "not_allowed",
                    "hourly offers fund nothing up front",
                ));
            }
            terms.manual_time_allowed = input.manual_time_allowed.unwrap_or(false);
        }
        _ => errors.push(FieldError::new(
            "contract_type",
            "invalid",
            "must be fixed or hourly",
        )),
    }
    if let Some(title) = &input.title
        && (title.trim().is_empty() || title.chars().count() > 200)
    {
        errors.push(FieldError::new(
            "title",
            "length",
            "must be between 1 and 200 characters",
        ));
    }
    if input
        .message
        .as_ref()
        .is_some_and(|m| m.chars().count() > 5000)
    {
        errors.push(FieldError::new(
            "message",
            "length",
            "must be at most 5000 characters",
        ));
    }
    if errors.is_empty() {
        Ok(terms)
    } else {
        Err(AppError::Validation(errors))
    }
}

fn require_offerable(
    conn: &mut PgConnection,
    client: &User,
    proposal_id: Uuid,
    lock: bool,
) -> AppResult<(worklane_db::hiring::Proposal, JobBrief)> {
    let proposal = if lock {
        store::lock_proposal(conn, proposal_id)?
    } else {
        store::find_proposal(conn, proposal_id)?
    }
    .ok_or(AppError::NotFound { what: "Proposal" })?;
    let job = store::job_briefs(conn, &[proposal.job_id])?
        .pop()
        .filter(|j| j.client_id == client.id)
        .ok_or(AppError::NotFound { what: "Proposal" })?;
    if !ProposalStatus::parse(&proposal.status).is_some_and(ProposalStatus::is_open) {
        return Err(AppError::Conflict {
            code: "invalid_proposal_state",
            message: format!("A {} proposal can't receive an offer.", proposal.status),
            field: Some("proposal_id"),
        });
    }
    if !matches!(job.status.as_str(), "open" | "closed") {
        return Err(AppError::Conflict {
            code: "job_not_open",
            message: format!("This job is {}; it can't hire.", job.status),
            field: None,
        });
    }
    if store::pending_offer_for_proposal(conn, proposal.id)? {
        return Err(offer_pending());
    }
    Ok((proposal, job))
}

fn offer_pending() -> AppError {
    AppError::Conflict {
        code: "offer_pending",
        message: "This proposal already has a pending offer.".to_owned(),
        field: Some("proposal_id"),
    }
}

/// Sends an offer from one of the client's job's proposals; a fixed-price offer
/// funds its first milestone now.
pub fn create(
    conn: &mut PgConnection,
    ctx: &AppContext,
    client: &User,
    input: OfferInput,
    charge_key: &str,
) -> AppResult<OfferView> {
    let terms = check_terms(ctx, &input)?;
    // Cheap checks first, so a doomed offer charges no card.
    require_offerable(conn, client, input.proposal_id, false)?;
    let first = terms.milestones.first().map(|(_, amount, _)| Money {
        amount: *amount,
        currency: USD,
    });
    if let Some(first) = first {
        escrow::cover_shortfall(
            conn,
            ctx,
            client,
            first,
            input.payment_method_id,
            charge_key,
        )?;
    }
    let now = ctx.clock.now();
    let offer = conn.transaction(|conn| {
        let (proposal, job) = require_offerable(conn, client, input.proposal_id, true)?;
        let offer = Offer {
            id: Uuid::now_v7(),
            proposal_id: proposal.id,
            job_id: job.id,
            client_id: client.id,
            freelancer_id: proposal.freelancer_id,
            contract_type: input.contract_type.clone(),
            status: "pending".to_owned(),
            title: input
                .title
                .as_deref()
                .map_or_else(|| job.title.clone(), |t| t.trim().to_owned()),
            message: input.message.clone().unwrap_or_default().trim().to_owned(),
            hourly_rate: terms.hourly_rate,
            weekly_limit_hours: terms.weekly_limit_hours,
            manual_time_allowed: terms.manual_time_allowed,
            expires_at: now + Duration::days(ctx.policy.hiring.offer_expiry_days),
            decline_reason: None,
            contract_id: None,
            created_at: now,
            answered_at: None,
        };
        store::insert_offer(conn, &offer).map_err(|e| match e {
            DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _) => offer_pending(),
            other => other.into(),
        })?;
        let rows: Vec<Milestone> = terms
            .milestones
            .iter()
            .enumerate()
            .map(|(i, (title, amount, due))| Milestone {
                id: Uuid::now_v7(),
                offer_id: offer.id,
                contract_id: None,
                position: i32::try_from(i).unwrap_or(i32::MAX),
                title: title.clone(),
                amount: *amount,
                due_date: *due,
                status: if i == 0 { "funded" } else { "pending" }.to_owned(),
                funded_at: (i == 0).then_some(now),
                created_at: now,
                updated_at: now,
                submitted_at: None,
                released_at: None,
                refund_requested_at: None,
            })
            .collect();
        if !rows.is_empty() {
            store::insert_milestones(conn, &rows)?;
        }
        if let Some(first) = rows.first() {
            escrow::fund_in(
                conn,
                ctx,
                client,
                first.id,
                Money {
                    amount: first.amount,
                    currency: USD,
                },
            )?;
        }
        crate::messaging::open_for(
            conn,
            crate::messaging::Subject::Offer,
            offer.id,
            &offer.title,
            offer.client_id,
            offer.freelancer_id,
            now,
        )?;
        crate::notifications::notify(
            conn,
            ctx,
            offer.freelancer_id,
            crate::notifications::Kind::OfferReceived,
            format!("An offer for “{}”", offer.title),
            format!(
                "{} sent you an offer{}. It is open for {} days.",
                client.full_name,
                rows.first()
                    .map(|m| format!(
                        "; the first milestone (${}) is funded",
                        m.amount.round_dp(2)
                    ))
                    .unwrap_or_default(),
                ctx.policy.hiring.offer_expiry_days
            ),
            format!("/offers/{}", offer.id),
        )?;
        Ok::<_, AppError>(offer)
    })?;
    tracing::info!(offer_id = %offer.id, proposal_id = %offer.proposal_id, contract_type = %offer.contract_type, "offer sent");
    offer_view(conn, offer)
}

fn escrows(conn: &mut PgConnection, milestones: &[Milestone]) -> AppResult<HashMap<Uuid, Decimal>> {
    let ids: Vec<Uuid> = milestones.iter().map(|m| m.id).collect();
    Ok(store::escrow_held(conn, &ids)?.into_iter().collect())
}

fn with_escrow(milestones: Vec<Milestone>, held: &HashMap<Uuid, Decimal>) -> Vec<MilestoneView> {
    milestones
        .into_iter()
        .map(|m| MilestoneView {
            escrow: held.get(&m.id).copied().unwrap_or_default(),
            submissions: Vec::new(),
            deadline: None,
            files: HashMap::new(),
            milestone: m,
        })
        .collect()
}

/// Adds each milestone's submissions and the deadline the clock keeps for it.
fn with_delivery(
    conn: &mut PgConnection,
    policy: &worklane_domain::delivery::DeliveryPolicy,
    views: &mut [MilestoneView],
) -> AppResult<()> {
    let ids: Vec<Uuid> = views.iter().map(|v| v.milestone.id).collect();
    let mut by_milestone: HashMap<Uuid, Vec<worklane_db::delivery::Submission>> = HashMap::new();
    let submissions = worklane_db::delivery::submissions_of(conn, &ids)?;
    let files = crate::files::by_id(
        conn,
        submissions
            .iter()
            .flat_map(|s| s.attachment_ids.iter().copied()),
    )?;
    for s in submissions {
        by_milestone.entry(s.milestone_id).or_default().push(s);
    }
    for v in views {
        v.submissions = by_milestone.remove(&v.milestone.id).unwrap_or_default();
        for id in v.submissions.iter().flat_map(|s| s.attachment_ids.iter()) {
            if let Some(file) = files.get(id) {
                v.files.insert(*id, file.clone());
            }
        }
        v.deadline = match v.milestone.status.as_str() {
            "submitted" => v
                .milestone
                .submitted_at
                .map(|at| at + Duration::days(policy.auto_release_days)),
            "refund_requested" => v
                .milestone
                .refund_requested_at
                .map(|at| at + Duration::days(policy.refund_response_days)),
            _ => None,
        };
    }
    Ok(())
}

fn parties_of(
    conn: &mut PgConnection,
    pairs: impl Iterator<Item = (Uuid, Uuid)>,
) -> AppResult<HashMap<Uuid, Party>> {
    let ids: Vec<Uuid> = pairs.flat_map(|(a, b)| [a, b]).collect();
    Ok(store::parties(conn, &ids)?
        .into_iter()
        .map(|p| (p.id, p))
        .collect())
}

fn offer_views(conn: &mut PgConnection, found: Vec<Offer>) -> AppResult<Vec<OfferView>> {
    let ids: Vec<Uuid> = found.iter().map(|o| o.id).collect();
    let job_ids: Vec<Uuid> = found.iter().map(|o| o.job_id).collect();
    let parties = parties_of(conn, found.iter().map(|o| (o.client_id, o.freelancer_id)))?;
    let jobs: HashMap<Uuid, JobBrief> = store::job_briefs(conn, &job_ids)?
        .into_iter()
        .map(|j| (j.id, j))
        .collect();
    let milestones = store::milestones_of_offers(conn, &ids)?;
    let held = escrows(conn, &milestones)?;
    let mut by_offer: HashMap<Uuid, Vec<Milestone>> = HashMap::new();
    for m in milestones {
        by_offer.entry(m.offer_id).or_default().push(m);
    }
    found
        .into_iter()
        .map(|offer| {
            Ok(OfferView {
                job: jobs
                    .get(&offer.job_id)
                    .cloned()
                    .ok_or_else(offer_not_found)?,
                client: parties
                    .get(&offer.client_id)
                    .cloned()
                    .ok_or_else(offer_not_found)?,
                freelancer: parties
                    .get(&offer.freelancer_id)
                    .cloned()
                    .ok_or_else(offer_not_found)?,
                milestones: with_escrow(by_offer.remove(&offer.id).unwrap_or_default(), &held),
                offer,
            })
        })
        .collect()
}

fn offer_view(conn: &mut PgConnection, offer: Offer) -> AppResult<OfferView> {
    offer_views(conn, vec![offer])?
        .pop()
        .ok_or_else(offer_not_found)
}

/// An offer for its two parties; 404 for anyone else.
pub fn get(conn: &mut PgConnection, user: &User, id: Uuid) -> AppResult<OfferView> {
    store::find_offer(conn, id)?
        .filter(|o| o.client_id == user.id || o.freelancer_id == user.id)
        .map(|o| offer_view(conn, o))
        .transpose()?
        .ok_or_else(offer_not_found)
}

/// Offers I sent (client) or received (freelancer), newest first.
pub fn mine(
    conn: &mut PgConnection,
    user: &User,
    role: Option<&str>,
    status: Option<&str>,
    cursor: Option<&str>,
    limit: Option<i64>,
) -> AppResult<(Vec<OfferView>, Option<String>)> {
    let side = match role.unwrap_or(if user.is_freelancer {
        "freelancer"
    } else {
        "client"
    }) {
        "client" => Side::Client(user.id),
        "freelancer" => Side::Freelancer(user.id),
        _ => {
            return Err(AppError::invalid_parameter(
                "role",
                "must be client or freelancer",
            ));
        }
    };
    let status = match status.map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(s @ ("pending" | "accepted" | "declined" | "withdrawn" | "expired")) => Some(s),
        Some(_) => {
            return Err(AppError::invalid_parameter(
                "status",
                "must be an offer status",
            ));
        }
    };
    let (rows, next) = pagination::newest_first(
        cursor,
        limit,
        |after, n| store::offers_of(conn, side, status, after, n),
        |o| (o.created_at, o.id),
    )?;
    Ok((offer_views(conn, rows)?, next))
}

/// The offer under its lock, if `user` is on the side that may act and it is pending.
fn lock_pending(
    conn: &mut PgConnection,
    user: &User,
    id: Uuid,
    freelancer_acts: bool,
) -> AppResult<Offer> {
    let offer = store::lock_offer(conn, id)?
        .filter(|o| o.client_id == user.id || o.freelancer_id == user.id)
        .ok_or_else(offer_not_found)?;
    let actor = if freelancer_acts {
        offer.freelancer_id
    } else {
        offer.client_id
    };
    if actor != user.id {
        return Err(AppError::forbidden(
            "not_your_action",
            if freelancer_acts {
                "Only the freelancer answers an offer."
            } else {
                "Only the client withdraws an offer."
            },
        ));
    }
    if offer.status != "pending" {
        return Err(AppError::Conflict {
            code: "offer_not_pending",
            message: format!("This offer is {} already.", offer.status),
            field: None,
        });
    }
    Ok(offer)
}

/// Ends a pending offer without a contract, refunding whatever its escrow holds.
fn close_without_contract(
    conn: &mut PgConnection,
    ctx: &AppContext,
    offer: &Offer,
    status: &str,
    reason: Option<&str>,
) -> AppResult<Offer> {
    let now = ctx.clock.now();
    let milestones = store::milestones_of_offers(conn, &[offer.id])?;
    let held = escrows(conn, &milestones)?;
    for m in &milestones {
        let amount = held.get(&m.id).copied().unwrap_or_default();
        if amount > Decimal::ZERO {
            escrow::refund_in(
                conn,
                ctx,
                m.id,
                offer.client_id,
                Money {
                    amount,
                    currency: USD,
                },
            )?;
            // Work that never started costs the client nothing: the marketplace fee
            // charged with the funding comes back too.
            escrow::refund_marketplace_fee(
                conn,
                ctx,
                m.id,
                offer.client_id,
                Money {
                    amount,
                    currency: USD,
                },
            )?;
            store::set_milestone_status(conn, m.id, "refunded", m.funded_at, now)?;
        }
    }
    Ok(store::finish_offer(
        conn, offer.id, status, reason, None, now,
    )?)
}

/// The freelancer declines; escrow goes back to the client's wallet.
pub fn decline(
    conn: &mut PgConnection,
    ctx: &AppContext,
    user: &User,
    id: Uuid,
    reason: Option<String>,
) -> AppResult<OfferView> {
    let reason = crate::proposals::reason_of(reason)?;
    let offer = conn.transaction(|conn| {
        let offer = lock_pending(conn, user, id, true)?;
        let closed = close_without_contract(conn, ctx, &offer, "declined", reason.as_deref())?;
        crate::notifications::notify(
            conn,
            ctx,
            offer.client_id,
            crate::notifications::Kind::OfferAnswered,
            format!("Your offer for “{}” was declined", offer.title),
            match reason.as_deref() {
                Some(reason) => format!(
                    "{} declined: {reason}. Any escrow is back in your wallet.",
                    user.full_name
                ),
                None => format!(
                    "{} declined. Any escrow is back in your wallet.",
                    user.full_name
                ),
            },
            format!("/offers/{}", offer.id),
        )?;
        Ok::<_, AppError>(closed)
    })?;
    tracing::info!(offer_id = %id, "offer declined");
    offer_view(conn, offer)
}

/// The client withdraws before an answer; escrow goes back to their wallet.
pub fn withdraw(
    conn: &mut PgConnection,
    ctx: &AppContext,
    user: &User,
    id: Uuid,
) -> AppResult<OfferView> {
    let offer = conn.transaction(|conn| {
        let offer = lock_pending(conn, user, id, false)?;
        close_without_contract(conn, ctx, &offer, "withdrawn", None)
    })?;
    tracing::info!(offer_id = %id, "offer withdrawn");
    offer_view(conn, offer)
}

/// The freelancer accepts: the contract starts with the offer's milestones (and
/// their escrow) or hourly terms; the proposal is hired and the job filled.
pub fn accept(
    conn: &mut PgConnection,
    ctx: &AppContext,
    user: &User,
    id: Uuid,
) -> AppResult<ContractView> {
    let now = ctx.clock.now();
    let contract = conn.transaction(|conn| {
        let offer = lock_pending(conn, user, id, true)?;
        if offer.expires_at <= now {
            close_without_contract(conn, ctx, &offer, "expired", None)?;
            return Ok::<_, AppError>(Err(AppError::Conflict {
                code: "offer_not_pending",
                message: "This offer has expired.".to_owned(),
                field: None,
            }));
        }
        let proposal =
            store::lock_proposal(conn, offer.proposal_id)?.ok_or_else(offer_not_found)?;
        let from = ProposalStatus::parse(&proposal.status).unwrap_or(ProposalStatus::Declined);
        let hired = proposal_transition(from, ProposalAction::Hire).map_err(|message| {
            AppError::Conflict {
                code: "invalid_proposal_state",
                message: format!("The proposal can't be hired: {message}."),
                field: None,
            }
        })?;
        let contract = Contract {
            id: Uuid::now_v7(),
            offer_id: offer.id,
            proposal_id: offer.proposal_id,
            job_id: offer.job_id,
            client_id: offer.client_id,
            freelancer_id: offer.freelancer_id,
            contract_type: offer.contract_type.clone(),
            title: offer.title.clone(),
            status: "active".to_owned(),
            hourly_rate: offer.hourly_rate,
            weekly_limit_hours: offer.weekly_limit_hours,
            manual_time_allowed: offer.manual_time_allowed,
            started_at: now,
            ended_at: None,
            created_at: now,
            paused_at: None,
            ended_by: None,
            end_reason: None,
        };
        store::insert_contract(conn, &contract)?;
        store::attach_milestones(conn, offer.id, contract.id)?;
        store::finish_offer(conn, offer.id, "accepted", None, Some(contract.id), now)?;
        store::set_proposal_status(conn, proposal.id, hired.as_str(), None, now)?;
        store::fill_job(conn, offer.job_id, now)?;
        search::changed(conn, SearchChange::Job(offer.job_id), now)?;
        search::changed(conn, SearchChange::Client(offer.client_id), now)?;
        crate::messaging::open_for(
            conn,
            crate::messaging::Subject::Contract,
            contract.id,
            &contract.title,
            contract.client_id,
            contract.freelancer_id,
            now,
        )?;
        crate::notifications::notify(
            conn,
            ctx,
            offer.client_id,
            crate::notifications::Kind::OfferAnswered,
            format!("{} accepted your offer", user.full_name),
            format!("The contract “{}” has started.", contract.title),
            format!("/contracts/{}", contract.id),
        )?;
        Ok(Ok(contract))
    })??;
    crate::jobs::forget_page(conn, ctx, contract.job_id);
    ctx.search.sync_after_commit(conn);
    tracing::info!(contract_id = %contract.id, offer_id = %id, "offer accepted; contract started");
    contract_view(conn, ctx, contract)
}

/// The worker's pass: pending offers past their 30 days expire and refund escrow.
pub fn expire_due(conn: &mut PgConnection, ctx: &AppContext) -> AppResult<usize> {
    let now = ctx.clock.now();
    let expired = conn.transaction(|conn| {
        let due = store::expired_offers(conn, now, 200)?;
        for offer in &due {
            close_without_contract(conn, ctx, offer, "expired", None)?;
        }
        Ok::<_, AppError>(due.len())
    })?;
    if expired > 0 {
        tracing::info!(count = expired, "offers expired");
    }
    Ok(expired)
}

// ---------- contracts (read side) ----------

fn contract_views(
    conn: &mut PgConnection,
    ctx: &AppContext,
    found: Vec<Contract>,
) -> AppResult<Vec<ContractView>> {
    let ids: Vec<Uuid> = found.iter().map(|c| c.id).collect();
    let parties = parties_of(conn, found.iter().map(|c| (c.client_id, c.freelancer_id)))?;
    let milestones = store::milestones_of_contracts(conn, &ids)?;
    let held = escrows(conn, &milestones)?;
    let mut views = with_escrow(milestones, &held);
    with_delivery(conn, &ctx.policy.delivery, &mut views)?;
    let mut by_contract: HashMap<Uuid, Vec<MilestoneView>> = HashMap::new();
    for v in views {
        if let Some(contract_id) = v.milestone.contract_id {
            by_contract.entry(contract_id).or_default().push(v);
        }
    }
    let mut bonuses: HashMap<Uuid, Vec<worklane_db::delivery::Bonus>> = HashMap::new();
    for b in worklane_db::delivery::bonuses_of(conn, &ids)? {
        bonuses.entry(b.contract_id).or_default().push(b);
    }
    // Hourly contracts hold and release money per weekly invoice.
    let mut invoices: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
    for (invoice, contract) in store::invoice_ids_of_contracts(conn, &ids)? {
        invoices.entry(contract).or_default().push(invoice);
    }
    let invoice_ids: Vec<Uuid> = invoices.values().flatten().copied().collect();
    let invoice_held: HashMap<Uuid, Decimal> = store::escrow_held(conn, &invoice_ids)?
        .into_iter()
        .collect();
    let subjects: Vec<Uuid> = by_contract
        .values()
        .flatten()
        .map(|m| m.milestone.id)
        .chain(bonuses.values().flatten().map(|b| b.id))
        .chain(invoice_ids.iter().copied())
        .collect();
    let released: HashMap<Uuid, Decimal> = store::released(conn, &subjects)?.into_iter().collect();
    let missing = || AppError::NotFound { what: "Contract" };
    found
        .into_iter()
        .map(|contract| {
            let milestones_of = by_contract.remove(&contract.id).unwrap_or_default();
            let bonuses_of = bonuses.remove(&contract.id).unwrap_or_default();
            let invoices_of = invoices.remove(&contract.id).unwrap_or_default();
            Ok(ContractView {
                client: parties
                    .get(&contract.client_id)
                    .cloned()
                    .ok_or_else(missing)?,
                freelancer: parties
                    .get(&contract.freelancer_id)
                    .cloned()
                    .ok_or_else(missing)?,
                feedback_until: contract
                    .ended_at
                    .map(|at| ctx.policy.feedback.closes_at(at)),
                paid: milestones_of
                    .iter()
                    .map(|m| m.milestone.id)
                    .chain(bonuses_of.iter().map(|b| b.id))
                    .chain(invoices_of.iter().copied())
                    .filter_map(|id| released.get(&id))
                    .sum(),
                escrow: milestones_of.iter().map(|m| m.escrow).sum::<Decimal>()
                    + invoices_of
                        .iter()
                        .filter_map(|id| invoice_held.get(id))
                        .sum::<Decimal>(),
                milestones: milestones_of,
                bonuses: bonuses_of,
                contract,
            })
        })
        .collect()
}

fn contract_view(
    conn: &mut PgConnection,
    ctx: &AppContext,
    contract: Contract,
) -> AppResult<ContractView> {
    contract_views(conn, ctx, vec![contract])?
        .pop()
        .ok_or(AppError::NotFound { what: "Contract" })
}

/// A contract for its two parties; 404 for anyone else.
pub fn contract(
    conn: &mut PgConnection,
    ctx: &AppContext,
    user: &User,
    id: Uuid,
) -> AppResult<ContractView> {
    store::find_contract(conn, id)?
        .filter(|c| c.client_id == user.id || c.freelancer_id == user.id)
        .map(|c| contract_view(conn, ctx, c))
        .transpose()?
        .ok_or(AppError::NotFound { what: "Contract" })
}

/// My contracts as client, freelancer or both, newest first.
pub fn contracts(
    conn: &mut PgConnection,
    ctx: &AppContext,
    user: &User,
    role: Option<&str>,
    status: Option<&str>,
    cursor: Option<&str>,
    limit: Option<i64>,
) -> AppResult<(Vec<ContractView>, Option<String>)> {
    let role = match role.map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(r @ ("client" | "freelancer")) => Some(r),
        Some(_) => {
            return Err(AppError::invalid_parameter(
                "role",
                "must be client or freelancer",
            ));
        }
    };
    let status = match status.map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(s @ ("active" | "paused" | "ended")) => Some(s),
        Some(_) => {
            return Err(AppError::invalid_parameter(
                "status",
                "must be active, paused or ended",
            ));
        }
    };
    let (rows, next) = pagination::newest_first(
        cursor,
        limit,
        |after, n| store::contracts_of(conn, user.id, role, status, after, n),
        |c| (c.created_at, c.id),
    )?;
    Ok((contract_views(conn, ctx, rows)?, next))
}
