//! Sign-up, email verification, sign-in, token refresh and sign-out.

use crate::extract::{AuthUser, ValidJson, client_ip};
use crate::problem::ApiError;
use crate::routes::users::{SignupRoleName, User};
use crate::state::AppState;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, post, web};
use serde::{Deserialize, Serialize};
use utoipa::{OpenApi, ToSchema};
use validator::Validate;
use worklane_app::auth::{self, LoginInput, SignedIn, SignupInput};

#[derive(OpenApi)]
#[openapi(paths(signup, verify_email, resend_verification, login, refresh, logout))]
pub struct AuthApi;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(signup)
        .service(verify_email)
        .service(resend_verification)
        .service(login)
        .service(refresh)
        .service(logout);
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[schema(example = json!({
    "email": "ada@example.com",
    "password": "violet tugboat marmalade",
    "full_name": "Ada Lovelace",
    "country": "GB",
    "timezone": "Europe/London",
    "roles": ["client", "freelancer"]
}))]
pub struct SignupRequest {
    #[validate(email(message = "must be a valid email address"), length(max = 254))]
    #[schema(format = Email, max_length = 254)]
    pub email: String,
    /// 10–128 characters, not a common or easily guessed password.
    #[schema(format = Password, min_length = 10, max_length = 128)]
    pub password: String,
    #[validate(length(min = 1, max = 100))]
    #[schema(min_length = 1, max_length = 100)]
    pub full_name: String,
    /// ISO 3166-1 alpha-2 country code.
    #[schema(pattern = "^[A-Z]{2}$")]
    pub country: String,
    /// IANA time zone, e.g. `Europe/Berlin`.
    #[validate(length(min = 1, max = 64))]
    #[schema(min_length = 1, max_length = 64)]
    pub timezone: String,
    /// What the account will act as: client, freelancer or both.
    #[validate(length(min = 1, max = 2))]
    #[schema(min_items = 1, max_items = 2)]
    pub roles: Vec<SignupRoleName>,
}

/// Create an account
///
/// Creates an unverified account and emails a single-use verification link. The
/// account can sign in straight away.
#[utoipa::path(
    tag = "auth",
    request_body = SignupRequest,
    responses(
        (status = 201, description = "Account created; a verification email is on its way", body = User),
        (status = 409, description = "An account with this email exists (`email_taken`)", body = crate::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/signup")]
pub async fn signup(
    state: web::Data<AppState>,
    ValidJson(body): ValidJson<SignupRequest>,
) -> Result<HttpResponse, ApiError> {
    let mut roles: Vec<_> = body.roles.iter().copied().map(Into::into).collect();
    roles.dedup();
    let input = SignupInput {
        email: body.email,
        password: body.password,
        full_name: body.full_name,
        country: body.country,
        timezone: body.timezone,
        roles,
    };
    let user = state
        .db(move |conn, ctx| auth::signup(conn, ctx, input))
        .await?;
    Ok(HttpResponse::Created().json(User::from(&user)))
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct VerifyEmailRequest {
    /// The token from the verification link.
    #[validate(length(min = 1, max = 256))]
    #[schema(min_length = 1, max_length = 256)]
    pub token: String,
}

/// Verify an email address
#[utoipa::path(
    tag = "auth",
    request_body = VerifyEmailRequest,
    responses(
        (status = 200, description = "Email verified", body = User),
    )
)]
#[post("/auth/verify-email")]
pub async fn verify_email(
    state: web::Data<AppState>,
    ValidJson(body): ValidJson<VerifyEmailRequest>,
) -> Result<HttpResponse, ApiError> {
    let user = state
        .db(move |conn, ctx| auth::verify_email(conn, ctx, &body.token))
        .await?;
    Ok(HttpResponse::Ok().json(User::from(&user)))
}

/// Send a new verification email
#[utoipa::path(
    tag = "auth",
    security(("bearer" = [])),
    responses(
        (status = 202, description = "A new verification link is on its way"),
        (status = 409, description = "Already verified (`already_verified`)", body = crate::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/resend-verification")]
pub async fn resend_verification(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
) -> Result<HttpResponse, ApiError> {
    state
        .db(move |conn, ctx| auth::resend_verification(conn, ctx, &user))
        .await?;
    Ok(HttpResponse::Accepted().finish())
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[schema(example = json!({"email": "ada@example.com", "password": "violet tugboat marmalade"}))]
pub struct LoginRequest {
    #[validate(length(min = 1, max = 254))]
    #[schema(min_length = 1, max_length = 254)]
    pub email: String,
    #[validate(length(min = 1, max = 128))]
    #[schema(format = Password, min_length = 1, max_length = 128)]
    pub password: String,
    /// Six-digit code from the authenticator app, once two-factor sign-in is enabled.
    /// Or one of the recovery codes given when two-factor sign-in was turned on.
    #[validate(length(min = 6, max = 16))]
    #[schema(min_length = 6, max_length = 16, example = "492039")]
    pub totp_code: Option<String>,
}

/// A signed-in session's credentials.
#[derive(Debug, Serialize, ToSchema)]
pub struct TokenResponse {
    /// Short-lived JWT for `Authorization: Bearer`.
    pub access_token: String,
    /// Long-lived, single-use: exchange it at `/auth/refresh` for a new pair. Reusing
    /// an exchanged refresh token ends the whole session.
    pub refresh_token: String,
    #[schema(example = "Bearer")]
    pub token_type: String,
    /// Seconds until the access token expires.
    #[schema(example = 900)]
    pub expires_in: i64,
    pub user: User,
}

impl From<SignedIn> for TokenResponse {
    fn from(signed_in: SignedIn) -> Self {
        Self {
            access_token: signed_in.access_token,
            refresh_token: signed_in.refresh_token,
            token_type: "Bearer".to_owned(),
            expires_in: signed_in.expires_in,
            user: User::from(&signed_in.user),
        }
    }
}

/// Sign in
///
/// Failed attempts are throttled per account and per IP address: after too many in a
/// row the account (or address) is locked for a while and every attempt, even with the
/// right password, gets 429 with `Retry-After`.
#[utoipa::path(
    tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Signed in", body = TokenResponse),
        (status = 401, description = "Wrong email or password (`invalid_credentials`); with two-factor on, no code (`totp_required`) or a wrong or already used one (`invalid_totp_code`)", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 403, description = "The account is suspended (`account_suspended`, with the reason)", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many failed attempts, wrong codes included (`too_many_attempts`), or too many sign-ins (`rate_limited`)", body = crate::problem::Problem, content_type = "application/problem+json",
            headers(("Retry-After" = u32, description = "Seconds until the lock expires"))),
    )
)]
#[post("/auth/login")]
pub async fn login(
    state: web::Data<AppState>,
    req: HttpRequest,
    ValidJson(body): ValidJson<LoginRequest>,
) -> Result<HttpResponse, ApiError> {
    let input = LoginInput {
        email: body.email,
        password: body.password,
        totp_code: body.totp_code,
        ip: client_ip(&req, state.config.trust_proxy_headers),
        user_agent: req
            .headers()
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned),
    };
    let signed_in = state
        .db(move |conn, ctx| auth::login(conn, ctx, input))
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(TokenResponse::from(signed_in)))
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct RefreshRequest {
    #[validate(length(min = 1, max = 256))]
    #[schema(min_length = 1, max_length = 256)]
    pub refresh_token: String,
}

/// Exchange a refresh token for a new pair
///
/// The presented refresh token is used up; store the new one. Presenting a used
/// refresh token again revokes the whole session.
#[utoipa::path(
    tag = "auth",
    request_body = RefreshRequest,
    responses(
        (status = 200, description = "A new access and refresh token", body = TokenResponse),
        (status = 401, description = "Invalid, expired, reused or revoked (`invalid_refresh_token`)", body = crate::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/refresh")]
pub async fn refresh(
    state: web::Data<AppState>,
    ValidJson(body): ValidJson<RefreshRequest>,
) -> Result<HttpResponse, ApiError> {
    let signed_in = state
        .db(move |conn, ctx| auth::refresh(conn, ctx, &body.refresh_token))
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(TokenResponse::from(signed_in)))
}

/// Sign out
///
/// Revokes the session the refresh token belongs to: its refresh tokens and the access
/// tokens issued for it stop working. Unknown tokens are ignored.
#[utoipa::path(
    tag = "auth",
    request_body = RefreshRequest,
    responses(
        (status = 204, description = "Signed out"),
    )
)]
#[post("/auth/logout")]
pub async fn logout(
    state: web::Data<AppState>,
    ValidJson(body): ValidJson<RefreshRequest>,
) -> Result<HttpResponse, ApiError> {
    state
        .db(move |conn, ctx| auth::logout(conn, ctx, &body.refresh_token))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
