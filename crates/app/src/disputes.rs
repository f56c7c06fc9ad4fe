//! Disputes (SPEC §9). Opening one freezes the milestone's or invoice's escrow (its
//! status becomes `disputed`, which no approval, refund or timed rule touches). The
//! other party accepts (the opener's request is granted) or declines (an admin
//! mediates) within 5 business days on fixed-price work, 3 days on an invoice; if
//! the window lapses, the opener's request is granted. Every outcome is a split of
//! the disputed amount — release X, refund Y, X + Y = the amount — written with its
//! ledger postings in one transaction; refunded money returns with its marketplace
//! fee.

use crate::context::AppContext;
use crate::error::{AppError, AppResult, FieldError};
use crate::escrow;
use crate::notifications::{Kind, notify};
use crate::wallet::USD;
use chrono::Duration;
use diesel::{Connection, PgConnection};
use rust_decimal::Decimal;
use std::collections::HashMap;
use uuid::Uuid;
use worklane_db::delivery as milestones;
use worklane_db::disputes::{self as store, Dispute, DisputeMessage};
use worklane_db::hiring::{self as hiring_store, Contract, Party};
use worklane_db::hourly as invoices;
use worklane_db::users::User;
use worklane_domain::delivery::add_business_days;
use worklane_domain::money::Money;

fn usd(amount: Decimal) -> Money {
    Money {
        amount,
        currency: USD,
    }
}

fn not_found() -> AppError {
    AppError::NotFound { what: "Dispute" }
}

fn conflict(code: &'static str, message: impl Into<String>) -> AppError {
    AppError::Conflict {
        code,
        message: message.into(),
        field: None,
    }
}

fn text(field: &str, raw: &str) -> AppResult<String> {
    let value = raw.trim();
    if value.is_empty() || value.chars().count() > 5000 {
        return Err(AppError::field(
            field,
            "length",
            "must be between 1 and 5000 characters",
        ));
    }
    Ok(value.to_owned())
}

fn amount_of(field: &str, raw: &str) -> AppResult<Decimal> {
    Money::usd(raw)
        .map(|m| m.amount)
        .map_err(|p| AppError::field(field, p.code(), p.to_string()))
}

/// What is being disputed.
#[derive(Debug, Clone, Copy)]
pub enum Subject {
    Milestone(Uuid),
    Invoice(Uuid),
}

pub struct DisputeView {
    pub dispute: Dispute,
    pub contract: Contract,
    pub client: Party,
    pub freelancer: Party,
    pub messages: Vec<DisputeMessage>,
}

/// The people of these contracts, by id (one query).
fn parties_of(conn: &mut PgConnection, contracts: &[&Contract]) -> AppResult<HashMap<Uuid, Party>> {
    let ids: Vec<Uuid> = contracts
        .iter()
        .flat_map(|c| [c.client_id, c.freelancer_id])
        .collect();
    Ok(hiring_store::parties(conn, &ids)?
        .into_iter()
        .map(|p| (p.id, p))
        .collect())
}

fn assemble(
    dispute: Dispute,
    contract: Contract,
    parties: &HashMap<Uuid, Party>,
    messages: Vec<DisputeMessage>,
) -> AppResult<DisputeView> {
    let party = |id: Uuid| parties.get(&id).cloned().ok_or_else(not_found);
    Ok(DisputeView {
        client: party(contract.client_id)?,
        freelancer: party(contract.freelancer_id)?,
        dispute,
        contract,
        messages,
    })
}

fn view(conn: &mut PgConnection, dispute: Dispute) -> AppResult<DisputeView> {
    let contract = hiring_store::find_contract(conn, dispute.contract_id)?.ok_or_else(not_found)?;
    let messages = store::messages_of(conn, dispute.id)?;
    let parties = parties_of(conn, &[&contract])?;
    assemble(dispute, contract, &parties, messages)
}

/// The dispute's conversation (its thread), opened with the dispute.
fn conversation_of(
    conn: &mut PgConnection,
    dispute: &Dispute,
    contract: &Contract,
) -> AppResult<worklane_db::messaging::Conversation> {
    crate::messaging::open_for(
        conn,
        crate::messaging::Subject::Dispute,
        dispute.id,
        &format!("Dispute: {}", contract.title),
        contract.client_id,
        contract.freelancer_id,
        dispute.created_at,
    )
}

fn party_role(contract: &Contract, user: &User) -> Option<&'static str> {
    if contract.client_id == user.id {
        Some("client")
    } else if contract.freelancer_id == user.id {
        Some("freelancer")
    } else {
        None
    }
}

/// A party opens a dispute on a milestone or an invoice.
pub fn open(
    conn: &mut PgConnection,
    ctx: &AppContext,
    user: &User,
    subject: Subject,
    reason: &str,
    requested_refund: &str,
) -> AppResult<DisputeView> {
    let reason = text("reason", reason)?;
    let requested = amount_of("requested_refund", requested_refund)?;
    let now = ctx.clock.now();
    let dispute = conn.transaction(|conn| {
        let (contract_id, subject_status, amount, respond_by, milestone_id, invoice_id, role) = match subject {
            Subject::Milestone(id) => {
                let milestone = milestones::lock_milestone(conn, id)?.ok_or(AppError::NotFound { what: "Milestone" })?;
                let contract = milestone
                    .contract_id
                    .map(|c| hiring_store::find_contract(conn, c))
                    .transpose()?
                    .flatten()
                    .ok_or(AppError::NotFound { what: "Milestone" })?;
                let role = party_role(&contract, user).ok_or(AppError::NotFound { what: "Milestone" })?;
                let allowed = match role {
                    "freelancer" => matches!(milestone.status.as_str(), "refund_requested" | "submitted" | "changes_requested"),
                    _ => milestone.status == "submitted",
                };
                if !allowed {
                    return Err(conflict(
                        "cannot_dispute",
                        format!(
                            "A {role} can't dispute a milestone that is {}: freelancers dispute refund requests and unanswered or refused submissions; clients dispute submissions.",
                            milestone.status.replace('_', " ")
                        ),
                    ));
                }
                let held = crate::delivery::held_in_escrow(conn, milestone.id)?;
                milestones::set_status(conn, milestone.id, "disputed", now)?;
                let respond_by = add_business_days(now, ctx.policy.disputes.fixed_response_business_days);
                (contract.id, milestone.status, held, respond_by, Some(milestone.id), None, role)
            }
            Subject::Invoice(id) => {
                let invoice = invoices::lock_invoice(conn, id)?.ok_or(AppError::NotFound { what: "Invoice" })?;
                let contract = hiring_store::find_contract(conn, invoice.contract_id)?.ok_or(AppError::NotFound { what: "Invoice" })?;
                let role = party_role(&contract, user).ok_or(AppError::NotFound { what: "Invoice" })?;
                if role != "client" {
                    return Err(AppError::forbidden("not_your_action", "Only the client disputes an invoice."));
                }
                if invoice.status != "in_review" || now > invoice.review_until {
                    return Err(conflict("cannot_dispute", "Invoices can be disputed while in review, until Friday 23:59 UTC."));
                }
                invoices::set_invoice_status(conn, invoice.id, "disputed", now)?;
                let respond_by = now + Duration::days(ctx.policy.disputes.hourly_response_days);
                (contract.id, invoice.status, invoice.amount, respond_by, None, Some(invoice.id), role)
            }
        };
        if amount <= Decimal::ZERO {
            return Err(conflict("nothing_in_escrow", "There is no money in escrow to dispute."));
        }
        if requested > amount {
            return Err(AppError::field(
                "requested_refund",
                "over_amount",
                format!("can't be more than the disputed {}", usd(amount).to_wire()),
            ));
        }
        let dispute = Dispute {
            id: Uuid::now_v7(),
            contract_id,
            milestone_id,
            invoice_id,
            opened_by: user.id,
            opener_role: role.to_owned(),
            subject_status,
            reason: reason.clone(),
            amount,
            requested_refund: requested,
            status: "awaiting_response".to_owned(),
            respond_by,
            response_message: None,
            responded_at: None,
            outcome: None,
            release_amount: None,
            refund_amount: None,
            resolution_note: None,
            resolved_by: None,
            resolved_at: None,
            created_at: now,
        };
        store::insert(conn, &dispute).map_err(|e| match e {
            diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _) => {
                conflict("already_disputed", "This is already under dispute.")
            }
            other => other.into(),
        })?;
        let contract = hiring_store::find_contract(conn, contract_id)?.ok_or_else(not_found)?;
        conversation_of(conn, &dispute, &contract)?;
        let other = if role == "client" { contract.freelancer_id } else { contract.client_id };
        notify(
            conn,
            ctx,
            other,
            Kind::DisputeOpened,
            format!("A dispute was opened on “{}”", contract.title),
            format!(
                "{} is disputed: {} in escrow is frozen. Respond by {} or the request is granted.",
                if milestone_id.is_some() { "A milestone" } else { "An invoice" },
                usd(amount).to_wire(),
                respond_by.format("%Y-%m-%d %H:%M UTC")
            ),
            format!("/disputes/{}", dispute.id),
        )?;
        Ok(dispute)
    })?;
    tracing::info!(dispute_id = %dispute.id, opened_by = %user.id, amount = %dispute.amount, "dispute opened");
    view(conn, dispute)
}

/// How a dispute ends: the split, why, and who decided (an admin, or nobody).
struct Decision<'a> {
    release: Decimal,
    refund: Decimal,
    outcome: &'a str,
    note: Option<&'a str>,
    by: Option<Uuid>,
}

/// Moves the disputed money as decided and closes the dispute. Call inside a
/// transaction holding the dispute's lock.
fn settle(
    conn: &mut PgConnection,
    ctx: &AppContext,
    dispute: &Dispute,
    decision: Decision<'_>,
) -> AppResult<Dispute> {
    let Decision {
        release,
        refund,
        outcome,
        note,
        by,
    } = decision;
    if release < Decimal::ZERO || refund < Decimal::ZERO || release + refund != dispute.amount {
        return Err(AppError::Validation(vec![
            FieldError::new(
                "release_amount",
                "split_mismatch",
                format!(
                    "release and refund must add up to {}",
                    usd(dispute.amount).to_wire()
                ),
            ),
            FieldError::new(
                "refund_amount",
                "split_mismatch",
                format!(
                    "release and refund must add up to {}",
                    usd(dispute.amount).to_wire()
                ),
            ),
        ]));
    }
    let now = ctx.clock.now();
    let contract = hiring_store::find_contract(conn, dispute.contract_id)?.ok_or_else(not_found)?;
    let subject = dispute
        .milestone_id
        .or(dispute.invoice_id)
        .ok_or_else(not_found)?;
    if release > Decimal::ZERO {
        match dispute
            .invoice_id
            .map(|id| invoices::find_invoice(conn, id))
            .transpose()?
            .flatten()
        {
            Some(invoice) => escrow::release_until(
                conn,
                ctx,
                subject,
                contract.client_id,
                contract.freelancer_id,
                usd(release),
                invoice.available_at,
            )?,
            None => escrow::release_in(
                conn,
                ctx,
                subject,
                contract.client_id,
                contract.freelancer_id,
                usd(release),
            )?,
        }
    }
    if refund > Decimal::ZERO {
        escrow::refund_in(conn, ctx, subject, contract.client_id, usd(refund))?;
        escrow::refund_marketplace_fee(conn, ctx, subject, contract.client_id, usd(refund))?;
    }
    if let Some(milestone) = dispute.milestone_id {
        milestones::set_status(
            conn,
            milestone,
            if release > Decimal::ZERO {
                "approved"
            } else {
                "refunded"
            },
            now,
        )?;
    }
    if let Some(invoice) = dispute.invoice_id {
        invoices::set_invoice_status(
            conn,
            invoice,
            if release > Decimal::ZERO {
                "released"
            } else {
                "refunded"
            },
            now,
        )?;
    }
    let resolved = store::resolve(conn, dispute.id, outcome, release, refund, note, by, now)?;
    tracing::info!(dispute_id = %dispute.id, outcome, %release, %refund, "dispute resolved");
    let how = match outcome {
        "accepted" => "The request was accepted",
        "lapsed" => "Nobody answered in time, so the request was granted",
        _ => "An admin decided",
    };
    for party in [contract.client_id, contract.freelancer_id] {
        notify(
            conn,
            ctx,
            party,
            Kind::DisputeResolved,
            format!("The dispute on “{}” is resolved", contract.title),
            format!(
                "{how}: {} released to the freelancer, {} refunded to the client.",
                usd(release).to_wire(),
                usd(refund).to_wire()
            ),
            format!("/disputes/{}", dispute.id),
        )?;
    }
    Ok(resolved)
}

/// The opener's request: refund what they asked, release the rest.
fn granted(dispute: &Dispute) -> (Decimal, Decimal) {
    (
        dispute.amount - dispute.requested_refund,
        dispute.requested_refund,
    )
}

fn lock_visible(conn: &mut PgConnection, user: &User, id: Uuid) -> AppResult<(Dispute, Contract)> {
    let dispute = store::lock(conn, id)?.ok_or_else(not_found)?;
    let contract = hiring_store::find_contract(conn, dispute.contract_id)?.ok_or_else(not_found)?;
    if party_role(&contract, user).is_none() && !user.is_admin {
        return Err(not_found());
    }
    Ok((dispute, contract))
}

/// The other party answers: accept grants the opener's request; decline sends it to
/// an admin.
pub fn respond(
    conn: &mut PgConnection,
    ctx: &AppContext,
    user: &User,
    id: Uuid,
    accept: bool,
    message: &str,
) -> AppResult<DisputeView> {
    let message = text("message", message)?;
    let now = ctx.clock.now();
    let dispute = conn.transaction(|conn| {
        let (dispute, contract) = lock_visible(conn, user, id)?;
        if party_role(&contract, user).is_none() {
            return Err(not_found());
        }
        if dispute.opened_by == user.id {
            return Err(AppError::forbidden(
                "not_your_action",
                "The other party responds to your dispute.",
            ));
        }
        if dispute.status != "awaiting_response" {
            return Err(conflict(
                "dispute_not_awaiting_response",
                format!(
                    "This dispute is {} already.",
                    dispute.status.replace('_', " ")
                ),
            ));
        }
        if now >= dispute.respond_by {
            return Err(conflict(
                "response_window_closed",
                "The response window has closed; the opener's request stands.",
            ));
        }
        store::record_response(
            conn,
            dispute.id,
            if accept {
                "awaiting_response"
            } else {
                "in_mediation"
            },
            &message,
            now,
        )?;
        if accept {
            let (release, refund) = granted(&dispute);
            settle(
                conn,
                ctx,
                &dispute,
                Decision {
                    release,
                    refund,
                    outcome: "accepted",
                    note: None,
                    by: None,
                },
            )
        } else {
            notify(
                conn,
                ctx,
                dispute.opened_by,
                Kind::DisputeUpdated,
                format!("Your dispute on “{}” goes to mediation", contract.title),
                "The other party declined your request; an admin will mediate and decide the split.",
                format!("/disputes/{}", dispute.id),
            )?;
            Ok(store::find(conn, dispute.id)?.ok_or_else(not_found)?)
        }
    })?;
    view(conn, dispute)
}

/// An admin decides a dispute with a split that adds up to the disputed amount.
pub fn resolve(
    conn: &mut PgConnection,
    ctx: &AppContext,
    admin: &User,
    id: Uuid,
    release: &str,
    refund: &str,
    note: &str,
) -> AppResult<DisputeView> {
    crate::identity::require_admin(admin)?;
    let release = amount_of("release_amount", release)?;
    let refund = amount_of("refund_amount", refund)?;
    let note = text("note", note)?;
    let dispute = conn.transaction(|conn| {
        let dispute = store::lock(conn, id)?.ok_or_else(not_found)?;
        if dispute.status == "resolved" {
            return Err(conflict(
                "dispute_resolved",
                "This dispute is resolved already.",
            ));
        }
        let settled = settle(
            conn,
            ctx,
            &dispute,
            Decision {
                release,
                refund,
                outcome: "decided",
                note: Some(&note),
                by: Some(admin.id),
            },
        )?;
        crate::audit::record(
            conn,
            ctx.clock.now(),
            crate::audit::Event::new("admin.dispute_resolved")
                .target("dispute", id)
                .details(serde_json::json!({
                    "release_amount": release.to_string(),
                    "refund_amount": refund.to_string(),
                    "note": note,
                })),
        )?;
        Ok(settled)
    })?;
    view(conn, dispute)
}

/// A message in the dispute's thread, from a party or an admin.
pub fn post_message(
    conn: &mut PgConnection,
    ctx: &AppContext,
    user: &User,
    id: Uuid,
    body: &str,
) -> AppResult<DisputeView> {
    let body = text("body", body)?;
    let dispute = conn.transaction(|conn| {
        let (dispute, contract) = lock_visible(conn, user, id)?;
        let conversation = conversation_of(conn, &dispute, &contract)?;
        crate::messaging::deliver(
            conn,
            &conversation,
            user.id,
            body,
            Vec::new(),
            Vec::new(),
            ctx.clock.now(),
        )?;
        Ok::<_, AppError>(dispute)
    })?;
    view(conn, dispute)
}

/// A dispute for its parties and admins; 404 for anyone else.
pub fn get(conn: &mut PgConnection, user: &User, id: Uuid) -> AppResult<DisputeView> {
    let dispute = store::find(conn, id)?.ok_or_else(not_found)?;
    let view = view(conn, dispute)?;
    if party_role(&view.contract, user).is_none() && !user.is_admin {
        return Err(not_found());
    }
    Ok(view)
}

fn statuses(raw: Option<&str>) -> AppResult<Vec<&'static str>> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(Vec::new()),
        Some("unresolved") => Ok(vec!["open", "awaiting_response", "in_mediation"]),
        Some(s) => ["open", "awaiting_response", "in_mediation", "resolved"]
            .into_iter()
            .find(|v| *v == s)
            .map(|v| vec![v])
            .ok_or_else(|| {
                AppError::invalid_parameter("status", "must be a dispute status or `unresolved`")
            }),
    }
}

/// My disputes (as a party), or — for the admin queue — everyone's.
pub fn list(
    conn: &mut PgConnection,
    user: &User,
    admin_queue: bool,
    status: Option<&str>,
    cursor: Option<&str>,
    limit: Option<i64>,
) -> AppResult<(Vec<DisputeView>, Option<String>)> {
    if admin_queue {
        crate::identity::require_admin(user)?;
    }
    let statuses = statuses(status)?;
    let contracts = if admin_queue {
        None
    } else {
        Some(store::contracts_of_user(conn, user.id)?)
    };
    let (rows, next) = crate::pagination::newest_first(
        cursor,
        limit,
        |after, n| store::list(conn, contracts.as_deref(), &statuses, after, n),
        |d| (d.created_at, d.id),
    )?;
    // One query for the contracts of the whole page and one for their people;
    // lists carry no threads.
    let ids: Vec<Uuid> = rows.iter().map(|d| d.contract_id).collect();
    let contracts: HashMap<Uuid, Contract> = hiring_store::contracts_by_ids(conn, &ids)?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let parties = parties_of(conn, &contracts.values().collect::<Vec<_>>())?;
    let views = rows
        .into_iter()
        .map(|dispute| {
            let contract = contracts
                .get(&dispute.contract_id)
                .cloned()
                .ok_or_else(not_found)?;
            assemble(dispute, contract, &parties, Vec::new())
        })
        .collect::<AppResult<Vec<_>>>()?;
    Ok((views, next))
}

/// The worker's pass: disputes nobody answered in time grant the opener's request.
pub fn lapse_due(conn: &mut PgConnection, ctx: &AppContext) -> AppResult<usize> {
    let now = ctx.clock.now();
    conn.transaction(|conn| {
        let due = store::lapsed(conn, now, 100)?;
        for dispute in &due {
            let (release, refund) = granted(dispute);
            settle(
                conn,
                ctx,
                dispute,
                Decision {
                    release,
                    refund,
                    outcome: "lapsed",
                    note: None,
                    by: None,
                },
            )?;
        }
        Ok(due.len())
    })
}
