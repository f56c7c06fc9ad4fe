//! Fixed-price delivery (SPEC §8): milestones added, edited, reordered and deleted
//! while unfunded; funded; work submitted; approved (released, with an optional
//! bonus) or sent back for changes; released automatically 14 days after an
//! unanswered submission; asked back by the client and refunded when the freelancer
//! agrees or 7 days pass. Bonuses on any contract.
//!
//! Every action locks the milestone's row and checks the state machine, so the same
//! approval sent twenty times at once releases once.

use crate::context::AppContext;
use crate::error::{AppError, AppResult, FieldError};
use crate::escrow;
use crate::notifications::{Kind, notify};
use crate::offers::{self, ContractView};
use crate::wallet::USD;
use chrono::{Duration, NaiveDate};
use diesel::{Connection, PgConnection};
use rust_decimal::Decimal;
use uuid::Uuid;
use worklane_db::delivery::{self as store, Bonus, Submission};
use worklane_db::hiring::{self as hiring_store, Contract, Milestone};
use worklane_db::users::User;
use worklane_domain::delivery::{
    Actor, MilestoneAction, MilestoneStatus, Refusal, milestone_transition,
};
use worklane_domain::hiring::MILESTONE_TITLE_CHARS;
use worklane_domain::money::Money;

/// What the escrow for one milestone (or invoice) holds now.
pub(crate) fn held_in_escrow(conn: &mut PgConnection, subject_id: Uuid) -> AppResult<Decimal> {
    Ok(hiring_store::escrow_held(conn, &[subject_id])?
        .first()
        .map_or(Decimal::ZERO, |(_, amount)| *amount))
}

fn usd(amount: Decimal) -> Money {
    Money {
        amount,
        currency: USD,
    }
}

fn milestone_not_found() -> AppError {
    AppError::NotFound { what: "Milestone" }
}

/// The contract a milestone belongs to, if `user` is one of its parties.
fn contract_of(
    conn: &mut PgConnection,
    user: &User,
    milestone: &Milestone,
) -> AppResult<(Contract, Actor)> {
    let contract = milestone
        .contract_id
        .map(|id| hiring_store::find_contract(conn, id))
        .transpose()?
        .flatten()
        .ok_or_else(milestone_not_found)?;
    let actor = if contract.client_id == user.id {
        Actor::Client
    } else if contract.freelancer_id == user.id {
        Actor::Freelancer
    } else {
        return Err(milestone_not_found());
    };
    Ok((contract, actor))
}

fn refused(action: MilestoneAction, refusal: Refusal) -> AppError {
    match refusal {
        Refusal::WrongParty => AppError::forbidden(
            "not_your_action",
            format!("Only the other party can {} this milestone.", action.verb()),
        ),
        Refusal::WrongState(status) => AppError::Conflict {
            code: "invalid_milestone_state",
            message: format!(
                "You can't {} a milestone that is {}.",
                action.verb(),
                status.as_str().replace('_', " ")
            ),
            field: None,
        },
    }
}

fn require_active(contract: &Contract) -> AppResult<()> {
    if contract.status == "ended" {
        return Err(AppError::Conflict {
            code: "contract_ended",
            message: "This contract has ended.".to_owned(),
            field: None,
        });
    }
    if contract.contract_type != "fixed" {
        return Err(AppError::Conflict {
            code: "not_fixed_price",
            message: "Milestones belong to fixed-price contracts.".to_owned(),
            field: None,
        });
    }
    Ok(())
}

/// Locks the milestone, checks who may do what, and returns where it goes next.
fn begin(
    conn: &mut PgConnection,
    user: &User,
    id: Uuid,
    action: MilestoneAction,
) -> AppResult<(Milestone, Contract, MilestoneStatus)> {
    let milestone = store::lock_milestone(conn, id)?.ok_or_else(milestone_not_found)?;
    let (contract, actor) = contract_of(conn, user, &milestone)?;
    require_active(&contract)?;
    let from = MilestoneStatus::parse(&milestone.status).unwrap_or(MilestoneStatus::Disputed);
    let to = milestone_transition(from, action, actor).map_err(|r| refused(action, r))?;
    Ok((milestone, contract, to))
}

fn view(
    conn: &mut PgConnection,
    ctx: &AppContext,
    user: &User,
    contract_id: Uuid,
) -> AppResult<ContractView> {
    offers::contract(conn, ctx, user, contract_id)
}

// ---------- terms ----------

#[derive(Debug, Clone, Default)]
pub struct MilestoneTerms {
    pub title: Option<String>,
    pub amount: Option<String>,
    /// `Some(None)` clears the due date.
    pub due_date: Option<Option<String>>,
    /// Where it goes in the contract's order (0 first).
    pub position: Option<i32>,
}

fn checked_terms(
    ctx: &AppContext,
    title: &str,
    amount: &str,
    due: Option<&str>,
) -> AppResult<(String, Decimal, Option<NaiveDate>)> {
    let mut errors = Vec::new();
    let title = title.trim();
    let n = title.chars().count();
    if n < MILESTONE_TITLE_CHARS.0 || n > MILESTONE_TITLE_CHARS.1 {
        errors.push(FieldError::new(
            "title",
            "length",
            format!(
                "must be between {} and {} characters",
                MILESTONE_TITLE_CHARS.0, MILESTONE_TITLE_CHARS.1
            ),
        ));
    }
    let amount = match Money::usd(amount) {
        Ok(m) if m.amount >= ctx.policy.hiring.min_milestone => Some(m.amount),
        Ok(_) => {
            errors.push(FieldError::new(
                "amount",
                "below_minimum",
                format!(
                    "must be at least {}",
                    usd(ctx.policy.hiring.min_milestone).to_wire()
                ),
            ));
            None
        }
        Err(p) => {
            errors.push(FieldError::new("amount", p.code(), p.to_string()));
            None
        }
    };
    let due = match due.map(str::trim).filter(|d| !d.is_empty()) {
        None => None,
        Some(raw) => match NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
            Ok(d) => Some(d),
            Err(_) => {
                errors.push(FieldError::new(
                    "due_date",
                    "invalid",
                    "must be a date such as 2026-12-31",
                ));
                None
            }
        },
    };
    match (amount, errors.is_empty()) {
        (Some(amount), true) => Ok((title.to_owned(), amount, due)),
        _ => Err(AppError::Validation(errors)),
    }
}

/// The client adds a milestone at the end of a fixed-price contract.
pub fn add(
    conn: &mut PgConnection,
    ctx: &AppContext,
    user: &User,
    contract_id: Uuid,
    title: &str,
    amount: &str,
    due_date: Option<&str>,
) -> AppResult<ContractView> {
    let (title, amount, due) = checked_terms(ctx, title, amount, due_date)?;
    let now = ctx.clock.now();
    conn.transaction(|conn| {
        let contract = hiring_store::find_contract(conn, contract_id)?
            .filter(|c| c.client_id == user.id || c.freelancer_id == user.id)
            .ok_or(AppError::NotFound { what: "Contract" })?;
        if contract.client_id != user.id {
            return Err(AppError::forbidden(
                "not_your_action",
                "Only the client adds milestones.",
            ));
        }
        require_active(&contract)?;
        let existing = store::lock_contract_milestones(conn, contract.id)?;
        if existing.len() >= ctx.policy.delivery.max_milestones {
            return Err(AppError::Conflict {
                code: "too_many_milestones",
                message: format!(
                    "A contract has at most {} milestones.",
                    ctx.policy.delivery.max_milestones
                ),
                field: None,
            });
        }
        let position = existing.iter().map(|m| m.position + 1).max().unwrap_or(0);
        store::insert_milestone(
            conn,
            &Milestone {
                id: Uuid::now_v7(),
                offer_id: contract.offer_id,
                contract_id: Some(contract.id),
                position,
                title,
                amount,
                due_date: due,
                status: "pending".to_owned(),
                funded_at: None,
                created_at: now,
                updated_at: now,
                submitted_at: None,
                released_at: None,
                refund_requested_at: None,
            },
        )?;
        Ok(())
    })?;
    view(conn, ctx, user, contract_id)
}

/// The client edits or moves an unfunded milestone.
pub fn edit(
    conn: &mut PgConnection,
    ctx: &AppContext,
    user: &User,
    id: Uuid,
    terms: MilestoneTerms,
) -> AppResult<ContractView> {
    let now = ctx.clock.now();
    let contract_id = conn.transaction(|conn| {
        let (milestone, contract, _) = begin(conn, user, id, MilestoneAction::Change)?;
        let due = match &terms.due_date {
            None => milestone.due_date.map(|d| d.format("%Y-%m-%d").to_string()),
            Some(value) => value.clone(),
        };
        let (title, amount, due) = checked_terms(
            ctx,
            terms.title.as_deref().unwrap_or(&milestone.title),
            &terms
                .amount
                .clone()
                .unwrap_or_else(|| usd(milestone.amount).to_wire()),
            due.as_deref(),
        )?;
        store::set_terms(conn, milestone.id, &title, amount, due, now)?;
        if let Some(position) = terms.position {
            let mut order = store::lock_contract_milestones(conn, contract.id)?;
            let from = order.iter().position(|m| m.id == milestone.id).unwrap_or(0);
            let moved = order.remove(from);
            let to = usize::try_from(position.max(0))
                .unwrap_or(0)
                .min(order.len());
            order.insert(to, moved);
            for (i, m) in order.iter().enumerate() {
                let i = i32::try_from(i).unwrap_or(i32::MAX);
                if m.position != i {
                    store::set_position(conn, m.id, i)?;
                }
            }
        }
        Ok::<_, AppError>(contract.id)
    })?;
    view(conn, ctx, user, contract_id)
}

/// The client deletes an unfunded milestone.
pub fn delete(
    conn: &mut PgConnection,
    ctx: &AppContext,
    user: &User,
    id: Uuid,
) -> AppResult<ContractView> {
    let contract_id = conn.transaction(|conn| {
        let (milestone, contract, _) = begin(conn, user, id, MilestoneAction::Change)?;
        store::delete_milestone(conn, milestone.id)?;
        Ok::<_, AppError>(contract.id)
    })?;
    view(conn, ctx, user, contract_id)
}

// ---------- money and work ----------

/// The client funds a pending milestone: wallet first, a card for any shortfall.
pub fn fund(
    conn: &mut PgConnection,
    ctx: &AppContext,
    user: &User,
    id: Uuid,
    payment_method_id: Option<Uuid>,
    charge_key: &str,
) -> AppResult<ContractView> {
    // Cheap checks first, so a doomed funding charges no card.
    let milestone = store::find_milestone(conn, id)?.ok_or_else(milestone_not_found)?;
    let (contract, actor) = contract_of(conn, user, &milestone)?;
    require_active(&contract)?;
    let from = MilestoneStatus::parse(&milestone.status).unwrap_or(MilestoneStatus::Disputed);
    milestone_transition(from, MilestoneAction::Fund, actor)
        .map_err(|r| refused(MilestoneAction::Fund, r))?;
    escrow::cover_shortfall(
        conn,
        ctx,
        user,
        usd(milestone.amount),
        payment_method_id,
        charge_key,
    )?;
    let now = ctx.clock.now();
    conn.transaction(|conn| {
        let (milestone, contract, to) = begin(conn, user, id, MilestoneAction::Fund)?;
        escrow::fund_in(conn, ctx, user, milestone.id, usd(milestone.amount))?;
        store::set_status(conn, milestone.id, to.as_str(), now)?;
        tell(
            conn,
            ctx,
            contract.freelancer_id,
            Kind::MilestoneFunded,
            &contract,
            format!("“{}” is funded", milestone.title),
            format!(
                "{} is in escrow for “{}”: you can start work on it.",
                usd(milestone.amount).to_wire(),
                contract.title
            ),
        )?;
        Ok::<_, AppError>(())
    })?;
    tracing::info!(milestone_id = %id, "milestone funded");
    view(conn, ctx, user, contract.id)
}

/// The freelancer submits work: a message and files.
pub fn submit(
    conn: &mut PgConnection,
    ctx: &AppContext,
    user: &User,
    id: Uuid,
    message: &str,
    attachment_ids: &[Uuid],
) -> AppResult<ContractView> {
    let message = message.trim();
    if message.is_empty() || message.chars().count() > 5000 {
        return Err(AppError::field(
            "message",
            "length",
            "must be between 1 and 5000 characters",
        ));
    }
    if attachment_ids.len() > 10 {
        return Err(AppError::field(
            "attachment_ids",
            "too_many",
            "must have at most 10 files",
        ));
    }
    let owned = worklane_db::attachments::owned_by(conn, user.id, attachment_ids)?;
    if let Some(missing) = attachment_ids.iter().find(|id| !owned.contains(id)) {
        return Err(AppError::field(
            "attachment_ids",
            "unknown_attachment",
            format!("{missing} is not one of your uploads"),
        ));
    }
    let now = ctx.clock.now();
    let contract_id = conn.transaction(|conn| {
        let (milestone, contract, to) = begin(conn, user, id, MilestoneAction::Submit)?;
        store::insert_submission(
            conn,
            &Submission {
                id: Uuid::now_v7(),
                milestone_id: milestone.id,
                message: message.to_owned(),
                attachment_ids: attachment_ids.to_vec(),
                created_at: now,
                outcome: None,
                outcome_message: None,
                answered_at: None,
            },
        )?;
        store::set_status(conn, milestone.id, to.as_str(), now)?;
        tell(
            conn,
            ctx,
            contract.client_id,
            Kind::MilestoneSubmitted,
            &contract,
            format!("Work submitted for “{}”", milestone.title),
            format!(
                "{} submitted work on “{}”. Approve it or request changes within {} days, or it is released automatically.",
                user.full_name, contract.title, ctx.policy.delivery.auto_release_days
            ),
        )?;
        Ok::<_, AppError>(contract.id)
    })?;
    tracing::info!(milestone_id = %id, "work submitted");
    view(conn, ctx, user, contract_id)
}

/// Tells one party of a contract about an event on it.
fn tell(
    conn: &mut PgConnection,
    ctx: &AppContext,
    to: Uuid,
    kind: Kind,
    contract: &Contract,
    title: String,
    body: String,
) -> AppResult<()> {
    notify(
        conn,
        ctx,
        to,
        kind,
        title,
        body,
        format!("/contracts/{}", contract.id),
    )
}

/// Releases a submitted milestone's escrow to the freelancer (5 days pending).
fn release_milestone(
    conn: &mut PgConnection,
    ctx: &AppContext,
    milestone: &Milestone,
    contract: &Contract,
    outcome: &str,
) -> AppResult<()> {
    let now = ctx.clock.now();
    let held = held_in_escrow(conn, milestone.id)?;
    if held > Decimal::ZERO {
        escrow::release_in(
            conn,
            ctx,
            milestone.id,
            contract.client_id,
            contract.freelancer_id,
            usd(held),
        )?;
    }
    store::answer_submission(conn, milestone.id, outcome, None, now)?;
    store::set_status(conn, milestone.id, MilestoneStatus::Approved.as_str(), now)?;
    let (kind, title) = if outcome == "approved" {
        (
            Kind::MilestoneApproved,
            format!("“{}” was approved", milestone.title),
        )
    } else {
        (
            Kind::PaymentReleased,
            format!("“{}” was released automatically", milestone.title),
        )
    };
    tell(
        conn,
        ctx,
        contract.freelancer_id,
        kind,
        contract,
        title,
        format!(
            "{} is released on “{}”; it becomes available after the security period.",
            usd(held).to_wire(),
            contract.title
        ),
    )?;
    Ok(())
}

/// Pays a bonus from the client's wallet straight to the freelancer. Call inside a
/// transaction.
fn pay_bonus(
    conn: &mut PgConnection,
    ctx: &AppContext,
    client: &User,
    contract: &Contract,
    milestone_id: Option<Uuid>,
    amount: Decimal,
    message: &str,
) -> AppResult<Bonus> {
    let bonus = Bonus {
        id: Uuid::now_v7(),
        contract_id: contract.id,
        milestone_id,
        amount,
        message: message.to_owned(),
        created_at: ctx.clock.now(),
    };
    store::insert_bonus(conn, &bonus)?;
    escrow::fund_in(conn, ctx, client, bonus.id, usd(amount))?;
    escrow::release_in(
        conn,
        ctx,
        bonus.id,
        contract.client_id,
        contract.freelancer_id,
        usd(amount),
    )?;
    tell(
        conn,
        ctx,
        contract.freelancer_id,
        Kind::PaymentReleased,
        contract,
        format!("A {} bonus on “{}”", usd(amount).to_wire(), contract.title),
        if message.is_empty() {
            "Your client paid you a bonus.".to_owned()
        } else {
            format!("Your client paid you a bonus: {message}")
        },
    )?;
    Ok(bonus)
}

fn bonus_amount(raw: Option<&str>) -> AppResult<Option<Decimal>> {
    raw.map(|raw| crate::wallet::positive_amount("bonus", raw).map(|m| m.amount))
        .transpose()
}

/// The client approves a submission: its escrow is released, and an optional bonus
/// is paid from the wallet with it (both or neither).
pub fn approve(
    conn: &mut PgConnection,
    ctx: &AppContext,
    user: &User,
    id: Uuid,
    bonus: Option<&str>,
) -> AppResult<ContractView> {
    let bonus = bonus_amount(bonus)?;
    let contract_id = conn.transaction(|conn| {
        let (milestone, contract, _) = begin(conn, user, id, MilestoneAction::Approve)?;
        release_milestone(conn, ctx, &milestone, &contract, "approved")?;
        if let Some(bonus) = bonus {
            pay_bonus(conn, ctx, user, &contract, Some(milestone.id), bonus, "Bonus with approval")
                .map_err(|e| match e {
                    AppError::Conflict { code: "insufficient_funds", .. } => AppError::Conflict {
                        code: "insufficient_funds",
                        message: "Your wallet can't cover the bonus and its fee; deposit first, or approve without a bonus.".to_owned(),
                        field: Some("bonus"),
                    },
                    other => other,
                })?;
        }
        Ok::<_, AppError>(contract.id)
    })?;
    tracing::info!(milestone_id = %id, "milestone approved and released");
    view(conn, ctx, user, contract_id)
}

/// The client sends a submission back with what to change.
pub fn request_changes(
    conn: &mut PgConnection,
    ctx: &AppContext,
    user: &User,
    id: Uuid,
    message: &str,
) -> AppResult<ContractView> {
    let message = message.trim();
    if message.is_empty() || message.chars().count() > 5000 {
        return Err(AppError::field(
            "message",
            "length",
            "must be between 1 and 5000 characters",
        ));
    }
    let now = ctx.clock.now();
    let contract_id = conn.transaction(|conn| {
        let (milestone, contract, to) = begin(conn, user, id, MilestoneAction::RequestChanges)?;
        store::answer_submission(conn, milestone.id, "changes_requested", Some(message), now)?;
        store::set_status(conn, milestone.id, to.as_str(), now)?;
        tell(
            conn,
            ctx,
            contract.freelancer_id,
            Kind::ChangesRequested,
            &contract,
            format!("Changes requested on “{}”", milestone.title),
            message.to_owned(),
        )?;
        Ok::<_, AppError>(contract.id)
    })?;
    view(conn, ctx, user, contract_id)
}

/// The client asks for a funded, unsubmitted milestone's money back.
pub fn request_refund(
    conn: &mut PgConnection,
    ctx: &AppContext,
    user: &User,
    id: Uuid,
) -> AppResult<ContractView> {
    let now = ctx.clock.now();
    let contract_id = conn.transaction(|conn| {
        let (milestone, contract, to) = begin(conn, user, id, MilestoneAction::RequestRefund)?;
        store::set_status(conn, milestone.id, to.as_str(), now)?;
        Ok::<_, AppError>(contract.id)
    })?;
    view(conn, ctx, user, contract_id)
}

/// Refunds the milestone's escrow (and the marketplace fee paid on it) to the client.
fn refund_milestone(
    conn: &mut PgConnection,
    ctx: &AppContext,
    milestone: &Milestone,
    contract: &Contract,
) -> AppResult<()> {
    let held = held_in_escrow(conn, milestone.id)?;
    if held > Decimal::ZERO {
        escrow::refund_in(conn, ctx, milestone.id, contract.client_id, usd(held))?;
        escrow::refund_marketplace_fee(conn, ctx, milestone.id, contract.client_id, usd(held))?;
    }
    store::set_status(
        conn,
        milestone.id,
        MilestoneStatus::Refunded.as_str(),
        ctx.clock.now(),
    )?;
    Ok(())
}

/// The freelancer agrees to a refund request.
pub fn agree_refund(
    conn: &mut PgConnection,
    ctx: &AppContext,
    user: &User,
    id: Uuid,
) -> AppResult<ContractView> {
    let contract_id = conn.transaction(|conn| {
        let (milestone, contract, _) = begin(conn, user, id, MilestoneAction::AgreeRefund)?;
        refund_milestone(conn, ctx, &milestone, &contract)?;
        Ok::<_, AppError>(contract.id)
    })?;
    view(conn, ctx, user, contract_id)
}

/// A bonus on any contract, from the client's wallet.
pub fn bonus(
    conn: &mut PgConnection,
    ctx: &AppContext,
    user: &User,
    contract_id: Uuid,
    amount: &str,
    message: &str,
) -> AppResult<ContractView> {
    let amount = crate::wallet::positive_amount("amount", amount)?.amount;
    if message.chars().count() > 2000 {
        return Err(AppError::field(
            "message",
            "length",
            "must be at most 2000 characters",
        ));
    }
    conn.transaction(|conn| {
        let contract = hiring_store::find_contract(conn, contract_id)?
            .filter(|c| c.client_id == user.id || c.freelancer_id == user.id)
            .ok_or(AppError::NotFound { what: "Contract" })?;
        if contract.client_id != user.id {
            return Err(AppError::forbidden(
                "not_your_action",
                "Only the client pays bonuses.",
            ));
        }
        pay_bonus(conn, ctx, user, &contract, None, amount, message.trim())
    })?;
    tracing::info!(%contract_id, %amount, "bonus paid");
    view(conn, ctx, user, contract_id)
}

/// The worker's pass: submissions unanswered for 14 days are released, refund
/// requests unanswered for 7 are granted.
pub fn run_due(conn: &mut PgConnection, ctx: &AppContext) -> AppResult<usize> {
    let now = ctx.clock.now();
    let policy = &ctx.policy.delivery;
    conn.transaction(|conn| {
        let mut done = 0;
        for milestone in
            store::due_for_release(conn, now - Duration::days(policy.auto_release_days), 100)?
        {
            if let Some(contract) = milestone
                .contract_id
                .map(|id| hiring_store::find_contract(conn, id))
                .transpose()?
                .flatten()
            {
                release_milestone(conn, ctx, &milestone, &contract, "auto_released")?;
                tracing::info!(milestone_id = %milestone.id, "unanswered submission released");
                done += 1;
            }
        }
        for milestone in
            store::due_for_refund(conn, now - Duration::days(policy.refund_response_days), 100)?
        {
            if let Some(contract) = milestone
                .contract_id
                .map(|id| hiring_store::find_contract(conn, id))
                .transpose()?
                .flatten()
            {
                refund_milestone(conn, ctx, &milestone, &contract)?;
                tracing::info!(milestone_id = %milestone.id, "unanswered refund request granted");
                done += 1;
            }
        }
        Ok(done)
    })
}
