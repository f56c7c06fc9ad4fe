//! File uploads: `POST /attachments` (multipart) and `GET /attachments/{id}` for the
//! people a file was shared with.

use crate::extract::{AuthUser, VerifiedUser};
use crate::problem::{ApiError, Problem};
use crate::state::AppState;
use actix_multipart::Multipart;
use actix_web::http::StatusCode;
use actix_web::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION};
use actix_web::{HttpResponse, get, post, web};
use chrono::{DateTime, Utc};
use futures_util::StreamExt;
use serde::Serialize;
use utoipa::{OpenApi, ToSchema};
use uuid::Uuid;
use worklane_app::files;
use worklane_app::{AppError, FieldError};
use worklane_db::attachments::Attachment;

#[derive(OpenApi)]
#[openapi(paths(upload_attachment, download_attachment))]
pub struct FilesApi;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(upload_attachment).service(download_attachment);
}

/// The multipart form: one part named `file`.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct UploadForm {
    /// The file (image, PDF, Word/Excel/PowerPoint, zip, or .txt/.md/.csv), 25 MB at most.
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AttachmentInfo {
    pub id: Uuid,
    #[schema(example = "brief.pdf")]
    pub filename: String,
    /// Bytes.
    #[schema(example = 48213)]
    pub size: i64,
    #[schema(example = "application/pdf")]
    pub content_type: String,
    pub created_at: DateTime<Utc>,
}

impl From<Attachment> for AttachmentInfo {
    fn from(a: Attachment) -> Self {
        Self {
            id: a.id,
            filename: a.filename.unwrap_or_else(|| "file".to_owned()),
            size: a.size_bytes,
            content_type: a.content_type,
            created_at: a.created_at,
        }
    }
}

fn bad_upload(message: impl Into<String>) -> ApiError {
    ApiError::App(AppError::BadRequest {
        code: "invalid_upload",
        message: "The upload must be multipart/form-data with one part named `file`.".to_owned(),
        errors: vec![FieldError::new("file", "invalid", message)],
    })
}

/// Upload a file
///
/// `multipart/form-data` with one part named `file`. Its type is judged by its bytes
/// (images, PDF, Office documents, zip archives, and .txt/.md/.csv text; never HTML
/// or SVG); 25 MB at most (policy). Attach it by id to a proposal, a delivery or a
/// message; only you and the
/// people you share it with can download it.
#[utoipa::path(
    tag = "files",
    security(("bearer" = [])),
    request_body(content = UploadForm, content_type = "multipart/form-data"),
    responses(
        (status = 201, description = "Stored", body = AttachmentInfo),
        (status = 400, description = "Not a multipart form with a `file` part (`invalid_upload`)", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Larger than 25 MB", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A type that isn't accepted (`unsupported_file_type`) or an empty file", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/attachments")]
pub async fn upload_attachment(
    state: web::Data<AppState>,
    VerifiedUser(user): VerifiedUser,
    payload: Option<Multipart>,
) -> Result<HttpResponse, ApiError> {
    let mut payload = payload.ok_or_else(|| bad_upload("the body is not multipart/form-data"))?;
    let max = state.ctx.policy.messaging.max_attachment_bytes;
    let mut upload: Option<(String, Vec<u8>)> = None;
    while let Some(field) = payload.next().await {
        let mut field = field.map_err(|e| bad_upload(e.to_string()))?;
        let is_file = field.name() == Some("file") && upload.is_none();
        let filename = field
            .content_disposition()
            .and_then(|d| d.get_filename())
            .unwrap_or("file")
            .to_owned();
        let mut bytes = Vec::new();
        while let Some(chunk) = field.next().await {
            let chunk = chunk.map_err(|e| bad_upload(e.to_string()))?;
            if bytes.len() + chunk.len() > max {
                return Err(ApiError::http(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    "payload_too_large",
                    format!("Files may be at most {} MB.", max / (1024 * 1024)),
                ));
            }
            if is_file {
                bytes.extend_from_slice(&chunk);
            }
        }
        if is_file {
            upload = Some((filename, bytes));
        }
    }
    let (filename, bytes) = upload.ok_or_else(|| bad_upload("no part named `file`"))?;
    let stored = state
        .db(move |conn, ctx| files::upload(conn, ctx, &user, &filename, &bytes))
        .await?;
    Ok(HttpResponse::Created().json(AttachmentInfo::from(stored)))
}

#[derive(ToSchema)]
#[schema(value_type = String, format = Binary)]
pub struct FileBytes(#[allow(dead_code)] Vec<u8>);

/// Download a file (its uploader, or the people it was shared with)
#[utoipa::path(
    tag = "files",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The attachment's id")),
    responses(
        (status = 200, description = "The file, as a download, with the content type it was stored as", content_type = "*/*", body = FileBytes),
        (status = 404, description = "No such file shared with you", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/attachments/{id}")]
pub async fn download_attachment(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let (attachment, bytes) = state
        .db(move |conn, ctx| files::download(conn, ctx, &user, id))
        .await?;
    let filename = attachment.filename.unwrap_or_else(|| "file".to_owned());
    Ok(HttpResponse::Ok()
        .content_type(attachment.content_type)
        .insert_header((
            CONTENT_DISPOSITION,
            format!(
                "attachment; filename=\"{}\"; filename*=UTF-8''{}",
                filename.replace(|c: char| !c.is_ascii() || c == '"' || c == '\\', "_"),
                urlencoding(&filename)
            ),
        ))
        .insert_header((CACHE_CONTROL, "private, max-age=3600"))
        .insert_header(("x-content-type-options", "nosniff"))
        .body(bytes))
}

/// RFC 5987 percent-encoding for `filename*`.
fn urlencoding(name: &str) -> String {
    name.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}
