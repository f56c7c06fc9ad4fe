//! The taxonomy: categories with subcategories, and skills.

use crate::extract::ValidQuery;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{HttpResponse, get, http::header, web};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};
use uuid::Uuid;
use validator::Validate;
use worklane_app::taxonomy;

#[derive(OpenApi)]
#[openapi(paths(list_categories, list_skills))]
pub struct TaxonomyApi;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(list_categories).service(list_skills);
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"id": "3f0c7f8e-4b7a-5a8e-9c1d-2e3f4a5b6c7d", "slug": "writing/copywriting", "name": "Copywriting"}))]
pub struct Subcategory {
    pub id: Uuid,
    pub slug: String,
    pub name: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Category {
    pub id: Uuid,
    pub slug: String,
    pub name: String,
    pub subcategories: Vec<Subcategory>,
}

/// Categories and their subcategories
#[utoipa::path(
    tag = "taxonomy",
    responses((status = 200, description = "Every category, in display order", body = Vec<Category>))
)]
#[get("/categories")]
pub async fn list_categories(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let tree = state.db(|conn, _| taxonomy::category_tree(conn)).await?;
    let body: Vec<Category> = tree
        .into_iter()
        .map(|node| Category {
            id: node.category.id,
            slug: node.category.slug,
            name: node.category.name,
            subcategories: node
                .subcategories
                .into_iter()
                .map(|s| Subcategory {
                    id: s.id,
                    slug: s.slug,
                    name: s.name,
                })
                .collect(),
        })
        .collect();
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "public, max-age=300"))
        .json(body))
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SkillsQuery {
    /// Prefix or approximate name (typos tolerated), e.g. `pyth` or `pyton`.
    #[validate(length(max = 100))]
    #[param(max_length = 100)]
    pub q: Option<String>,
    /// Page size, 1–100 (default 20).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
    /// `next_cursor` from the previous page (browsing without `q`).
    #[validate(length(min = 1, max = 300))]
    #[param(min_length = 1, max_length = 300)]
    pub cursor: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"id": "9b1f2c3d-4e5f-5a6b-8c7d-0e1f2a3b4c5d", "slug": "python", "name": "Python", "category_id": null}))]
pub struct Skill {
    pub id: Uuid,
    pub slug: String,
    pub name: String,
    /// The category the skill is most at home in.
    pub category_id: Option<Uuid>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SkillPage {
    pub data: Vec<Skill>,
    pub next_cursor: Option<String>,
}

/// Look up skills
///
/// With `q`, the best matches: names starting with `q` first, then close spellings.
/// Without `q`, every skill in name order, page by page.
#[utoipa::path(
    tag = "taxonomy",
    params(SkillsQuery),
    responses((status = 200, description = "Matching skills", body = SkillPage))
)]
#[get("/skills")]
pub async fn list_skills(
    state: web::Data<AppState>,
    ValidQuery(query): ValidQuery<SkillsQuery>,
) -> Result<HttpResponse, ApiError> {
    let page = state
        .db(move |conn, _| {
            taxonomy::skills(
                conn,
                query.q.as_deref(),
                query.cursor.as_deref(),
                query.limit,
            )
        })
        .await?;
    let data = page
        .skills
        .into_iter()
        .map(|s| Skill {
            id: s.id,
            slug: s.slug,
            name: s.name,
            category_id: s.category_id,
        })
        .collect();
    Ok(HttpResponse::Ok().json(SkillPage {
        data,
        next_cursor: page.next_cursor,
    }))
}
