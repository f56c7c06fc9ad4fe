//! Reference data the clients need to build forms.

use actix_web::{HttpResponse, get, http::header, web};
use serde::Serialize;
use utoipa::{OpenApi, ToSchema};
use worklane_domain::account::countries;

#[derive(OpenApi)]
#[openapi(paths(list_countries))]
pub struct ReferenceApi;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(list_countries);
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"code": "DE", "name": "Germany"}))]
pub struct Country {
    /// ISO 3166-1 alpha-2.
    pub code: String,
    pub name: String,
}

/// Countries a user can pick, sorted by name
#[utoipa::path(
    tag = "reference",
    responses((status = 200, description = "Every ISO 3166-1 country", body = Vec<Country>))
)]
#[get("/countries")]
pub async fn list_countries() -> HttpResponse {
    let list: Vec<Country> = countries()
        .into_iter()
        .map(|(code, name)| Country {
            code: code.to_owned(),
            name: name.to_owned(),
        })
        .collect();
    HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "public, max-age=86400"))
        .json(list)
}
