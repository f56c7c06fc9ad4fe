//! Plans (SPEC §13): upgrading to Plus (paid from the wallet or a card), cancelling
//! at the end of the paid month, the worker's monthly renewal (a failed one falls
//! back to Basic), and what Plus changes: Connects grants, the client's marketplace
//! fee and the competing bid range.

use crate::context::AppContext;
use crate::error::{AppError, AppResult};
use crate::wallet::{USD, account_of, charge_into_wallet, platform};
use chrono::{DateTime, Utc};
use diesel::{Connection, PgConnection};
use rust_decimal::Decimal;
use uuid::Uuid;
use worklane_db::plans::{self as store, Subscription};
use worklane_db::users::User;
use worklane_domain::fees::FeePolicy;
use worklane_domain::ledger::{AccountKind, transfer};
use worklane_domain::money::Money;
use worklane_domain::plans::{Side, next_period_end};

/// One side's plan as its owner sees it.
#[derive(Debug, Clone)]
pub struct PlanView {
    pub side: Side,
    pub plus: bool,
    pub subscription: Option<Subscription>,
    /// What Plus costs a month on this side.
    pub plus_price: Decimal,
}

fn sides_of(user: &User) -> Vec<Side> {
    let mut sides = Vec::new();
    if user.is_freelancer {
        sides.push(Side::Freelancer);
    }
    if user.is_client {
        sides.push(Side::Client);
    }
    sides
}

fn view_of(ctx: &AppContext, side: Side, subscription: Option<Subscription>) -> PlanView {
    let now = ctx.clock.now();
    PlanView {
        side,
        plus: subscription.as_ref().is_some_and(|s| s.is_plus(now)),
        subscription,
        plus_price: ctx.policy.plans.price(side),
    }
}

pub fn mine(conn: &mut PgConnection, ctx: &AppContext, user: &User) -> AppResult<Vec<PlanView>> {
    let mut subscriptions = store::of_user(conn, user.id)?;
    Ok(sides_of(user)
        .into_iter()
        .map(|side| {
            let found = subscriptions
                .iter()
                .position(|s| s.side == side.as_str())
                .map(|i| subscriptions.swap_remove(i));
            view_of(ctx, side, found)
        })
        .collect())
}

fn require_side(user: &User, side: Side) -> AppResult<()> {
    if sides_of(user).contains(&side) {
        Ok(())
    } else {
        Err(AppError::forbidden(
            "wrong_role",
            format!(
                "Plans for the {} side need that role on your account.",
                side.as_str()
            ),
        ))
    }
}

fn short_of_funds(price: Decimal) -> AppError {
    AppError::Conflict {
        code: "insufficient_funds",
        message: format!(
            "Your available balance is less than {}; pay with a card instead.",
            Money {
                amount: price,
                currency: USD
            }
            .to_wire()
        ),
        field: Some("payment_method_id"),
    }
}

/// Takes a month's price: from the card (through the wallet, keyed by
/// `charge_key`) or from the wallet. Call inside a transaction.
fn take_payment(
    conn: &mut PgConnection,
    ctx: &AppContext,
    user: &User,
    side: Side,
    price: Decimal,
    payment_method_id: Option<Uuid>,
    charge_key: &str,
) -> AppResult<()> {
    let now = ctx.clock.now();
    let source = match (payment_method_id, side) {
        (Some(method), _) => {
            let amount = Money {
                amount: price,
                currency: USD,
            };
            charge_into_wallet(conn, ctx, user, method, amount, charge_key)?;
            AccountKind::ClientFunding
        }
        (None, Side::Freelancer) => AccountKind::FreelancerAvailable,
        (None, Side::Client) => AccountKind::ClientFunding,
    };
    let from = account_of(conn, source, user.id, now)?;
    let fees = platform(conn, AccountKind::PlatformFees, now)?;
    crate::ledger::post(
        conn,
        "subscription",
        None,
        &format!("Plus plan ({}), one month", side.as_str()),
        &transfer(from, fees, price, USD),
        now,
    )
    .map_err(|e| match e {
        AppError::Conflict {
            code: "insufficient_funds",
            ..
        } => short_of_funds(price),
        other => other,
    })?;
    Ok(())
}

fn plan_changed(
    conn: &mut PgConnection,
    ctx: &AppContext,
    user_id: Uuid,
    side: Side,
    plus: bool,
) -> AppResult<()> {
    if side == Side::Freelancer {
        crate::connects::change_plan(conn, ctx, user_id, if plus { "plus" } else { "basic" })?;
    }
    Ok(())
}

/// Moves a side to Plus and takes the first month's price. Upgrading again while a
/// cancelled Plus month runs simply keeps it (nothing is charged).
pub fn upgrade(
    conn: &mut PgConnection,
    ctx: &AppContext,
    user: &User,
    side: Side,
    payment_method_id: Option<Uuid>,
    charge_key: &str,
) -> AppResult<PlanView> {
    require_side(user, side)?;
    let now = ctx.clock.now();
    let price = ctx.policy.plans.price(side);
    let saved = conn.transaction(|conn| {
        let current = store::lock(conn, user.id, side.as_str())?;
        if let Some(mut running) = current.filter(|s| s.is_plus(now)) {
            if !running.cancel_at_period_end {
                return Err(AppError::Conflict {
                    code: "already_plus",
                    message: "You are on Plus already.".to_owned(),
                    field: None,
                });
            }
            running.cancel_at_period_end = false;
            running.updated_at = now;
            store::save(conn, &running)?;
            return Ok(running);
        }
        take_payment(conn, ctx, user, side, price, payment_method_id, charge_key)?;
        let subscription = Subscription {
            user_id: user.id,
            side: side.as_str().to_owned(),
            plan: "plus".to_owned(),
            status: "active".to_owned(),
            payment_method_id,
            started_at: now,
            current_period_end: next_period_end(now),
            cancel_at_period_end: false,
            price,
            last_error: None,
            updated_at: now,
        };
        store::save(conn, &subscription)?;
        plan_changed(conn, ctx, user.id, side, true)?;
        tracing::info!(user_id = %user.id, side = side.as_str(), "upgraded to Plus");
        Ok(subscription)
    })?;
    Ok(view_of(ctx, side, Some(saved)))
}

/// Stops renewal: Plus lasts to the end of the month already paid.
pub fn cancel(
    conn: &mut PgConnection,
    ctx: &AppContext,
    user: &User,
    side: Side,
) -> AppResult<PlanView> {
    require_side(user, side)?;
    let now = ctx.clock.now();
    let saved = conn.transaction(|conn| {
        let mut running = store::lock(conn, user.id, side.as_str())?
            .filter(|s| s.is_plus(now))
            .ok_or_else(|| AppError::Conflict {
                code: "not_plus",
                message: "You are on Basic: there is nothing to cancel.".to_owned(),
                field: None,
            })?;
        running.cancel_at_period_end = true;
        running.updated_at = now;
        store::save(conn, &running)?;
        Ok::<_, AppError>(running)
    })?;
    Ok(view_of(ctx, side, Some(saved)))
}

fn lapse_email(
    user: &User,
    side: Side,
    why: &str,
    now: DateTime<Utc>,
    conn: &mut PgConnection,
) -> AppResult<()> {
    worklane_db::outbox::enqueue_email(
        conn,
        &worklane_db::outbox::Email {
            to: user.email.clone(),
            subject: "Your Worklane Plus plan has ended".to_owned(),
            text_body: format!(
                "Hi {},\n\nWe could not renew your Plus plan ({} side): {why}\n\nYou are on \
                 Basic now. Upgrade again from your plan page whenever you like.\n\n— Worklane\n",
                user.full_name,
                side.as_str()
            ),
        },
        now,
    )?;
    Ok(())
}

/// The worker's pass: every Plus month that has ended is renewed (charged again) or,
/// when cancelled, ended; a renewal whose payment fails lapses to Basic.
pub fn renew_due(conn: &mut PgConnection, ctx: &AppContext) -> AppResult<usize> {
    let now = ctx.clock.now();
    conn.transaction(|conn| {
        let due = store::due(conn, now, 50)?;
        for mut subscription in due.clone() {
            let Some(side) = Side::parse(&subscription.side) else {
                continue;
            };
            let Some(user) = worklane_db::users::find(conn, subscription.user_id)? else {
                continue;
            };
            subscription.updated_at = now;
            if subscription.cancel_at_period_end {
                subscription.status = "canceled".to_owned();
                store::save(conn, &subscription)?;
                plan_changed(conn, ctx, user.id, side, false)?;
                continue;
            }
            let price = ctx.policy.plans.price(side);
            let key = format!(
                "renewal:{}:{}:{}",
                user.id,
                side.as_str(),
                subscription.current_period_end.timestamp()
            );
            // A savepoint: a failed payment undoes only its own writes.
            let paid = conn.transaction(|conn| {
                take_payment(conn, ctx, &user, side, price, subscription.payment_method_id, &key)
            });
            match paid {
                Ok(()) => {
                    subscription.price = price;
                    subscription.current_period_end =
                        next_period_end(subscription.current_period_end.max(now));
                    subscription.last_error = None;
                    store::save(conn, &subscription)?;
                }
                Err(AppError::Internal(cause)) => return Err(AppError::Internal(cause)),
                Err(refused) => {
                    let why = refused.to_string();
                    subscription.status = "lapsed".to_owned();
                    subscription.last_error = Some(why.clone());
                    store::save(conn, &subscription)?;
                    plan_changed(conn, ctx, user.id, side, false)?;
                    lapse_email(&user, side, &why, now, conn)?;
                    tracing::info!(user_id = %user.id, side = side.as_str(), %why, "Plus renewal failed; back to Basic");
                }
            }
        }
        Ok(due.len())
    })
}

/// The fees a client pays: Plus clients pay the lower marketplace fee.
pub(crate) fn fees_for_client(
    conn: &mut PgConnection,
    ctx: &AppContext,
    client_id: Uuid,
) -> AppResult<FeePolicy> {
    let mut fees = ctx.policy.fees;
    if store::is_plus(conn, client_id, Side::Client.as_str(), ctx.clock.now())? {
        fees.client_fee_percent = ctx.policy.plans.client_plus_fee_percent;
    }
    Ok(fees)
}

/// Whether `user` sees the competing bid range on jobs (Plus freelancers).
pub fn sees_bid_range(conn: &mut PgConnection, ctx: &AppContext, user: &User) -> AppResult<bool> {
    Ok(user.is_freelancer
        && store::is_plus(conn, user.id, Side::Freelancer.as_str(), ctx.clock.now())?)
}
