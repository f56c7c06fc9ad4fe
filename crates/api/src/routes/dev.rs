//! The development mailbox: what the outbox "sent", readable by the SPA and tests.
//! Mounted only when WORKLANE_ENV is development or test.

use crate::extract::ValidQuery;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{HttpResponse, get, post, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};
use uuid::Uuid;
use validator::Validate;
use worklane_app::mailbox;

#[derive(OpenApi)]
#[openapi(paths(list_mailbox, advance_clock))]
pub struct DevApi;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(list_mailbox).service(advance_clock);
}

#[derive(Debug, Serialize, Deserialize, Validate, ToSchema)]
pub struct AdvanceClock {
    /// How far to move the server's clock forward, up to a year.
    #[validate(range(min = 1, max = 31_536_000))]
    #[schema(example = 432000, minimum = 1, maximum = 31_536_000)]
    pub seconds: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ClockNow {
    pub now: DateTime<Utc>,
}

/// Move the server's clock forward (development and test servers only)
///
/// Every timed rule (security periods, automatic releases, invoices, expiries) runs
/// off this clock, so a person or a browser test can reach a deadline days away.
/// The clock never goes back; access tokens age with it.
#[utoipa::path(
    tag = "development",
    request_body = AdvanceClock,
    responses(
        (status = 200, description = "The server's time now", body = ClockNow),
        (status = 404, description = "This server's clock can't be moved", body = crate::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/dev/clock/advance")]
pub async fn advance_clock(
    state: web::Data<AppState>,
    crate::extract::ValidJson(body): crate::extract::ValidJson<AdvanceClock>,
) -> Result<HttpResponse, ApiError> {
    let clock = state.dev_clock.clone().ok_or_else(|| {
        ApiError::from(worklane_app::AppError::NotFound {
            what: "Adjustable clock",
        })
    })?;
    clock.advance(chrono::Duration::seconds(body.seconds));
    tracing::info!(seconds = body.seconds, "development clock advanced");
    Ok(HttpResponse::Ok().json(ClockNow {
        now: worklane_domain::Clock::now(clock.as_ref()),
    }))
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
