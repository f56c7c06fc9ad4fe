//! Proposals, invitations, offers, contracts and their milestones.

use crate::schema::{
    contracts, freelancer_profiles, invitations, jobs, ledger_accounts, ledger_balances,
    milestones, offers, proposals, users,
};
use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use rust_decimal::Decimal;
use uuid::Uuid;
use worklane_domain::ledger::AccountKind;

/// Newest first after a (time, id) cursor, on a boxed query.
macro_rules! newest_after {
    ($query:expr, $at:expr, $id:expr, $after:expr) => {{
        let mut query = $query.order(($at.desc(), $id.desc()));
        if let Some((at, id)) = $after {
            query = query.filter($at.lt(at).or($at.eq(at).and($id.lt(id))));
        }
        query
    }};
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = proposals, check_for_backend(diesel::pg::Pg))]
pub struct Proposal {
    pub id: Uuid,
    pub job_id: Uuid,
    pub freelancer_id: Uuid,
    pub status: String,
    pub cover_letter: String,
    pub bid_type: String,
    pub bid_amount: Option<Decimal>,
    pub hourly_rate: Option<Decimal>,
    pub milestones: serde_json::Value,
    pub estimated_duration: String,
    pub answers: Vec<String>,
    pub attachment_ids: Vec<Uuid>,
    pub connects_spent: i32,
    pub connects_refunded: bool,
    pub invitation_id: Option<Uuid>,
    pub decline_reason: Option<String>,
    pub match_score: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = invitations, check_for_backend(diesel::pg::Pg))]
pub struct Invitation {
    pub id: Uuid,
    pub job_id: Uuid,
    pub client_id: Uuid,
    pub freelancer_id: Uuid,
    pub message: String,
    pub status: String,
    pub decline_reason: Option<String>,
    pub proposal_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub answered_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = offers, check_for_backend(diesel::pg::Pg))]
pub struct Offer {
    pub id: Uuid,
    pub proposal_id: Uuid,
    pub job_id: Uuid,
    pub client_id: Uuid,
    pub freelancer_id: Uuid,
    pub contract_type: String,
    pub status: String,
    pub title: String,
    pub message: String,
    pub hourly_rate: Option<Decimal>,
    pub weekly_limit_hours: Option<i32>,
    pub manual_time_allowed: bool,
    pub expires_at: DateTime<Utc>,
    pub decline_reason: Option<String>,
    pub contract_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub answered_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = contracts, check_for_backend(diesel::pg::Pg))]
pub struct Contract {
    pub id: Uuid,
    pub offer_id: Uuid,
    pub proposal_id: Uuid,
    pub job_id: Uuid,
    pub client_id: Uuid,
    pub freelancer_id: Uuid,
    pub contract_type: String,
    pub title: String,
    pub status: String,
    pub hourly_rate: Option<Decimal>,
    pub weekly_limit_hours: Option<i32>,
    pub manual_time_allowed: bool,
    pub started_at: DateTime<Utc>,
    pub ended_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub paused_at: Option<DateTime<Utc>>,
    pub ended_by: Option<Uuid>,
    pub end_reason: Option<String>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = milestones, check_for_backend(diesel::pg::Pg))]
pub struct Milestone {
    pub id: Uuid,
    pub offer_id: Uuid,
    pub contract_id: Option<Uuid>,
    pub position: i32,
    pub title: String,
    pub amount: Decimal,
    pub due_date: Option<NaiveDate>,
    pub status: String,
    pub funded_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub released_at: Option<DateTime<Utc>>,
    pub refund_requested_at: Option<DateTime<Utc>>,
}

/// A user as the other side sees them.
#[derive(Debug, Clone, Queryable)]
pub struct Party {
    pub id: Uuid,
    pub full_name: String,
    pub country: String,
    pub photo_id: Option<Uuid>,
    pub title: Option<String>,
    pub hourly_rate: Option<Decimal>,
    /// An admin suspended the account: the other party is told.
    pub suspended: bool,
}

/// The job fields hiring screens show.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = jobs, check_for_backend(diesel::pg::Pg))]
pub struct JobBrief {
    pub id: Uuid,
    pub client_id: Uuid,
    pub title: String,
    pub job_type: String,
    pub status: String,
    pub visibility: String,
    pub connects_cost: i32,
    pub screening_questions: Vec<String>,
    pub hourly_min: Option<Decimal>,
    pub hourly_max: Option<Decimal>,
}

pub fn parties(conn: &mut PgConnection, ids: &[Uuid]) -> QueryResult<Vec<Party>> {
    users::table
        .left_join(freelancer_profiles::table)
        .filter(users::id.eq_any(ids))
        .select((
            users::id,
            users::full_name,
            users::country,
            freelancer_profiles::photo_id.nullable(),
            freelancer_profiles::title.nullable(),
            freelancer_profiles::hourly_rate.nullable(),
            users::suspended_at.is_not_null(),
        ))
        .load::<Party>(conn)
}

pub fn job_briefs(conn: &mut PgConnection, ids: &[Uuid]) -> QueryResult<Vec<JobBrief>> {
    jobs::table
        .filter(jobs::id.eq_any(ids))
        .select(JobBrief::as_select())
        .load(conn)
}

/// The job under a share lock: its state can't change while proposals to it are
/// written, yet proposals from many freelancers don't wait for each other.
pub fn share_lock_job(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<JobBrief>> {
    jobs::table
        .find(id)
        .select(JobBrief::as_select())
        .for_share()
        .first(conn)
        .optional()
}

/// A proposal counts as activity on its job (written at most hourly, so proposals
/// to a popular job don't queue on its row).
pub fn touch_job(conn: &mut PgConnection, job_id: Uuid, now: DateTime<Utc>) -> QueryResult<()> {
    diesel::update(
        jobs::table
            .find(job_id)
            .filter(jobs::last_activity_at.lt(now - chrono::Duration::hours(1))),
    )
    .set(jobs::last_activity_at.eq(now))
    .execute(conn)
    .map(drop)
}

/// How many proposals the job has, counting no further than `cap`.
pub fn proposals_up_to(conn: &mut PgConnection, job_id: Uuid, cap: i64) -> QueryResult<i64> {
    diesel::dsl::select(diesel::dsl::sql::<diesel::sql_types::BigInt>(&format!(
        "(SELECT count(*) FROM (SELECT 1 FROM proposals WHERE job_id = '{job_id}' LIMIT {cap}) p)"
    )))
    .get_result(conn)
}

/// How many proposals each job has received.
pub fn proposal_totals(conn: &mut PgConnection, job_ids: &[Uuid]) -> QueryResult<Vec<(Uuid, i64)>> {
    proposals::table
        .filter(proposals::job_id.eq_any(job_ids))
        .group_by(proposals::job_id)
        .select((proposals::job_id, diesel::dsl::count_star()))
        .load(conn)
}

/// Marks an open job filled (its single hire happened); other states stay.
pub fn fill_job(conn: &mut PgConnection, job_id: Uuid, now: DateTime<Utc>) -> QueryResult<bool> {
    diesel::update(jobs::table.find(job_id).filter(jobs::status.eq("open")))
        .set((
            jobs::status.eq("filled"),
            jobs::ended_at.eq(now),
            jobs::updated_at.eq(now),
            jobs::last_activity_at.eq(now),
        ))
        .execute(conn)
        .map(|n| n == 1)
}

/// How many of the job's skills the freelancer has.
pub fn skill_overlap(
    conn: &mut PgConnection,
    job_id: Uuid,
    freelancer_id: Uuid,
) -> QueryResult<(i64, i64)> {
    use crate::schema::{freelancer_skills, job_skills};
    let job_total: i64 = job_skills::table
        .filter(job_skills::job_id.eq(job_id))
        .count()
        .get_result(conn)?;
    let shared: i64 = job_skills::table
        .inner_join(
            freelancer_skills::table.on(freelancer_skills::skill_id
                .eq(job_skills::skill_id)
                .and(freelancer_skills::user_id.eq(freelancer_id))),
        )
        .filter(job_skills::job_id.eq(job_id))
        .count()
        .get_result(conn)?;
    Ok((job_total, shared))
}

// ---------- proposals ----------

pub fn insert_proposal(conn: &mut PgConnection, proposal: &Proposal) -> QueryResult<()> {
    diesel::insert_into(proposals::table)
        .values(proposal)
        .execute(conn)
        .map(drop)
}

pub fn find_proposal(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<Proposal>> {
    proposals::table
        .find(id)
        .select(Proposal::as_select())
        .first(conn)
        .optional()
}

pub fn lock_proposal(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<Proposal>> {
    proposals::table
        .find(id)
        .select(Proposal::as_select())
        .for_update()
        .first(conn)
        .optional()
}

/// The freelancer's active proposal to the job, if any.
pub fn active_proposal(
    conn: &mut PgConnection,
    job_id: Uuid,
    freelancer_id: Uuid,
) -> QueryResult<Option<Proposal>> {
    proposals::table
        .filter(proposals::job_id.eq(job_id))
        .filter(proposals::freelancer_id.eq(freelancer_id))
        .filter(proposals::status.eq_any(["submitted", "shortlisted", "archived", "hired"]))
        .select(Proposal::as_select())
        .first(conn)
        .optional()
}

pub fn set_proposal_status(
    conn: &mut PgConnection,
    id: Uuid,
    status: &str,
    reason: Option<&str>,
    now: DateTime<Utc>,
) -> QueryResult<Proposal> {
    diesel::update(proposals::table.find(id))
        .set((
            proposals::status.eq(status),
            proposals::decline_reason.eq(reason),
            proposals::updated_at.eq(now),
        ))
        .returning(Proposal::as_returning())
        .get_result(conn)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProposalSort {
    Newest,
    Bid,
    BestMatch,
}

/// One page of a job's proposals, by `sort`, from `offset`.
pub fn proposals_for_job(
    conn: &mut PgConnection,
    job_id: Uuid,
    statuses: &[&str],
    sort: ProposalSort,
    offset: i64,
    limit: i64,
) -> QueryResult<Vec<Proposal>> {
    let mut query = proposals::table
        .filter(proposals::job_id.eq(job_id))
        .select(Proposal::as_select())
        .into_boxed();
    if !statuses.is_empty() {
        query = query.filter(proposals::status.eq_any(statuses.to_vec()));
    }
    let query = match sort {
        ProposalSort::Newest => query.order((proposals::created_at.desc(), proposals::id.desc())),
        ProposalSort::Bid => query.order((
            diesel::dsl::sql::<diesel::sql_types::Numeric>(
                "coalesce(proposals.bid_amount, proposals.hourly_rate)",
            )
            .asc(),
            proposals::id.asc(),
        )),
        ProposalSort::BestMatch => query.order((
            proposals::match_score.desc(),
            proposals::created_at.desc(),
            proposals::id.desc(),
        )),
    };
    query.offset(offset).limit(limit).load(conn)
}

pub fn proposal_counts(conn: &mut PgConnection, job_id: Uuid) -> QueryResult<Vec<(String, i64)>> {
    proposals::table
        .filter(proposals::job_id.eq(job_id))
        .group_by(proposals::status)
        .select((proposals::status, diesel::dsl::count_star()))
        .load(conn)
}

pub fn proposals_of_freelancer(
    conn: &mut PgConnection,
    freelancer_id: Uuid,
    statuses: &[&str],
    after: Option<(DateTime<Utc>, Uuid)>,
    limit: i64,
) -> QueryResult<Vec<Proposal>> {
    let mut query = proposals::table
        .filter(proposals::freelancer_id.eq(freelancer_id))
        .select(Proposal::as_select())
        .limit(limit)
        .into_boxed();
    if !statuses.is_empty() {
        query = query.filter(proposals::status.eq_any(statuses.to_vec()));
    }
    newest_after!(query, proposals::created_at, proposals::id, after).load(conn)
}

/// Proposals on the job whose Connects have not been refunded (locked).
pub fn refundable_proposals(conn: &mut PgConnection, job_id: Uuid) -> QueryResult<Vec<Proposal>> {
    proposals::table
        .filter(proposals::job_id.eq(job_id))
        .filter(proposals::connects_spent.gt(0))
        .filter(proposals::connects_refunded.eq(false))
        .select(Proposal::as_select())
        .for_update()
        .load(conn)
}

pub fn mark_connects_refunded(conn: &mut PgConnection, id: Uuid) -> QueryResult<()> {
    diesel::update(proposals::table.find(id))
        .set(proposals::connects_refunded.eq(true))
        .execute(conn)
        .map(drop)
}

pub fn job_has_hire(conn: &mut PgConnection, job_id: Uuid) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        proposals::table
            .filter(proposals::job_id.eq(job_id))
            .filter(proposals::status.eq("hired")),
    ))
    .get_result(conn)
}

/// The latest offer made from each of these proposals.
pub fn latest_offers(
    conn: &mut PgConnection,
    proposal_ids: &[Uuid],
) -> QueryResult<Vec<(Uuid, Uuid)>> {
    offers::table
        .filter(offers::proposal_id.eq_any(proposal_ids))
        .distinct_on(offers::proposal_id)
        .order((offers::proposal_id, offers::created_at.desc()))
        .select((offers::proposal_id, offers::id))
        .load(conn)
}

pub fn pending_offer_for_proposal(conn: &mut PgConnection, proposal_id: Uuid) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        offers::table
            .filter(offers::proposal_id.eq(proposal_id))
            .filter(offers::status.eq("pending")),
    ))
    .get_result(conn)
}

pub fn pending_offer_exists_for_job(conn: &mut PgConnection, job_id: Uuid) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        offers::table
            .filter(offers::job_id.eq(job_id))
            .filter(offers::status.eq("pending")),
    ))
    .get_result(conn)
}

// ---------- invitations ----------

pub fn insert_invitation(conn: &mut PgConnection, invitation: &Invitation) -> QueryResult<()> {
    diesel::insert_into(invitations::table)
        .values(invitation)
        .execute(conn)
        .map(drop)
}

pub fn find_invitation(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<Invitation>> {
    invitations::table
        .find(id)
        .select(Invitation::as_select())
        .first(conn)
        .optional()
}

pub fn lock_invitation(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<Invitation>> {
    invitations::table
        .find(id)
        .select(Invitation::as_select())
        .for_update()
        .first(conn)
        .optional()
}

/// Whether the freelancer was ever invited to the job (an invite-only job admits them).
pub fn was_invited(
    conn: &mut PgConnection,
    job_id: Uuid,
    freelancer_id: Uuid,
) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        invitations::table
            .filter(invitations::job_id.eq(job_id))
            .filter(invitations::freelancer_id.eq(freelancer_id)),
    ))
    .get_result(conn)
}

pub fn answer_invitation(
    conn: &mut PgConnection,
    id: Uuid,
    status: &str,
    reason: Option<&str>,
    proposal_id: Option<Uuid>,
    now: DateTime<Utc>,
) -> QueryResult<Invitation> {
    diesel::update(invitations::table.find(id))
        .set((
            invitations::status.eq(status),
            invitations::decline_reason.eq(reason),
            invitations::proposal_id.eq(proposal_id),
            invitations::answered_at.eq(now),
        ))
        .returning(Invitation::as_returning())
        .get_result(conn)
}

#[derive(Debug, Clone, Copy)]
pub enum InvitationScope {
    Received(Uuid),
    Sent(Uuid),
    Job(Uuid),
}

pub fn invitations_of(
    conn: &mut PgConnection,
    scope: InvitationScope,
    status: Option<&str>,
    after: Option<(DateTime<Utc>, Uuid)>,
    limit: i64,
) -> QueryResult<Vec<Invitation>> {
    let mut query = invitations::table
        .select(Invitation::as_select())
        .limit(limit)
        .into_boxed();
    query = match scope {
        InvitationScope::Received(id) => query.filter(invitations::freelancer_id.eq(id)),
        InvitationScope::Sent(id) => query.filter(invitations::client_id.eq(id)),
        InvitationScope::Job(id) => query.filter(invitations::job_id.eq(id)),
    };
    if let Some(status) = status {
        query = query.filter(invitations::status.eq(status.to_owned()));
    }
    newest_after!(query, invitations::created_at, invitations::id, after).load(conn)
}

// ---------- offers ----------

pub fn insert_offer(conn: &mut PgConnection, offer: &Offer) -> QueryResult<()> {
    diesel::insert_into(offers::table)
        .values(offer)
        .execute(conn)
        .map(drop)
}

pub fn find_offer(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<Offer>> {
    offers::table
        .find(id)
        .select(Offer::as_select())
        .first(conn)
        .optional()
}

pub fn lock_offer(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<Offer>> {
    offers::table
        .find(id)
        .select(Offer::as_select())
        .for_update()
        .first(conn)
        .optional()
}

pub fn finish_offer(
    conn: &mut PgConnection,
    id: Uuid,
    status: &str,
    reason: Option<&str>,
    contract_id: Option<Uuid>,
    now: DateTime<Utc>,
) -> QueryResult<Offer> {
    diesel::update(offers::table.find(id))
        .set((
            offers::status.eq(status),
            offers::decline_reason.eq(reason),
            offers::contract_id.eq(contract_id),
            offers::answered_at.eq(now),
        ))
        .returning(Offer::as_returning())
        .get_result(conn)
}

#[derive(Debug, Clone, Copy)]
pub enum Side {
    Client(Uuid),
    Freelancer(Uuid),
}

pub fn offers_of(
    conn: &mut PgConnection,
    side: Side,
    status: Option<&str>,
    after: Option<(DateTime<Utc>, Uuid)>,
    limit: i64,
) -> QueryResult<Vec<Offer>> {
    let mut query = offers::table
        .select(Offer::as_select())
        .limit(limit)
        .into_boxed();
    query = match side {
        Side::Client(id) => query.filter(offers::client_id.eq(id)),
        Side::Freelancer(id) => query.filter(offers::freelancer_id.eq(id)),
    };
    if let Some(status) = status {
        query = query.filter(offers::status.eq(status.to_owned()));
    }
    newest_after!(query, offers::created_at, offers::id, after).load(conn)
}

/// Pending offers past their expiry, for the worker (skipping locked ones).
pub fn expired_offers(
    conn: &mut PgConnection,
    now: DateTime<Utc>,
    limit: i64,
) -> QueryResult<Vec<Offer>> {
    offers::table
        .filter(offers::status.eq("pending"))
        .filter(offers::expires_at.le(now))
        .order(offers::expires_at)
        .limit(limit)
        .select(Offer::as_select())
        .for_update()
        .skip_locked()
        .load(conn)
}

// ---------- milestones ----------

pub fn insert_milestones(conn: &mut PgConnection, rows: &[Milestone]) -> QueryResult<()> {
    diesel::insert_into(milestones::table)
        .values(rows)
        .execute(conn)
        .map(drop)
}

pub fn milestones_of_offers(
    conn: &mut PgConnection,
    offer_ids: &[Uuid],
) -> QueryResult<Vec<Milestone>> {
    milestones::table
        .filter(milestones::offer_id.eq_any(offer_ids))
        .order((milestones::offer_id, milestones::position))
        .select(Milestone::as_select())
        .load(conn)
}

pub fn set_milestone_status(
    conn: &mut PgConnection,
    id: Uuid,
    status: &str,
    funded_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> QueryResult<()> {
    diesel::update(milestones::table.find(id))
        .set((
            milestones::status.eq(status),
            milestones::funded_at.eq(funded_at),
            milestones::updated_at.eq(now),
        ))
        .execute(conn)
        .map(drop)
}

pub fn attach_milestones(
    conn: &mut PgConnection,
    offer_id: Uuid,
    contract_id: Uuid,
) -> QueryResult<()> {
    diesel::update(milestones::table.filter(milestones::offer_id.eq(offer_id)))
        .set(milestones::contract_id.eq(contract_id))
        .execute(conn)
        .map(drop)
}

/// What each of these escrow subjects (milestones) holds now.
pub fn escrow_held(
    conn: &mut PgConnection,
    subject_ids: &[Uuid],
) -> QueryResult<Vec<(Uuid, Decimal)>> {
    ledger_accounts::table
        .inner_join(ledger_balances::table)
        .filter(ledger_accounts::kind.eq(AccountKind::ContractEscrow.as_str()))
        .filter(ledger_accounts::owner_id.eq_any(subject_ids))
        .select((
            ledger_accounts::owner_id.assume_not_null(),
            ledger_balances::balance,
        ))
        .load(conn)
}

#[derive(QueryableByName)]
struct Released {
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    subject_id: Uuid,
    #[diesel(sql_type = diesel::sql_types::Numeric)]
    released: Decimal,
}

/// What the ledger released to freelancers, gross, for each of these milestones,
/// invoices or bonuses (a dispute's split releases only part of one).
pub fn released(
    conn: &mut PgConnection,
    subject_ids: &[Uuid],
) -> QueryResult<Vec<(Uuid, Decimal)>> {
    if subject_ids.is_empty() {
        return Ok(Vec::new());
    }
    diesel::sql_query(
        "SELECT t.subject_id, sum(e.amount) AS released
         FROM ledger_transactions t JOIN ledger_entries e ON e.transaction_id = t.id
         WHERE t.subject_id = ANY($1) AND t.kind = 'escrow_release' AND e.amount > 0
         GROUP BY t.subject_id",
    )
    .bind::<diesel::sql_types::Array<diesel::sql_types::Uuid>, _>(subject_ids)
    .load::<Released>(conn)
    .map(|rows| {
        rows.into_iter()
            .map(|r| (r.subject_id, r.released))
            .collect()
    })
}

/// The hourly invoices of these contracts, as (invoice id, contract id).
pub fn invoice_ids_of_contracts(
    conn: &mut PgConnection,
    contract_ids: &[Uuid],
) -> QueryResult<Vec<(Uuid, Uuid)>> {
    crate::schema::invoices::table
        .filter(crate::schema::invoices::contract_id.eq_any(contract_ids))
        .select((
            crate::schema::invoices::id,
            crate::schema::invoices::contract_id,
        ))
        .load(conn)
}

// ---------- contracts ----------

pub fn insert_contract(conn: &mut PgConnection, contract: &Contract) -> QueryResult<()> {
    diesel::insert_into(contracts::table)
        .values(contract)
        .execute(conn)
        .map(drop)
}

pub fn find_contract(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<Contract>> {
    contracts::table
        .find(id)
        .select(Contract::as_select())
        .first(conn)
        .optional()
}

pub fn contracts_by_ids(conn: &mut PgConnection, ids: &[Uuid]) -> QueryResult<Vec<Contract>> {
    contracts::table
        .filter(contracts::id.eq_any(ids))
        .select(Contract::as_select())
        .load(conn)
}

pub fn contracts_of(
    conn: &mut PgConnection,
    user_id: Uuid,
    role: Option<&str>,
    status: Option<&str>,
    after: Option<(DateTime<Utc>, Uuid)>,
    limit: i64,
) -> QueryResult<Vec<Contract>> {
    let mut query = contracts::table
        .select(Contract::as_select())
        .limit(limit)
        .into_boxed();
    query = match role {
        Some("client") => query.filter(contracts::client_id.eq(user_id)),
        Some(_) => query.filter(contracts::freelancer_id.eq(user_id)),
        None => query.filter(
            contracts::client_id
                .eq(user_id)
                .or(contracts::freelancer_id.eq(user_id)),
        ),
    };
    if let Some(status) = status {
        query = query.filter(contracts::status.eq(status.to_owned()));
    }
    newest_after!(query, contracts::created_at, contracts::id, after).load(conn)
}

pub fn milestones_of_contracts(
    conn: &mut PgConnection,
    contract_ids: &[Uuid],
) -> QueryResult<Vec<Milestone>> {
    milestones::table
        .filter(milestones::contract_id.eq_any(contract_ids))
        .order((milestones::contract_id, milestones::position))
        .select(Milestone::as_select())
        .load(conn)
}

/// Whether the client has hired anyone (the "client has hires" search filter).
pub fn client_has_hires(conn: &mut PgConnection, client_id: Uuid) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        contracts::table.filter(contracts::client_id.eq(client_id)),
    ))
    .get_result(conn)
}
