//! The development mailbox: what the outbox "sent", readable by the SPA and tests.
//! Mounted only when WORKLANE_ENV is development or test.

use crate::extract::ValidQuery;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{HttpResponse, get, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};
use uuid::Uuid;
use validator::Validate;
use worklane_app::mailbox;

#[derive(OpenApi)]
#[openapi(paths(list_mailbox))]
pub struct DevApi;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(list_mailbox);
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MailboxQuery {
    /// Only mail sent to this address.
    #[validate(length(min = 1, max = 254))]
    #[param(min_length = 1, max_length = 254)]
    pub to: Option<String>,
    /// Page size, 1–100 (default 20).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
    /// `next_cursor` from the previous page.
    #[validate(length(min = 1, max = 200))]
    #[param(min_length = 1, max_length = 200)]
    pub cursor: Option<String>,
}

/// An email as delivered to the development mailbox.
#[derive(Debug, Serialize, ToSchema)]
pub struct DevMail {
    pub id: Uuid,
    pub to: String,
    pub subject: String,
    pub text_body: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DevMailPage {
    pub data: Vec<DevMail>,
    /// Pass as `cursor` for the next page; null on the last page.
    pub next_cursor: Option<String>,
}

/// Development mailbox (development and test only)
///
/// Newest first. Not mounted in production.
#[utoipa::path(
    tag = "development",
    params(MailboxQuery),
    responses(
        (status = 200, description = "Mail, newest first", body = DevMailPage),
    )
)]
#[get("/dev/mailbox")]
pub async fn list_mailbox(
    state: web::Data<AppState>,
    ValidQuery(query): ValidQuery<MailboxQuery>,
) -> Result<HttpResponse, ApiError> {
    let page = state
        .db(move |conn, _| {
            mailbox::list(
                conn,
                query.to.as_deref(),
                query.cursor.as_deref(),
                query.limit,
            )
        })
        .await?;
    let data = page
        .mails
        .into_iter()
        .map(|m| DevMail {
            id: m.id,
            to: m.to_address,
            subject: m.subject,
            text_body: m.text_body,
            created_at: m.created_at,
        })
        .collect();
    Ok(HttpResponse::Ok().json(DevMailPage {
        data,
        next_cursor: page.next_cursor,
    }))
}
