//! Escrow (SPEC §7): the operations hiring and contracts call. Each one is a set of
//! balanced ledger transactions written in one database transaction; protected
//! balances are checked under their row locks, so concurrent calls that together
//! exceed a balance fail cleanly (`insufficient_funds`) and write nothing.

use crate::context::AppContext;
use crate::error::{AppError, AppResult};
use crate::wallet::{USD, account_of, charge_into_wallet, platform};
use chrono::Duration;
use diesel::{Connection, PgConnection};
use rust_decimal::Decimal;
use uuid::Uuid;
use worklane_db::users::User;
use worklane_db::wallet as store;
use worklane_domain::fees::{client_charge, freelancer_split};
use worklane_domain::ledger::{AccountKind, transfer};
use worklane_domain::money::Money;

fn escrow_of(
    conn: &mut PgConnection,
    subject_id: Uuid,
    client_id: Uuid,
    ctx: &AppContext,
) -> AppResult<Uuid> {
    Ok(store::escrow_account(
        conn,
        subject_id,
        client_id,
        USD,
        ctx.clock.now(),
    )?)
}

fn positive(amount: Money) -> AppResult<Money> {
    if amount.amount <= Decimal::ZERO {
        return Err(AppError::field(
            "amount",
            "zero_amount",
            "must be more than 0.00",
        ));
    }
    Ok(amount)
}

/// What funding an escrow took from the client.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Funding {
    pub amount: Money,
    pub fee: Money,
    /// Charged to the card because the wallet held too little.
    pub charged: Option<Money>,
}

/// Funds `amount` into the escrow for `subject_id`: the client pays the amount plus
/// the marketplace fee from their wallet; with a card given, any shortfall is charged
/// to it first (keyed by `charge_key`).
pub fn fund(
    conn: &mut PgConnection,
    ctx: &AppContext,
    client: &User,
    subject_id: Uuid,
    amount: Money,
    payment_method_id: Option<Uuid>,
    charge_key: &str,
) -> AppResult<Funding> {
    let amount = positive(amount)?;
    let charged = cover_shortfall(conn, ctx, client, amount, payment_method_id, charge_key)?;
    let fee = conn.transaction(|conn| fund_in(conn, ctx, client, subject_id, amount))?;
    Ok(Funding {
        amount,
        fee,
        charged,
    })
}

/// Before funding `amount` (plus its fee): charges what the client's wallet lacks to
/// the card, if one is given. Called outside a transaction (requests), the charge
/// lands in the wallet in its own committed transaction, so a funding that fails
/// afterwards leaves the money in the wallet, never lost. Called inside one (the
/// invoice worker), a rollback undoes the deposit but the charge key makes the
/// retry find the same charge at the gateway, so it is recorded exactly once.
pub(crate) fn cover_shortfall(
    conn: &mut PgConnection,
    ctx: &AppContext,
    client: &User,
    amount: Money,
    payment_method_id: Option<Uuid>,
    charge_key: &str,
) -> AppResult<Option<Money>> {
    let Some(method) = payment_method_id else {
        return Ok(None);
    };
    let charge = client_charge(
        amount,
        &crate::plans::fees_for_client(conn, ctx, client.id)?,
    );
    let funding = account_of(conn, AccountKind::ClientFunding, client.id, ctx.clock.now())?;
    let balance = worklane_db::ledger::balance(conn, funding)?;
    if balance >= charge.total.amount {
        return Ok(None);
    }
    let shortfall = Money {
        amount: charge.total.amount - balance,
        currency: USD,
    };
    charge_into_wallet(conn, ctx, client, method, shortfall, charge_key)?;
    Ok(Some(shortfall))
}

/// Moves `amount` from the client's wallet into the escrow and the marketplace fee
/// to the platform; returns the fee. Call inside a transaction.
pub(crate) fn fund_in(
    conn: &mut PgConnection,
    ctx: &AppContext,
    client: &User,
    subject_id: Uuid,
    amount: Money,
) -> AppResult<Money> {
    // Plus clients pay the lower marketplace fee.
    let charge = client_charge(
        amount,
        &crate::plans::fees_for_client(conn, ctx, client.id)?,
    );
    let now = ctx.clock.now();
    let funding = account_of(conn, AccountKind::ClientFunding, client.id, now)?;
    let escrow = escrow_of(conn, subject_id, client.id, ctx)?;
    let fees = platform(conn, AccountKind::PlatformFees, now)?;
    crate::ledger::post(
        conn,
        "escrow_funding",
        Some(subject_id),
        "Escrow funded",
        &transfer(funding, escrow, amount.amount, USD),
        now,
    )?;
    if !charge.fee.amount.is_zero() {
        crate::ledger::post(
            conn,
            "marketplace_fee",
            Some(subject_id),
            "Marketplace fee",
            &transfer(funding, fees, charge.fee.amount, USD),
            now,
        )?;
    }
    Ok(charge.fee)
}

pub(crate) fn release_in(
    conn: &mut PgConnection,
    ctx: &AppContext,
    subject_id: Uuid,
    client_id: Uuid,
    freelancer_id: Uuid,
    gross: Money,
) -> AppResult<()> {
    let available_at =
        ctx.clock.now() + Duration::days(ctx.policy.security_period.fixed_price_days);
    release_until(
        conn,
        ctx,
        subject_id,
        client_id,
        freelancer_id,
        gross,
        available_at,
    )
}

/// Releases `gross` whose net becomes available at `available_at` (an hourly week's
/// pay: 10 days after the week ended). Call inside a transaction.
pub(crate) fn release_until(
    conn: &mut PgConnection,
    ctx: &AppContext,
    subject_id: Uuid,
    client_id: Uuid,
    freelancer_id: Uuid,
    gross: Money,
    available_at: chrono::DateTime<chrono::Utc>,
) -> AppResult<()> {
    let now = ctx.clock.now();
    let split = freelancer_split(gross, &ctx.policy.fees);
    let escrow = escrow_of(conn, subject_id, client_id, ctx)?;
    let pending = account_of(conn, AccountKind::FreelancerPending, freelancer_id, now)?;
    let fees = platform(conn, AccountKind::PlatformFees, now)?;
    crate::ledger::post(
        conn,
        "escrow_release",
        Some(subject_id),
        "Payment released",
        &transfer(escrow, pending, gross.amount, USD),
        now,
    )?;
    if !split.fee.amount.is_zero() {
        crate::ledger::post(
            conn,
            "service_fee",
            Some(subject_id),
            "Service fee",
            &transfer(pending, fees, split.fee.amount, USD),
            now,
        )?;
    }
    if !split.net.amount.is_zero() {
        store::add_pending_release(
            conn,
            freelancer_id,
            split.net.amount,
            USD,
            Some(subject_id),
            available_at.max(now),
            now,
        )?;
    }
    Ok(())
}

pub(crate) fn refund_in(
    conn: &mut PgConnection,
    ctx: &AppContext,
    subject_id: Uuid,
    client_id: Uuid,
    amount: Money,
) -> AppResult<()> {
    let now = ctx.clock.now();
    let escrow = escrow_of(conn, subject_id, client_id, ctx)?;
    let funding = account_of(conn, AccountKind::ClientFunding, client_id, now)?;
    crate::ledger::post(
        conn,
        "escrow_refund",
        Some(subject_id),
        "Escrow refunded",
        &transfer(escrow, funding, amount.amount, USD),
        now,
    )?;
    Ok(())
}

/// Gives back the marketplace fee charged when `funded` went into the escrow for
/// `subject_id` (an offer that ended without a contract). Call inside a transaction.
pub(crate) fn refund_marketplace_fee(
    conn: &mut PgConnection,
    ctx: &AppContext,
    subject_id: Uuid,
    client_id: Uuid,
    funded: Money,
) -> AppResult<()> {
    // The fee at the rate charged when it was funded, whatever the client's plan is
    // now: all of it for the whole amount, its share for a part.
    let charged = worklane_db::ledger::marketplace_fee_charged(conn, subject_id)?;
    let funded_total = worklane_db::ledger::escrow_funded(conn, subject_id)?;
    let share = if funded_total <= Decimal::ZERO || funded.amount >= funded_total {
        charged
    } else {
        (charged * funded.amount / funded_total).round_dp(2)
    };
    let fee = Money {
        amount: share.min(charged),
        currency: USD,
    };
    if fee.amount <= Decimal::ZERO {
        return Ok(());
    }
    let now = ctx.clock.now();
    let fees = platform(conn, AccountKind::PlatformFees, now)?;
    let funding = account_of(conn, AccountKind::ClientFunding, client_id, now)?;
    crate::ledger::post(
        conn,
        "marketplace_fee_refund",
        Some(subject_id),
        "Marketplace fee refunded",
        &transfer(fees, funding, fee.amount, USD),
        now,
    )?;
    Ok(())
}

/// Releases `gross` from the escrow to the freelancer: the service fee goes to the
/// platform and the rest waits out the security period in pending.
pub fn release(
    conn: &mut PgConnection,
    ctx: &AppContext,
    subject_id: Uuid,
    client_id: Uuid,
    freelancer_id: Uuid,
    gross: Money,
) -> AppResult<()> {
    let gross = positive(gross)?;
    conn.transaction(|conn| release_in(conn, ctx, subject_id, client_id, freelancer_id, gross))
}

/// Returns `amount` from the escrow to the client's wallet.
pub fn refund(
    conn: &mut PgConnection,
    ctx: &AppContext,
    subject_id: Uuid,
    client_id: Uuid,
    amount: Money,
) -> AppResult<()> {
    let amount = positive(amount)?;
    conn.transaction(|conn| refund_in(conn, ctx, subject_id, client_id, amount))
}

/// Releases one part and refunds another, together or not at all (a dispute's end).
pub fn split(
    conn: &mut PgConnection,
    ctx: &AppContext,
    subject_id: Uuid,
    client_id: Uuid,
    freelancer_id: Uuid,
    release: Money,
    refund: Money,
) -> AppResult<()> {
    conn.transaction(|conn| {
        if release.amount > Decimal::ZERO {
            release_in(conn, ctx, subject_id, client_id, freelancer_id, release)?;
        }
        if refund.amount > Decimal::ZERO {
            refund_in(conn, ctx, subject_id, client_id, refund)?;
        }
        Ok(())
    })
}

/// The worker's pass: released money whose security period is over becomes available.
pub fn mature_due(conn: &mut PgConnection, ctx: &AppContext) -> AppResult<usize> {
    let now = ctx.clock.now();
    conn.transaction(|conn| {
        let due = store::claim_due_releases(conn, now, 200)?;
        for (id, freelancer_id, amount, subject_id) in &due {
            let pending = account_of(conn, AccountKind::FreelancerPending, *freelancer_id, now)?;
            let available =
                account_of(conn, AccountKind::FreelancerAvailable, *freelancer_id, now)?;
            crate::ledger::post(
                conn,
                "security_period_end",
                *subject_id,
                "Security period ended",
                &transfer(pending, available, *amount, USD),
                now,
            )?;
            store::mark_release_moved(conn, *id, now)?;
        }
        Ok(due.len())
    })
}
