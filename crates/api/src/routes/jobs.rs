//! Jobs: post (or draft), read, edit, publish, close, cancel, and a client's own list.

use crate::extract::{AuthUser, MaybeUser, ValidJson, ValidQuery, VerifiedUser};
use crate::problem::{ApiError, Problem};
use crate::state::AppState;
use actix_web::{HttpResponse, get, patch, post, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};
use uuid::Uuid;
use validator::Validate;
use worklane_app::jobs::{self as use_cases, JobInput, JobPatch, JobView};
use worklane_domain::jobs::{HoursPerWeek, JobAction, JobStatus, JobType};

#[derive(OpenApi)]
#[openapi(paths(
    create_job,
    crate::routes::search::search_jobs,
    connects_cost,
    get_job,
    update_job,
    publish_job,
    close_job,
    cancel_job,
    my_jobs
))]
pub struct JobsApi;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(create_job)
        .service(connects_cost)
        .service(my_jobs)
        .service(get_job)
        .service(update_job)
        .service(publish_job)
        .service(close_job)
        .service(cancel_job);
}

wire_enum!(
    /// Fixed price or hourly.
    JobTypeName { Fixed = "fixed", Hourly = "hourly" }
);
wire_enum!(ExperienceLevel { Entry = "entry", Intermediate = "intermediate", Expert = "expert" });
wire_enum!(ProjectLengthName {
    LessThan1Month = "less_than_1_month",
    OneToThreeMonths = "1_to_3_months",
    ThreeToSixMonths = "3_to_6_months",
    MoreThan6Months = "more_than_6_months",
});
wire_enum!(HoursPerWeekName { LessThan30 = "less_than_30", ThirtyPlus = "30_plus" });
wire_enum!(
    /// Public jobs appear in search; invite-only jobs only to invited freelancers.
    Visibility { Public = "public", InviteOnly = "invite_only" }
);
wire_enum!(JobStatusName {
    Draft = "draft",
    Open = "open",
    Filled = "filled",
    Closed = "closed",
    Cancelled = "cancelled",
    Expired = "expired",
    Removed = "removed",
});

impl From<JobTypeName> for JobType {
    fn from(t: JobTypeName) -> Self {
        match t {
            JobTypeName::Fixed => JobType::Fixed,
            JobTypeName::Hourly => JobType::Hourly,
        }
    }
}

fn project_length(l: ProjectLengthName) -> worklane_domain::jobs::ProjectLength {
    worklane_domain::jobs::ProjectLength::parse(l.as_str())
        .unwrap_or(worklane_domain::jobs::ProjectLength::LessThan1Month)
}

fn hours_per_week(h: HoursPerWeekName) -> HoursPerWeek {
    HoursPerWeek::parse(h.as_str()).unwrap_or(HoursPerWeek::LessThan30)
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[schema(example = json!({
    "title": "Build a booking page for a yoga studio",
    "description": "We need a responsive booking page connected to our existing calendar. Clean design, accessible, fast.",
    "category_id": "1f1f38a2-2b6c-5f3b-9d0e-8a1c5e2f7b44",
    "skill_ids": ["78e4b944-35b2-5d29-8696-47049ce017f3"],
    "job_type": "fixed",
    "budget": "750.00",
    "experience_level": "intermediate",
    "project_length": "1_to_3_months",
    "hours_per_week": "less_than_30",
    "visibility": "public",
    "screening_questions": ["Which booking tools have you integrated before?"]
}))]
pub struct CreateJobRequest {
    #[validate(length(min = 10, max = 120))]
    #[schema(min_length = 10, max_length = 120)]
    pub title: String,
    /// Plain text or markdown (rendered safely).
    #[validate(length(min = 50, max = 10000))]
    #[schema(min_length = 50, max_length = 10000)]
    pub description: String,
    pub category_id: Uuid,
    /// 1–15 skills from `/skills`.
    #[validate(length(min = 1, max = 15))]
    #[schema(min_items = 1, max_items = 15)]
    pub skill_ids: Vec<Uuid>,
    pub job_type: JobTypeName,
    /// Fixed-price jobs: the budget, at least 5.00.
    #[schema(pattern = r"^[0-9]{1,10}(\.[0-9]{1,2})?$", example = "750.00")]
    pub budget: Option<String>,
    /// Hourly jobs: the lowest rate, at least 3.00.
    #[schema(pattern = r"^[0-9]{1,10}(\.[0-9]{1,2})?$", example = "25.00")]
    pub hourly_min: Option<String>,
    /// Hourly jobs: the highest rate, not below `hourly_min`.
    #[schema(pattern = r"^[0-9]{1,10}(\.[0-9]{1,2})?$", example = "45.00")]
    pub hourly_max: Option<String>,
    pub experience_level: ExperienceLevel,
    pub project_length: ProjectLengthName,
    pub hours_per_week: HoursPerWeekName,
    pub visibility: Visibility,
    /// Up to 5 questions every proposal must answer.
    #[serde(default)]
    #[validate(length(max = 5))]
    #[schema(max_items = 5)]
    pub screening_questions: Vec<String>,
    /// Save as a draft instead of publishing.
    #[serde(default)]
    pub draft: bool,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct UpdateJobRequest {
    #[validate(length(min = 10, max = 120))]
    #[schema(min_length = 10, max_length = 120)]
    pub title: Option<String>,
    #[validate(length(min = 50, max = 10000))]
    #[schema(min_length = 50, max_length = 10000)]
    pub description: Option<String>,
    pub category_id: Option<Uuid>,
    #[validate(length(min = 1, max = 15))]
    #[schema(min_items = 1, max_items = 15)]
    pub skill_ids: Option<Vec<Uuid>>,
    /// Switching type replaces the pay terms: send the new type's fields with it.
    pub job_type: Option<JobTypeName>,
    #[schema(pattern = r"^[0-9]{1,10}(\.[0-9]{1,2})?$")]
    pub budget: Option<String>,
    #[schema(pattern = r"^[0-9]{1,10}(\.[0-9]{1,2})?$")]
    pub hourly_min: Option<String>,
    #[schema(pattern = r"^[0-9]{1,10}(\.[0-9]{1,2})?$")]
    pub hourly_max: Option<String>,
    pub experience_level: Option<ExperienceLevel>,
    pub project_length: Option<ProjectLengthName>,
    pub hours_per_week: Option<HoursPerWeekName>,
    pub visibility: Option<Visibility>,
    #[validate(length(max = 5))]
    #[schema(max_items = 5)]
    pub screening_questions: Option<Vec<String>>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SkillRef {
    pub id: Uuid,
    pub name: String,
}

/// A job posting.
#[derive(Debug, Serialize, ToSchema)]
pub struct Job {
    pub id: Uuid,
    pub client_id: Uuid,
    pub title: String,
    pub description: String,
    pub category_id: Uuid,
    pub skills: Vec<SkillRef>,
    pub job_type: JobTypeName,
    #[schema(example = "750.00")]
    pub budget: Option<String>,
    pub hourly_min: Option<String>,
    pub hourly_max: Option<String>,
    pub experience_level: ExperienceLevel,
    pub project_length: ProjectLengthName,
    pub hours_per_week: HoursPerWeekName,
    pub visibility: Visibility,
    pub screening_questions: Vec<String>,
    /// Connects a proposal to this job costs.
    #[schema(example = 6)]
    pub connects_cost: i32,
    /// Proposals received so far, in any state.
    #[schema(example = 3)]
    pub proposals_count: i64,
    pub status: JobStatusName,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub published_at: Option<DateTime<Utc>>,
}

impl From<JobView> for Job {
    fn from(
        JobView {
            job,
            skills,
            proposals_count,
        }: JobView,
    ) -> Self {
        Self {
            id: job.id,
            client_id: job.client_id,
            title: job.title,
            description: job.description,
            category_id: job.category_id,
            skills: skills
                .into_iter()
                .map(|(id, name)| SkillRef { id, name })
                .collect(),
            job_type: JobTypeName::from_wire(&job.job_type).unwrap_or(JobTypeName::Fixed),
            budget: crate::routes::wire_amount(job.budget),
            hourly_min: crate::routes::wire_amount(job.hourly_min),
            hourly_max: crate::routes::wire_amount(job.hourly_max),
            experience_level: ExperienceLevel::from_wire(&job.experience_level)
                .unwrap_or(ExperienceLevel::Entry),
            project_length: ProjectLengthName::from_wire(&job.project_length)
                .unwrap_or(ProjectLengthName::LessThan1Month),
            hours_per_week: HoursPerWeekName::from_wire(&job.hours_per_week)
                .unwrap_or(HoursPerWeekName::LessThan30),
            visibility: Visibility::from_wire(&job.visibility).unwrap_or(Visibility::Public),
            screening_questions: job.screening_questions,
            connects_cost: job.connects_cost,
            proposals_count,
            status: JobStatusName::from_wire(&job.status).unwrap_or(JobStatusName::Removed),
            created_at: job.created_at,
            updated_at: job.updated_at,
            published_at: job.published_at,
        }
    }
}

/// Post a job
///
/// Publishes the job (status `open`) or, with `draft: true`, saves a draft. Needs a
/// verified client account.
#[utoipa::path(
    tag = "jobs",
    security(("bearer" = [])),
    request_body = CreateJobRequest,
    responses(
        (status = 201, description = "The job", body = Job),
        (status = 403, description = "Email not verified (`email_unverified`) or not a client (`client_role_required`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/jobs")]
pub async fn create_job(
    state: web::Data<AppState>,
    VerifiedUser(user): VerifiedUser,
    ValidJson(body): ValidJson<CreateJobRequest>,
) -> Result<HttpResponse, ApiError> {
    let draft = body.draft;
    let input = JobInput {
        title: body.title,
        description: body.description,
        category_id: body.category_id,
        skill_ids: body.skill_ids,
        job_type: body.job_type.into(),
        budget: body.budget,
        hourly_min: body.hourly_min,
        hourly_max: body.hourly_max,
        experience_level: body.experience_level.as_str().to_owned(),
        project_length: project_length(body.project_length),
        hours_per_week: hours_per_week(body.hours_per_week),
        visibility: body.visibility.as_str().to_owned(),
        screening_questions: body.screening_questions,
    };
    let job = state
        .db(move |conn, ctx| use_cases::create(conn, ctx, &user, input, draft))
        .await?;
    Ok(HttpResponse::Created().json(Job::from(job)))
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ConnectsCostQuery {
    pub job_type: JobTypeName,
    #[param(pattern = r"^[0-9]{1,10}(\.[0-9]{1,2})?$")]
    pub budget: Option<String>,
    #[param(pattern = r"^[0-9]{1,10}(\.[0-9]{1,2})?$")]
    pub hourly_min: Option<String>,
    #[param(pattern = r"^[0-9]{1,10}(\.[0-9]{1,2})?$")]
    pub hourly_max: Option<String>,
    pub project_length: ProjectLengthName,
    pub hours_per_week: HoursPerWeekName,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ConnectsCost {
    /// Connects a proposal to such a job would cost.
    #[schema(example = 6)]
    pub connects_cost: i32,
}

/// Preview a job's Connects cost
///
/// What a proposal would cost for these pay terms, before the job is posted.
#[utoipa::path(
    tag = "jobs",
    params(ConnectsCostQuery),
    responses((status = 200, description = "The cost", body = ConnectsCost))
)]
#[get("/jobs/connects-cost")]
pub async fn connects_cost(
    state: web::Data<AppState>,
    ValidQuery(q): ValidQuery<ConnectsCostQuery>,
) -> Result<HttpResponse, ApiError> {
    let cost = use_cases::preview_connects_cost(
        &state.ctx,
        q.job_type.into(),
        q.budget.as_deref(),
        q.hourly_min.as_deref(),
        q.hourly_max.as_deref(),
        project_length(q.project_length),
        hours_per_week(q.hours_per_week),
    )?;
    Ok(HttpResponse::Ok().json(ConnectsCost {
        connects_cost: cost,
    }))
}

/// A job
///
/// Anyone may read a published public job; drafts and invite-only jobs only their
/// owner (404 for everyone else).
#[utoipa::path(
    tag = "jobs",
    params(("id" = Uuid, Path, description = "The job's id")),
    security((), ("bearer" = [])),
    responses(
        (status = 200, description = "The job", body = Job),
        (status = 404, description = "No such job, or not visible to you", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/jobs/{id}")]
pub async fn get_job(
    state: web::Data<AppState>,
    MaybeUser(viewer): MaybeUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let job = state
        .db(move |conn, ctx| use_cases::get(conn, ctx, viewer.as_ref(), id))
        .await?;
    Ok(HttpResponse::Ok().json(Job::from(job)))
}

/// Edit a job
///
/// The owner edits a draft or open job; the result must satisfy every rule.
#[utoipa::path(
    tag = "jobs",
    params(("id" = Uuid, Path, description = "The job's id")),
    security(("bearer" = [])),
    request_body = UpdateJobRequest,
    responses(
        (status = 200, description = "The edited job", body = Job),
        (status = 404, description = "No such job of yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The job can no longer be edited (`job_not_editable`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/jobs/{id}")]
pub async fn update_job(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    id: web::Path<Uuid>,
    ValidJson(body): ValidJson<UpdateJobRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let patch = JobPatch {
        title: body.title,
        description: body.description,
        category_id: body.category_id,
        skill_ids: body.skill_ids,
        job_type: body.job_type.map(Into::into),
        budget: body.budget.map(Some),
        hourly_min: body.hourly_min.map(Some),
        hourly_max: body.hourly_max.map(Some),
        experience_level: body.experience_level.map(|e| e.as_str().to_owned()),
        project_length: body.project_length.map(project_length),
        hours_per_week: body.hours_per_week.map(hours_per_week),
        visibility: body.visibility.map(|v| v.as_str().to_owned()),
        screening_questions: body.screening_questions,
    };
    let job = state
        .db(move |conn, ctx| use_cases::update(conn, ctx, &user, id, patch))
        .await?;
    Ok(HttpResponse::Ok().json(Job::from(job)))
}

async fn act(
    state: web::Data<AppState>,
    user: worklane_db::users::User,
    id: Uuid,
    action: JobAction,
) -> Result<HttpResponse, ApiError> {
    let job = state
        .db(move |conn, ctx| use_cases::act(conn, ctx, &user, id, action))
        .await?;
    Ok(HttpResponse::Ok().json(Job::from(job)))
}

/// Publish a draft
#[utoipa::path(
    tag = "jobs",
    params(("id" = Uuid, Path, description = "The job's id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The job, now open", body = Job),
        (status = 403, description = "Email not verified (`email_unverified`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such job of yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not a draft (`invalid_job_state`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/jobs/{id}/publish")]
pub async fn publish_job(
    state: web::Data<AppState>,
    VerifiedUser(user): VerifiedUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    act(state, user, id.into_inner(), JobAction::Publish).await
}

/// Close a job
///
/// Stops new proposals; the job stays visible as closed.
#[utoipa::path(
    tag = "jobs",
    params(("id" = Uuid, Path, description = "The job's id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The job, now closed", body = Job),
        (status = 404, description = "No such job of yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not open (`invalid_job_state`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/jobs/{id}/close")]
pub async fn close_job(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    act(state, user, id.into_inner(), JobAction::Close).await
}

/// Cancel a job
///
/// Withdraws a draft or open job. (Once proposals exist, their Connects are refunded.)
#[utoipa::path(
    tag = "jobs",
    params(("id" = Uuid, Path, description = "The job's id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The job, now cancelled", body = Job),
        (status = 404, description = "No such job of yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already ended (`invalid_job_state`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/jobs/{id}/cancel")]
pub async fn cancel_job(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    act(state, user, id.into_inner(), JobAction::Cancel).await
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MyJobsQuery {
    /// Only jobs in this state.
    pub status: Option<JobStatusName>,
    /// Page size, 1–100 (default 20).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
    /// `next_cursor` from the previous page.
    #[validate(length(min = 1, max = 200))]
    #[param(min_length = 1, max_length = 200)]
    pub cursor: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct JobPage {
    pub data: Vec<Job>,
    pub next_cursor: Option<String>,
}

/// The signed-in client's jobs
///
/// Newest first, every state (filter with `status`).
#[utoipa::path(
    tag = "jobs",
    params(MyJobsQuery),
    security(("bearer" = [])),
    responses((status = 200, description = "A page of jobs", body = JobPage))
)]
#[get("/me/jobs")]
pub async fn my_jobs(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    ValidQuery(query): ValidQuery<MyJobsQuery>,
) -> Result<HttpResponse, ApiError> {
    let status = query.status.and_then(|s| JobStatus::parse(s.as_str()));
    let page = state
        .db(move |conn, _| {
            use_cases::list_mine(conn, &user, status, query.cursor.as_deref(), query.limit)
        })
        .await?;
    Ok(HttpResponse::Ok().json(JobPage {
        data: page.jobs.into_iter().map(Job::from).collect(),
        next_cursor: page.next_cursor,
    }))
}
