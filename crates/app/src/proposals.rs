//! Proposals and invitations (SPEC §6).
//!
//! Submitting locks the job's row for share (its state can't change underneath) and
//! the freelancer's Connects account; the proposal, the spend and its line are one
//! database transaction, and a unique index keeps one active proposal per freelancer
//! per job even under concurrent submits.

use crate::connects;
use crate::context::AppContext;
use crate::error::{AppError, AppResult, FieldError};
use crate::pagination;
use crate::rate_limits::{Check, Subject};
use crate::search::{self, SearchChange};
use diesel::result::{DatabaseErrorKind, Error as DieselError};
use diesel::{Connection, PgConnection};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use uuid::Uuid;
use worklane_db::hiring::{
    self as store, Invitation, InvitationScope, JobBrief, Party, Proposal, ProposalSort,
};
use worklane_db::users::User;
use worklane_domain::hiring::{
    ANSWER_CHARS, COVER_LETTER_CHARS, INVITATION_MESSAGE_CHARS, MILESTONE_TITLE_CHARS,
    PROPOSAL_STATUSES, ProposalAction, ProposalStatus, REASON_CHARS, match_score,
    milestones_sum_to, proposal_transition,
};
use worklane_domain::money::Money;

/// A milestone the freelancer proposes: what they'd deliver and for how much.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposedMilestone {
    pub title: String,
    pub amount: String,
}

#[derive(Debug, Clone, Default)]
pub struct ProposalInput {
    pub cover_letter: String,
    pub bid_amount: Option<String>,
    pub hourly_rate: Option<String>,
    pub milestones: Vec<ProposedMilestone>,
    pub estimated_duration: String,
    pub answers: Vec<String>,
    pub attachment_ids: Vec<Uuid>,
}

/// A proposal with what its screens show beside it.
#[derive(Debug, Clone)]
pub struct ProposalView {
    pub proposal: Proposal,
    pub job: JobBrief,
    pub freelancer: Party,
    pub milestones: Vec<ProposedMilestone>,
    /// The freelancer's service fee and net for the bid.
    pub fee: Decimal,
    pub net: Decimal,
    pub offer_id: Option<Uuid>,
    /// The records of `proposal.attachment_ids`, in that order.
    pub attachments: Vec<worklane_db::attachments::Attachment>,
}

#[derive(Debug, Clone)]
pub struct InvitationView {
    pub invitation: Invitation,
    pub job: JobBrief,
    pub client: Party,
    pub freelancer: Party,
}

fn not_found() -> AppError {
    AppError::NotFound { what: "Proposal" }
}

fn chars(s: &str) -> usize {
    s.trim().chars().count()
}

fn length_error(field: &str, (min, max): (usize, usize)) -> FieldError {
    FieldError::new(
        field,
        "length",
        format!("must be between {min} and {max} characters"),
    )
}

fn amount(field: &str, raw: &str, errors: &mut Vec<FieldError>) -> Option<Decimal> {
    match Money::usd(raw) {
        Ok(m) if m.amount > Decimal::ZERO => Some(m.amount),
        Ok(_) => {
            errors.push(FieldError::new(
                field,
                "zero_amount",
                "must be more than 0.00",
            ));
            None
        }
        Err(p) => {
            errors.push(FieldError::new(field, p.code(), p.to_string()));
            None
        }
    }
}

struct Checked {
    bid_amount: Option<Decimal>,
    hourly_rate: Option<Decimal>,
    milestones: Vec<ProposedMilestone>,
}

/// Every rule on a proposal's content against its job.
fn check(
    conn: &mut PgConnection,
    user: &User,
    job: &JobBrief,
    input: &ProposalInput,
) -> AppResult<Checked> {
    let mut errors = Vec::new();
    let letter = chars(&input.cover_letter);
    if letter < COVER_LETTER_CHARS.0 || input.cover_letter.chars().count() > COVER_LETTER_CHARS.1 {
        errors.push(length_error("cover_letter", COVER_LETTER_CHARS));
    }
    if !matches!(
        input.estimated_duration.as_str(),
        "less_than_1_month" | "1_to_3_months" | "3_to_6_months" | "more_than_6_months"
    ) {
        errors.push(FieldError::new(
            "estimated_duration",
            "invalid",
            "is not a duration",
        ));
    }
    let questions = job.screening_questions.len();
    if input.answers.len() != questions {
        errors.push(FieldError::new(
            "answers",
            "answers_mismatch",
            format!("must answer each of the job's {questions} screening questions, in order"),
        ));
    } else {
        for (i, answer) in input.answers.iter().enumerate() {
            if chars(answer) < ANSWER_CHARS.0 || answer.chars().count() > ANSWER_CHARS.1 {
                errors.push(length_error(&format!("answers.{i}"), ANSWER_CHARS));
            }
        }
    }
    let mut checked = Checked {
        bid_amount: None,
        hourly_rate: None,
        milestones: Vec::new(),
    };
    if job.job_type == "fixed" {
        if input.hourly_rate.is_some() {
            errors.push(FieldError::new(
                "hourly_rate",
                "not_allowed",
                "a fixed-price job takes bid_amount",
            ));
        }
        match input.bid_amount.as_deref() {
            None => errors.push(FieldError::new(
                "bid_amount",
                "required",
                "is required for a fixed-price job",
            )),
            Some(raw) => checked.bid_amount = amount("bid_amount", raw, &mut errors),
        }
        if input.milestones.len() > 20 {
            errors.push(FieldError::new(
                "milestones",
                "too_many",
                "must have at most 20 milestones",
            ));
        }
        let mut amounts = Vec::new();
        for (i, m) in input.milestones.iter().enumerate() {
            if chars(&m.title) < MILESTONE_TITLE_CHARS.0
                || m.title.chars().count() > MILESTONE_TITLE_CHARS.1
            {
                errors.push(length_error(
                    &format!("milestones.{i}.title"),
                    MILESTONE_TITLE_CHARS,
                ));
            }
            if let Some(a) = amount(&format!("milestones.{i}.amount"), &m.amount, &mut errors) {
                amounts.push(a);
                checked.milestones.push(ProposedMilestone {
                    title: m.title.trim().to_owned(),
                    amount: Money {
                        amount: a,
                        currency: crate::wallet::USD,
                    }
                    .to_wire(),
                });
            }
        }
        if let Some(bid) = checked.bid_amount
            && !input.milestones.is_empty()
            && amounts.len() == input.milestones.len()
            && !milestones_sum_to(&amounts, bid)
        {
            errors.push(FieldError::new(
                "milestones",
                "milestones_sum_mismatch",
                format!(
                    "add up to {} but the bid is {}",
                    Money {
                        amount: amounts.iter().copied().sum(),
                        currency: crate::wallet::USD
                    }
                    .to_wire(),
                    Money {
                        amount: bid,
                        currency: crate::wallet::USD
                    }
                    .to_wire()
                ),
            ));
        }
    } else {
        if input.bid_amount.is_some() {
            errors.push(FieldError::new(
                "bid_amount",
                "not_allowed",
                "an hourly job takes hourly_rate",
            ));
        }
        if !input.milestones.is_empty() {
            errors.push(FieldError::new(
                "milestones",
                "not_allowed",
                "an hourly job has no milestones",
            ));
        }
        match input.hourly_rate.as_deref() {
            None => errors.push(FieldError::new(
                "hourly_rate",
                "required",
                "is required for an hourly job",
            )),
            Some(raw) => checked.hourly_rate = amount("hourly_rate", raw, &mut errors),
        }
    }
    if input.attachment_ids.len() > 10 {
        errors.push(FieldError::new(
            "attachment_ids",
            "too_many",
            "must have at most 10 files",
        ));
    } else if !input.attachment_ids.is_empty() {
        let owned = worklane_db::attachments::owned_by(conn, user.id, &input.attachment_ids)?;
        if let Some(missing) = input.attachment_ids.iter().find(|id| !owned.contains(id)) {
            errors.push(FieldError::new(
                "attachment_ids",
                "unknown_attachment",
                format!("{missing} is not one of your uploads"),
            ));
        }
    }
    if errors.is_empty() {
        Ok(checked)
    } else {
        Err(AppError::Validation(errors))
    }
}

fn require_freelancer(user: &User) -> AppResult<()> {
    if user.is_freelancer {
        Ok(())
    } else {
        Err(AppError::forbidden(
            "freelancer_role_required",
            "Only freelancer accounts can send proposals; add the freelancer role to your account.",
        ))
    }
}

fn already_proposed() -> AppError {
    AppError::Conflict {
        code: "already_proposed",
        message: "You already have an active proposal for this job.".to_owned(),
        field: None,
    }
}

/// The job as a would-be proposer may see it: open or not, invite-only jobs only
/// with an invitation; never a draft.
fn job_for_proposal(
    conn: &mut PgConnection,
    user: &User,
    job_id: Uuid,
    invited: bool,
) -> AppResult<JobBrief> {
    let job = store::share_lock_job(conn, job_id)?.ok_or(AppError::NotFound { what: "Job" })?;
    let visible = job.status != "draft"
        && job.status != "removed"
        && !worklane_db::users::is_suspended(conn, job.client_id)?
        && (job.visibility == "public"
            || invited
            || store::was_invited(conn, job.id, user.id)?
            || job.client_id == user.id);
    if !visible {
        return Err(AppError::NotFound { what: "Job" });
    }
    if job.client_id == user.id {
        return Err(AppError::forbidden(
            "own_job",
            "You can't send a proposal to your own job.",
        ));
    }
    if job.status != "open" {
        return Err(AppError::Conflict {
            code: "job_not_open",
            message: format!("This job is {} and takes no more proposals.", job.status),
            field: None,
        });
    }
    if job.visibility == "invite_only" && !invited {
        return Err(AppError::forbidden(
            "invitation_required",
            "This job is invite-only: accept your invitation to send a proposal.",
        ));
    }
    Ok(job)
}

fn insert(
    conn: &mut PgConnection,
    ctx: &AppContext,
    user: &User,
    job: &JobBrief,
    checked: Checked,
    input: ProposalInput,
    invitation_id: Option<Uuid>,
) -> AppResult<Proposal> {
    let now = ctx.clock.now();
    if store::active_proposal(conn, job.id, user.id)?.is_some() {
        return Err(already_proposed());
    }
    let (job_skills, shared) = store::skill_overlap(conn, job.id, user.id)?;
    let range = job.hourly_min.zip(job.hourly_max);
    let score = match_score(
        usize::try_from(job_skills).unwrap_or(0),
        usize::try_from(shared).unwrap_or(0),
        checked.hourly_rate,
        range,
    );
    let cost = if invitation_id.is_some() {
        0
    } else {
        job.connects_cost
    };
    let proposal = Proposal {
        id: Uuid::now_v7(),
        job_id: job.id,
        freelancer_id: user.id,
        status: "submitted".to_owned(),
        cover_letter: input.cover_letter.trim().to_owned(),
        bid_type: job.job_type.clone(),
        bid_amount: checked.bid_amount,
        hourly_rate: checked.hourly_rate,
        milestones: serde_json::to_value(&checked.milestones).unwrap_or_default(),
        estimated_duration: input.estimated_duration,
        answers: input.answers.iter().map(|a| a.trim().to_owned()).collect(),
        attachment_ids: input.attachment_ids,
        connects_spent: cost,
        connects_refunded: false,
        invitation_id,
        decline_reason: None,
        match_score: score,
        created_at: now,
        updated_at: now,
    };
    store::insert_proposal(conn, &proposal).map_err(|e| match e {
        DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _) => already_proposed(),
        other => other.into(),
    })?;
    if cost > 0 {
        connects::spend(conn, ctx, user.id, cost, job.id, proposal.id, &job.title)?;
    }
    crate::messaging::open_for(
        conn,
        crate::messaging::Subject::Proposal,
        proposal.id,
        &job.title,
        job.client_id,
        user.id,
        now,
    )?;
    let bid = match (proposal.bid_amount, proposal.hourly_rate) {
        (Some(amount), _) => format!("${}", amount.round_dp(2)),
        (None, Some(rate)) => format!("${}/hr", rate.round_dp(2)),
        (None, None) => String::new(),
    };
    crate::notifications::notify(
        conn,
        ctx,
        job.client_id,
        crate::notifications::Kind::ProposalReceived,
        format!("New proposal for “{}”", job.title),
        format!("{} sent a proposal, bidding {bid}.", user.full_name),
        format!("/jobs/{}/proposals", job.id),
    )?;
    store::touch_job(conn, job.id, now)?;
    // Search shows proposal counts in buckets (0–4, 5–9, 10–14, 15+): past 16 the
    // bucket can't change, so a popular job's later proposals don't reindex it.
    if store::proposals_up_to(conn, job.id, 17)? <= 16 {
        search::changed(conn, SearchChange::Job(job.id), now)?;
    }
    Ok(proposal)
}

/// Sends a proposal to a job, spending its Connects.
pub fn submit(
    conn: &mut PgConnection,
    ctx: &AppContext,
    user: &User,
    job_id: Uuid,
    input: ProposalInput,
) -> AppResult<ProposalView> {
    require_freelancer(user)?;
    let limits = &ctx.policy.rate_limits;
    crate::rate_limits::check(
        conn,
        ctx,
        &[
            Check {
                name: "proposals_per_user",
                limit: limits.proposals_per_user,
                subject: Subject::User(user.id),
                what: "proposals",
            },
            Check {
                name: "proposals_per_ip",
                limit: limits.proposals_per_ip,
                subject: Subject::Ip,
                what: "proposals from this address",
            },
        ],
    )?;
    let (proposal, job) = conn.transaction(|conn| {
        let job = job_for_proposal(conn, user, job_id, false)?;
        let checked = check(conn, user, &job, &input)?;
        let proposal = insert(conn, ctx, user, &job, checked, input, None)?;
        Ok::<_, AppError>((proposal, job))
    })?;
    ctx.job_pages.remove(&job_id);
    tracing::info!(proposal_id = %proposal.id, %job_id, freelancer_id = %user.id, "proposal submitted");
    sent(conn, ctx, proposal, job)
}

// ---------- reading ----------

fn views(
    conn: &mut PgConnection,
    ctx: &AppContext,
    found: Vec<Proposal>,
) -> AppResult<Vec<ProposalView>> {
    let job_ids: Vec<Uuid> = found.iter().map(|p| p.job_id).collect();
    let user_ids: Vec<Uuid> = found.iter().map(|p| p.freelancer_id).collect();
    let ids: Vec<Uuid> = found.iter().map(|p| p.id).collect();
    let jobs: HashMap<Uuid, JobBrief> = store::job_briefs(conn, &job_ids)?
        .into_iter()
        .map(|j| (j.id, j))
        .collect();
    let parties: HashMap<Uuid, Party> = store::parties(conn, &user_ids)?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let offers: HashMap<Uuid, Uuid> = store::latest_offers(conn, &ids)?.into_iter().collect();
    let files = crate::files::by_id(
        conn,
        found.iter().flat_map(|p| p.attachment_ids.iter().copied()),
    )?;
    found
        .into_iter()
        .map(|proposal| {
            let offer_id = offers.get(&proposal.id).copied();
            let job = jobs.get(&proposal.job_id).cloned().ok_or_else(not_found)?;
            let freelancer = parties
                .get(&proposal.freelancer_id)
                .cloned()
                .ok_or_else(not_found)?;
            let mut view = assemble(ctx, proposal, job, freelancer, offer_id);
            view.attachments = crate::files::listed(&files, &view.proposal.attachment_ids);
            Ok(view)
        })
        .collect()
}

fn assemble(
    ctx: &AppContext,
    proposal: Proposal,
    job: JobBrief,
    freelancer: Party,
    offer_id: Option<Uuid>,
) -> ProposalView {
    let bid = proposal
        .bid_amount
        .or(proposal.hourly_rate)
        .unwrap_or_default();
    let split = worklane_domain::fees::freelancer_split(
        Money {
            amount: bid,
            currency: crate::wallet::USD,
        },
        &ctx.policy.fees,
    );
    let milestones = serde_json::from_value(proposal.milestones.clone()).unwrap_or_default();
    ProposalView {
        offer_id,
        attachments: Vec::new(),
        fee: split.fee.amount,
        net: split.net.amount,
        milestones,
        job,
        freelancer,
        proposal,
    }
}

/// A proposal just sent: its job is known and it has no offer yet.
fn sent(
    conn: &mut PgConnection,
    ctx: &AppContext,
    proposal: Proposal,
    job: JobBrief,
) -> AppResult<ProposalView> {
    let freelancer = store::parties(conn, &[proposal.freelancer_id])?
        .pop()
        .ok_or_else(not_found)?;
    let files = crate::files::by_id(conn, proposal.attachment_ids.iter().copied())?;
    let mut view = assemble(ctx, proposal, job, freelancer, None);
    view.attachments = crate::files::listed(&files, &view.proposal.attachment_ids);
    Ok(view)
}

fn one(conn: &mut PgConnection, ctx: &AppContext, proposal: Proposal) -> AppResult<ProposalView> {
    views(conn, ctx, vec![proposal])?
        .pop()
        .ok_or_else(not_found)
}

/// A proposal for its freelancer or the job's owner; 404 for anyone else.
pub fn get(
    conn: &mut PgConnection,
    ctx: &AppContext,
    user: &User,
    id: Uuid,
) -> AppResult<ProposalView> {
    let view = store::find_proposal(conn, id)?
        .map(|p| one(conn, ctx, p))
        .transpose()?
        .ok_or_else(not_found)?;
    if view.proposal.freelancer_id == user.id || view.job.client_id == user.id {
        Ok(view)
    } else {
        Err(not_found())
    }
}

fn statuses(raw: Option<&str>) -> AppResult<Vec<&'static str>> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None | Some("all") => Ok(Vec::new()),
        Some("active") => Ok(vec!["submitted", "shortlisted"]),
        Some(s) => PROPOSAL_STATUSES
            .iter()
            .find(|v| **v == s)
            .map(|v| vec![*v])
            .ok_or_else(|| {
                AppError::invalid_parameter(
                    "status",
                    "must be a proposal status, `active` or `all`",
                )
            }),
    }
}

pub struct JobProposals {
    pub proposals: Vec<ProposalView>,
    pub next_cursor: Option<String>,
    pub counts: Vec<(String, i64)>,
}

/// The job owner's review screen: a page of proposals by status and sort, with the
/// count in every status.
/// What the review screen asks for: a status filter, a sort and a page.
#[derive(Debug, Clone, Default)]
pub struct ReviewQuery {
    pub status: Option<String>,
    pub sort: Option<String>,
    pub cursor: Option<String>,
    pub limit: Option<i64>,
}

pub fn for_job(
    conn: &mut PgConnection,
    ctx: &AppContext,
    user: &User,
    job_id: Uuid,
    query: &ReviewQuery,
) -> AppResult<JobProposals> {
    let job = store::job_briefs(conn, &[job_id])?
        .pop()
        .filter(|j| j.client_id == user.id)
        .ok_or(AppError::NotFound { what: "Job" })?;
    let statuses = statuses(query.status.as_deref())?;
    let (sort, tag) = match query.sort.as_deref().unwrap_or("newest") {
        "newest" => (ProposalSort::Newest, "newest"),
        "bid" => (ProposalSort::Bid, "bid"),
        "best_match" => (ProposalSort::BestMatch, "best_match"),
        _ => {
            return Err(AppError::invalid_parameter(
                "sort",
                "must be newest, bid or best_match",
            ));
        }
    };
    let limit = pagination::limit(query.limit)?;
    let offset = query
        .cursor
        .as_deref()
        .map(|c| pagination::decode_offset(c, tag))
        .transpose()?
        .unwrap_or(0);
    let rows = store::proposals_for_job(conn, job.id, &statuses, sort, offset, limit + 1)?;
    let (rows, next_cursor) = pagination::page(rows, limit, |_| {
        pagination::encode_offset(tag, offset + limit)
    });
    Ok(JobProposals {
        proposals: views(conn, ctx, rows)?,
        next_cursor,
        counts: store::proposal_counts(conn, job.id)?,
    })
}

/// The freelancer's own proposals, newest first.
pub fn mine(
    conn: &mut PgConnection,
    ctx: &AppContext,
    user: &User,
    status: Option<&str>,
    cursor: Option<&str>,
    limit: Option<i64>,
) -> AppResult<(Vec<ProposalView>, Option<String>)> {
    let statuses = statuses(status)?;
    let (rows, next) = pagination::newest_first(
        cursor,
        limit,
        |after, n| store::proposals_of_freelancer(conn, user.id, &statuses, after, n),
        |p| (p.created_at, p.id),
    )?;
    Ok((views(conn, ctx, rows)?, next))
}

/// An optional reason (declines, withdrawals, endings): trimmed, at most 500 characters.
pub(crate) fn reason_of(reason: Option<String>) -> AppResult<Option<String>> {
    let reason = reason
        .map(|r| r.trim().to_owned())
        .filter(|r| !r.is_empty());
    if reason
        .as_ref()
        .is_some_and(|r| r.chars().count() > REASON_CHARS)
    {
        return Err(AppError::field(
            "reason",
            "too_long",
            format!("must be at most {REASON_CHARS} characters"),
        ));
    }
    Ok(reason)
}

/// Shortlist, archive or decline (the job's owner) or withdraw (the freelancer).
pub fn act(
    conn: &mut PgConnection,
    ctx: &AppContext,
    user: &User,
    id: Uuid,
    action: ProposalAction,
    reason: Option<String>,
) -> AppResult<ProposalView> {
    let reason = reason_of(reason)?;
    let now = ctx.clock.now();
    let proposal = conn.transaction(|conn| {
        let proposal = store::lock_proposal(conn, id)?.ok_or_else(not_found)?;
        let job = store::job_briefs(conn, &[proposal.job_id])?
            .pop()
            .ok_or_else(not_found)?;
        let allowed = match action {
            ProposalAction::Withdraw => proposal.freelancer_id == user.id,
            _ => job.client_id == user.id,
        };
        if !allowed {
            // The other party may see it, but not act for the other side.
            return Err(
                if proposal.freelancer_id == user.id || job.client_id == user.id {
                    AppError::forbidden(
                        "not_your_action",
                        format!("Only the other party can {} this proposal.", action.verb()),
                    )
                } else {
                    not_found()
                },
            );
        }
        let from = ProposalStatus::parse(&proposal.status).unwrap_or(ProposalStatus::Declined);
        let to = proposal_transition(from, action).map_err(|message| AppError::Conflict {
            code: "invalid_proposal_state",
            message: format!("{}{}.", message[..1].to_uppercase(), &message[1..]),
            field: None,
        })?;
        if matches!(action, ProposalAction::Decline | ProposalAction::Withdraw)
            && store::pending_offer_for_proposal(conn, proposal.id)?
        {
            return Err(AppError::Conflict {
                code: "offer_pending",
                message:
                    "An offer is pending on this proposal: withdraw or decline the offer first."
                        .to_owned(),
                field: None,
            });
        }
        let keep_reason = matches!(action, ProposalAction::Decline | ProposalAction::Withdraw);
        let proposal = store::set_proposal_status(
            conn,
            proposal.id,
            to.as_str(),
            if keep_reason { reason.as_deref() } else { None },
            now,
        )?;
        tracing::info!(proposal_id = %proposal.id, status = to.as_str(), "proposal status changed");
        Ok::<_, AppError>(proposal)
    })?;
    one(conn, ctx, proposal)
}

/// When a job is cancelled before any hire (or removed), every proposal's Connects
/// come back. Call inside the transaction that changes the job.
pub(crate) fn refund_connects_for_job(
    conn: &mut PgConnection,
    ctx: &AppContext,
    job_id: Uuid,
    why: &str,
) -> AppResult<usize> {
    let refundable = store::refundable_proposals(conn, job_id)?;
    for proposal in &refundable {
        connects::refund(
            conn,
            ctx,
            proposal.freelancer_id,
            proposal.connects_spent,
            job_id,
            proposal.id,
            why,
        )?;
        store::mark_connects_refunded(conn, proposal.id)?;
    }
    Ok(refundable.len())
}

// ---------- invitations ----------

fn invitation_views(
    conn: &mut PgConnection,
    found: Vec<Invitation>,
) -> AppResult<Vec<InvitationView>> {
    let job_ids: Vec<Uuid> = found.iter().map(|i| i.job_id).collect();
    let mut user_ids: Vec<Uuid> = found.iter().map(|i| i.freelancer_id).collect();
    user_ids.extend(found.iter().map(|i| i.client_id));
    let jobs: HashMap<Uuid, JobBrief> = store::job_briefs(conn, &job_ids)?
        .into_iter()
        .map(|j| (j.id, j))
        .collect();
    let parties: HashMap<Uuid, Party> = store::parties(conn, &user_ids)?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let missing = || AppError::NotFound { what: "Invitation" };
    found
        .into_iter()
        .map(|invitation| {
            Ok(InvitationView {
                job: jobs.get(&invitation.job_id).cloned().ok_or_else(missing)?,
                client: parties
                    .get(&invitation.client_id)
                    .cloned()
                    .ok_or_else(missing)?,
                freelancer: parties
                    .get(&invitation.freelancer_id)
                    .cloned()
                    .ok_or_else(missing)?,
                invitation,
            })
        })
        .collect()
}

fn invitation_view(conn: &mut PgConnection, invitation: Invitation) -> AppResult<InvitationView> {
    invitation_views(conn, vec![invitation])?
        .pop()
        .ok_or(AppError::NotFound { what: "Invitation" })
}

/// Invites a freelancer to the client's open job.
pub fn invite(
    conn: &mut PgConnection,
    ctx: &AppContext,
    client: &User,
    job_id: Uuid,
    freelancer_id: Uuid,
    message: &str,
) -> AppResult<InvitationView> {
    let message = message.trim();
    if chars(message) < INVITATION_MESSAGE_CHARS.0
        || message.chars().count() > INVITATION_MESSAGE_CHARS.1
    {
        return Err(AppError::Validation(vec![length_error(
            "message",
            INVITATION_MESSAGE_CHARS,
        )]));
    }
    let now = ctx.clock.now();
    let invitation = conn.transaction(|conn| {
        let job = store::share_lock_job(conn, job_id)?
            .filter(|j| j.client_id == client.id)
            .ok_or(AppError::NotFound { what: "Job" })?;
        if job.status != "open" {
            return Err(AppError::Conflict {
                code: "job_not_open",
                message: format!(
                    "This job is {}; only open jobs take invitations.",
                    job.status
                ),
                field: None,
            });
        }
        let freelancer = worklane_db::users::find(conn, freelancer_id)?
            .filter(|u| u.is_freelancer && u.id != client.id)
            .ok_or(AppError::NotFound { what: "Freelancer" })?;
        if store::active_proposal(conn, job.id, freelancer.id)?.is_some() {
            return Err(AppError::Conflict {
                code: "already_proposed",
                message: "This freelancer has already sent a proposal for this job.".to_owned(),
                field: Some("freelancer_id"),
            });
        }
        let invitation = Invitation {
            id: Uuid::now_v7(),
            job_id: job.id,
            client_id: client.id,
            freelancer_id: freelancer.id,
            message: message.to_owned(),
            status: "pending".to_owned(),
            decline_reason: None,
            proposal_id: None,
            created_at: now,
            answered_at: None,
        };
        store::insert_invitation(conn, &invitation).map_err(|e| match e {
            DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _) => {
                AppError::Conflict {
                    code: "already_invited",
                    message: "This freelancer already has a pending invitation to this job."
                        .to_owned(),
                    field: Some("freelancer_id"),
                }
            }
            other => other.into(),
        })?;
        crate::notifications::notify(
            conn,
            ctx,
            freelancer.id,
            crate::notifications::Kind::InvitationReceived,
            format!("You're invited to “{}”", job.title),
            format!("{} invited you to send a proposal.", client.full_name),
            "/invitations",
        )?;
        Ok(invitation)
    })?;
    tracing::info!(invitation_id = %invitation.id, %job_id, %freelancer_id, "freelancer invited");
    invitation_view(conn, invitation)
}

/// An invitation for its two parties; 404 for anyone else.
pub fn invitation(conn: &mut PgConnection, user: &User, id: Uuid) -> AppResult<InvitationView> {
    store::find_invitation(conn, id)?
        .filter(|i| i.client_id == user.id || i.freelancer_id == user.id)
        .map(|i| invitation_view(conn, i))
        .transpose()?
        .ok_or(AppError::NotFound { what: "Invitation" })
}

fn pending_invitation(conn: &mut PgConnection, user: &User, id: Uuid) -> AppResult<Invitation> {
    let invitation = store::lock_invitation(conn, id)?
        .filter(|i| i.freelancer_id == user.id)
        .ok_or(AppError::NotFound { what: "Invitation" })?;
    if invitation.status != "pending" {
        return Err(AppError::Conflict {
            code: "invitation_answered",
            message: format!("This invitation was already {}.", invitation.status),
            field: None,
        });
    }
    Ok(invitation)
}

/// Accepting an invitation sends its proposal, free of Connects.
pub fn accept_invitation(
    conn: &mut PgConnection,
    ctx: &AppContext,
    user: &User,
    id: Uuid,
    input: ProposalInput,
) -> AppResult<ProposalView> {
    require_freelancer(user)?;
    let now = ctx.clock.now();
    let (proposal, job) = conn.transaction(|conn| {
        let invitation = pending_invitation(conn, user, id)?;
        let job = job_for_proposal(conn, user, invitation.job_id, true)?;
        let checked = check(conn, user, &job, &input)?;
        let proposal = insert(conn, ctx, user, &job, checked, input, Some(invitation.id))?;
        store::answer_invitation(
            conn,
            invitation.id,
            "accepted",
            None,
            Some(proposal.id),
            now,
        )?;
        Ok::<_, AppError>((proposal, job))
    })?;
    ctx.job_pages.remove(&proposal.job_id);
    tracing::info!(invitation_id = %id, proposal_id = %proposal.id, "invitation accepted");
    sent(conn, ctx, proposal, job)
}

pub fn decline_invitation(
    conn: &mut PgConnection,
    ctx: &AppContext,
    user: &User,
    id: Uuid,
    reason: Option<String>,
) -> AppResult<InvitationView> {
    let reason = reason_of(reason)?;
    let now = ctx.clock.now();
    let invitation = conn.transaction(|conn| {
        let invitation = pending_invitation(conn, user, id)?;
        Ok::<_, AppError>(store::answer_invitation(
            conn,
            invitation.id,
            "declined",
            reason.as_deref(),
            None,
            now,
        )?)
    })?;
    invitation_view(conn, invitation)
}

/// Invitations I received (freelancer), sent (client), or sent for one of my jobs.
pub fn invitations(
    conn: &mut PgConnection,
    user: &User,
    scope: InvitationScope,
    status: Option<&str>,
    cursor: Option<&str>,
    limit: Option<i64>,
) -> AppResult<(Vec<InvitationView>, Option<String>)> {
    if let InvitationScope::Job(job_id) = scope {
        store::job_briefs(conn, &[job_id])?
            .pop()
            .filter(|j| j.client_id == user.id)
            .ok_or(AppError::NotFound { what: "Job" })?;
    }
    let status = match status.map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(s @ ("pending" | "accepted" | "declined")) => Some(s),
        Some(_) => {
            return Err(AppError::invalid_parameter(
                "status",
                "must be pending, accepted or declined",
            ));
        }
    };
    let (rows, next) = pagination::newest_first(
        cursor,
        limit,
        |after, n| store::invitations_of(conn, scope, status, after, n),
        |i| (i.created_at, i.id),
    )?;
    Ok((invitation_views(conn, rows)?, next))
}
