//! What the search index is built from and what search results are filled in with.
//!
//! Changes reach the indexes through a log written in the same transaction as the
//! change ([`enqueue`]). Every server instance keeps its own index and reads the log
//! from its own position ([`horizon`], [`changes_since`]); rows older than a day are
//! pruned ([`prune`]).

use crate::schema::{
    categories, freelancer_profiles, freelancer_skills, job_skills, jobs, search_changes,
    search_epoch, skills, users,
};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use uuid::Uuid;

/// What changed. A client change (country, payment verified) touches all their jobs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "entity", content = "id", rename_all = "snake_case")]
pub enum Change {
    Job(Uuid),
    Client(Uuid),
    Freelancer(Uuid),
}

fn payload(change: &Change) -> QueryResult<serde_json::Value> {
    serde_json::to_value(change).map_err(|e| diesel::result::Error::SerializationError(Box::new(e)))
}

/// Logs a change, in the caller's transaction. (`now` is the business clock; the log
/// keeps the database's own time, because pruning is about real time.)
pub fn enqueue(conn: &mut PgConnection, change: Change, _now: DateTime<Utc>) -> QueryResult<()> {
    diesel::insert_into(search_changes::table)
        .values(search_changes::payload.eq(payload(&change)?))
        .execute(conn)
        .map(drop)
}

/// Several changes in one statement.
pub fn enqueue_many(
    conn: &mut PgConnection,
    changes: &[Change],
    _now: DateTime<Utc>,
) -> QueryResult<()> {
    let rows = changes
        .iter()
        .map(|change| payload(change).map(|p| search_changes::payload.eq(p)))
        .collect::<QueryResult<Vec<_>>>()?;
    diesel::insert_into(search_changes::table)
        .values(&rows)
        .execute(conn)
        .map(drop)
}

/// Where a reader of the log stands: every change written by a transaction older than
/// `txid` has been read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Horizon {
    /// The oldest transaction still running (or the next one to start): the position
    /// to read from next time.
    pub xmin: i64,
    /// Changes of transactions up to this one have been pruned from the log.
    pub pruned_txid: i64,
}

#[derive(QueryableByName)]
struct HorizonRow {
    #[diesel(sql_type = diesel::sql_types::Int8)]
    xmin: i64,
    #[diesel(sql_type = diesel::sql_types::Int8)]
    pruned_txid: i64,
}

/// This transaction's horizon. Read it in the same snapshot as the changes
/// (REPEATABLE READ), then every change of a transaction at or after `xmin` that this
/// snapshot missed is read next time.
pub fn horizon(conn: &mut PgConnection) -> QueryResult<Horizon> {
    diesel::sql_query(
        "SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint AS xmin, pruned_txid \
         FROM search_epoch",
    )
    .get_result::<HorizonRow>(conn)
    .map(|r| Horizon {
        xmin: r.xmin,
        pruned_txid: r.pruned_txid,
    })
}

/// Changes of transactions from `from_txid` on, in (txid, id) order after `after`.
/// Rows whose payload can't be read come back as `None` (skipped, logged).
pub fn changes_since(
    conn: &mut PgConnection,
    from_txid: i64,
    after: Option<(i64, i64)>,
    limit: i64,
) -> QueryResult<Vec<(i64, i64, Option<Change>)>> {
    let mut query = search_changes::table
        .filter(search_changes::txid.ge(from_txid))
        .order((search_changes::txid, search_changes::id))
        .limit(limit)
        .select((
            search_changes::txid,
            search_changes::id,
            search_changes::payload,
        ))
        .into_boxed();
    if let Some((txid, id)) = after {
        query = query.filter(
            search_changes::txid
                .gt(txid)
                .or(search_changes::txid.eq(txid).and(search_changes::id.gt(id))),
        );
    }
    let rows: Vec<(i64, i64, serde_json::Value)> = query.load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(txid, id, payload)| (txid, id, serde_json::from_value(payload).ok()))
        .collect())
}

/// Deletes changes older than `keep_hours` and remembers the newest transaction
/// pruned. Returns how many were deleted.
pub fn prune(conn: &mut PgConnection, keep_hours: i32) -> QueryResult<usize> {
    #[derive(QueryableByName)]
    struct Pruned {
        #[diesel(sql_type = diesel::sql_types::Int8)]
        n: i64,
    }
    diesel::sql_query(
        "WITH gone AS (DELETE FROM search_changes \
           WHERE created_at < now() - make_interval(hours => $1) RETURNING txid), \
         marked AS (UPDATE search_epoch SET pruned_txid = greatest(pruned_txid, (SELECT max(txid) FROM gone)) \
           WHERE EXISTS (SELECT 1 FROM gone)) \
         SELECT count(*) AS n FROM gone",
    )
    .bind::<diesel::sql_types::Int4, _>(keep_hours)
    .get_result::<Pruned>(conn)
    .map(|p| p.n as usize)
}

pub fn epoch(conn: &mut PgConnection) -> QueryResult<Uuid> {
    search_epoch::table.select(search_epoch::epoch).first(conn)
}

/// A job as search sees it: its own fields and its client's.
#[derive(Debug, Clone, Queryable)]
pub struct JobCard {
    pub id: Uuid,
    pub client_id: Uuid,
    pub title: String,
    pub description: String,
    pub category_id: Uuid,
    pub category_name: String,
    /// The top-level category when `category_id` is a subcategory.
    pub category_parent_id: Option<Uuid>,
    pub job_type: String,
    pub budget: Option<Decimal>,
    pub hourly_min: Option<Decimal>,
    pub hourly_max: Option<Decimal>,
    pub experience_level: String,
    pub project_length: String,
    pub hours_per_week: String,
    pub visibility: String,
    pub status: String,
    pub connects_cost: i32,
    pub published_at: Option<DateTime<Utc>>,
    pub client_country: String,
    pub client_payment_verified: bool,
    /// Proposals received so far (any state).
    pub proposals_count: i64,
    /// Whether the client has hired anyone yet.
    pub client_has_hires: bool,
    /// False while an admin has the client suspended: their jobs leave search.
    pub client_active: bool,
    /// Skill ids and names, in the job's order (filled by a second query).
    #[diesel(deserialize_as = NoSkills)]
    pub skills: Vec<(Uuid, String)>,
}

/// Placeholder so `JobCard` and `FreelancerCard` can be loaded straight from a row;
/// their skills are attached afterwards in one query for the whole batch.
#[derive(Debug, Clone, Default)]
pub struct NoSkills;

impl From<NoSkills> for Vec<(Uuid, String)> {
    fn from(_: NoSkills) -> Self {
        Vec::new()
    }
}

impl<DB: diesel::backend::Backend> Queryable<diesel::sql_types::Bool, DB> for NoSkills
where
    bool: diesel::deserialize::FromSql<diesel::sql_types::Bool, DB>,
{
    type Row = bool;
    fn build(_: bool) -> diesel::deserialize::Result<Self> {
        Ok(NoSkills)
    }
}

impl JobCard {
    /// Open, public and posted by a client in good standing: the only jobs search
    /// may show.
    pub fn searchable(&self) -> bool {
        self.status == "open" && self.visibility == "public" && self.client_active
    }
}

macro_rules! job_card_columns {
    () => {
        (
            jobs::id,
            jobs::client_id,
            jobs::title,
            jobs::description,
            jobs::category_id,
            categories::name,
            categories::parent_id,
            jobs::job_type,
            jobs::budget,
            jobs::hourly_min,
            jobs::hourly_max,
            jobs::experience_level,
            jobs::project_length,
            jobs::hours_per_week,
            jobs::visibility,
            jobs::status,
            jobs::connects_cost,
            jobs::published_at,
            users::country,
            users::payment_verified_at.is_not_null(),
            diesel::dsl::sql::<diesel::sql_types::BigInt>(
                "(SELECT count(*) FROM proposals p WHERE p.job_id = jobs.id)",
            ),
            diesel::dsl::sql::<diesel::sql_types::Bool>(
                "EXISTS (SELECT 1 FROM contracts c WHERE c.client_id = jobs.client_id)",
            ),
            users::suspended_at.is_null(),
            diesel::dsl::sql::<diesel::sql_types::Bool>("true"),
        )
    };
}

fn attach_job_skills(conn: &mut PgConnection, cards: &mut [JobCard]) -> QueryResult<()> {
    let ids: Vec<Uuid> = cards.iter().map(|c| c.id).collect();
    let rows: Vec<(Uuid, Uuid, String)> = job_skills::table
        .inner_join(skills::table)
        .filter(job_skills::job_id.eq_any(&ids))
        .order((job_skills::job_id, job_skills::position))
        .select((job_skills::job_id, skills::id, skills::name))
        .load(conn)?;
    let mut by_job: HashMap<Uuid, Vec<(Uuid, String)>> = HashMap::new();
    for (job_id, skill_id, name) in rows {
        by_job.entry(job_id).or_default().push((skill_id, name));
    }
    for card in cards {
        card.skills = by_job.remove(&card.id).unwrap_or_default();
    }
    Ok(())
}

/// The jobs with these ids (any status; missing ids are left out), in no order.
pub fn job_cards(conn: &mut PgConnection, ids: &[Uuid]) -> QueryResult<Vec<JobCard>> {
    let mut cards: Vec<JobCard> = jobs::table
        .inner_join(users::table)
        .inner_join(categories::table)
        .filter(jobs::id.eq_any(ids))
        .select(job_card_columns!())
        .load(conn)?;
    attach_job_skills(conn, &mut cards)?;
    Ok(cards)
}

/// One client's jobs that may be in the index (open ones; the rest are deleted from
/// it by id when their own change is applied).
pub fn client_job_ids(conn: &mut PgConnection, client_id: Uuid) -> QueryResult<Vec<Uuid>> {
    jobs::table
        .filter(jobs::client_id.eq(client_id))
        .filter(jobs::status.eq("open"))
        .select(jobs::id)
        .load(conn)
}

/// A batch of searchable jobs after `after` in id order, for a rebuild.
pub fn searchable_jobs_after(
    conn: &mut PgConnection,
    after: Option<Uuid>,
    limit: i64,
) -> QueryResult<Vec<JobCard>> {
    let mut query = jobs::table
        .inner_join(users::table)
        .inner_join(categories::table)
        .filter(jobs::status.eq("open"))
        .filter(jobs::visibility.eq("public"))
        .filter(users::suspended_at.is_null())
        .order(jobs::id)
        .limit(limit)
        .select(job_card_columns!())
        .into_boxed();
    if let Some(after) = after {
        query = query.filter(jobs::id.gt(after));
    }
    let mut cards: Vec<JobCard> = query.load(conn)?;
    attach_job_skills(conn, &mut cards)?;
    Ok(cards)
}

/// A freelancer as talent search sees them.
#[derive(Debug, Clone, Queryable)]
pub struct FreelancerCard {
    pub id: Uuid,
    pub full_name: String,
    pub country: String,
    pub title: String,
    pub overview: String,
    pub hourly_rate: Option<Decimal>,
    pub availability: String,
    pub languages: serde_json::Value,
    pub photo_id: Option<Uuid>,
    /// A freelancer who may be listed: has the capability and is not suspended.
    pub listed: bool,
    pub identity_verified: bool,
    /// Reputation, as last recomputed.
    pub jss: Option<i16>,
    pub rating: Option<Decimal>,
    pub earned_total: Decimal,
    pub badges: Vec<String>,
    #[diesel(deserialize_as = NoSkills)]
    pub skills: Vec<(Uuid, String)>,
}

macro_rules! freelancer_card_columns {
    () => {
        (
            users::id,
            users::full_name,
            users::country,
            freelancer_profiles::title,
            freelancer_profiles::overview,
            freelancer_profiles::hourly_rate,
            freelancer_profiles::availability,
            freelancer_profiles::languages,
            freelancer_profiles::photo_id,
            users::is_freelancer.and(users::suspended_at.is_null()),
            users::identity_verified_at.is_not_null(),
            freelancer_profiles::jss,
            freelancer_profiles::rating,
            freelancer_profiles::earned_total,
            freelancer_profiles::badges,
            diesel::dsl::sql::<diesel::sql_types::Bool>("true"),
        )
    };
}

fn attach_freelancer_skills(
    conn: &mut PgConnection,
    cards: &mut [FreelancerCard],
) -> QueryResult<()> {
    let ids: Vec<Uuid> = cards.iter().map(|c| c.id).collect();
    let rows: Vec<(Uuid, Uuid, String)> = freelancer_skills::table
        .inner_join(skills::table)
        .filter(freelancer_skills::user_id.eq_any(&ids))
        .order((freelancer_skills::user_id, freelancer_skills::position))
        .select((freelancer_skills::user_id, skills::id, skills::name))
        .load(conn)?;
    let mut by_user: HashMap<Uuid, Vec<(Uuid, String)>> = HashMap::new();
    for (user_id, skill_id, name) in rows {
        by_user.entry(user_id).or_default().push((skill_id, name));
    }
    for card in cards {
        card.skills = by_user.remove(&card.id).unwrap_or_default();
    }
    Ok(())
}

/// Freelancers with these ids (missing ids are left out), in no order.
pub fn freelancer_cards(conn: &mut PgConnection, ids: &[Uuid]) -> QueryResult<Vec<FreelancerCard>> {
    let mut cards: Vec<FreelancerCard> = freelancer_profiles::table
        .inner_join(users::table)
        .filter(users::id.eq_any(ids))
        .select(freelancer_card_columns!())
        .load(conn)?;
    attach_freelancer_skills(conn, &mut cards)?;
    Ok(cards)
}

/// A batch of freelancer profiles after `after` in id order, for a rebuild.
pub fn freelancers_after(
    conn: &mut PgConnection,
    after: Option<Uuid>,
    limit: i64,
) -> QueryResult<Vec<FreelancerCard>> {
    let mut query = freelancer_profiles::table
        .inner_join(users::table)
        .filter(users::is_freelancer.eq(true))
        .filter(users::suspended_at.is_null())
        .order(users::id)
        .limit(limit)
        .select(freelancer_card_columns!())
        .into_boxed();
    if let Some(after) = after {
        query = query.filter(users::id.gt(after));
    }
    let mut cards: Vec<FreelancerCard> = query.load(conn)?;
    attach_freelancer_skills(conn, &mut cards)?;
    Ok(cards)
}

/// Names of these categories, for facet labels.
pub fn category_names(conn: &mut PgConnection, ids: &[Uuid]) -> QueryResult<Vec<(Uuid, String)>> {
    categories::table
        .filter(categories::id.eq_any(ids))
        .select((categories::id, categories::name))
        .load(conn)
}
