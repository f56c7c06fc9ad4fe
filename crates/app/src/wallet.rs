//! The wallet (SPEC §7): balances, deposits from a saved card, the history of every
//! line with filters and CSV, and the yearly report.

use crate::context::AppContext;
use crate::error::{AppError, AppResult};
use crate::payment_methods::card_error;
use chrono::{DateTime, Datelike, NaiveDate, TimeZone, Utc};
use diesel::{Connection, PgConnection};
use rust_decimal::Decimal;
use uuid::Uuid;
use worklane_db::users::User;
use worklane_db::wallet::{self as store, Line, LineFilter};
use worklane_db::{ledger as ledger_rows, payment_methods};
use worklane_domain::ledger::{AccountKind, transfer};
use worklane_domain::money::{Currency, Money};

pub const USD: Currency = Currency::Usd;

/// Transaction kinds, which are also the types of history lines.
pub const KINDS: [&str; 12] = [
    "deposit",
    "escrow_funding",
    "marketplace_fee",
    "escrow_release",
    "service_fee",
    "escrow_refund",
    "security_period_end",
    "withdrawal",
    "withdrawal_fee",
    "withdrawal_return",
    "connects_purchase",
    "marketplace_fee_refund",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Wallet {
    pub available: Decimal,
    pub pending: Decimal,
    pub escrow: Decimal,
}

pub fn wallet(conn: &mut PgConnection, user: &User) -> AppResult<Wallet> {
    let (own, escrow) = store::balances(conn, user.id)?;
    let mut wallet = Wallet {
        available: Decimal::ZERO,
        pending: Decimal::ZERO,
        escrow,
    };
    for (kind, balance) in own {
        match store::figure_of(&kind) {
            "available" => wallet.available += balance,
            "pending" => wallet.pending += balance,
            _ => {}
        }
    }
    Ok(wallet)
}

/// An amount from the wire that must be positive: a 422 naming `field` otherwise.
pub fn positive_amount(field: &str, raw: &str) -> AppResult<Money> {
    let money = Money::usd(raw).map_err(|p| AppError::field(field, p.code(), p.to_string()))?;
    if money.amount.is_zero() {
        return Err(AppError::field(
            field,
            "zero_amount",
            "must be more than 0.00",
        ));
    }
    Ok(money)
}

/// A user's account of `kind`, created on first use.
pub(crate) fn account_of(
    conn: &mut PgConnection,
    kind: AccountKind,
    owner: Uuid,
    now: DateTime<Utc>,
) -> AppResult<Uuid> {
    Ok(ledger_rows::account(conn, kind, Some(owner), USD, now)?)
}

pub(crate) fn platform(
    conn: &mut PgConnection,
    kind: AccountKind,
    now: DateTime<Utc>,
) -> AppResult<Uuid> {
    Ok(ledger_rows::account(conn, kind, None, USD, now)?)
}

/// A card brand as people write it ("visa" -> "Visa", "amex" -> "American Express").
fn brand_name(brand: &str) -> String {
    match brand {
        "amex" => "American Express".to_owned(),
        "mastercard" => "Mastercard".to_owned(),
        other => {
            let mut chars = other.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_uppercase().chain(chars).collect()
            })
        }
    }
}

/// Charges `amount` to the card and credits the client's wallet with it. The gateway
/// charge is keyed by `charge_key`, so a retry never charges twice.
pub(crate) fn charge_into_wallet(
    conn: &mut PgConnection,
    ctx: &AppContext,
    client: &User,
    payment_method_id: Uuid,
    amount: Money,
    charge_key: &str,
) -> AppResult<Uuid> {
    let method =
        payment_methods::own(conn, client.id, payment_method_id)?.ok_or(AppError::NotFound {
            what: "Payment method",
        })?;
    ctx.gateway
        .charge(&method.gateway_token, amount, charge_key)
        .map_err(card_error)?;
    let now = ctx.clock.now();
    conn.transaction(|conn| {
        let clearing = platform(conn, AccountKind::GatewayClearing, now)?;
        let funding = account_of(conn, AccountKind::ClientFunding, client.id, now)?;
        crate::ledger::post(
            conn,
            "deposit",
            Some(method.id),
            &format!(
                "Deposit from {} ending {}",
                brand_name(&method.brand),
                method.last4
            ),
            &transfer(clearing, funding, amount.amount, USD),
            now,
        )
    })
}

#[derive(Debug, Clone)]
pub struct Deposit {
    pub transaction_id: Uuid,
    pub amount: Money,
    pub wallet: Wallet,
}

/// Deposits from one of the client's saved cards into their wallet.
pub fn deposit(
    conn: &mut PgConnection,
    ctx: &AppContext,
    client: &User,
    payment_method_id: Uuid,
    amount: &str,
    charge_key: &str,
) -> AppResult<Deposit> {
    if !client.is_client {
        return Err(AppError::forbidden(
            "not_a_client",
            "Deposits are for client accounts.",
        ));
    }
    let amount = positive_amount("amount", amount)?;
    let transaction_id =
        charge_into_wallet(conn, ctx, client, payment_method_id, amount, charge_key)?;
    tracing::info!(user_id = %client.id, %transaction_id, amount = %amount.amount, "deposit");
    Ok(Deposit {
        transaction_id,
        amount,
        wallet: wallet(conn, client)?,
    })
}

/// One page of history lines.
pub struct History {
    pub lines: Vec<Line>,
    pub next_cursor: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct HistoryQuery {
    pub kind: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub cursor: Option<String>,
    pub limit: Option<i64>,
}

fn day(field: &str, raw: &str) -> AppResult<NaiveDate> {
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
        .map_err(|_| AppError::invalid_parameter(field, "must be a date such as 2026-11-26"))
}

fn midnight(date: NaiveDate) -> DateTime<Utc> {
    Utc.from_utc_datetime(&date.and_hms_opt(0, 0, 0).unwrap_or_default())
}

fn filter_of(query: &HistoryQuery) -> AppResult<LineFilter> {
    let mut filter = LineFilter::default();
    if let Some(kind) = query.kind.as_deref().filter(|k| !k.is_empty()) {
        for k in kind.split(',').map(str::trim).filter(|k| !k.is_empty()) {
            if !KINDS.contains(&k) {
                return Err(AppError::invalid_parameter(
                    "type",
                    format!("must be one of {}", KINDS.join(", ")),
                ));
            }
            filter.kinds.push(k.to_owned());
        }
    }
    let from = query.from.as_deref().map(|d| day("from", d)).transpose()?;
    let to = query.to.as_deref().map(|d| day("to", d)).transpose()?;
    if let (Some(from), Some(to)) = (from, to)
        && from > to
    {
        return Err(AppError::invalid_parameter(
            "from",
            "must not be after `to`",
        ));
    }
    filter.from = from.map(midnight);
    filter.before = to.and_then(|d| d.succ_opt()).map(midnight);
    Ok(filter)
}

fn encode_cursor(line: &Line) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!(
        "w1:{}:{}",
        line.created_at.timestamp_micros(),
        line.entry_id
    ))
}

fn decode_cursor(raw: &str) -> AppResult<(DateTime<Utc>, i64)> {
    use base64::Engine as _;
    let invalid = || AppError::invalid_parameter("cursor", "is not a cursor this endpoint issued");
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(raw)
        .map_err(|_| invalid())?;
    let text = String::from_utf8(bytes).map_err(|_| invalid())?;
    let mut parts = text.split(':');
    let (Some("w1"), Some(micros), Some(id), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(invalid());
    };
    let at = micros
        .parse()
        .ok()
        .and_then(DateTime::from_timestamp_micros)
        .ok_or_else(invalid)?;
    Ok((at, id.parse().map_err(|_| invalid())?))
}

pub fn history(conn: &mut PgConnection, user: &User, query: &HistoryQuery) -> AppResult<History> {
    let limit = crate::pagination::limit(query.limit)?;
    let mut filter = filter_of(query)?;
    filter.after = query.cursor.as_deref().map(decode_cursor).transpose()?;
    let rows = store::lines(conn, user.id, &filter, limit + 1)?;
    let (lines, next_cursor) = crate::pagination::page(rows, limit, encode_cursor);
    Ok(History { lines, next_cursor })
}

/// Most lines one CSV export holds; narrow the dates for more.
pub const CSV_MAX_LINES: i64 = 10_000;

fn csv_field(value: &str) -> String {
    // Quoted, quotes doubled; a leading formula character is neutralised so a
    // spreadsheet never runs a memo as a formula.
    let value = if value.starts_with(['=', '+', '-', '@']) && value.parse::<f64>().is_err() {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    format!("\"{}\"", value.replace('"', "\"\""))
}

pub fn history_csv(
    conn: &mut PgConnection,
    user: &User,
    query: &HistoryQuery,
) -> AppResult<String> {
    let filter = filter_of(query)?;
    let lines = store::lines(conn, user.id, &filter, CSV_MAX_LINES)?;
    let mut out = String::from("date,type,description,amount,currency,balance,transaction_id\n");
    for line in lines {
        let mut amount = line.amount;
        amount.rescale(2);
        out.push_str(&format!(
            "{},{},{},{},{},{},{}\n",
            line.created_at.to_rfc3339(),
            line.kind,
            csv_field(&line.memo),
            amount,
            line.currency,
            store::figure_of(&line.account_kind),
            line.transaction_id
        ));
    }
    Ok(out)
}

/// A year's money in and out, from the user's own lines.
#[derive(Debug, Clone, Default)]
pub struct YearReport {
    pub year: i32,
    pub deposits: Decimal,
    pub escrow_funded: Decimal,
    pub marketplace_fees: Decimal,
    pub escrow_refunds: Decimal,
    pub earnings_gross: Decimal,
    pub service_fees: Decimal,
    pub earnings_net: Decimal,
    pub withdrawals: Decimal,
    pub withdrawal_fees: Decimal,
}

pub fn year_report(
    conn: &mut PgConnection,
    ctx: &AppContext,
    user: &User,
    year: i32,
) -> AppResult<YearReport> {
    let this_year = ctx.clock.now().year();
    if !(2000..=this_year).contains(&year) {
        return Err(AppError::invalid_parameter(
            "year",
            format!("must be between 2000 and {this_year}"),
        ));
    }
    let start = NaiveDate::from_ymd_opt(year, 1, 1).map(midnight);
    let end = NaiveDate::from_ymd_opt(year + 1, 1, 1).map(midnight);
    let (Some(start), Some(end)) = (start, end) else {
        return Err(AppError::invalid_parameter("year", "is not a year"));
    };
    let mut report = YearReport {
        year,
        ..YearReport::default()
    };
    for (kind, total) in store::totals_by_kind(conn, user.id, start, end)? {
        let total = total.unwrap_or_default();
        match kind.as_str() {
            "deposit" => report.deposits += total,
            "escrow_funding" => report.escrow_funded -= total,
            "marketplace_fee" | "marketplace_fee_refund" => report.marketplace_fees -= total,
            "escrow_refund" => report.escrow_refunds += total,
            "escrow_release" => report.earnings_gross += total,
            "service_fee" => report.service_fees -= total,
            "withdrawal" => report.withdrawals -= total,
            "withdrawal_fee" => report.withdrawal_fees -= total,
            "withdrawal_return" => report.withdrawals -= total,
            _ => {}
        }
    }
    report.earnings_net = report.earnings_gross - report.service_fees;
    Ok(report)
}
