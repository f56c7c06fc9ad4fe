//! Account security (SPEC §1, §14): two-factor sign-in with an authenticator app,
//! the signed-in sessions and signing out everywhere, and personal access tokens.

use crate::extract::{AuthPrincipal, AuthUser, ValidJson};
use crate::problem::{ApiError, Problem};
use crate::state::AppState;
use actix_web::{HttpResponse, delete, get, post, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{OpenApi, ToSchema};
use uuid::Uuid;
use validator::Validate;
use worklane_app::auth::Credential;
use worklane_app::security as use_cases;
use worklane_db::security::AccessToken as TokenRow;
use worklane_domain::access::Scope;

#[derive(OpenApi)]
#[openapi(paths(
    two_factor_status,
    two_factor_setup,
    two_factor_enable,
    two_factor_disable,
    two_factor_recovery_codes,
    list_sessions,
    revoke_session,
    sign_out_everywhere,
    create_token,
    list_tokens,
    revoke_token
))]
pub struct SecurityApi;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(two_factor_status)
        .service(two_factor_setup)
        .service(two_factor_enable)
        .service(two_factor_disable)
        .service(two_factor_recovery_codes)
        .service(list_sessions)
        .service(revoke_session)
        .service(sign_out_everywhere)
        .service(create_token)
        .service(list_tokens)
        .service(revoke_token);
}

// ---------- two-factor ----------

#[derive(Debug, Serialize, ToSchema)]
pub struct TwoFactorStatus {
    pub enabled: bool,
    pub enabled_at: Option<DateTime<Utc>>,
    /// Unused recovery codes.
    pub recovery_codes_left: i64,
}

/// Whether two-factor sign-in is on
#[utoipa::path(
    tag = "security",
    security(("bearer" = [])),
    responses((status = 200, description = "The state", body = TwoFactorStatus))
)]
#[get("/me/two-factor")]
pub async fn two_factor_status(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
) -> Result<HttpResponse, ApiError> {
    let status = state
        .db(move |conn, _| use_cases::status(conn, &user))
        .await?;
    Ok(HttpResponse::Ok().json(TwoFactorStatus {
        enabled: status.enabled,
        enabled_at: status.enabled_at,
        recovery_codes_left: status.recovery_codes_left,
    }))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TwoFactorSetup {
    /// The key, base32, for typing into the app when scanning is not possible.
    #[schema(example = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")]
    pub secret: String,
    /// `otpauth://totp/Worklane:<email>?secret=...&issuer=Worklane`
    pub otpauth_url: String,
    /// The same URL as a QR code: an SVG document.
    pub qr_svg: String,
}

/// Start setting up two-factor sign-in
///
/// Gives a new authenticator key as a QR code. Nothing changes until a code from it
/// is confirmed at `/me/two-factor/enable`; starting again replaces the key.
#[utoipa::path(
    tag = "security",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Scan it", body = TwoFactorSetup),
        (status = 409, description = "`two_factor_enabled`: it is on already", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/me/two-factor/setup")]
pub async fn two_factor_setup(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
) -> Result<HttpResponse, ApiError> {
    let enrolment = state
        .db(move |conn, ctx| use_cases::start(conn, ctx, &user))
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(TwoFactorSetup {
            secret: enrolment.secret,
            otpauth_url: enrolment.otpauth_url,
            qr_svg: enrolment.qr_svg,
        }))
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct CodeBody {
    /// The authenticator's current 6-digit code (a recovery code also works, except
    /// when enabling).
    #[validate(length(min = 6, max = 16))]
    #[schema(example = "492039", min_length = 6, max_length = 16)]
    pub code: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RecoveryCodes {
    /// Single-use codes for signing in without the app. Shown this once: keep them safe.
    #[schema(example = json!(["k7mq2-x9fhr", "p3ndt-w8ayc"]))]
    pub recovery_codes: Vec<String>,
}

/// Turn two-factor sign-in on
///
/// Confirms the key from `/me/two-factor/setup` with a code from the app. From now
/// on, signing in needs a code too.
#[utoipa::path(
    tag = "security",
    security(("bearer" = [])),
    request_body = CodeBody,
    responses(
        (status = 200, description = "On; the recovery codes, shown once", body = RecoveryCodes),
        (status = 409, description = "`two_factor_enabled` or `two_factor_not_started`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`invalid_code` on `code`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/me/two-factor/enable")]
pub async fn two_factor_enable(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    ValidJson(body): ValidJson<CodeBody>,
) -> Result<HttpResponse, ApiError> {
    let codes = state
        .db(move |conn, ctx| use_cases::enable(conn, ctx, &user, &body.code))
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(RecoveryCodes {
            recovery_codes: codes,
        }))
}

/// Turn two-factor sign-in off
///
/// Needs a current code from the app (or a recovery code).
#[utoipa::path(
    tag = "security",
    security(("bearer" = [])),
    request_body = CodeBody,
    responses(
        (status = 204, description = "Off"),
        (status = 409, description = "`two_factor_not_enabled`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`invalid_code` on `code`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/me/two-factor/disable")]
pub async fn two_factor_disable(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    ValidJson(body): ValidJson<CodeBody>,
) -> Result<HttpResponse, ApiError> {
    state
        .db(move |conn, ctx| use_cases::disable(conn, ctx, &user, &body.code))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// New recovery codes
///
/// The old ones stop working. Needs a current code.
#[utoipa::path(
    tag = "security",
    security(("bearer" = [])),
    request_body = CodeBody,
    responses(
        (status = 200, description = "The new codes, shown once", body = RecoveryCodes),
        (status = 409, description = "`two_factor_not_enabled`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`invalid_code` on `code`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/me/two-factor/recovery-codes")]
pub async fn two_factor_recovery_codes(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    ValidJson(body): ValidJson<CodeBody>,
) -> Result<HttpResponse, ApiError> {
    let codes = state
        .db(move |conn, ctx| use_cases::regenerate_recovery_codes(conn, ctx, &user, &body.code))
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(RecoveryCodes {
            recovery_codes: codes,
        }))
}

// ---------- sessions ----------

#[derive(Debug, Serialize, ToSchema)]
pub struct SessionInfo {
    pub id: Uuid,
    /// When this sign-in happened.
    pub created_at: DateTime<Utc>,
    pub last_used_at: DateTime<Utc>,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    /// The session this request comes from.
    pub current: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SessionList {
    pub data: Vec<SessionInfo>,
}

/// Where you are signed in
#[utoipa::path(
    tag = "security",
    security(("bearer" = [])),
    responses((status = 200, description = "Live sessions, most recently used first (at most 100)", body = SessionList))
)]
#[get("/me/sessions")]
pub async fn list_sessions(
    state: web::Data<AppState>,
    AuthPrincipal(principal): AuthPrincipal,
) -> Result<HttpResponse, ApiError> {
    let current = match principal.credential {
        Credential::Session(id) => Some(id),
        Credential::Token { .. } => None,
    };
    let user = principal.user;
    let sessions = state
        .db(move |conn, _| use_cases::sessions(conn, &user))
        .await?;
    Ok(HttpResponse::Ok().json(SessionList {
        data: sessions
            .into_iter()
            .map(|s| SessionInfo {
                current: Some(s.id) == current,
                id: s.id,
                created_at: s.created_at,
                last_used_at: s.last_used_at,
                ip: s.ip,
                user_agent: s.user_agent,
            })
            .collect(),
    }))
}

/// Sign out one session
#[utoipa::path(
    tag = "security",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The session")),
    responses(
        (status = 204, description = "Signed out there"),
        (status = 404, description = "No such live session of yours", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/me/sessions/{id}")]
pub async fn revoke_session(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    state
        .db(move |conn, ctx| use_cases::revoke_session(conn, ctx, &user, id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SignedOutEverywhere {
    /// How many sessions ended, this one included.
    pub sessions_revoked: usize,
}

/// Sign out everywhere
///
/// Ends every session, this one included: every refresh and access token stops
/// working and open real-time connections close. Personal access tokens are not
/// affected (revoke them one by one).
#[utoipa::path(
    tag = "security",
    security(("bearer" = [])),
    responses((status = 200, description = "Signed out everywhere", body = SignedOutEverywhere))
)]
#[delete("/me/sessions")]
pub async fn sign_out_everywhere(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
) -> Result<HttpResponse, ApiError> {
    let revoked = state
        .db(move |conn, ctx| use_cases::sign_out_everywhere(conn, ctx, &user))
        .await?;
    Ok(HttpResponse::Ok().json(SignedOutEverywhere {
        sessions_revoked: revoked,
    }))
}

// ---------- personal access tokens ----------

wire_enum!(
    /// What a personal access token may do: `read` reads everything you can see;
    /// each other scope reads and changes its area.
    TokenScope {
        Read = "read",
        Jobs = "jobs",
        Proposals = "proposals",
        Contracts = "contracts",
        Wallet = "wallet",
    }
);

impl From<TokenScope> for Scope {
    fn from(s: TokenScope) -> Self {
        match s {
            TokenScope::Read => Scope::Read,
            TokenScope::Jobs => Scope::Jobs,
            TokenScope::Proposals => Scope::Proposals,
            TokenScope::Contracts => Scope::Contracts,
            TokenScope::Wallet => Scope::Wallet,
        }
    }
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct NewToken {
    /// What it is for, to tell your tokens apart.
    #[validate(length(min = 1, max = 100))]
    #[schema(example = "Invoice sync", min_length = 1, max_length = 100)]
    pub name: String,
    #[validate(length(min = 1, max = 5))]
    #[schema(min_items = 1, max_items = 5)]
    pub scopes: Vec<TokenScope>,
    /// Days until it stops working (1–366); leave out for no expiry.
    #[validate(range(min = 1, max = 366))]
    #[schema(minimum = 1, maximum = 366, example = 90)]
    pub expires_in_days: Option<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AccessToken {
    pub id: Uuid,
    pub name: String,
    /// The token's first characters.
    #[schema(example = "wlp_Xk3vQ9")]
    pub prefix: String,
    pub scopes: Vec<TokenScope>,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub expires_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

impl From<&TokenRow> for AccessToken {
    fn from(t: &TokenRow) -> Self {
        Self {
            id: t.id,
            name: t.name.clone(),
            prefix: t.prefix.clone(),
            scopes: t
                .scopes
                .iter()
                .filter_map(|s| TokenScope::from_wire(s))
                .collect(),
            created_at: t.created_at,
            last_used_at: t.last_used_at,
            expires_at: t.expires_at,
            revoked_at: t.revoked_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CreatedToken {
    /// Send it as `Authorization: Bearer <token>`. Shown this once; only its hash is kept.
    #[schema(example = "wlp_Xk3vQ9...")]
    pub token: String,
    #[serde(flatten)]
    pub details: AccessToken,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TokenList {
    pub data: Vec<AccessToken>,
}

/// Create a personal access token
///
/// For scripts and server-to-server use. Only a signed-in person can create one
/// (never another token); at most 20 live tokens each.
#[utoipa::path(
    tag = "security",
    security(("bearer" = [])),
    request_body = NewToken,
    responses(
        (status = 201, description = "The token, shown once", body = CreatedToken),
        (status = 403, description = "`session_required`: tokens can't make tokens", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`too_many_tokens`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/me/tokens")]
pub async fn create_token(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    ValidJson(body): ValidJson<NewToken>,
) -> Result<HttpResponse, ApiError> {
    let scopes: Vec<Scope> = body.scopes.iter().map(|s| Scope::from(*s)).collect();
    let created = state
        .db(move |conn, ctx| {
            use_cases::create_token(conn, ctx, &user, &body.name, &scopes, body.expires_in_days)
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header(("Cache-Control", "no-store"))
        .json(CreatedToken {
            token: created.token,
            details: AccessToken::from(&created.record),
        }))
}

/// Your personal access tokens
#[utoipa::path(
    tag = "security",
    security(("bearer" = [])),
    responses((status = 200, description = "Newest first, revoked ones included", body = TokenList))
)]
#[get("/me/tokens")]
pub async fn list_tokens(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
) -> Result<HttpResponse, ApiError> {
    let tokens = state
        .db(move |conn, _| use_cases::tokens(conn, &user))
        .await?;
    Ok(HttpResponse::Ok().json(TokenList {
        data: tokens.iter().map(AccessToken::from).collect(),
    }))
}

/// Revoke a personal access token
#[utoipa::path(
    tag = "security",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The token")),
    responses(
        (status = 204, description = "Revoked (or was already)"),
        (status = 404, description = "No such token of yours", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/me/tokens/{id}")]
pub async fn revoke_token(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    state
        .db(move |conn, ctx| use_cases::revoke_token(conn, ctx, &user, id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
