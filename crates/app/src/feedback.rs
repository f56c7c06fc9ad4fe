//! Feedback on ended contracts (SPEC §10): each party has 14 days to leave a public
//! rating with a comment and a private score; nothing is shown until both have written
//! or the window closes; public feedback shows on profiles only for contracts that
//! paid at least 1.00.

use crate::context::AppContext;
use crate::error::{AppError, AppResult, FieldError};
use crate::notifications::{Kind, notify};
use chrono::{DateTime, Utc};
use diesel::result::{DatabaseErrorKind, Error as DieselError};
use diesel::{Connection, PgConnection};
use uuid::Uuid;
use worklane_db::feedback::{self as store, Feedback, Review};
use worklane_db::hiring::{self as hiring_store, Contract};
use worklane_db::users::User;

fn not_found() -> AppError {
    AppError::NotFound { what: "Contract" }
}

fn conflict(code: &'static str, message: impl Into<String>) -> AppError {
    AppError::Conflict {
        code,
        message: message.into(),
        field: None,
    }
}

/// A contract's feedback as one party sees it.
#[derive(Debug, Clone)]
pub struct FeedbackState {
    pub contract: Contract,
    /// Until when feedback is taken (once the contract ended).
    pub closes_at: Option<DateTime<Utc>>,
    pub can_leave: bool,
    pub revealed_at: Option<DateTime<Utc>>,
    pub mine: Option<Feedback>,
    /// The other party's feedback, once revealed.
    pub theirs: Option<Feedback>,
    /// Whether the other party has written (shown before the reveal, without content).
    pub theirs_written: bool,
}

fn party_contract(conn: &mut PgConnection, user: &User, id: Uuid) -> AppResult<Contract> {
    hiring_store::find_contract(conn, id)?
        .filter(|c| c.client_id == user.id || c.freelancer_id == user.id)
        .ok_or_else(not_found)
}

fn state_of(
    conn: &mut PgConnection,
    ctx: &AppContext,
    user: &User,
    contract: Contract,
) -> AppResult<FeedbackState> {
    let written = store::of_contract(conn, contract.id)?;
    let revealed_at = store::revealed_at(conn, contract.id)?;
    let closes_at = contract
        .ended_at
        .map(|at| ctx.policy.feedback.closes_at(at));
    let (mine, theirs): (Vec<Feedback>, Vec<Feedback>) =
        written.into_iter().partition(|f| f.author_id == user.id);
    let mine = mine.into_iter().next();
    let theirs_written = !theirs.is_empty();
    let now = ctx.clock.now();
    Ok(FeedbackState {
        can_leave: mine.is_none() && closes_at.is_some_and(|c| now <= c) && revealed_at.is_none(),
        theirs: revealed_at.and(theirs.into_iter().next()),
        theirs_written,
        mine,
        revealed_at,
        closes_at,
        contract,
    })
}

pub fn get(
    conn: &mut PgConnection,
    ctx: &AppContext,
    user: &User,
    contract_id: Uuid,
) -> AppResult<FeedbackState> {
    let contract = party_contract(conn, user, contract_id)?;
    state_of(conn, ctx, user, contract)
}

pub struct FeedbackInput {
    pub rating: i64,
    pub comment: String,
    pub private_score: i64,
}

fn check(input: &FeedbackInput) -> AppResult<(i16, String, i16)> {
    let mut errors = Vec::new();
    if !(1..=5).contains(&input.rating) {
        errors.push(FieldError::new(
            "rating",
            "out_of_range",
            "must be a whole number from 1 to 5",
        ));
    }
    if !(0..=10).contains(&input.private_score) {
        errors.push(FieldError::new(
            "private_score",
            "out_of_range",
            "must be a whole number from 0 to 10",
        ));
    }
    let comment = input.comment.trim();
    if comment.is_empty() || comment.chars().count() > 5000 {
        errors.push(FieldError::new(
            "comment",
            "length",
            "must be between 1 and 5000 characters",
        ));
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    Ok((
        input.rating as i16,
        comment.to_owned(),
        input.private_score as i16,
    ))
}

/// Reveals a contract's feedback (both wrote, or the window closed): records what it
/// paid, recomputes the freelancer's reputation and tells whoever received feedback.
fn reveal(
    conn: &mut PgConnection,
    ctx: &AppContext,
    contract_id: Uuid,
    freelancer_id: Uuid,
    title: &str,
) -> AppResult<()> {
    let paid = store::paid_to_freelancer(conn, contract_id)?;
    store::reveal(conn, contract_id, paid, ctx.clock.now())?;
    for feedback in store::of_contract(conn, contract_id)? {
        notify(
            conn,
            ctx,
            feedback.subject_id,
            Kind::FeedbackReceived,
            format!("Feedback on “{title}”"),
            format!(
                "You were rated {} out of 5: “{}”",
                feedback.rating,
                feedback.comment.chars().take(200).collect::<String>()
            ),
            format!("/contracts/{contract_id}"),
        )?;
    }
    crate::reputation::recompute(conn, ctx, freelancer_id)?;
    Ok(())
}

/// A party leaves feedback once, within 14 days of the end.
pub fn leave(
    conn: &mut PgConnection,
    ctx: &AppContext,
    user: &User,
    contract_id: Uuid,
    input: FeedbackInput,
) -> AppResult<FeedbackState> {
    let (rating, comment, private_score) = check(&input)?;
    let now = ctx.clock.now();
    let contract = conn.transaction(|conn| {
        let contract = worklane_db::hourly::lock_contract(conn, contract_id)?
            .filter(|c| c.client_id == user.id || c.freelancer_id == user.id)
            .ok_or_else(not_found)?;
        let Some(ended_at) = contract.ended_at else {
            return Err(conflict(
                "contract_not_ended",
                "Feedback opens when the contract ends.",
            ));
        };
        if now > ctx.policy.feedback.closes_at(ended_at)
            || store::revealed_at(conn, contract.id)?.is_some()
        {
            return Err(conflict(
                "feedback_window_closed",
                format!(
                    "Feedback is taken for {} days after a contract ends.",
                    ctx.policy.feedback.window_days
                ),
            ));
        }
        let (role, subject) = if contract.client_id == user.id {
            ("client", contract.freelancer_id)
        } else {
            ("freelancer", contract.client_id)
        };
        store::insert(
            conn,
            &Feedback {
                contract_id: contract.id,
                author_id: user.id,
                subject_id: subject,
                author_role: role.to_owned(),
                rating,
                comment,
                private_score,
                created_at: now,
            },
        )
        .map_err(|e| match e {
            DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _) => conflict(
                "feedback_already_given",
                "You have already left feedback on this contract.",
            ),
            other => other.into(),
        })?;
        if store::of_contract(conn, contract.id)?.len() == 2 {
            reveal(
                conn,
                ctx,
                contract.id,
                contract.freelancer_id,
                &contract.title,
            )?;
        }
        Ok(contract)
    })?;
    tracing::info!(%contract_id, author = %user.id, "feedback left");
    state_of(conn, ctx, user, contract)
}

/// The worker's pass: contracts whose window closed are revealed with what they have.
pub fn reveal_due(conn: &mut PgConnection, ctx: &AppContext) -> AppResult<usize> {
    let before = ctx.clock.now() - chrono::Duration::days(ctx.policy.feedback.window_days);
    conn.transaction(|conn| {
        let due = store::due_reveals(conn, before, 100)?;
        for (id, _client_id, freelancer_id, title) in &due {
            reveal(conn, ctx, *id, *freelancer_id, title)?;
        }
        Ok(due.len())
    })
}

/// Public reviews about a user, newest first.
pub fn reviews(
    conn: &mut PgConnection,
    ctx: &AppContext,
    subject_id: Uuid,
    cursor: Option<&str>,
    limit: Option<i64>,
) -> AppResult<(Vec<Review>, Option<String>)> {
    let min_paid = ctx.policy.feedback.min_paid_for_public;
    crate::pagination::newest_first(
        cursor,
        limit,
        |after, n| store::reviews_of(conn, subject_id, min_paid, after, n),
        |r| (r.created_at, r.contract_id),
    )
}
