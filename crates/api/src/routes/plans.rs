//! Plans (SPEC §13): Basic and Plus for freelancers and clients, upgrading (from the
//! wallet or a card, idempotent), cancelling at the end of the paid month, and the
//! competing bid range Plus freelancers see.

use crate::extract::{AuthUser, OptionalJson, VerifiedUser};
use crate::idempotent;
use crate::problem::{ApiError, Problem};
use crate::routes::money;
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{OpenApi, ToSchema};
use uuid::Uuid;
use validator::Validate;
use worklane_app::plans::{self as use_cases, PlanView};
use worklane_domain::plans::Side;

#[derive(OpenApi)]
#[openapi(paths(my_plans, upgrade, cancel, bid_range))]
pub struct PlansApi;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(my_plans)
        .service(upgrade)
        .service(cancel)
        .service(bid_range);
}

wire_enum!(
    /// Which side of the marketplace a plan is for.
    PlanSide {
        Freelancer = "freelancer",
        Client = "client",
    }
);

wire_enum!(
    /// `basic` (free) or `plus` (paid monthly).
    PlanName {
        Basic = "basic",
        Plus = "plus",
    }
);

impl From<PlanSide> for Side {
    fn from(side: PlanSide) -> Self {
        match side {
            PlanSide::Freelancer => Side::Freelancer,
            PlanSide::Client => Side::Client,
        }
    }
}

fn side_name(side: Side) -> PlanSide {
    match side {
        Side::Freelancer => PlanSide::Freelancer,
        Side::Client => PlanSide::Client,
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Plan {
    pub side: PlanSide,
    /// What you are on now.
    pub plan: PlanName,
    /// What Plus costs a month on this side.
    #[schema(example = "19.99")]
    pub plus_price: String,
    /// What Plus gives on this side.
    pub plus_benefits: Vec<String>,
    /// While on Plus: when the paid month ends (renewed then, unless cancelled).
    pub current_period_end: Option<DateTime<Utc>>,
    /// Plus stops at `current_period_end` instead of renewing.
    pub cancel_at_period_end: bool,
    /// The card renewals are charged to; none means the wallet.
    pub payment_method_id: Option<Uuid>,
    /// Why the last renewal failed (then you are back on Basic).
    pub last_error: Option<String>,
}

fn plan_of(state: &AppState, view: PlanView) -> Plan {
    let policy = &state.ctx.policy;
    let benefits = match view.side {
        Side::Freelancer => vec![
            format!(
                "{} Connects a month instead of {}",
                policy.connects.plus_monthly, policy.connects.basic_monthly
            ),
            "See the range of competing bids on every job".to_owned(),
        ],
        Side::Client => vec![format!(
            "A {}% marketplace fee instead of {}%",
            policy.plans.client_plus_fee_percent, policy.fees.client_fee_percent
        )],
    };
    let running = view.subscription.filter(|_| view.plus);
    Plan {
        side: side_name(view.side),
        plan: if view.plus {
            PlanName::Plus
        } else {
            PlanName::Basic
        },
        plus_price: money(view.plus_price),
        plus_benefits: benefits,
        current_period_end: running.as_ref().map(|s| s.current_period_end),
        cancel_at_period_end: running.as_ref().is_some_and(|s| s.cancel_at_period_end),
        payment_method_id: running.as_ref().and_then(|s| s.payment_method_id),
        last_error: None,
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PlanList {
    /// One per side your account has (freelancer, client).
    pub data: Vec<Plan>,
}

/// Your plans
#[utoipa::path(
    tag = "plans",
    security(("bearer" = [])),
    responses((status = 200, description = "Your plan on each side", body = PlanList))
)]
#[get("/me/plans")]
pub async fn my_plans(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
) -> Result<HttpResponse, ApiError> {
    let views = state
        .db(move |conn, ctx| use_cases::mine(conn, ctx, &user))
        .await?;
    let last_errors: Vec<Option<String>> = views
        .iter()
        .map(|v| {
            v.subscription
                .as_ref()
                .filter(|s| s.status == "lapsed")
                .and_then(|s| s.last_error.clone())
        })
        .collect();
    Ok(HttpResponse::Ok().json(PlanList {
        data: views
            .into_iter()
            .zip(last_errors)
            .map(|(view, error)| Plan {
                last_error: error,
                ..plan_of(&state, view)
            })
            .collect(),
    }))
}

#[derive(Debug, Default, Serialize, Deserialize, Validate, ToSchema)]
pub struct UpgradeRequest {
    /// Charge this card of yours; leave out to pay from your wallet.
    pub payment_method_id: Option<Uuid>,
}

/// Upgrade to Plus
///
/// Charges the first month now (from the wallet, or the card given) and renews
/// monthly. Send an `Idempotency-Key`: a retry returns the first response and
/// charges nothing again. Upgrading while a cancelled Plus month still runs keeps
/// Plus, free until that month ends.
#[utoipa::path(
    tag = "plans",
    security(("bearer" = [])),
    params(
        ("side" = PlanSide, Path, description = "`freelancer` or `client`"),
        ("Idempotency-Key" = Option<String>, Header, description = "Makes retries safe: 1–255 visible ASCII characters, kept 24 hours"),
    ),
    request_body(content = Option<UpgradeRequest>, description = "Optional: the card to charge"),
    responses(
        (status = 200, description = "On Plus", body = Plan),
        (status = 402, description = "The card was declined", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your account doesn't have that side (`wrong_role`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such side, or no such card of yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`already_plus`, or too little in the wallet (`insufficient_funds`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/me/plans/{side}/upgrade")]
pub async fn upgrade(
    state: web::Data<AppState>,
    req: HttpRequest,
    VerifiedUser(user): VerifiedUser,
    side: web::Path<PlanSide>,
    OptionalJson(body): OptionalJson<UpgradeRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.unwrap_or_default();
    let key = idempotent::key_of(&req)?;
    let hash = idempotent::request_hash(&req, &body);
    let side = Side::from(side.into_inner());
    let user_id = user.id;
    let shown = state.clone();
    idempotent::respond(
        &state,
        user_id,
        key,
        hash,
        StatusCode::OK,
        move |conn, ctx, charge_key| {
            let view =
                use_cases::upgrade(conn, ctx, &user, side, body.payment_method_id, charge_key)?;
            Ok(serde_json::to_value(plan_of(&shown, view)).unwrap_or_default())
        },
    )
    .await
}

/// Cancel Plus at the end of the paid month
#[utoipa::path(
    tag = "plans",
    security(("bearer" = [])),
    params(("side" = PlanSide, Path, description = "`freelancer` or `client`")),
    responses(
        (status = 200, description = "Plus until the month ends, then Basic", body = Plan),
        (status = 403, description = "Your account doesn't have that side (`wrong_role`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such side", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "On Basic already (`not_plus`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/me/plans/{side}/cancel")]
pub async fn cancel(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    side: web::Path<PlanSide>,
) -> Result<HttpResponse, ApiError> {
    let side = Side::from(side.into_inner());
    let view = state
        .db(move |conn, ctx| use_cases::cancel(conn, ctx, &user, side))
        .await?;
    Ok(HttpResponse::Ok().json(plan_of(&state, view)))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BidRange {
    /// Lowest competing bid (the fixed total, or the hourly rate for hourly jobs).
    #[schema(example = "450.00")]
    pub low: Option<String>,
    #[schema(example = "900.00")]
    pub high: Option<String>,
    #[schema(example = "640.00")]
    pub average: Option<String>,
    /// Proposals counted (withdrawn ones are not).
    pub count: i64,
}

/// The competing bids on a job (Plus freelancers)
#[utoipa::path(
    tag = "plans",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The job")),
    responses(
        (status = 200, description = "Lowest, highest and average bid", body = BidRange),
        (status = 403, description = "For freelancers on Plus (`plus_required`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such job you can see", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/jobs/{id}/bid-range")]
pub async fn bid_range(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let range = state
        .db(move |conn, ctx| {
            worklane_app::jobs::get(conn, ctx, Some(&user), id)?;
            if !use_cases::sees_bid_range(conn, ctx, &user)? {
                return Err(worklane_app::AppError::forbidden(
                    "plus_required",
                    "Upgrade to Freelancer Plus to see the range of competing bids.",
                ));
            }
            Ok(worklane_db::plans::bid_range(conn, id)?)
        })
        .await?;
    let wire = |d: Option<rust_decimal::Decimal>| d.map(money);
    Ok(HttpResponse::Ok().json(BidRange {
        low: wire(range.low),
        high: wire(range.high),
        average: wire(range.average),
        count: range.count,
    }))
}
