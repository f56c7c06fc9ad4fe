//! Jobs and their skills.

use crate::schema::{categories, job_skills, jobs, skills};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use rust_decimal::Decimal;
use uuid::Uuid;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = jobs, check_for_backend(diesel::pg::Pg))]
pub struct Job {
    pub id: Uuid,
    pub client_id: Uuid,
    pub title: String,
    pub description: String,
    pub category_id: Uuid,
    pub job_type: String,
    pub budget: Option<Decimal>,
    pub hourly_min: Option<Decimal>,
    pub hourly_max: Option<Decimal>,
    pub experience_level: String,
    pub project_length: String,
    pub hours_per_week: String,
    pub visibility: String,
    pub screening_questions: Vec<String>,
    pub connects_cost: i32,
    pub status: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub published_at: Option<DateTime<Utc>>,
    pub last_activity_at: DateTime<Utc>,
    pub ended_at: Option<DateTime<Utc>>,
}

/// Every field a job row holds, for inserts and whole-job updates.
#[derive(Debug, Clone, Insertable, AsChangeset)]
#[diesel(table_name = jobs, treat_none_as_null = true)]
pub struct JobRow {
    pub title: String,
    pub description: String,
    pub category_id: Uuid,
    pub job_type: String,
    pub budget: Option<Decimal>,
    pub hourly_min: Option<Decimal>,
    pub hourly_max: Option<Decimal>,
    pub experience_level: String,
    pub project_length: String,
    pub hours_per_week: String,
    pub visibility: String,
    pub screening_questions: Vec<String>,
    pub connects_cost: i32,
}

#[derive(Debug, Clone, Queryable)]
pub struct JobSkill {
    pub job_id: Uuid,
    pub skill_id: Uuid,
    pub name: String,
}

pub fn category_exists(conn: &mut PgConnection, id: Uuid) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(categories::table.find(id))).get_result(conn)
}

/// The ids among `ids` that are real skills.
pub fn existing_skills(conn: &mut PgConnection, ids: &[Uuid]) -> QueryResult<Vec<Uuid>> {
    skills::table
        .filter(skills::id.eq_any(ids))
        .select(skills::id)
        .load(conn)
}

#[allow(clippy::too_many_arguments)]
pub fn insert(
    conn: &mut PgConnection,
    id: Uuid,
    client_id: Uuid,
    row: &JobRow,
    status: &str,
    now: DateTime<Utc>,
    published_at: Option<DateTime<Utc>>,
) -> QueryResult<Job> {
    diesel::insert_into(jobs::table)
        .values((
            jobs::id.eq(id),
            jobs::client_id.eq(client_id),
            row,
            jobs::status.eq(status),
            jobs::created_at.eq(now),
            jobs::updated_at.eq(now),
            jobs::published_at.eq(published_at),
            jobs::last_activity_at.eq(now),
        ))
        .returning(Job::as_returning())
        .get_result(conn)
}

pub fn replace_skills(
    conn: &mut PgConnection,
    job_id: Uuid,
    skill_ids: &[Uuid],
) -> QueryResult<()> {
    diesel::delete(job_skills::table.filter(job_skills::job_id.eq(job_id))).execute(conn)?;
    let rows: Vec<_> = skill_ids
        .iter()
        .enumerate()
        .map(|(position, skill_id)| {
            (
                job_skills::job_id.eq(job_id),
                job_skills::skill_id.eq(*skill_id),
                job_skills::position.eq(position as i32),
            )
        })
        .collect();
    diesel::insert_into(job_skills::table)
        .values(&rows)
        .execute(conn)
        .map(drop)
}

/// Skills of several jobs in one query (no N+1), in each job's order.
pub fn skills_of(conn: &mut PgConnection, job_ids: &[Uuid]) -> QueryResult<Vec<JobSkill>> {
    job_skills::table
        .inner_join(skills::table)
        .filter(job_skills::job_id.eq_any(job_ids))
        .order((job_skills::job_id, job_skills::position))
        .select((job_skills::job_id, skills::id, skills::name))
        .load(conn)
}

pub fn find(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<Job>> {
    jobs::table
        .find(id)
        .select(Job::as_select())
        .first(conn)
        .optional()
}

/// Skill ids and names, in order.
pub type SkillList = Vec<(Uuid, String)>;

/// A job with its skills (id and name, in order) in one round trip: the job page is
/// the most read thing there is.
pub fn find_with_skills(
    conn: &mut PgConnection,
    id: Uuid,
) -> QueryResult<Option<(Job, SkillList)>> {
    let found: Option<(Job, serde_json::Value)> = jobs::table
        .find(id)
        .select((
            Job::as_select(),
            diesel::dsl::sql::<diesel::sql_types::Jsonb>(
                "coalesce((SELECT jsonb_agg(jsonb_build_array(s.id, s.name) ORDER BY js.position) \
                 FROM job_skills js JOIN skills s ON s.id = js.skill_id \
                 WHERE js.job_id = jobs.id), '[]'::jsonb)",
            ),
        ))
        .first(conn)
        .optional()?;
    Ok(found.map(|(job, skills)| {
        let skills = serde_json::from_value(skills).unwrap_or_default();
        (job, skills)
    }))
}

/// The client's own job, locked for a change; `None` when it is not theirs.
pub fn lock_own(conn: &mut PgConnection, id: Uuid, client_id: Uuid) -> QueryResult<Option<Job>> {
    jobs::table
        .find(id)
        .filter(jobs::client_id.eq(client_id))
        .select(Job::as_select())
        .for_update()
        .first(conn)
        .optional()
}

pub fn update_fields(
    conn: &mut PgConnection,
    id: Uuid,
    row: &JobRow,
    now: DateTime<Utc>,
) -> QueryResult<Job> {
    diesel::update(jobs::table.find(id))
        .set((
            row,
            jobs::updated_at.eq(now),
            jobs::last_activity_at.eq(now),
        ))
        .returning(Job::as_returning())
        .get_result(conn)
}

pub fn set_status(
    conn: &mut PgConnection,
    id: Uuid,
    status: &str,
    now: DateTime<Utc>,
    published: bool,
    ended: bool,
) -> QueryResult<Job> {
    diesel::update(jobs::table.find(id))
        .set((
            jobs::status.eq(status),
            jobs::updated_at.eq(now),
            jobs::last_activity_at.eq(now),
            published.then_some(jobs::published_at.eq(now)),
            ended.then_some(jobs::ended_at.eq(now)),
        ))
        .returning(Job::as_returning())
        .get_result(conn)
}

/// A client's jobs, newest first, optionally of one status, after a keyset position.
pub fn list_for_client(
    conn: &mut PgConnection,
    client_id: Uuid,
    status: Option<&str>,
    after: Option<(DateTime<Utc>, Uuid)>,
    limit: i64,
) -> QueryResult<Vec<Job>> {
    let mut query = jobs::table
        .filter(jobs::client_id.eq(client_id))
        .select(Job::as_select())
        .order((jobs::created_at.desc(), jobs::id.desc()))
        .limit(limit)
        .into_boxed();
    if let Some(status) = status {
        query = query.filter(jobs::status.eq(status.to_owned()));
    }
    if let Some((created_at, id)) = after {
        query = query.filter(
            jobs::created_at
                .lt(created_at)
                .or(jobs::created_at.eq(created_at).and(jobs::id.lt(id))),
        );
    }
    query.load(conn)
}

/// Expires open jobs idle since before `cutoff`, a batch at a time. Rows another
/// worker holds are skipped, so instances never expire one job twice.
pub fn expire_idle(
    conn: &mut PgConnection,
    cutoff: DateTime<Utc>,
    now: DateTime<Utc>,
    batch: i64,
) -> QueryResult<Vec<Uuid>> {
    let due: Vec<Uuid> = jobs::table
        .filter(jobs::status.eq("open"))
        .filter(jobs::last_activity_at.lt(cutoff))
        .order(jobs::last_activity_at)
        .limit(batch)
        .select(jobs::id)
        .for_update()
        .skip_locked()
        .load(conn)?;
    if due.is_empty() {
        return Ok(due);
    }
    diesel::update(jobs::table.filter(jobs::id.eq_any(&due)))
        .set((
            jobs::status.eq("expired"),
            jobs::updated_at.eq(now),
            jobs::ended_at.eq(now),
        ))
        .execute(conn)?;
    Ok(due)
}
