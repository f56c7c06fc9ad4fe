//! Search (SPEC §4): jobs, talent, "best matches" for a freelancer and suggested talent
//! for a job.

use crate::extract::{AuthUser, ValidQuery};
use crate::problem::ApiError;
use crate::routes::jobs::{ExperienceLevel, HoursPerWeekName, JobTypeName, ProjectLengthName};
use crate::routes::profiles::{Availability, SkillName};
use crate::routes::wire_amount;
use crate::state::AppState;
use actix_web::{HttpResponse, get, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};
use uuid::Uuid;
use validator::Validate;
use worklane_app::AppError;
use worklane_app::search::query::{
    JobSearch, JobSearchParams, JobSort, TalentSearch, TalentSearchParams, TalentSort,
    proposal_bucket,
};
use worklane_db::search::{FreelancerCard, JobCard};

/// `GET /jobs` is listed with the jobs API ([`crate::routes::jobs::JobsApi`]): utoipa
/// keeps one document's path item per path, so both methods of `/jobs` live there.
#[derive(OpenApi)]
#[openapi(
    paths(search_talent, recommended_jobs, suggested_talent),
    components(schemas(JobSortName, TalentSortName, EnglishLevel))
)]
pub struct SearchApi;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(search_jobs)
        .service(search_talent)
        .service(recommended_jobs)
        .service(suggested_talent);
}

#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum JobSortName {
    /// Best match for `q` first (the default when `q` is given).
    Relevance,
    /// Most recently posted first (the default without `q`).
    Newest,
    /// Highest pay first: a fixed budget, or an hourly job's top rate.
    Budget,
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct JobSearchQuery {
    /// Words to find; titles weigh more than skills, skills more than descriptions.
    /// Small typos are forgiven.
    #[param(max_length = 200, example = "react developer")]
    pub q: Option<String>,
    /// A category or subcategory; a top-level category includes its subcategories.
    pub category_id: Option<Uuid>,
    /// Comma-separated skill ids; jobs needing any of them match (at most 15).
    pub skills: Option<String>,
    pub job_type: Option<JobTypeName>,
    /// Fixed-price jobs with a budget of at least this.
    #[param(example = "500.00")]
    pub min_budget: Option<String>,
    #[param(example = "5000.00")]
    pub max_budget: Option<String>,
    /// Hourly jobs whose rate range reaches this.
    #[param(example = "25.00")]
    pub min_rate: Option<String>,
    /// Hourly jobs whose rate range starts at or below this.
    #[param(example = "80.00")]
    pub max_rate: Option<String>,
    /// Comma-separated: `entry`, `intermediate`, `expert`.
    #[param(example = "intermediate,expert")]
    pub experience_level: Option<String>,
    /// Comma-separated: `less_than_1_month`, `1_to_3_months`, `3_to_6_months`,
    /// `more_than_6_months`.
    pub project_length: Option<String>,
    pub hours_per_week: Option<HoursPerWeekName>,
    /// Comma-separated proposal-count buckets: `0-4`, `5-9`, `10-14`, `15+`.
    #[param(example = "0-4,5-9")]
    pub proposals: Option<String>,
    /// Only clients with (or without) a verified payment method.
    pub payment_verified: Option<bool>,
    /// Only clients who have (or have not) hired before.
    pub client_has_hires: Option<bool>,
    /// ISO 3166-1 alpha-2.
    #[param(example = "US")]
    pub client_country: Option<String>,
    /// Posted in the last N days (1–365).
    #[param(minimum = 1, maximum = 365)]
    pub posted_within_days: Option<u32>,
    pub sort: Option<JobSortName>,
    /// `next_cursor` from the previous page of the same search.
    #[validate(length(min = 1, max = 200))]
    #[param(min_length = 1, max_length = 200)]
    pub cursor: Option<String>,
    /// Page size, 1–100 (default 20).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CategoryRef {
    pub id: Uuid,
    pub name: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ClientSummary {
    pub id: Uuid,
    #[schema(example = "US")]
    pub country: String,
    pub payment_verified: bool,
    pub has_hires: bool,
}

/// A job in a list of results.
#[derive(Debug, Serialize, ToSchema)]
pub struct JobSummary {
    pub id: Uuid,
    pub title: String,
    /// The start of the description.
    pub snippet: String,
    pub category: CategoryRef,
    pub skills: Vec<SkillName>,
    pub job_type: JobTypeName,
    #[schema(example = "1500.00")]
    pub budget: Option<String>,
    pub hourly_min: Option<String>,
    pub hourly_max: Option<String>,
    pub experience_level: ExperienceLevel,
    pub project_length: ProjectLengthName,
    pub hours_per_week: HoursPerWeekName,
    pub connects_cost: i32,
    /// How many proposals it has, as a bucket: `0-4`, `5-9`, `10-14` or `15+`.
    #[schema(example = "0-4")]
    pub proposals: String,
    pub published_at: Option<DateTime<Utc>>,
    pub client: ClientSummary,
}

const SNIPPET_CHARS: usize = 300;

/// The first `SNIPPET_CHARS` characters, cut at a word, with an ellipsis when cut.
fn snippet(text: &str) -> String {
    if text.chars().count() <= SNIPPET_CHARS {
        return text.to_owned();
    }
    let cut: String = text.chars().take(SNIPPET_CHARS).collect();
    let at_word = cut
        .rfind(char::is_whitespace)
        .map_or(cut.as_str(), |i| &cut[..i]);
    format!("{}…", at_word.trim_end())
}

impl From<JobCard> for JobSummary {
    fn from(job: JobCard) -> Self {
        Self {
            id: job.id,
            snippet: snippet(&job.description),
            title: job.title,
            category: CategoryRef {
                id: job.category_id,
                name: job.category_name,
            },
            skills: job
                .skills
                .into_iter()
                .map(|(id, name)| SkillName { id, name })
                .collect(),
            job_type: JobTypeName::from_wire(&job.job_type).unwrap_or(JobTypeName::Fixed),
            budget: wire_amount(job.budget),
            hourly_min: wire_amount(job.hourly_min),
            hourly_max: wire_amount(job.hourly_max),
            experience_level: ExperienceLevel::from_wire(&job.experience_level)
                .unwrap_or(ExperienceLevel::Intermediate),
            project_length: ProjectLengthName::from_wire(&job.project_length)
                .unwrap_or(ProjectLengthName::LessThan1Month),
            hours_per_week: HoursPerWeekName::from_wire(&job.hours_per_week)
                .unwrap_or(HoursPerWeekName::LessThan30),
            connects_cost: job.connects_cost,
            // Proposals arrive with the hiring issue; until then every job has none.
            proposals: proposal_bucket(0).to_owned(),
            published_at: job.published_at,
            client: ClientSummary {
                id: job.client_id,
                country: job.client_country,
                payment_verified: job.client_payment_verified,
                has_hires: false,
            },
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CategoryCount {
    pub value: Uuid,
    pub name: String,
    pub count: u64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct JobTypeCount {
    pub value: JobTypeName,
    pub count: u64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ExperienceCount {
    pub value: ExperienceLevel,
    pub count: u64,
}

/// How many of all matches fall in each value (not just this page); categories are
/// counted by their top-level category.
#[derive(Debug, Serialize, ToSchema)]
pub struct JobFacets {
    pub category: Vec<CategoryCount>,
    pub job_type: Vec<JobTypeCount>,
    pub experience_level: Vec<ExperienceCount>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct JobSearchPage {
    pub data: Vec<JobSummary>,
    pub next_cursor: Option<String>,
    /// Every match, across pages.
    pub total: u64,
    pub facets: JobFacets,
}

/// Search jobs
///
/// Open, public jobs only (never drafts, invite-only, closed or removed ones). Every
/// filter narrows the matches; facet counts are over all matches.
#[utoipa::path(
    tag = "search",
    params(JobSearchQuery),
    responses(
        (status = 200, description = "A page of matching jobs", body = JobSearchPage),
        (status = 400, description = "A parameter is out of range; the problem names it", body = crate::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[get("/jobs")]
pub async fn search_jobs(
    state: web::Data<AppState>,
    ValidQuery(query): ValidQuery<JobSearchQuery>,
) -> Result<HttpResponse, ApiError> {
    let params = JobSearchParams {
        q: query.q,
        category_id: query.category_id,
        skills: query.skills,
        job_type: query.job_type.map(|t| t.as_str().to_owned()),
        min_budget: query.min_budget,
        max_budget: query.max_budget,
        min_rate: query.min_rate,
        max_rate: query.max_rate,
        experience_level: query.experience_level,
        project_length: query.project_length,
        hours_per_week: query.hours_per_week.map(|h| h.as_str().to_owned()),
        proposals: query.proposals,
        payment_verified: query.payment_verified,
        client_has_hires: query.client_has_hires,
        client_country: query.client_country,
        posted_within_days: query.posted_within_days,
        sort: query.sort.map(|s| match s {
            JobSortName::Relevance => JobSort::Relevance,
            JobSortName::Newest => JobSort::Newest,
            JobSortName::Budget => JobSort::Budget,
        }),
        cursor: query.cursor,
        limit: query.limit,
    };
    let results = state
        .db(move |conn, ctx| {
            let search = JobSearch::check(&params, ctx.clock.now())?;
            ctx.search.index(conn)?.search_jobs(conn, &search)
        })
        .await?;
    let facets = results.facets;
    Ok(HttpResponse::Ok().json(JobSearchPage {
        data: results.jobs.into_iter().map(JobSummary::from).collect(),
        next_cursor: results.next_cursor,
        total: results.total,
        facets: JobFacets {
            category: facets
                .category
                .into_iter()
                .map(|(value, name, count)| CategoryCount { value, name, count })
                .collect(),
            job_type: facets
                .job_type
                .into_iter()
                .filter_map(|(v, count)| {
                    JobTypeName::from_wire(v).map(|value| JobTypeCount { value, count })
                })
                .collect(),
            experience_level: facets
                .experience_level
                .into_iter()
                .filter_map(|(v, count)| {
                    ExperienceLevel::from_wire(v).map(|value| ExperienceCount { value, count })
                })
                .collect(),
        },
    }))
}

#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TalentSortName {
    Relevance,
    /// Highest rated first.
    Rating,
    /// Highest Job Success Score first.
    Jss,
    /// Lowest hourly rate first.
    Rate,
    /// Highest hourly rate first.
    RateDesc,
}

#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum EnglishLevel {
    Basic,
    Conversational,
    Fluent,
    Native,
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TalentSearchQuery {
    /// Words to find in titles, skills and overviews (typos forgiven).
    #[param(max_length = 200, example = "rust backend")]
    pub q: Option<String>,
    /// Comma-separated skill ids; freelancers with any of them match (at most 15).
    pub skills: Option<String>,
    #[param(example = "20.00")]
    pub min_rate: Option<String>,
    #[param(example = "90.00")]
    pub max_rate: Option<String>,
    /// Job Success Score at least this (0–100); freelancers without one are left out.
    #[param(minimum = 0, maximum = 100)]
    pub min_jss: Option<u32>,
    /// ISO 3166-1 alpha-2.
    pub country: Option<String>,
    /// English at least at this level.
    pub english_level: Option<EnglishLevel>,
    /// Only freelancers open to work now.
    pub available_now: Option<bool>,
    /// Only freelancers whose identity is verified.
    pub identity_verified: Option<bool>,
    pub sort: Option<TalentSortName>,
    #[validate(length(min = 1, max = 200))]
    #[param(min_length = 1, max_length = 200)]
    pub cursor: Option<String>,
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
}

/// A freelancer in a list of results.
#[derive(Debug, Serialize, ToSchema)]
pub struct FreelancerSummary {
    pub id: Uuid,
    pub full_name: String,
    pub title: String,
    /// The start of the overview.
    pub snippet: String,
    #[schema(example = "45.00")]
    pub hourly_rate: Option<String>,
    pub country: String,
    pub skills: Vec<SkillName>,
    pub photo_url: Option<String>,
    pub availability: Availability,
    pub identity_verified: bool,
    /// Job Success Score, once they have finished contracts.
    pub jss: Option<u32>,
    /// Average feedback (1.00–5.00), once they have any.
    pub rating: Option<String>,
    /// Earnings as a band: `none_yet`, `under_1k`, `1k_plus`, `10k_plus`, `100k_plus`, `1m_plus`.
    #[schema(example = "1k_plus")]
    pub total_earned: String,
    /// `rising_talent`, `top_rated`.
    pub badges: Vec<String>,
}

impl From<FreelancerCard> for FreelancerSummary {
    fn from(f: FreelancerCard) -> Self {
        Self {
            id: f.id,
            photo_url: f
                .photo_id
                .map(|photo| format!("/api/v1/freelancers/{}/photo?v={}", f.id, photo.simple())),
            full_name: f.full_name,
            snippet: snippet(&f.overview),
            title: f.title,
            hourly_rate: wire_amount(f.hourly_rate),
            country: f.country,
            skills: f
                .skills
                .into_iter()
                .map(|(id, name)| SkillName { id, name })
                .collect(),
            availability: Availability::from_wire(&f.availability),
            identity_verified: f.identity_verified,
            jss: f.jss.and_then(|j| u32::try_from(j).ok()),
            rating: f.rating.map(|r| r.round_dp(2).to_string()),
            total_earned: crate::routes::profiles::earned_band(f.earned_total).to_owned(),
            badges: f.badges,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TalentSearchPage {
    pub data: Vec<FreelancerSummary>,
    pub next_cursor: Option<String>,
    pub total: u64,
}

/// Search freelancers
#[utoipa::path(
    tag = "search",
    params(TalentSearchQuery),
    responses(
        (status = 200, description = "A page of matching freelancers", body = TalentSearchPage),
        (status = 400, description = "A parameter is out of range; the problem names it", body = crate::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[get("/freelancers")]
pub async fn search_talent(
    state: web::Data<AppState>,
    ValidQuery(query): ValidQuery<TalentSearchQuery>,
) -> Result<HttpResponse, ApiError> {
    let params = TalentSearchParams {
        q: query.q,
        skills: query.skills,
        min_rate: query.min_rate,
        max_rate: query.max_rate,
        min_jss: query.min_jss,
        country: query.country,
        english_level: query.english_level.map(|l| {
            match l {
                EnglishLevel::Basic => "basic",
                EnglishLevel::Conversational => "conversational",
                EnglishLevel::Fluent => "fluent",
                EnglishLevel::Native => "native",
            }
            .to_owned()
        }),
        available_now: query.available_now,
        identity_verified: query.identity_verified,
        sort: query.sort.map(|s| match s {
            TalentSortName::Relevance => TalentSort::Relevance,
            TalentSortName::Rating => TalentSort::Rating,
            TalentSortName::Jss => TalentSort::Jss,
            TalentSortName::Rate => TalentSort::Rate,
            TalentSortName::RateDesc => TalentSort::RateDesc,
        }),
        cursor: query.cursor,
        limit: query.limit,
    };
    let results = state
        .db(move |conn, ctx| {
            let search = TalentSearch::check(&params)?;
            ctx.search.index(conn)?.search_talent(conn, &search)
        })
        .await?;
    Ok(HttpResponse::Ok().json(TalentSearchPage {
        data: results
            .freelancers
            .into_iter()
            .map(FreelancerSummary::from)
            .collect(),
        next_cursor: results.next_cursor,
        total: results.total,
    }))
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SuggestionQuery {
    /// How many, 1–50 (default 10).
    #[validate(range(min = 1, max = 50))]
    #[param(minimum = 1, maximum = 50)]
    pub limit: Option<usize>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RecommendedJobs {
    pub data: Vec<JobSummary>,
}

/// Best matches for the signed-in freelancer
///
/// Open jobs that share their skills or the words of their title, fitting their rate,
/// fresher ones first. Empty until the profile has skills or a title.
#[utoipa::path(
    tag = "search",
    params(SuggestionQuery),
    security(("bearer" = [])),
    responses((status = 200, description = "Jobs, best match first", body = RecommendedJobs))
)]
#[get("/me/recommended-jobs")]
pub async fn recommended_jobs(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    ValidQuery(query): ValidQuery<SuggestionQuery>,
) -> Result<HttpResponse, ApiError> {
    let limit = query.limit.unwrap_or(10);
    let jobs = state
        .db(move |conn, ctx| {
            if !user.is_freelancer {
                return Err(AppError::forbidden(
                    "not_a_freelancer",
                    "Best matches are for freelancer accounts.",
                ));
            }
            let Some(me) = worklane_db::search::freelancer_cards(conn, &[user.id])?.pop() else {
                return Ok(Vec::new());
            };
            ctx.search
                .index(conn)?
                .recommended_jobs(conn, &me, ctx.clock.now(), limit)
        })
        .await?;
    Ok(HttpResponse::Ok().json(RecommendedJobs {
        data: jobs.into_iter().map(JobSummary::from).collect(),
    }))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SuggestedTalent {
    pub data: Vec<FreelancerSummary>,
}

/// Suggested talent for one of the signed-in client's jobs
///
/// Available freelancers with the job's skills, whose rate fits an hourly job's range.
/// Another client's job is a 404.
#[utoipa::path(
    tag = "search",
    params(("id" = Uuid, Path, description = "The job"), SuggestionQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Freelancers, best match first", body = SuggestedTalent),
        (status = 404, description = "No such job of yours", body = crate::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[get("/jobs/{id}/suggested-talent")]
pub async fn suggested_talent(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    path: web::Path<Uuid>,
    ValidQuery(query): ValidQuery<SuggestionQuery>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let limit = query.limit.unwrap_or(10);
    let talent = state
        .db(move |conn, ctx| {
            let job = worklane_db::search::job_cards(conn, &[id])?
                .pop()
                .filter(|job| job.client_id == user.id)
                .ok_or(AppError::NotFound { what: "Job" })?;
            ctx.search.index(conn)?.suggested_talent(conn, &job, limit)
        })
        .await?;
    Ok(HttpResponse::Ok().json(SuggestedTalent {
        data: talent.into_iter().map(FreelancerSummary::from).collect(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_cut_at_a_word() {
        assert_eq!(snippet("short"), "short");
        let long = "word ".repeat(100);
        let cut = snippet(&long);
        assert!(cut.ends_with("word…"));
        assert!(cut.chars().count() <= SNIPPET_CHARS + 1);
    }
}
