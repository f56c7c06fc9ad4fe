//! The signed-in user's own account.

use crate::extract::{AuthUser, ValidJson};
use crate::problem::ApiError;
use crate::routes::users::User;
use crate::state::AppState;
use actix_web::{HttpResponse, get, patch, web};
use serde::Deserialize;
use utoipa::{OpenApi, ToSchema};
use validator::Validate;
use worklane_app::accounts::{self, AccountUpdate};

#[derive(OpenApi)]
#[openapi(paths(get_me, update_me))]
pub struct MeApi;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(get_me).service(update_me);
}

/// The signed-in user
#[utoipa::path(
    tag = "account",
    security(("bearer" = [])),
    responses((status = 200, description = "The signed-in user", body = User))
)]
#[get("/me")]
pub async fn get_me(AuthUser(user): AuthUser) -> HttpResponse {
    HttpResponse::Ok().json(User::from(&user))
}

/// Fields a user may change on their account; absent fields stay as they are.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[schema(example = json!({"full_name": "Ada King", "timezone": "Europe/Paris"}))]
pub struct UpdateMeRequest {
    #[validate(length(min = 1, max = 100))]
    #[schema(min_length = 1, max_length = 100)]
    pub full_name: Option<String>,
    #[schema(pattern = "^[A-Z]{2}$")]
    pub country: Option<String>,
    #[validate(length(min = 1, max = 64))]
    #[schema(min_length = 1, max_length = 64)]
    pub timezone: Option<String>,
}

/// Edit the signed-in user's account
#[utoipa::path(
    tag = "account",
    security(("bearer" = [])),
    request_body = UpdateMeRequest,
    responses((status = 200, description = "The updated account", body = User))
)]
#[patch("/me")]
pub async fn update_me(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    ValidJson(body): ValidJson<UpdateMeRequest>,
) -> Result<HttpResponse, ApiError> {
    let update = AccountUpdate {
        full_name: body.full_name,
        country: body.country,
        timezone: body.timezone,
    };
    let user = state
        .db(move |conn, ctx| accounts::update_account(conn, ctx, &user, update))
        .await?;
    Ok(HttpResponse::Ok().json(User::from(&user)))
}
