//! The fee preview: how a payment splits, before anyone commits to it.

use crate::extract::ValidQuery;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{HttpResponse, get, web};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};
use validator::Validate;
use worklane_app::AppError;
use worklane_domain::fees::{client_charge, freelancer_split};
use worklane_domain::money::Money;

#[derive(OpenApi)]
#[openapi(paths(preview_fees))]
pub struct FeesApi;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(preview_fees);
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum FeeSide {
    /// A payment to a freelancer: the service fee comes out of it.
    Freelancer,
    /// An amount a client funds: the marketplace fee is added on top.
    Client,
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FeePreviewQuery {
    /// The amount, e.g. `125.50`.
    #[param(pattern = r"^[0-9]{1,10}(\.[0-9]{1,2})?$", example = "125.50")]
    pub amount: String,
    pub side: FeeSide,
}

/// How an amount splits into fee and net (freelancer) or fee and total (client).
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"side": "freelancer", "amount": "125.50", "fee_percent": "10", "fee": "12.55", "net": "112.95", "total": null, "currency": "USD"}))]
pub struct FeePreview {
    pub side: FeeSide,
    pub amount: String,
    pub fee_percent: String,
    pub fee: String,
    /// Freelancer side: what the freelancer receives.
    pub net: Option<String>,
    /// Client side: what the client pays.
    pub total: Option<String>,
    pub currency: String,
}

/// Preview fees
///
/// The split for any amount under the current fee policy (10% freelancer service
/// fee, 5% client marketplace fee by default).
#[utoipa::path(
    tag = "money",
    params(FeePreviewQuery),
    responses((status = 200, description = "The split", body = FeePreview))
)]
#[get("/fees/preview")]
pub async fn preview_fees(
    state: web::Data<AppState>,
    ValidQuery(query): ValidQuery<FeePreviewQuery>,
) -> Result<HttpResponse, ApiError> {
    let amount = Money::usd(&query.amount).map_err(|problem| {
        ApiError::App(AppError::BadRequest {
            code: "invalid_parameter",
            message: format!("Invalid query parameter `amount`: {problem}."),
            errors: vec![worklane_app::FieldError::new(
                "amount",
                problem.code(),
                problem.to_string(),
            )],
        })
    })?;
    let policy = &state.ctx.policy.fees;
    let preview = match query.side {
        FeeSide::Freelancer => {
            let split = freelancer_split(amount, policy);
            FeePreview {
                side: query.side,
                amount: split.gross.to_wire(),
                fee_percent: policy.freelancer_fee_percent.normalize().to_string(),
                fee: split.fee.to_wire(),
                net: Some(split.net.to_wire()),
                total: None,
                currency: amount.currency.code().to_owned(),
            }
        }
        FeeSide::Client => {
            let charge = client_charge(amount, policy);
            FeePreview {
                side: query.side,
                amount: charge.amount.to_wire(),
                fee_percent: policy.client_fee_percent.normalize().to_string(),
                fee: charge.fee.to_wire(),
                net: None,
                total: Some(charge.total.to_wire()),
                currency: amount.currency.code().to_owned(),
            }
        }
    };
    Ok(HttpResponse::Ok().json(preview))
}
