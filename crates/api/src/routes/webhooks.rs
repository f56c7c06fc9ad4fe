//! Webhooks for integrators (SPEC §14): endpoints subscribed to event types, the
//! signing secret shown once, and each endpoint's deliveries with their status.

use crate::extract::{AuthUser, ValidJson, ValidQuery};
use crate::problem::{ApiError, Problem};
use crate::state::AppState;
use actix_web::{HttpResponse, delete, get, post, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};
use uuid::Uuid;
use validator::Validate;
use worklane_app::webhooks as use_cases;
use worklane_db::webhooks::{Delivery as DeliveryRow, Endpoint as EndpointRow};

#[derive(OpenApi)]
#[openapi(paths(
    create_webhook,
    list_webhooks,
    get_webhook,
    delete_webhook,
    list_deliveries,
    event_types
))]
pub struct WebhooksApi;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(event_types)
        .service(create_webhook)
        .service(list_webhooks)
        .service(get_webhook)
        .service(delete_webhook)
        .service(list_deliveries);
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct NewWebhook {
    /// Where deliveries are POSTed: https, on a public address.
    #[validate(length(min = 1, max = 2000))]
    #[schema(
        example = "https://example.com/worklane/webhooks",
        min_length = 1,
        max_length = 2000
    )]
    pub url: String,
    /// Event types to receive (see `GET /webhooks/event-types`).
    #[validate(length(min = 1, max = 14))]
    #[schema(example = json!(["milestone.funded", "payment.released"]), min_items = 1, max_items = 14)]
    pub events: Vec<String>,
    #[validate(length(max = 200))]
    #[schema(max_length = 200, example = "Accounting sync")]
    pub description: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Webhook {
    pub id: Uuid,
    pub url: String,
    pub events: Vec<String>,
    pub description: Option<String>,
    pub created_at: DateTime<Utc>,
}

impl From<&EndpointRow> for Webhook {
    fn from(e: &EndpointRow) -> Self {
        Self {
            id: e.id,
            url: e.url.clone(),
            events: e.events.clone(),
            description: e.description.clone(),
            created_at: e.created_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CreatedWebhook {
    /// Signs every delivery: `Worklane-Signature: t=<unix>,v1=<hex HMAC-SHA256 of
    /// "<t>.<body>">`. Shown this once.
    #[schema(example = "whsec_3q2x...")]
    pub secret: String,
    #[serde(flatten)]
    pub webhook: Webhook,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct WebhookList {
    pub data: Vec<Webhook>,
}

/// Register a webhook endpoint
///
/// Deliveries are JSON `{id, type, created_at, data}` POSTed with the headers
/// `Worklane-Signature`, `Worklane-Event-Id` and `Worklane-Event-Type`. A 2xx answer
/// within 10 seconds counts as delivered; anything else is retried with exponential
/// backoff (30 s doubling to 6 h) for up to 3 days. Redirects are not followed.
/// At most 10 endpoints each.
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = [])),
    request_body = NewWebhook,
    responses(
        (status = 201, description = "Registered; the signing secret, shown once", body = CreatedWebhook),
        (status = 409, description = "`too_many_endpoints`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`invalid_url`, `private_address` or `unknown_event`, by field", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/webhooks")]
pub async fn create_webhook(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    ValidJson(body): ValidJson<NewWebhook>,
) -> Result<HttpResponse, ApiError> {
    let endpoint = state
        .db(move |conn, ctx| {
            use_cases::register(
                conn,
                ctx,
                &user,
                &body.url,
                &body.events,
                body.description.as_deref(),
            )
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header(("Cache-Control", "no-store"))
        .json(CreatedWebhook {
            secret: endpoint.secret.clone(),
            webhook: Webhook::from(&endpoint),
        }))
}

/// Your webhook endpoints
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = [])),
    responses((status = 200, description = "Newest first (at most 10)", body = WebhookList))
)]
#[get("/webhooks")]
pub async fn list_webhooks(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
) -> Result<HttpResponse, ApiError> {
    let endpoints = state
        .db(move |conn, _| use_cases::list(conn, &user))
        .await?;
    Ok(HttpResponse::Ok().json(WebhookList {
        data: endpoints.iter().map(Webhook::from).collect(),
    }))
}

/// One of your webhook endpoints
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The endpoint")),
    responses(
        (status = 200, description = "The endpoint", body = Webhook),
        (status = 404, description = "No such endpoint of yours", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/webhooks/{id}")]
pub async fn get_webhook(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let endpoint = state
        .db(move |conn, _| use_cases::get(conn, &user, id))
        .await?;
    Ok(HttpResponse::Ok().json(Webhook::from(&endpoint)))
}

/// Delete a webhook endpoint
///
/// Its pending deliveries stop; its delivery history stays readable.
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The endpoint")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 404, description = "No such endpoint of yours", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/webhooks/{id}")]
pub async fn delete_webhook(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    state
        .db(move |conn, ctx| use_cases::delete(conn, ctx, &user, id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

wire_enum!(
    /// `pending` until a 2xx answer (`succeeded`) or three days of failures (`failed`).
    DeliveryStatus {
        Pending = "pending",
        Succeeded = "succeeded",
        Failed = "failed",
    }
);

#[derive(Debug, Serialize, ToSchema)]
pub struct WebhookDelivery {
    pub id: Uuid,
    /// The event's id, the same on every retry (drop duplicates by it).
    pub event_id: Uuid,
    #[schema(example = "milestone.funded")]
    pub event_type: String,
    pub status: DeliveryStatus,
    pub attempts: i32,
    /// The status code of the last answer, if there was one.
    pub last_status_code: Option<i32>,
    /// Why the last attempt failed.
    pub last_error: Option<String>,
    pub last_attempt_at: Option<DateTime<Utc>>,
    /// When it will be tried again (pending only).
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub delivered_at: Option<DateTime<Utc>>,
    /// The JSON that is sent.
    pub body: String,
}

impl From<DeliveryRow> for WebhookDelivery {
    fn from(d: DeliveryRow) -> Self {
        Self {
            id: d.id,
            event_id: d.event_id,
            event_type: d.event_type,
            status: DeliveryStatus::from_wire(&d.status).unwrap_or(DeliveryStatus::Pending),
            attempts: d.attempts,
            last_status_code: d.last_status_code,
            last_error: d.last_error,
            last_attempt_at: d.last_attempt_at,
            next_attempt_at: d.next_attempt_at,
            created_at: d.created_at,
            delivered_at: d.delivered_at,
            body: d.body,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DeliveryPage {
    pub data: Vec<WebhookDelivery>,
    pub next_cursor: Option<String>,
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DeliveriesQuery {
    #[validate(length(min = 1, max = 200))]
    #[param(min_length = 1, max_length = 200)]
    pub cursor: Option<String>,
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
}

/// An endpoint's deliveries
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The endpoint"), DeliveriesQuery),
    responses(
        (status = 200, description = "Newest first", body = DeliveryPage),
        (status = 404, description = "No such endpoint of yours", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/webhooks/{id}/deliveries")]
pub async fn list_deliveries(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    path: web::Path<Uuid>,
    ValidQuery(query): ValidQuery<DeliveriesQuery>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let (rows, next_cursor) = state
        .db(move |conn, _| {
            use_cases::deliveries(conn, &user, id, query.cursor.as_deref(), query.limit)
        })
        .await?;
    Ok(HttpResponse::Ok().json(DeliveryPage {
        data: rows.into_iter().map(WebhookDelivery::from).collect(),
        next_cursor,
    }))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct EventTypes {
    #[schema(example = json!(["proposal.received", "milestone.funded"]))]
    pub data: Vec<String>,
}

/// The event types webhooks can subscribe to
#[utoipa::path(
    tag = "webhooks",
    responses((status = 200, description = "Every event type", body = EventTypes))
)]
#[get("/webhooks/event-types")]
pub async fn event_types() -> HttpResponse {
    HttpResponse::Ok().json(EventTypes {
        data: worklane_domain::webhooks::EVENT_TYPES
            .iter()
            .map(|s| (*s).to_owned())
            .collect(),
    })
}
