//! Fixed-price delivery: milestone changes, submissions and their answers, bonuses,
//! and the worker's due lists.

use crate::hiring::Milestone;
use crate::schema::{contract_bonuses, contracts, milestone_submissions, milestones};
use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use rust_decimal::Decimal;
use uuid::Uuid;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = milestone_submissions, check_for_backend(diesel::pg::Pg))]
pub struct Submission {
    pub id: Uuid,
    pub milestone_id: Uuid,
    pub message: String,
    pub attachment_ids: Vec<Uuid>,
    pub created_at: DateTime<Utc>,
    pub outcome: Option<String>,
    pub outcome_message: Option<String>,
    pub answered_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = contract_bonuses, check_for_backend(diesel::pg::Pg))]
pub struct Bonus {
    pub id: Uuid,
    pub contract_id: Uuid,
    pub milestone_id: Option<Uuid>,
    pub amount: Decimal,
    pub message: String,
    pub created_at: DateTime<Utc>,
}

pub fn lock_milestone(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<Milestone>> {
    milestones::table
        .find(id)
        .select(Milestone::as_select())
        .for_update()
        .first(conn)
        .optional()
}

pub fn find_milestone(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<Milestone>> {
    milestones::table
        .find(id)
        .select(Milestone::as_select())
        .first(conn)
        .optional()
}

/// The contract's milestones in order, locked (for reordering and adding).
pub fn lock_contract_milestones(
    conn: &mut PgConnection,
    contract_id: Uuid,
) -> QueryResult<Vec<Milestone>> {
    milestones::table
        .filter(milestones::contract_id.eq(contract_id))
        .order((milestones::position, milestones::created_at))
        .select(Milestone::as_select())
        .for_update()
        .load(conn)
}

pub fn insert_milestone(conn: &mut PgConnection, milestone: &Milestone) -> QueryResult<()> {
    diesel::insert_into(milestones::table)
        .values(milestone)
        .execute(conn)
        .map(drop)
}

pub fn set_terms(
    conn: &mut PgConnection,
    id: Uuid,
    title: &str,
    amount: Decimal,
    due_date: Option<NaiveDate>,
    now: DateTime<Utc>,
) -> QueryResult<()> {
    diesel::update(milestones::table.find(id))
        .set((
            milestones::title.eq(title),
            milestones::amount.eq(amount),
            milestones::due_date.eq(due_date),
            milestones::updated_at.eq(now),
        ))
        .execute(conn)
        .map(drop)
}

pub fn set_position(conn: &mut PgConnection, id: Uuid, position: i32) -> QueryResult<()> {
    diesel::update(milestones::table.find(id))
        .set(milestones::position.eq(position))
        .execute(conn)
        .map(drop)
}

pub fn delete_milestone(conn: &mut PgConnection, id: Uuid) -> QueryResult<()> {
    diesel::delete(
        milestones::table
            .find(id)
            .filter(milestones::status.eq("pending")),
    )
    .execute(conn)
    .map(drop)
}

/// Moves a milestone to `status`, stamping the time that status is known by.
pub fn set_status(
    conn: &mut PgConnection,
    id: Uuid,
    status: &str,
    now: DateTime<Utc>,
) -> QueryResult<Milestone> {
    let target = milestones::table.find(id);
    let query = diesel::update(target);
    match status {
        "funded" => query
            .set((
                milestones::status.eq(status),
                milestones::funded_at.eq(now),
                milestones::updated_at.eq(now),
            ))
            .returning(Milestone::as_returning())
            .get_result(conn),
        "submitted" => query
            .set((
                milestones::status.eq(status),
                milestones::submitted_at.eq(now),
                milestones::updated_at.eq(now),
            ))
            .returning(Milestone::as_returning())
            .get_result(conn),
        "approved" => query
            .set((
                milestones::status.eq(status),
                milestones::released_at.eq(now),
                milestones::updated_at.eq(now),
            ))
            .returning(Milestone::as_returning())
            .get_result(conn),
        "refund_requested" => query
            .set((
                milestones::status.eq(status),
                milestones::refund_requested_at.eq(now),
                milestones::updated_at.eq(now),
            ))
            .returning(Milestone::as_returning())
            .get_result(conn),
        _ => query
            .set((
                milestones::status.eq(status),
                milestones::updated_at.eq(now),
            ))
            .returning(Milestone::as_returning())
            .get_result(conn),
    }
}

pub fn insert_submission(conn: &mut PgConnection, submission: &Submission) -> QueryResult<()> {
    diesel::insert_into(milestone_submissions::table)
        .values(submission)
        .execute(conn)
        .map(drop)
}

/// Answers the milestone's unanswered submission.
pub fn answer_submission(
    conn: &mut PgConnection,
    milestone_id: Uuid,
    outcome: &str,
    message: Option<&str>,
    now: DateTime<Utc>,
) -> QueryResult<()> {
    diesel::update(
        milestone_submissions::table
            .filter(milestone_submissions::milestone_id.eq(milestone_id))
            .filter(milestone_submissions::outcome.is_null()),
    )
    .set((
        milestone_submissions::outcome.eq(outcome),
        milestone_submissions::outcome_message.eq(message),
        milestone_submissions::answered_at.eq(now),
    ))
    .execute(conn)
    .map(drop)
}

pub fn submissions_of(
    conn: &mut PgConnection,
    milestone_ids: &[Uuid],
) -> QueryResult<Vec<Submission>> {
    milestone_submissions::table
        .filter(milestone_submissions::milestone_id.eq_any(milestone_ids))
        .order((
            milestone_submissions::milestone_id,
            milestone_submissions::created_at,
        ))
        .select(Submission::as_select())
        .load(conn)
}

pub fn insert_bonus(conn: &mut PgConnection, bonus: &Bonus) -> QueryResult<()> {
    diesel::insert_into(contract_bonuses::table)
        .values(bonus)
        .execute(conn)
        .map(drop)
}

pub fn bonuses_of(conn: &mut PgConnection, contract_ids: &[Uuid]) -> QueryResult<Vec<Bonus>> {
    contract_bonuses::table
        .filter(contract_bonuses::contract_id.eq_any(contract_ids))
        .order(contract_bonuses::created_at)
        .select(Bonus::as_select())
        .load(conn)
}

/// Submitted milestones unanswered since before `cutoff` (skipping locked ones).
pub fn due_for_release(
    conn: &mut PgConnection,
    cutoff: DateTime<Utc>,
    limit: i64,
) -> QueryResult<Vec<Milestone>> {
    milestones::table
        .filter(milestones::status.eq("submitted"))
        .filter(milestones::submitted_at.le(cutoff))
        .order(milestones::submitted_at)
        .limit(limit)
        .select(Milestone::as_select())
        .for_update()
        .skip_locked()
        .load(conn)
}

/// Refund requests unanswered since before `cutoff` (skipping locked ones).
pub fn due_for_refund(
    conn: &mut PgConnection,
    cutoff: DateTime<Utc>,
    limit: i64,
) -> QueryResult<Vec<Milestone>> {
    milestones::table
        .filter(milestones::status.eq("refund_requested"))
        .filter(milestones::refund_requested_at.le(cutoff))
        .order(milestones::refund_requested_at)
        .limit(limit)
        .select(Milestone::as_select())
        .for_update()
        .skip_locked()
        .load(conn)
}

/// The (freelancer, client) pairs of contracts whose submissions list the file.
pub fn submission_parties(
    conn: &mut PgConnection,
    attachment_id: Uuid,
) -> QueryResult<Vec<(Uuid, Uuid)>> {
    milestone_submissions::table
        .inner_join(
            milestones::table.inner_join(
                contracts::table.on(milestones::contract_id.eq(contracts::id.nullable())),
            ),
        )
        .filter(milestone_submissions::attachment_ids.contains(vec![attachment_id]))
        .select((contracts::freelancer_id, contracts::client_id))
        .load(conn)
}
