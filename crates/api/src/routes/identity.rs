//! Identity verification (SPEC §1): a freelancer's document upload, and the admin
//! review queue; the admin ledger check.

use crate::extract::{AdminUser, AuthUser, DocumentBody, ValidJson, ValidQuery};
use crate::problem::{ApiError, Problem};
use crate::state::AppState;
use actix_web::{HttpResponse, get, post, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};
use uuid::Uuid;
use validator::Validate;
use worklane_app::identity as use_cases;
use worklane_db::identity::IdentityDocument as Row;

#[derive(OpenApi)]
#[openapi(
    paths(
        upload_document,
        my_documents,
        review_queue,
        document_file,
        approve_document,
        reject_document,
        verify_ledger
    ),
    components(schemas(ReviewStatus))
)]
pub struct IdentityApi;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(upload_document)
        .service(my_documents)
        .service(review_queue)
        .service(document_file)
        .service(approve_document)
        .service(reject_document)
        .service(verify_ledger);
}

#[derive(Debug, Serialize, ToSchema)]
pub struct IdentityDocument {
    pub id: Uuid,
    /// `pending`, `approved` or `rejected`.
    #[schema(example = "pending")]
    pub status: String,
    /// Why it was rejected.
    pub reason: Option<String>,
    pub created_at: DateTime<Utc>,
    pub reviewed_at: Option<DateTime<Utc>>,
}

impl From<Row> for IdentityDocument {
    fn from(d: Row) -> Self {
        Self {
            id: d.id,
            status: d.status,
            reason: d.reason,
            created_at: d.created_at,
            reviewed_at: d.reviewed_at,
        }
    }
}

/// Upload an identity document
///
/// The raw file as the body (PNG, JPEG, WebP, GIF or PDF, at most 10 MB; the content
/// is checked, whatever the Content-Type says). An admin reviews it.
#[utoipa::path(
    tag = "account",
    security(("bearer" = [])),
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "The document's bytes"),
    responses(
        (status = 201, description = "Waiting for review", body = IdentityDocument),
        (status = 409, description = "`already_verified` or `review_pending`", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Larger than 10 MB", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not an image or PDF", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/me/identity-documents")]
pub async fn upload_document(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    DocumentBody(bytes): DocumentBody,
) -> Result<HttpResponse, ApiError> {
    let document = state
        .db(move |conn, ctx| use_cases::upload(conn, ctx, &user, &bytes))
        .await?;
    Ok(HttpResponse::Created().json(IdentityDocument::from(document)))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MyDocuments {
    pub identity_verified: bool,
    pub data: Vec<IdentityDocument>,
}

/// Your identity documents and whether you are verified
#[utoipa::path(
    tag = "account",
    security(("bearer" = [])),
    responses((status = 200, description = "Newest first", body = MyDocuments))
)]
#[get("/me/identity-documents")]
pub async fn my_documents(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
) -> Result<HttpResponse, ApiError> {
    let (verified, documents) = state
        .db(move |conn, _| {
            let fresh = worklane_db::users::find(conn, user.id)?;
            let verified = fresh.is_some_and(|u| u.identity_verified_at.is_some());
            Ok((verified, use_cases::mine(conn, &user)?))
        })
        .await?;
    Ok(HttpResponse::Ok().json(MyDocuments {
        identity_verified: verified,
        data: documents.into_iter().map(IdentityDocument::from).collect(),
    }))
}

#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReviewStatus {
    Pending,
    Approved,
    Rejected,
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct QueueQuery {
    /// Default `pending`.
    pub status: Option<ReviewStatus>,
    #[validate(length(min = 1, max = 200))]
    #[param(min_length = 1, max_length = 200)]
    pub cursor: Option<String>,
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Submitter {
    pub id: Uuid,
    pub full_name: String,
    pub email: String,
    pub country: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct QueuedDocument {
    pub id: Uuid,
    pub status: String,
    pub reason: Option<String>,
    pub created_at: DateTime<Utc>,
    pub user: Submitter,
    /// The document's bytes (admins only).
    pub file_url: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct QueuePage {
    pub data: Vec<QueuedDocument>,
    pub next_cursor: Option<String>,
}

/// Identity documents to review (admins)
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    params(QueueQuery),
    responses(
        (status = 200, description = "Oldest first", body = QueuePage),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/admin/identity-documents")]
pub async fn review_queue(
    state: web::Data<AppState>,
    AdminUser(admin): AdminUser,
    ValidQuery(query): ValidQuery<QueueQuery>,
) -> Result<HttpResponse, ApiError> {
    let status = match query.status.unwrap_or(ReviewStatus::Pending) {
        ReviewStatus::Pending => "pending",
        ReviewStatus::Approved => "approved",
        ReviewStatus::Rejected => "rejected",
    };
    let (items, next_cursor) = state
        .db(move |conn, _| {
            use_cases::queue(conn, &admin, status, query.cursor.as_deref(), query.limit)
        })
        .await?;
    Ok(HttpResponse::Ok().json(QueuePage {
        data: items
            .into_iter()
            .map(|item| QueuedDocument {
                file_url: format!("/api/v1/admin/identity-documents/{}/file", item.document.id),
                id: item.document.id,
                status: item.document.status,
                reason: item.document.reason,
                created_at: item.document.created_at,
                user: Submitter {
                    id: item.document.user_id,
                    full_name: item.full_name,
                    email: item.email,
                    country: item.country,
                },
            })
            .collect(),
        next_cursor,
    }))
}

/// A document's file (admins)
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The document")),
    responses(
        (status = 200, description = "The bytes, with their sniffed content type"),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such document", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/admin/identity-documents/{id}/file")]
pub async fn document_file(
    state: web::Data<AppState>,
    AdminUser(admin): AdminUser,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let (content_type, bytes) = state
        .db(move |conn, ctx| use_cases::file(conn, ctx, &admin, id))
        .await?;
    Ok(HttpResponse::Ok()
        .content_type(content_type)
        .insert_header(("Cache-Control", "private, no-store"))
        .insert_header(("X-Content-Type-Options", "nosniff"))
        .body(bytes))
}

/// Approve a document: the freelancer's identity is verified (admins)
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The document")),
    responses(
        (status = 200, description = "Approved", body = IdentityDocument),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such document", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already reviewed", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/admin/identity-documents/{id}/approve")]
pub async fn approve_document(
    state: web::Data<AppState>,
    AdminUser(admin): AdminUser,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let document = state
        .db(move |conn, ctx| use_cases::review(conn, ctx, &admin, id, true, None))
        .await?;
    Ok(HttpResponse::Ok().json(IdentityDocument::from(document)))
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct Rejection {
    #[validate(length(min = 1, max = 500))]
    #[schema(
        example = "The photo is too blurry to read.",
        min_length = 1,
        max_length = 500
    )]
    pub reason: String,
}

/// Reject a document, saying why (admins)
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The document")),
    request_body = Rejection,
    responses(
        (status = 200, description = "Rejected", body = IdentityDocument),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such document", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already reviewed", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/admin/identity-documents/{id}/reject")]
pub async fn reject_document(
    state: web::Data<AppState>,
    AdminUser(admin): AdminUser,
    path: web::Path<Uuid>,
    ValidJson(body): ValidJson<Rejection>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let document = state
        .db(move |conn, ctx| use_cases::review(conn, ctx, &admin, id, false, Some(&body.reason)))
        .await?;
    Ok(HttpResponse::Ok().json(IdentityDocument::from(document)))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LedgerCheck {
    pub ok: bool,
    pub transactions: i64,
    /// Each breach of an invariant, described.
    pub breaches: Vec<String>,
}

/// Check every ledger invariant (admins)
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The result", body = LedgerCheck),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/admin/ledger/verify")]
pub async fn verify_ledger(
    state: web::Data<AppState>,
    AdminUser(admin): AdminUser,
) -> Result<HttpResponse, ApiError> {
    let check = state
        .db(move |conn, _| {
            use_cases::require_admin(&admin)?;
            let transactions = worklane_db::ledger::transaction_count(conn)?;
            let breaches = worklane_app::ledger::verify(conn)?;
            Ok(LedgerCheck {
                ok: breaches.is_empty(),
                transactions,
                breaches,
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(check))
}
