//! Liveness plus a database round trip.

use crate::state::AppState;
use actix_web::{HttpResponse, get, web};
use diesel::RunQueryDsl;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct Health {
    /// `ok` or `unavailable`.
    #[schema(example = "ok")]
    pub status: String,
    /// `ok` or `unreachable`.
    #[schema(example = "ok")]
    pub database: String,
}

/// Health check
///
/// 200 when the server can reach its database, 503 otherwise.
#[utoipa::path(
    tag = "operations",
    responses(
        (status = 200, description = "Serving, database reachable", body = Health),
        (status = 503, description = "Database unreachable", body = Health),
    )
)]
#[get("/health")]
pub async fn health(state: web::Data<AppState>) -> HttpResponse {
    let pool = state.pool.clone();
    let reachable = web::block(move || {
        pool.get()
            .ok()
            .and_then(|mut conn| diesel::sql_query("SELECT 1").execute(&mut conn).ok())
            .is_some()
    })
    .await
    .unwrap_or(false);
    if reachable {
        HttpResponse::Ok().json(Health {
            status: "ok".to_owned(),
            database: "ok".to_owned(),
        })
    } else {
        HttpResponse::ServiceUnavailable().json(Health {
            status: "unavailable".to_owned(),
            database: "unreachable".to_owned(),
        })
    }
}
