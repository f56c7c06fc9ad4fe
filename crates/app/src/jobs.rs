//! Posting and managing jobs (SPEC §3).

use crate::context::AppContext;
use crate::error::{AppError, AppResult, FieldError};
use crate::pagination::{self, TimeIdCursor};
use crate::search::{self, SearchChange};
use diesel::{Connection, PgConnection};
use std::collections::HashMap;
use std::sync::Arc;
use uuid::Uuid;
use worklane_db::jobs::{self, Job, JobRow, JobSkill};
use worklane_db::users::User;
use worklane_domain::jobs::{
    HoursPerWeek, JobAction, JobStatus, JobType, MAX_SCREENING_QUESTIONS, Pay, ProjectLength,
    SCREENING_QUESTION_CHARS, check_pay, connects_cost, job_value, transition,
};

/// A whole job as the client describes it (enumerations already in wire form).
#[derive(Debug, Clone)]
pub struct JobInput {
    pub title: String,
    pub description: String,
    pub category_id: Uuid,
    pub skill_ids: Vec<Uuid>,
    pub job_type: JobType,
    pub budget: Option<String>,
    pub hourly_min: Option<String>,
    pub hourly_max: Option<String>,
    pub experience_level: String,
    pub project_length: ProjectLength,
    pub hours_per_week: HoursPerWeek,
    pub visibility: String,
    pub screening_questions: Vec<String>,
}

/// Changes to a job; absent fields keep their value.
#[derive(Debug, Clone, Default)]
pub struct JobPatch {
    pub title: Option<String>,
    pub description: Option<String>,
    pub category_id: Option<Uuid>,
    pub skill_ids: Option<Vec<Uuid>>,
    pub job_type: Option<JobType>,
    pub budget: Option<Option<String>>,
    pub hourly_min: Option<Option<String>>,
    pub hourly_max: Option<Option<String>>,
    pub experience_level: Option<String>,
    pub project_length: Option<ProjectLength>,
    pub hours_per_week: Option<HoursPerWeek>,
    pub visibility: Option<String>,
    pub screening_questions: Option<Vec<String>>,
}

/// A job with its skills (id, name) in the client's order.
#[derive(Debug, Clone)]
pub struct JobView {
    pub job: Job,
    pub skills: Vec<(Uuid, String)>,
    /// Proposals received so far, in any state.
    pub proposals_count: i64,
}

fn status_of(job: &Job) -> JobStatus {
    JobStatus::parse(&job.status).unwrap_or(JobStatus::Removed)
}

fn dedupe(ids: &[Uuid]) -> Vec<Uuid> {
    let mut seen = Vec::with_capacity(ids.len());
    for id in ids {
        if !seen.contains(id) {
            seen.push(*id);
        }
    }
    seen
}

/// Every rule on a job's content; returns the row to store.
fn validate(
    conn: &mut PgConnection,
    ctx: &AppContext,
    input: &JobInput,
) -> AppResult<(JobRow, Vec<Uuid>)> {
    let mut errors = Vec::new();
    for (field, value, min) in [
        ("title", &input.title, 10),
        ("description", &input.description, 50),
    ] {
        if value.trim().chars().count() < min {
            errors.push(FieldError::new(
                field,
                "too_short",
                format!("must have at least {min} characters besides spaces"),
            ));
        }
    }
    if !jobs::category_exists(conn, input.category_id)? {
        errors.push(FieldError::new(
            "category_id",
            "unknown_category",
            "is not a category",
        ));
    }
    let skill_ids = dedupe(&input.skill_ids);
    let known = jobs::existing_skills(conn, &skill_ids)?;
    if let Some(unknown) = skill_ids.iter().find(|id| !known.contains(id)) {
        errors.push(FieldError::new(
            "skill_ids",
            "unknown_skill",
            format!("{unknown} is not a skill"),
        ));
    }
    if input.screening_questions.len() > MAX_SCREENING_QUESTIONS {
        errors.push(FieldError::new(
            "screening_questions",
            "too_many",
            format!("must have at most {MAX_SCREENING_QUESTIONS} questions"),
        ));
    }
    for (i, question) in input.screening_questions.iter().enumerate() {
        let chars = question.trim().chars().count();
        if chars < SCREENING_QUESTION_CHARS.0
            || question.chars().count() > SCREENING_QUESTION_CHARS.1
        {
            errors.push(FieldError::new(
                format!("screening_questions.{i}"),
                "length",
                format!(
                    "must be between {} and {} characters",
                    SCREENING_QUESTION_CHARS.0, SCREENING_QUESTION_CHARS.1
                ),
            ));
        }
    }
    let pay = check_pay(
        input.job_type,
        input.budget.as_deref(),
        input.hourly_min.as_deref(),
        input.hourly_max.as_deref(),
        &ctx.policy.jobs,
    );
    let pay = match pay {
        Ok(pay) => Some(pay),
        Err(problems) => {
            errors.extend(
                problems
                    .iter()
                    .map(|p| FieldError::new(p.field(), p.code(), p.to_string())),
            );
            None
        }
    };
    let (Some(pay), true) = (pay, errors.is_empty()) else {
        return Err(AppError::Validation(errors));
    };
    let cost = connects_cost(
        job_value(&pay, input.project_length, input.hours_per_week),
        &ctx.policy.jobs,
    );
    let (budget, hourly_min, hourly_max) = match pay {
        Pay::Fixed { budget } => (Some(budget.amount), None, None),
        Pay::Hourly { min, max } => (None, Some(min.amount), Some(max.amount)),
    };
    Ok((
        JobRow {
            title: input.title.trim().to_owned(),
            description: input.description.trim().to_owned(),
            category_id: input.category_id,
            job_type: input.job_type.as_str().to_owned(),
            budget,
            hourly_min,
            hourly_max,
            experience_level: input.experience_level.clone(),
            project_length: input.project_length.as_str().to_owned(),
            hours_per_week: input.hours_per_week.as_str().to_owned(),
            visibility: input.visibility.clone(),
            screening_questions: input
                .screening_questions
                .iter()
                .map(|q| q.trim().to_owned())
                .collect(),
            connects_cost: cost,
        },
        skill_ids,
    ))
}

fn require_client(user: &User) -> AppResult<()> {
    if user.is_client {
        Ok(())
    } else {
        Err(AppError::forbidden(
            "client_role_required",
            "Only client accounts can post jobs; add the client role to your account.",
        ))
    }
}

fn with_skills(conn: &mut PgConnection, found: Vec<Job>) -> AppResult<Vec<JobView>> {
    let ids: Vec<Uuid> = found.iter().map(|j| j.id).collect();
    let mut by_job: HashMap<Uuid, Vec<(Uuid, String)>> = HashMap::new();
    for JobSkill {
        job_id,
        skill_id,
        name,
    } in jobs::skills_of(conn, &ids)?
    {
        by_job.entry(job_id).or_default().push((skill_id, name));
    }
    let counts: HashMap<Uuid, i64> = worklane_db::hiring::proposal_totals(conn, &ids)?
        .into_iter()
        .collect();
    Ok(found
        .into_iter()
        .map(|job| {
            let skills = by_job.remove(&job.id).unwrap_or_default();
            let proposals_count = counts.get(&job.id).copied().unwrap_or(0);
            JobView {
                job,
                skills,
                proposals_count,
            }
        })
        .collect())
}

fn view(conn: &mut PgConnection, job: Job) -> AppResult<JobView> {
    with_skills(conn, vec![job])?
        .pop()
        .ok_or(AppError::NotFound { what: "Job" })
}

/// What a proposal to a job with these terms would cost, before it is posted.
pub fn preview_connects_cost(
    ctx: &AppContext,
    job_type: JobType,
    budget: Option<&str>,
    hourly_min: Option<&str>,
    hourly_max: Option<&str>,
    project_length: ProjectLength,
    hours_per_week: HoursPerWeek,
) -> AppResult<i32> {
    let pay = check_pay(job_type, budget, hourly_min, hourly_max, &ctx.policy.jobs).map_err(
        |problems| AppError::BadRequest {
            code: "invalid_parameter",
            message: "The job's pay terms are incomplete or invalid.".to_owned(),
            errors: problems
                .iter()
                .map(|p| FieldError::new(p.field(), p.code(), p.to_string()))
                .collect(),
        },
    )?;
    Ok(connects_cost(
        job_value(&pay, project_length, hours_per_week),
        &ctx.policy.jobs,
    ))
}

/// Posts a job (open), or saves it as a draft.
pub fn create(
    conn: &mut PgConnection,
    ctx: &AppContext,
    client: &User,
    input: JobInput,
    draft: bool,
) -> AppResult<JobView> {
    require_client(client)?;
    let (row, skill_ids) = validate(conn, ctx, &input)?;
    let now = ctx.clock.now();
    let created = conn.transaction(|conn| {
        let (status, published_at) = if draft { (JobStatus::Draft, None) } else { (JobStatus::Open, Some(now)) };
        let job = jobs::insert(conn, Uuid::now_v7(), client.id, &row, status.as_str(), now, published_at)?;
        jobs::replace_skills(conn, job.id, &skill_ids)?;
        search::changed(conn, SearchChange::Job(job.id), now)?;
        tracing::info!(job_id = %job.id, client_id = %client.id, status = status.as_str(), "job created");
        view(conn, job)
    })?;
    ctx.search.sync_after_commit(conn);
    Ok(created)
}

fn input_of(job: &Job, skills: Vec<Uuid>) -> JobInput {
    let wire = |amount: Option<rust_decimal::Decimal>| amount.map(|a| a.to_string());
    JobInput {
        title: job.title.clone(),
        description: job.description.clone(),
        category_id: job.category_id,
        skill_ids: skills,
        job_type: JobType::parse(&job.job_type).unwrap_or(JobType::Fixed),
        budget: wire(job.budget),
        hourly_min: wire(job.hourly_min),
        hourly_max: wire(job.hourly_max),
        experience_level: job.experience_level.clone(),
        project_length: ProjectLength::parse(&job.project_length)
            .unwrap_or(ProjectLength::LessThan1Month),
        hours_per_week: HoursPerWeek::parse(&job.hours_per_week)
            .unwrap_or(HoursPerWeek::LessThan30),
        visibility: job.visibility.clone(),
        screening_questions: job.screening_questions.clone(),
    }
}

/// Edits the client's own draft or open job; the edited job must satisfy every rule.
pub fn update(
    conn: &mut PgConnection,
    ctx: &AppContext,
    client: &User,
    id: Uuid,
    patch: JobPatch,
) -> AppResult<JobView> {
    let now = ctx.clock.now();
    let updated = conn.transaction(|conn| {
        let job = jobs::lock_own(conn, id, client.id)?.ok_or(AppError::NotFound { what: "Job" })?;
        if !status_of(&job).is_editable() {
            return Err(AppError::Conflict {
                code: "job_not_editable",
                message: format!("A {} job can no longer be edited.", job.status),
                field: None,
            });
        }
        let current_skills = jobs::skills_of(conn, &[job.id])?
            .into_iter()
            .map(|s| s.skill_id)
            .collect();
        let mut input = input_of(&job, current_skills);
        let type_changed = patch.job_type.is_some_and(|t| t != input.job_type);
        if let Some(v) = patch.title {
            input.title = v;
        }
        if let Some(v) = patch.description {
            input.description = v;
        }
        if let Some(v) = patch.category_id {
            input.category_id = v;
        }
        if let Some(v) = patch.skill_ids {
            input.skill_ids = v;
        }
        if let Some(v) = patch.job_type {
            input.job_type = v;
        }
        if type_changed {
            // Switching between fixed and hourly replaces the pay terms wholesale.
            input.budget = None;
            input.hourly_min = None;
            input.hourly_max = None;
        }
        if let Some(v) = patch.budget {
            input.budget = v;
        }
        if let Some(v) = patch.hourly_min {
            input.hourly_min = v;
        }
        if let Some(v) = patch.hourly_max {
            input.hourly_max = v;
        }
        if let Some(v) = patch.experience_level {
            input.experience_level = v;
        }
        if let Some(v) = patch.project_length {
            input.project_length = v;
        }
        if let Some(v) = patch.hours_per_week {
            input.hours_per_week = v;
        }
        if let Some(v) = patch.visibility {
            input.visibility = v;
        }
        if let Some(v) = patch.screening_questions {
            input.screening_questions = v;
        }
        let (row, skill_ids) = validate(conn, ctx, &input)?;
        let job = jobs::update_fields(conn, job.id, &row, now)?;
        jobs::replace_skills(conn, job.id, &skill_ids)?;
        search::changed(conn, SearchChange::Job(job.id), now)?;
        view(conn, job)
    })?;
    forget_page(conn, ctx, id);
    ctx.search.sync_after_commit(conn);
    Ok(updated)
}

/// Publishes, closes or cancels the client's own job.
pub fn act(
    conn: &mut PgConnection,
    ctx: &AppContext,
    client: &User,
    id: Uuid,
    action: JobAction,
) -> AppResult<JobView> {
    let now = ctx.clock.now();
    let acted = conn.transaction(|conn| {
        let job = jobs::lock_own(conn, id, client.id)?.ok_or(AppError::NotFound { what: "Job" })?;
        let next = transition(status_of(&job), action).map_err(|illegal| AppError::Conflict {
            code: "invalid_job_state",
            message: format!("{}.", capitalise(&illegal.to_string())),
            field: None,
        })?;
        if action == JobAction::Cancel {
            if worklane_db::hiring::pending_offer_exists_for_job(conn, job.id)? {
                return Err(AppError::Conflict {
                    code: "offer_pending",
                    message: "An offer on this job is waiting for an answer: withdraw it before cancelling the job.".to_owned(),
                    field: None,
                });
            }
            // Cancelled before any hire: every proposal's Connects come back.
            if !worklane_db::hiring::job_has_hire(conn, job.id)? {
                crate::proposals::refund_connects_for_job(
                    conn,
                    ctx,
                    job.id,
                    &format!("Refund: \u{201c}{}\u{201d} was cancelled", job.title),
                )?;
            }
        }
        let ended = !matches!(next, JobStatus::Open | JobStatus::Draft);
        let job = jobs::set_status(
            conn,
            job.id,
            next.as_str(),
            now,
            action == JobAction::Publish,
            ended,
        )?;
        search::changed(conn, SearchChange::Job(job.id), now)?;
        tracing::info!(job_id = %job.id, status = next.as_str(), "job status changed");
        view(conn, job)
    })?;
    forget_page(conn, ctx, id);
    ctx.search.sync_after_commit(conn);
    Ok(acted)
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// A job as `viewer` may see it: owners see every state; everyone else sees public
/// jobs that have been published.
/// Job pages are the most read thing there is: they are cached in the process for a
/// short while, and every change to a job through this module evicts it at once.
pub fn get(
    conn: &mut PgConnection,
    ctx: &AppContext,
    viewer: Option<&User>,
    id: Uuid,
) -> AppResult<JobView> {
    let view = match ctx.job_pages.get(&id) {
        Some(view) => view,
        None => {
            let (job, skills) =
                jobs::find_with_skills(conn, id)?.ok_or(AppError::NotFound { what: "Job" })?;
            let proposals_count = worklane_db::hiring::proposal_totals(conn, &[id])?
                .first()
                .map_or(0, |(_, n)| *n);
            let view = Arc::new(JobView {
                job,
                skills,
                proposals_count,
            });
            ctx.job_pages.insert(id, view.clone());
            view
        }
    };
    let job = &view.job;
    let owner = viewer.is_some_and(|v| v.id == job.client_id);
    let admin = viewer.is_some_and(|v| v.is_admin);
    // A removed post, or one whose client is suspended, is gone for everyone else.
    let public = job.visibility == "public"
        && !matches!(status_of(job), JobStatus::Draft | JobStatus::Removed)
        && !(owner || admin || worklane_db::users::is_suspended(conn, job.client_id)?);
    if owner || admin || public {
        Ok(JobView::clone(&view))
    } else {
        Err(AppError::NotFound { what: "Job" })
    }
}

pub struct JobPage {
    pub jobs: Vec<JobView>,
    pub next_cursor: Option<String>,
}

pub fn list_mine(
    conn: &mut PgConnection,
    client: &User,
    status: Option<JobStatus>,
    cursor: Option<&str>,
    limit: Option<i64>,
) -> AppResult<JobPage> {
    let limit = pagination::limit(limit)?;
    let after = cursor.map(TimeIdCursor::decode).transpose()?;
    let rows = jobs::list_for_client(
        conn,
        client.id,
        status.map(JobStatus::as_str),
        after.map(|c| (c.at, c.id)),
        limit + 1,
    )?;
    let (found, next_cursor) = pagination::page(rows, limit, |j| {
        TimeIdCursor {
            at: j.created_at,
            id: j.id,
        }
        .encode()
    });
    Ok(JobPage {
        jobs: with_skills(conn, found)?,
        next_cursor,
    })
}

/// The worker's expiry pass: open jobs idle for the policy's days become expired.
pub fn expire_idle(conn: &mut PgConnection, ctx: &AppContext) -> AppResult<usize> {
    let now = ctx.clock.now();
    let cutoff = now - chrono::Duration::days(ctx.policy.jobs.expire_after_days);
    let expired = conn.transaction(|conn| {
        let expired = jobs::expire_idle(conn, cutoff, now, 500)?;
        let changes: Vec<SearchChange> = expired.iter().map(|id| SearchChange::Job(*id)).collect();
        if !changes.is_empty() {
            worklane_db::search::enqueue_many(conn, &changes, now)?;
        }
        Ok::<_, AppError>(expired)
    })?;
    if !expired.is_empty() {
        for id in &expired {
            forget_page(conn, ctx, *id);
        }
        tracing::info!(count = expired.len(), "idle jobs expired");
        ctx.search.sync_after_commit(conn);
    }
    Ok(expired.len())
}

/// Drops a job's cached page on this instance and, through the realtime channel, on
/// every other one, after a change its owner or applicants must see at once (an edit,
/// a status change). A failed notice is logged: the page then expires with its TTL.
pub fn forget_page(conn: &mut PgConnection, ctx: &AppContext, id: Uuid) {
    ctx.job_pages.remove(&id);
    let notice = serde_json::json!({"type": "job_changed", "id": id, "to": []});
    if let Err(error) = worklane_db::notifications::publish(conn, &notice.to_string()) {
        tracing::warn!(%error, job_id = %id, "job page change not announced to other instances");
    }
}
