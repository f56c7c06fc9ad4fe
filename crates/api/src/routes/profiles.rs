//! Profiles: the signed-in user's freelancer and client profiles, and the public
//! pages of freelancers and clients.

use crate::extract::{AuthUser, RawBody, ValidJson};
use crate::problem::{ApiError, Problem};
use crate::state::AppState;
use actix_web::{HttpResponse, get, put, web};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{OpenApi, ToSchema};
use uuid::Uuid;
use validator::{Validate, ValidationError};
use worklane_app::profiles::{
    self as use_cases, ClientProfileInput, ClientView, FreelancerProfileInput, FreelancerView,
};

#[derive(OpenApi)]
#[openapi(paths(
    my_freelancer_profile,
    save_freelancer_profile,
    upload_photo,
    freelancer_photo,
    public_freelancer,
    my_client_profile,
    save_client_profile,
    public_client
))]
pub struct ProfilesApi;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(my_freelancer_profile)
        .service(save_freelancer_profile)
        .service(upload_photo)
        .service(freelancer_photo)
        .service(public_freelancer)
        .service(my_client_profile)
        .service(save_client_profile)
        .service(public_client);
}

fn http_url(url: &str) -> Result<(), ValidationError> {
    let ok = (url.starts_with("https://") || url.starts_with("http://"))
        && url.len() > 8
        && !url.contains(char::is_whitespace);
    if ok {
        Ok(())
    } else {
        Err(ValidationError::new("url").with_message("must be an http(s) address".into()))
    }
}

/// A piece of past work.
#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema)]
pub struct PortfolioItem {
    #[validate(length(min = 1, max = 100))]
    #[schema(min_length = 1, max_length = 100)]
    pub title: String,
    #[serde(default)]
    #[validate(length(max = 1000))]
    #[schema(max_length = 1000)]
    pub description: String,
    #[validate(length(max = 500), custom(function = "http_url"))]
    #[schema(max_length = 500, pattern = "^https?://")]
    pub url: Option<String>,
    pub completed_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema)]
pub struct Employment {
    #[validate(length(min = 1, max = 100))]
    #[schema(min_length = 1, max_length = 100)]
    pub company: String,
    #[validate(length(min = 1, max = 100))]
    #[schema(min_length = 1, max_length = 100)]
    pub title: String,
    pub from: NaiveDate,
    /// Absent while the job is current.
    pub to: Option<NaiveDate>,
    #[serde(default)]
    #[validate(length(max = 1000))]
    #[schema(max_length = 1000)]
    pub description: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema)]
pub struct Education {
    #[validate(length(min = 1, max = 150))]
    #[schema(min_length = 1, max_length = 150)]
    pub school: String,
    #[validate(length(max = 100))]
    #[schema(max_length = 100)]
    pub degree: Option<String>,
    #[validate(length(max = 100))]
    #[schema(max_length = 100)]
    pub field_of_study: Option<String>,
    #[validate(range(min = 1940, max = 2100))]
    #[schema(minimum = 1940, maximum = 2100)]
    pub start_year: Option<i32>,
    #[validate(range(min = 1940, max = 2100))]
    #[schema(minimum = 1940, maximum = 2100)]
    pub end_year: Option<i32>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema)]
pub struct Certification {
    #[validate(length(min = 1, max = 150))]
    #[schema(min_length = 1, max_length = 150)]
    pub name: String,
    #[validate(length(max = 150))]
    #[schema(max_length = 150)]
    pub issuer: Option<String>,
    pub issued_on: Option<NaiveDate>,
    #[validate(length(max = 500), custom(function = "http_url"))]
    #[schema(max_length = 500, pattern = "^https?://")]
    pub url: Option<String>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum LanguageLevel {
    Basic,
    Conversational,
    Fluent,
    Native,
}

#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema)]
pub struct Language {
    #[validate(length(min = 1, max = 50))]
    #[schema(min_length = 1, max_length = 50, example = "English")]
    pub language: String,
    pub level: LanguageLevel,
}

/// How much a freelancer can take on.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Availability {
    #[serde(rename = "less_than_30")]
    LessThan30,
    #[serde(rename = "30_plus")]
    ThirtyPlus,
    AsNeeded,
    NotAvailable,
}

impl Availability {
    fn as_str(self) -> &'static str {
        match self {
            Availability::LessThan30 => "less_than_30",
            Availability::ThirtyPlus => "30_plus",
            Availability::AsNeeded => "as_needed",
            Availability::NotAvailable => "not_available",
        }
    }

    pub(crate) fn from_wire(s: &str) -> Self {
        match s {
            "less_than_30" => Availability::LessThan30,
            "30_plus" => Availability::ThirtyPlus,
            "not_available" => Availability::NotAvailable,
            _ => Availability::AsNeeded,
        }
    }
}

/// The whole freelancer profile (PUT replaces it).
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[schema(example = json!({
    "title": "Full-stack developer for booking and payments",
    "overview": "Ten years of building web products for small businesses.",
    "hourly_rate": "65.00",
    "skill_ids": ["78e4b944-35b2-5d29-8696-47049ce017f3"],
    "availability": "less_than_30",
    "languages": [{"language": "English", "level": "fluent"}]
}))]
pub struct FreelancerProfileRequest {
    #[serde(default)]
    #[validate(length(max = 100))]
    #[schema(max_length = 100)]
    pub title: String,
    #[serde(default)]
    #[validate(length(max = 5000))]
    #[schema(max_length = 5000)]
    pub overview: String,
    /// At least 3.00 USD.
    #[schema(pattern = r"^[0-9]{1,10}(\.[0-9]{1,2})?$", example = "65.00")]
    pub hourly_rate: Option<String>,
    #[validate(length(min = 1, max = 15))]
    #[schema(min_items = 1, max_items = 15)]
    pub skill_ids: Vec<Uuid>,
    pub availability: Availability,
    #[serde(default)]
    #[validate(length(max = 20), nested)]
    #[schema(max_items = 20)]
    pub portfolio: Vec<PortfolioItem>,
    #[serde(default)]
    #[validate(length(max = 20), nested)]
    #[schema(max_items = 20)]
    pub employment: Vec<Employment>,
    #[serde(default)]
    #[validate(length(max = 10), nested)]
    #[schema(max_items = 10)]
    pub education: Vec<Education>,
    #[serde(default)]
    #[validate(length(max = 20), nested)]
    #[schema(max_items = 20)]
    pub certifications: Vec<Certification>,
    #[serde(default)]
    #[validate(length(max = 10), nested)]
    #[schema(max_items = 10)]
    pub languages: Vec<Language>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SkillName {
    pub id: Uuid,
    pub name: String,
}

/// Reputation figures; they stay empty ("none yet") until contracts and feedback exist.
#[derive(Debug, Serialize, ToSchema)]
pub struct Reputation {
    /// Average public rating, 1–5, or null with no reviews yet.
    pub rating: Option<String>,
    pub reviews: i64,
    /// Job Success Score in percent, shown after enough ended contracts.
    pub job_success_score: Option<i32>,
    /// `none_yet`, `under_1k`, `1k_plus`, `10k_plus`, `100k_plus`, `1m_plus`.
    #[schema(example = "none_yet")]
    pub total_earned_band: String,
    pub hours_worked: i64,
    pub badges: Vec<String>,
}

/// Earnings shown as a band, not to the cent.
pub fn earned_band(earned: rust_decimal::Decimal) -> &'static str {
    let whole = earned.trunc();
    if earned <= rust_decimal::Decimal::ZERO {
        "none_yet"
    } else if whole < 1_000.into() {
        "under_1k"
    } else if whole < 10_000.into() {
        "1k_plus"
    } else if whole < 100_000.into() {
        "10k_plus"
    } else if whole < 1_000_000.into() {
        "100k_plus"
    } else {
        "1m_plus"
    }
}

impl From<&worklane_db::feedback::Reputation> for Reputation {
    fn from(r: &worklane_db::feedback::Reputation) -> Self {
        Self {
            rating: r.rating.map(|x| x.round_dp(2).to_string()),
            reviews: i64::from(r.reviews),
            job_success_score: r.jss.map(i32::from),
            total_earned_band: earned_band(r.earned_total).to_owned(),
            hours_worked: r.hours_worked,
            badges: r.badges.clone(),
        }
    }
}

/// A freelancer's profile as everyone sees it.
#[derive(Debug, Serialize, ToSchema)]
pub struct FreelancerProfile {
    /// The freelancer's user id.
    pub id: Uuid,
    pub full_name: String,
    pub country: String,
    pub timezone: String,
    pub title: String,
    pub overview: String,
    pub hourly_rate: Option<String>,
    pub availability: Availability,
    pub skills: Vec<SkillName>,
    pub portfolio: Vec<PortfolioItem>,
    pub employment: Vec<Employment>,
    pub education: Vec<Education>,
    pub certifications: Vec<Certification>,
    pub languages: Vec<Language>,
    /// The profile photo, when there is one.
    #[schema(example = "/api/v1/freelancers/0193a0c4-8d1e-7b8a-9b53-2d0f4b1f6a10/photo")]
    pub photo_url: Option<String>,
    /// How complete the profile is, in percent.
    pub completeness: i32,
    pub identity_verified: bool,
    pub reputation: Reputation,
    pub member_since: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

fn items<T: serde::de::DeserializeOwned>(value: serde_json::Value) -> Vec<T> {
    serde_json::from_value(value).unwrap_or_default()
}

impl From<FreelancerView> for FreelancerProfile {
    fn from(
        FreelancerView {
            user,
            profile,
            skills,
            reputation,
        }: FreelancerView,
    ) -> Self {
        Self {
            id: user.id,
            full_name: user.full_name,
            country: user.country,
            timezone: user.timezone,
            title: profile.title,
            overview: profile.overview,
            hourly_rate: crate::routes::wire_amount(profile.hourly_rate),
            availability: Availability::from_wire(&profile.availability),
            skills: skills
                .into_iter()
                .map(|(id, name)| SkillName { id, name })
                .collect(),
            portfolio: items(profile.portfolio),
            employment: items(profile.employment),
            education: items(profile.education),
            certifications: items(profile.certifications),
            languages: items(profile.languages),
            photo_url: profile
                .photo_id
                .map(|photo| format!("/api/v1/freelancers/{}/photo?v={}", user.id, photo.simple())),
            completeness: profile.completeness,
            identity_verified: user.identity_verified_at.is_some(),
            reputation: Reputation::from(&reputation),
            member_since: user.created_at,
            updated_at: profile.updated_at,
        }
    }
}

fn to_values<T: Serialize>(list: &[T]) -> Vec<serde_json::Value> {
    list.iter()
        .filter_map(|item| serde_json::to_value(item).ok())
        .collect()
}

/// The signed-in freelancer's profile
#[utoipa::path(
    tag = "profiles",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The profile (empty fields until filled in)", body = FreelancerProfile),
        (status = 403, description = "Not a freelancer account (`freelancer_role_required`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/me/freelancer-profile")]
pub async fn my_freelancer_profile(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
) -> Result<HttpResponse, ApiError> {
    let view = state
        .db(move |conn, _| use_cases::my_freelancer_profile(conn, &user))
        .await?;
    Ok(HttpResponse::Ok().json(FreelancerProfile::from(view)))
}

/// Replace the signed-in freelancer's profile
///
/// Allowed before the email is verified.
#[utoipa::path(
    tag = "profiles",
    security(("bearer" = [])),
    request_body = FreelancerProfileRequest,
    responses(
        (status = 200, description = "The saved profile", body = FreelancerProfile),
        (status = 403, description = "Not a freelancer account (`freelancer_role_required`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/me/freelancer-profile")]
pub async fn save_freelancer_profile(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    ValidJson(body): ValidJson<FreelancerProfileRequest>,
) -> Result<HttpResponse, ApiError> {
    let input = FreelancerProfileInput {
        title: body.title,
        overview: body.overview,
        hourly_rate: body.hourly_rate,
        skill_ids: body.skill_ids,
        availability: body.availability.as_str().to_owned(),
        portfolio: to_values(&body.portfolio),
        employment: to_values(&body.employment),
        education: to_values(&body.education),
        certifications: to_values(&body.certifications),
        languages: to_values(&body.languages),
    };
    let view = state
        .db(move |conn, ctx| use_cases::save_freelancer_profile(conn, ctx, &user, input))
        .await?;
    Ok(HttpResponse::Ok().json(FreelancerProfile::from(view)))
}

/// Image bytes (PNG, JPEG, WebP or GIF).
#[derive(ToSchema)]
#[schema(value_type = String, format = Binary)]
pub struct ImageBytes(#[allow(dead_code)] Vec<u8>);

/// Set the signed-in freelancer's photo
///
/// Send the image itself as the body. Its type is judged from its bytes (PNG, JPEG,
/// WebP or GIF), whatever the declared content type; 5 MB at most.
#[utoipa::path(
    tag = "profiles",
    security(("bearer" = [])),
    request_body(content = ImageBytes, content_type = "application/octet-stream"),
    responses(
        (status = 200, description = "The profile with its new photo", body = FreelancerProfile),
        (status = 403, description = "Not a freelancer account (`freelancer_role_required`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/me/freelancer-profile/photo")]
pub async fn upload_photo(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    RawBody(bytes): RawBody,
) -> Result<HttpResponse, ApiError> {
    let view = state
        .db(move |conn, ctx| use_cases::set_photo(conn, ctx, &user, &bytes))
        .await?;
    Ok(HttpResponse::Ok().json(FreelancerProfile::from(view)))
}

/// A freelancer's photo
#[utoipa::path(
    tag = "profiles",
    params(("id" = Uuid, Path, description = "The freelancer's user id")),
    responses(
        (status = 200, description = "The image", content_type = "image/*", body = ImageBytes),
        (status = 404, description = "No such freelancer, or no photo", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/freelancers/{id}/photo")]
pub async fn freelancer_photo(
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let (content_type, bytes) = state
        .db(move |conn, ctx| use_cases::photo(conn, ctx, id))
        .await?;
    Ok(HttpResponse::Ok()
        .content_type(content_type)
        .insert_header((
            actix_web::http::header::CACHE_CONTROL,
            "public, max-age=86400",
        ))
        .insert_header(("x-content-type-options", "nosniff"))
        .body(bytes))
}

/// A freelancer's public profile
#[utoipa::path(
    tag = "profiles",
    params(("id" = Uuid, Path, description = "The freelancer's user id")),
    responses(
        (status = 200, description = "The public profile", body = FreelancerProfile),
        (status = 404, description = "No such freelancer", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/freelancers/{id}")]
pub async fn public_freelancer(
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let view = state
        .db(move |conn, _| use_cases::public_freelancer(conn, id))
        .await?;
    Ok(HttpResponse::Ok().json(FreelancerProfile::from(view)))
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema)]
pub enum CompanySize {
    #[serde(rename = "just_me")]
    JustMe,
    #[serde(rename = "2_to_9")]
    TwoToNine,
    #[serde(rename = "10_to_99")]
    TenTo99,
    #[serde(rename = "100_to_999")]
    HundredTo999,
    #[serde(rename = "1000_plus")]
    ThousandPlus,
}

impl CompanySize {
    fn as_str(self) -> &'static str {
        match self {
            CompanySize::JustMe => "just_me",
            CompanySize::TwoToNine => "2_to_9",
            CompanySize::TenTo99 => "10_to_99",
            CompanySize::HundredTo999 => "100_to_999",
            CompanySize::ThousandPlus => "1000_plus",
        }
    }

    fn from_wire(s: &str) -> Option<Self> {
        [
            CompanySize::JustMe,
            CompanySize::TwoToNine,
            CompanySize::TenTo99,
            CompanySize::HundredTo999,
            CompanySize::ThousandPlus,
        ]
        .into_iter()
        .find(|size| size.as_str() == s)
    }
}

/// The whole client profile (PUT replaces it).
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[schema(example = json!({"company_name": "Northwind Studio", "description": "A small design studio in Brooklyn.", "company_size": "2_to_9", "website": "https://northwind.example"}))]
pub struct ClientProfileRequest {
    #[serde(default)]
    #[validate(length(max = 100))]
    #[schema(max_length = 100)]
    pub company_name: String,
    #[serde(default)]
    #[validate(length(max = 5000))]
    #[schema(max_length = 5000)]
    pub description: String,
    pub company_size: Option<CompanySize>,
    #[validate(length(max = 300), custom(function = "http_url"))]
    #[schema(max_length = 300, pattern = "^https?://")]
    pub website: Option<String>,
}

/// What freelancers see about a client before working with them.
#[derive(Debug, Serialize, ToSchema)]
pub struct ClientStats {
    /// Jobs the client has published.
    pub jobs_posted: i64,
    /// Percent of posted jobs with at least one hire; null before any job is posted.
    pub hire_rate: Option<i32>,
    #[schema(example = "0.00")]
    pub total_spent: String,
    /// Average rating freelancers gave this client, 1–5, or null with none yet.
    pub rating: Option<String>,
    /// Public reviews from freelancers.
    pub reviews: i64,
    pub payment_verified: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ClientProfile {
    /// The client's user id.
    pub id: Uuid,
    pub full_name: String,
    pub country: String,
    pub timezone: String,
    pub company_name: String,
    pub description: String,
    pub company_size: Option<CompanySize>,
    pub website: Option<String>,
    pub stats: ClientStats,
    pub member_since: DateTime<Utc>,
}

impl From<ClientView> for ClientProfile {
    fn from(
        ClientView {
            user,
            profile,
            jobs_posted,
            figures,
            rating,
        }: ClientView,
    ) -> Self {
        Self {
            id: user.id,
            full_name: user.full_name,
            country: user.country,
            timezone: user.timezone,
            company_name: profile.company_name,
            description: profile.description,
            company_size: profile
                .company_size
                .as_deref()
                .and_then(CompanySize::from_wire),
            website: profile.website,
            stats: ClientStats {
                jobs_posted,
                hire_rate: (jobs_posted > 0).then(|| {
                    i32::try_from((figures.jobs_hired * 100 / jobs_posted).min(100)).unwrap_or(100)
                }),
                total_spent: crate::routes::money(figures.total_spent),
                rating: rating.rating.map(|x| x.round_dp(2).to_string()),
                reviews: rating.reviews,
                payment_verified: user.payment_verified_at.is_some(),
            },
            member_since: user.created_at,
        }
    }
}

/// The signed-in client's profile
#[utoipa::path(
    tag = "profiles",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The profile", body = ClientProfile),
        (status = 403, description = "Not a client account (`client_role_required`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/me/client-profile")]
pub async fn my_client_profile(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
) -> Result<HttpResponse, ApiError> {
    let view = state
        .db(move |conn, _| use_cases::my_client_profile(conn, &user))
        .await?;
    Ok(HttpResponse::Ok().json(ClientProfile::from(view)))
}

/// Replace the signed-in client's profile
#[utoipa::path(
    tag = "profiles",
    security(("bearer" = [])),
    request_body = ClientProfileRequest,
    responses(
        (status = 200, description = "The saved profile", body = ClientProfile),
        (status = 403, description = "Not a client account (`client_role_required`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/me/client-profile")]
pub async fn save_client_profile(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    ValidJson(body): ValidJson<ClientProfileRequest>,
) -> Result<HttpResponse, ApiError> {
    let input = ClientProfileInput {
        company_name: body.company_name,
        description: body.description,
        company_size: body.company_size.map(|s| s.as_str().to_owned()),
        website: body.website,
    };
    let view = state
        .db(move |conn, ctx| use_cases::save_client_profile(conn, ctx, &user, input))
        .await?;
    Ok(HttpResponse::Ok().json(ClientProfile::from(view)))
}

/// A client's public profile
#[utoipa::path(
    tag = "profiles",
    params(("id" = Uuid, Path, description = "The client's user id")),
    responses(
        (status = 200, description = "The public profile with derived stats", body = ClientProfile),
        (status = 404, description = "No such client", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/clients/{id}")]
pub async fn public_client(
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let view = state
        .db(move |conn, _| use_cases::public_client(conn, id))
        .await?;
    Ok(HttpResponse::Ok().json(ClientProfile::from(view)))
}
