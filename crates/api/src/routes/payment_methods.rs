//! Payment methods: cards verified through the payment gateway (sandbox by default).

use crate::extract::{AuthUser, ValidJson, VerifiedUser};
use crate::problem::{ApiError, Problem};
use crate::state::AppState;
use actix_web::{HttpResponse, delete, get, post, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{OpenApi, ToSchema};
use uuid::Uuid;
use validator::Validate;
use worklane_app::gateway::CardDetails;
use worklane_app::payment_methods as use_cases;
use worklane_db::payment_methods::PaymentMethod as Row;

#[derive(OpenApi)]
#[openapi(paths(add_payment_method, list_payment_methods, remove_payment_method))]
pub struct PaymentMethodsApi;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(add_payment_method)
        .service(list_payment_methods)
        .service(remove_payment_method);
}

/// A card to add. Sent once to the gateway and never stored or logged.
#[derive(Deserialize, Validate, ToSchema)]
#[schema(example = json!({"card_number": "4242 4242 4242 4242", "exp_month": 12, "exp_year": 2030, "cvc": "123"}))]
pub struct AddCardRequest {
    /// Sandbox: 4242 4242 4242 4242 succeeds, 4000 0000 0000 0002 is declined,
    /// 4000 0000 0000 9995 has insufficient funds.
    #[validate(length(min = 12, max = 23))]
    #[schema(min_length = 12, max_length = 23)]
    pub card_number: String,
    #[validate(range(min = 1, max = 12))]
    #[schema(minimum = 1, maximum = 12)]
    pub exp_month: u32,
    #[validate(range(min = 2000, max = 2100))]
    #[schema(minimum = 2000, maximum = 2100)]
    pub exp_year: i32,
    #[validate(length(min = 3, max = 4))]
    #[schema(min_length = 3, max_length = 4)]
    pub cvc: String,
}

impl std::fmt::Debug for AddCardRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AddCardRequest(redacted)")
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"id": "0193a0c4-8d1e-7b8a-9b53-2d0f4b1f6a10", "brand": "visa", "last4": "4242", "exp_month": 12, "exp_year": 2030, "created_at": "2026-11-26T09:30:00Z"}))]
pub struct PaymentMethod {
    pub id: Uuid,
    /// visa, mastercard, amex, discover or unknown.
    pub brand: String,
    pub last4: String,
    pub exp_month: i32,
    pub exp_year: i32,
    pub created_at: DateTime<Utc>,
}

impl From<Row> for PaymentMethod {
    fn from(row: Row) -> Self {
        Self {
            id: row.id,
            brand: row.brand,
            last4: row.last4,
            exp_month: row.exp_month,
            exp_year: row.exp_year,
            created_at: row.created_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PaymentMethodList {
    pub data: Vec<PaymentMethod>,
    /// Always null: every method fits on one page.
    pub next_cursor: Option<String>,
}

/// Add a card
///
/// The card is verified with a zero-amount authorisation; only the gateway's token,
/// the brand and the last four digits are kept. A client's first card sets the
/// "payment verified" badge.
#[utoipa::path(
    tag = "money",
    security(("bearer" = [])),
    request_body = AddCardRequest,
    responses(
        (status = 201, description = "The stored method", body = PaymentMethod),
        (status = 402, description = "The card was declined (`card_declined`)", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Email not verified (`email_unverified`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/payment-methods")]
pub async fn add_payment_method(
    state: web::Data<AppState>,
    VerifiedUser(user): VerifiedUser,
    ValidJson(body): ValidJson<AddCardRequest>,
) -> Result<HttpResponse, ApiError> {
    let card = CardDetails {
        number: body.card_number,
        exp_month: body.exp_month,
        exp_year: body.exp_year,
        cvc: body.cvc,
    };
    let method = state
        .db(move |conn, ctx| use_cases::add(conn, ctx, &user, card))
        .await?;
    Ok(HttpResponse::Created().json(PaymentMethod::from(method)))
}

/// The signed-in user's payment methods
#[utoipa::path(
    tag = "money",
    security(("bearer" = [])),
    responses((status = 200, description = "Newest first", body = PaymentMethodList))
)]
#[get("/payment-methods")]
pub async fn list_payment_methods(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
) -> Result<HttpResponse, ApiError> {
    let methods = state
        .db(move |conn, _| use_cases::list(conn, &user))
        .await?;
    Ok(HttpResponse::Ok().json(PaymentMethodList {
        data: methods.into_iter().map(PaymentMethod::from).collect(),
        next_cursor: None,
    }))
}

/// Remove a saved card
///
/// The card is no longer offered or charged; past payments keep referring to it.
#[utoipa::path(
    tag = "money",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The payment method")),
    responses(
        (status = 204, description = "Removed"),
        (status = 404, description = "No such card of yours", body = crate::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/payment-methods/{id}")]
pub async fn remove_payment_method(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    state
        .db(move |conn, ctx| {
            if worklane_db::payment_methods::remove(conn, user.id, id, ctx.clock.now())? {
                Ok(())
            } else {
                Err(worklane_app::AppError::NotFound {
                    what: "Payment method",
                })
            }
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
