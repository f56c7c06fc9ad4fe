//! The wallet (SPEC §7): balances, deposits, history (JSON or CSV) and the yearly
//! report; withdrawal methods and withdrawals.

use crate::extract::{AuthUser, ValidJson, ValidQuery};
use crate::idempotent;
use crate::problem::{ApiError, Problem};
use crate::routes::wire_amount;
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, delete, get, post, web};
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};
use uuid::Uuid;
use validator::Validate;
use worklane_app::gateway::BankAccountDetails;
use worklane_app::wallet::{self as use_cases, HistoryQuery};
use worklane_app::withdrawals;
use worklane_db::wallet::Line;

#[derive(OpenApi)]
#[openapi(paths(
    get_wallet,
    deposit,
    transactions,
    year_report,
    add_withdrawal_method,
    list_withdrawal_methods,
    remove_withdrawal_method,
    withdraw,
    list_withdrawals
))]
pub struct WalletApi;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(get_wallet)
        .service(deposit)
        .service(transactions)
        .service(year_report)
        .service(add_withdrawal_method)
        .service(list_withdrawal_methods)
        .service(remove_withdrawal_method)
        .service(withdraw)
        .service(list_withdrawals);
}

fn amount(value: Decimal) -> String {
    wire_amount(Some(value)).unwrap_or_default()
}

/// The signed-in user's money.
#[derive(Debug, Serialize, ToSchema)]
pub struct WalletFigures {
    /// Spendable (a client's deposits) and withdrawable (a freelancer's earnings).
    #[schema(example = "500.00")]
    pub available: String,
    /// Released to a freelancer, still in its security period.
    #[schema(example = "0.00")]
    pub pending: String,
    /// Funded by a client into escrow, not yet released or refunded.
    #[schema(example = "0.00")]
    pub escrow: String,
    #[schema(example = "USD")]
    pub currency: String,
}

impl From<use_cases::Wallet> for WalletFigures {
    fn from(w: use_cases::Wallet) -> Self {
        Self {
            available: amount(w.available),
            pending: amount(w.pending),
            escrow: amount(w.escrow),
            currency: "USD".to_owned(),
        }
    }
}

/// Your wallet
#[utoipa::path(
    tag = "money",
    security(("bearer" = [])),
    responses((status = 200, description = "Balances", body = WalletFigures))
)]
#[get("/wallet")]
pub async fn get_wallet(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
) -> Result<HttpResponse, ApiError> {
    let wallet = state
        .db(move |conn, _| use_cases::wallet(conn, &user))
        .await?;
    Ok(HttpResponse::Ok().json(WalletFigures::from(wallet)))
}

#[derive(Debug, Serialize, Deserialize, Validate, ToSchema)]
pub struct DepositRequest {
    pub payment_method_id: Uuid,
    /// A positive amount with at most two decimals.
    #[schema(example = "500.00")]
    pub amount: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DepositResponse {
    pub transaction_id: Uuid,
    #[schema(example = "500.00")]
    pub amount: String,
    pub wallet: WalletFigures,
}

/// Deposit from a saved card
///
/// Charges the card exactly `amount` and credits the wallet. Send an
/// `Idempotency-Key` header: a retry with the same key returns the first response
/// (with `Idempotent-Replayed: true`) and charges nothing again.
#[utoipa::path(
    tag = "money",
    security(("bearer" = [])),
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes retries safe: 1–255 visible ASCII characters, kept 24 hours")),
    request_body = DepositRequest,
    responses(
        (status = 201, description = "Deposited", body = DepositResponse),
        (status = 402, description = "The card was declined (`card_declined`, `insufficient_funds`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such payment method of yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "A request with this key is still running (`idempotency_in_progress`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A bad amount, or the key reused for another request", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/wallet/deposits")]
pub async fn deposit(
    state: web::Data<AppState>,
    req: HttpRequest,
    AuthUser(user): AuthUser,
    ValidJson(body): ValidJson<DepositRequest>,
) -> Result<HttpResponse, ApiError> {
    let key = idempotent::key_of(&req)?;
    let hash = idempotent::request_hash(&req, &body);
    let user_id = user.id;
    idempotent::respond(
        &state,
        user_id,
        key,
        hash,
        StatusCode::CREATED,
        move |conn, ctx, charge_key| {
            let done = use_cases::deposit(
                conn,
                ctx,
                &user,
                body.payment_method_id,
                &body.amount,
                charge_key,
            )?;
            Ok(serde_json::to_value(DepositResponse {
                transaction_id: done.transaction_id,
                amount: done.amount.to_wire(),
                wallet: done.wallet.into(),
            })
            .unwrap_or_default())
        },
    )
    .await
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TransactionLine {
    /// The entry's id (lines are ledger entries on your accounts).
    pub id: String,
    pub transaction_id: Uuid,
    /// deposit, escrow_funding, marketplace_fee, escrow_release, service_fee,
    /// escrow_refund, security_period_end, withdrawal, withdrawal_fee, withdrawal_return,
    /// connects_purchase, marketplace_fee_refund
    #[serde(rename = "type")]
    #[schema(example = "deposit")]
    pub kind: String,
    pub description: String,
    /// Signed: money in is positive, money out negative.
    #[schema(example = "500.00")]
    pub amount: String,
    /// Which wallet figure it moved: `available` or `pending`.
    #[schema(example = "available")]
    pub balance: String,
    pub created_at: DateTime<Utc>,
}

impl From<Line> for TransactionLine {
    fn from(line: Line) -> Self {
        Self {
            id: line.entry_id.to_string(),
            transaction_id: line.transaction_id,
            balance: worklane_db::wallet::figure_of(&line.account_kind).to_owned(),
            kind: line.kind,
            description: line.memo,
            amount: amount(line.amount),
            created_at: line.created_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TransactionPage {
    pub data: Vec<TransactionLine>,
    pub next_cursor: Option<String>,
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TransactionsQuery {
    /// One type or several, comma-separated.
    #[serde(rename = "type")]
    #[param(rename = "type", example = "deposit,withdrawal")]
    pub kind: Option<String>,
    /// First day included (YYYY-MM-DD, UTC).
    #[param(example = "2026-01-01")]
    pub from: Option<String>,
    /// Last day included (YYYY-MM-DD, UTC).
    #[param(example = "2026-12-31")]
    pub to: Option<String>,
    #[validate(length(min = 1, max = 200))]
    #[param(min_length = 1, max_length = 200)]
    pub cursor: Option<String>,
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
}

/// Your transaction history
///
/// Newest first. With `Accept: text/csv` the same filters export every matching line
/// (at most 10,000; narrow the dates for more) as a CSV file.
#[utoipa::path(
    tag = "money",
    security(("bearer" = [])),
    params(TransactionsQuery),
    responses(
        (status = 200, description = "A page of lines (JSON), or with `Accept: text/csv` the CSV file",
         content((TransactionPage = "application/json"), (String = "text/csv"))),
        (status = 400, description = "A bad filter, named", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/wallet/transactions")]
pub async fn transactions(
    state: web::Data<AppState>,
    req: HttpRequest,
    AuthUser(user): AuthUser,
    ValidQuery(query): ValidQuery<TransactionsQuery>,
) -> Result<HttpResponse, ApiError> {
    let wants_csv = req
        .headers()
        .get(actix_web::http::header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/csv"));
    let query = HistoryQuery {
        kind: query.kind,
        from: query.from,
        to: query.to,
        cursor: query.cursor,
        limit: query.limit,
    };
    if wants_csv {
        let csv = state
            .db(move |conn, _| use_cases::history_csv(conn, &user, &query))
            .await?;
        return Ok(HttpResponse::Ok()
            .content_type("text/csv; charset=utf-8")
            .insert_header((
                "Content-Disposition",
                "attachment; filename=\"worklane-transactions.csv\"",
            ))
            .body(csv));
    }
    let page = state
        .db(move |conn, _| use_cases::history(conn, &user, &query))
        .await?;
    Ok(HttpResponse::Ok().json(TransactionPage {
        data: page.lines.into_iter().map(TransactionLine::from).collect(),
        next_cursor: page.next_cursor,
    }))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct YearReport {
    pub year: i32,
    pub currency: String,
    /// Money in from cards.
    pub deposits: String,
    /// As a client: funded into escrow, and the marketplace fees on it.
    pub escrow_funded: String,
    pub marketplace_fees: String,
    pub escrow_refunds: String,
    /// As a freelancer: released to you, the service fees, and what you kept.
    pub earnings_gross: String,
    pub service_fees: String,
    pub earnings_net: String,
    pub withdrawals: String,
    pub withdrawal_fees: String,
}

/// Your earnings and fees for a year
#[utoipa::path(
    tag = "money",
    security(("bearer" = [])),
    params(("year" = i32, Path, description = "A calendar year (UTC)", example = 2026)),
    responses(
        (status = 200, description = "The year's totals", body = YearReport),
        (status = 400, description = "Not a year with data", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/wallet/reports/{year}")]
pub async fn year_report(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    // Parsed here, not by the router: an out-of-range number is a bad parameter (400),
    // not a missing page.
    let year: i32 = path.into_inner().parse().map_err(|_| {
        ApiError::from(worklane_app::AppError::invalid_parameter(
            "year",
            "must be a calendar year such as 2026",
        ))
    })?;
    let r = state
        .db(move |conn, ctx| use_cases::year_report(conn, ctx, &user, year))
        .await?;
    Ok(HttpResponse::Ok().json(YearReport {
        year: r.year,
        currency: "USD".to_owned(),
        deposits: amount(r.deposits),
        escrow_funded: amount(r.escrow_funded),
        marketplace_fees: amount(r.marketplace_fees),
        escrow_refunds: amount(r.escrow_refunds),
        earnings_gross: amount(r.earnings_gross),
        service_fees: amount(r.service_fees),
        earnings_net: amount(r.earnings_net),
        withdrawals: amount(r.withdrawals),
        withdrawal_fees: amount(r.withdrawal_fees),
    }))
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct NewWithdrawalMethod {
    #[validate(length(min = 1, max = 100))]
    #[schema(example = "Ada Lovelace", min_length = 1, max_length = 100)]
    pub account_holder: String,
    /// 9 digits.
    #[schema(example = "110000000")]
    pub routing_number: String,
    /// 4 to 17 digits (sandbox: ending in 0002, payouts are returned).
    #[schema(example = "000123456789")]
    pub account_number: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct WithdrawalMethod {
    pub id: Uuid,
    pub account_holder: String,
    #[schema(example = "6789")]
    pub bank_last4: String,
    /// A new method can be used from this moment (3 days after it was added).
    pub usable_from: DateTime<Utc>,
    /// The fee for each withdrawal to it, taken from the amount.
    #[schema(example = "0.99")]
    pub fee: String,
    /// The smallest withdrawal.
    #[schema(example = "1.00")]
    pub minimum: String,
    pub created_at: DateTime<Utc>,
}

fn method_view(
    m: worklane_db::withdrawals::WithdrawalMethod,
    policy: &worklane_domain::wallet::WithdrawalPolicy,
) -> WithdrawalMethod {
    WithdrawalMethod {
        id: m.id,
        account_holder: m.account_holder,
        bank_last4: m.bank_last4,
        usable_from: m.usable_from,
        fee: amount(policy.bank_fee),
        minimum: amount(policy.minimum),
        created_at: m.created_at,
    }
}

/// Add a bank account for withdrawals
///
/// Only the last four digits are kept. Usable 3 days after it is added.
#[utoipa::path(
    tag = "money",
    security(("bearer" = [])),
    request_body = NewWithdrawalMethod,
    responses(
        (status = 201, description = "Added", body = WithdrawalMethod),
        (status = 422, description = "A bad field, named", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/withdrawal-methods")]
pub async fn add_withdrawal_method(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    ValidJson(body): ValidJson<NewWithdrawalMethod>,
) -> Result<HttpResponse, ApiError> {
    let method = state
        .db(move |conn, ctx| {
            let method = withdrawals::add_method(
                conn,
                ctx,
                &user,
                BankAccountDetails {
                    account_holder: body.account_holder,
                    routing_number: body.routing_number,
                    account_number: body.account_number,
                },
            )?;
            Ok(method_view(method, &ctx.policy.withdrawals))
        })
        .await?;
    Ok(HttpResponse::Created().json(method))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct WithdrawalMethodList {
    pub data: Vec<WithdrawalMethod>,
}

/// Your withdrawal methods
#[utoipa::path(
    tag = "money",
    security(("bearer" = [])),
    responses((status = 200, description = "Newest first", body = WithdrawalMethodList))
)]
#[get("/withdrawal-methods")]
pub async fn list_withdrawal_methods(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
) -> Result<HttpResponse, ApiError> {
    let data = state
        .db(move |conn, ctx| {
            Ok(withdrawals::methods(conn, &user)?
                .into_iter()
                .map(|m| method_view(m, &ctx.policy.withdrawals))
                .collect::<Vec<_>>())
        })
        .await?;
    Ok(HttpResponse::Ok().json(WithdrawalMethodList { data }))
}

/// Remove a withdrawal method
#[utoipa::path(
    tag = "money",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The method")),
    responses(
        (status = 204, description = "Removed"),
        (status = 404, description = "No such method of yours", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/withdrawal-methods/{id}")]
pub async fn remove_withdrawal_method(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    state
        .db(move |conn, ctx| withdrawals::remove_method(conn, ctx, &user, id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Debug, Serialize, Deserialize, Validate, ToSchema)]
pub struct WithdrawalRequest {
    pub withdrawal_method_id: Uuid,
    /// Taken from the available balance; the fee comes out of it.
    #[schema(example = "100.00")]
    pub amount: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Withdrawal {
    pub id: Uuid,
    pub withdrawal_method_id: Uuid,
    #[schema(example = "100.00")]
    pub amount: String,
    #[schema(example = "0.99")]
    pub fee: String,
    /// What reaches the bank.
    #[schema(example = "99.01")]
    pub net_amount: String,
    /// `processing`, then `paid` or `returned` (money back in the wallet).
    #[schema(example = "processing")]
    pub status: String,
    pub created_at: DateTime<Utc>,
    pub settled_at: Option<DateTime<Utc>>,
}

impl From<worklane_db::withdrawals::Withdrawal> for Withdrawal {
    fn from(w: worklane_db::withdrawals::Withdrawal) -> Self {
        Self {
            id: w.id,
            withdrawal_method_id: w.withdrawal_method_id,
            amount: amount(w.amount),
            fee: amount(w.fee),
            net_amount: amount(w.amount - w.fee),
            status: w.status,
            created_at: w.created_at,
            settled_at: w.settled_at,
        }
    }
}

/// Withdraw to a bank account
///
/// Needs a verified identity and a method added at least 3 days ago. Send an
/// `Idempotency-Key`: a retry returns the first response and moves nothing again.
#[utoipa::path(
    tag = "money",
    security(("bearer" = [])),
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes retries safe")),
    request_body = WithdrawalRequest,
    responses(
        (status = 201, description = "Withdrawal on its way", body = Withdrawal),
        (status = 403, description = "Identity not verified (`identity_not_verified`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such method of yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`insufficient_funds`, `method_not_usable_yet` or `idempotency_in_progress`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A bad amount (below the minimum, not above the fee, ...)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/withdrawals")]
pub async fn withdraw(
    state: web::Data<AppState>,
    req: HttpRequest,
    AuthUser(user): AuthUser,
    ValidJson(body): ValidJson<WithdrawalRequest>,
) -> Result<HttpResponse, ApiError> {
    let key = idempotent::key_of(&req)?;
    let hash = idempotent::request_hash(&req, &body);
    let user_id = user.id;
    idempotent::respond(
        &state,
        user_id,
        key,
        hash,
        StatusCode::CREATED,
        move |conn, ctx, _| {
            let done =
                withdrawals::withdraw(conn, ctx, &user, body.withdrawal_method_id, &body.amount)?;
            Ok(serde_json::to_value(Withdrawal::from(done)).unwrap_or_default())
        },
    )
    .await
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    #[validate(length(min = 1, max = 200))]
    #[param(min_length = 1, max_length = 200)]
    pub cursor: Option<String>,
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct WithdrawalPage {
    pub data: Vec<Withdrawal>,
    pub next_cursor: Option<String>,
}

/// Your withdrawals
#[utoipa::path(
    tag = "money",
    security(("bearer" = [])),
    params(PageQuery),
    responses((status = 200, description = "Newest first", body = WithdrawalPage))
)]
#[get("/withdrawals")]
pub async fn list_withdrawals(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    ValidQuery(query): ValidQuery<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    let (rows, next_cursor) = state
        .db(move |conn, _| withdrawals::list(conn, &user, query.cursor.as_deref(), query.limit))
        .await?;
    Ok(HttpResponse::Ok().json(WithdrawalPage {
        data: rows.into_iter().map(Withdrawal::from).collect(),
        next_cursor,
    }))
}
