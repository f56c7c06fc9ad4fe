//! Connects (SPEC §5): each freelancer's balance is the sum of the lines of their
//! Connects ledger. Monthly grants by plan (rolling over up to the cap), bundles
//! bought through the wallet or a card (expiring after 12 months), spends on
//! proposals, refunds when a job is cancelled before any hire.
//!
//! Every change locks the freelancer's account row first, so concurrent spends queue
//! up and can never overdraw it. Spends take granted Connects first, then bought ones
//! soonest to expire; refunds go back to the granted pool.

use crate::context::AppContext;
use crate::error::{AppError, AppResult};
use crate::pagination;
use crate::wallet::{USD, account_of, charge_into_wallet, platform};
use chrono::{DateTime, Utc};
use diesel::{Connection, PgConnection};
use rust_decimal::Decimal;
use uuid::Uuid;
use worklane_db::connects::{self as store, ConnectsAccount, Line, Lot};
use worklane_db::users::User;
use worklane_domain::hiring::next_month;
use worklane_domain::ledger::{AccountKind, transfer};
use worklane_domain::money::Money;

fn require_freelancer(user: &User) -> AppResult<()> {
    if user.is_freelancer {
        Ok(())
    } else {
        Err(AppError::forbidden(
            "freelancer_role_required",
            "Connects belong to freelancer accounts; add the freelancer role to your account.",
        ))
    }
}

struct Entry<'a> {
    kind: &'a str,
    amount: i32,
    memo: String,
    job_id: Option<Uuid>,
    proposal_id: Option<Uuid>,
    lot_id: Option<Uuid>,
}

/// Writes one line and the account's new figures together.
fn record(
    conn: &mut PgConnection,
    account: &mut ConnectsAccount,
    granted: i32,
    entry: Entry<'_>,
    now: DateTime<Utc>,
) -> AppResult<()> {
    account.balance += entry.amount;
    account.granted = granted;
    store::save(
        conn,
        account.user_id,
        account.balance,
        account.granted,
        account.next_grant_at,
    )?;
    store::add_line(
        conn,
        &Line {
            id: Uuid::now_v7(),
            user_id: account.user_id,
            kind: entry.kind.to_owned(),
            amount: entry.amount,
            balance_after: account.balance,
            memo: entry.memo,
            job_id: entry.job_id,
            proposal_id: entry.proposal_id,
            lot_id: entry.lot_id,
            created_at: now,
        },
    )?;
    Ok(())
}

/// Bought Connects whose 12 months are over leave the balance.
fn expire_lots(
    conn: &mut PgConnection,
    account: &mut ConnectsAccount,
    lots: &[Lot],
    now: DateTime<Utc>,
) -> AppResult<()> {
    for lot in lots
        .iter()
        .filter(|l| l.expires_at <= now && l.remaining > 0)
    {
        store::set_lot_remaining(conn, lot.id, 0)?;
        let granted = account.granted;
        record(
            conn,
            account,
            granted,
            Entry {
                kind: "expiry",
                amount: -lot.remaining,
                memo: format!("{} bought Connects expired", lot.remaining),
                job_id: None,
                proposal_id: None,
                lot_id: Some(lot.id),
            },
            now,
        )?;
    }
    Ok(())
}

/// Every monthly grant that is due (more than one if the worker was away).
fn grant_due(
    conn: &mut PgConnection,
    ctx: &AppContext,
    account: &mut ConnectsAccount,
    now: DateTime<Utc>,
) -> AppResult<()> {
    while account.next_grant_at <= now {
        let amount = ctx.policy.connects.grant(&account.plan, account.granted);
        account.next_grant_at = next_month(account.next_grant_at);
        if amount > 0 {
            let granted = account.granted + amount;
            record(
                conn,
                account,
                granted,
                Entry {
                    kind: "grant",
                    amount,
                    memo: format!("Monthly {} plan Connects", account.plan),
                    job_id: None,
                    proposal_id: None,
                    lot_id: None,
                },
                now,
            )?;
        } else {
            store::save(
                conn,
                account.user_id,
                account.balance,
                account.granted,
                account.next_grant_at,
            )?;
        }
    }
    Ok(())
}

/// The freelancer's account under its lock, brought up to date: opened (with its
/// first grant) on first use, due grants given, expired purchases removed.
/// Call inside a transaction.
pub(crate) fn lock_current(
    conn: &mut PgConnection,
    ctx: &AppContext,
    user_id: Uuid,
) -> AppResult<ConnectsAccount> {
    let now = ctx.clock.now();
    let mut account = match store::lock(conn, user_id)? {
        Some(account) => account,
        None => {
            // First use: open the account (its first grant is due now).
            store::open(conn, user_id, now)?;
            store::lock(conn, user_id)?.ok_or(AppError::NotFound {
                what: "Connects account",
            })?
        }
    };
    let expired: Vec<Lot> = store::expired_lots_of(conn, user_id, now)?;
    expire_lots(conn, &mut account, &expired, now)?;
    grant_due(conn, ctx, &mut account, now)?;
    Ok(account)
}

/// Moves the freelancer's Connects to `plan` ("basic" or "plus"): monthly grants
/// follow it. Going to Plus grants the difference for this month at once (within
/// the rollover cap). Call inside a transaction.
pub(crate) fn change_plan(
    conn: &mut PgConnection,
    ctx: &AppContext,
    user_id: Uuid,
    plan: &str,
) -> AppResult<()> {
    let now = ctx.clock.now();
    let mut account = lock_current(conn, ctx, user_id)?;
    if account.plan == plan {
        return Ok(());
    }
    store::set_plan(conn, user_id, plan)?;
    let policy = &ctx.policy.connects;
    let extra = (policy.monthly(plan) - policy.monthly(&account.plan))
        .min(policy.rollover_cap - account.granted)
        .max(0);
    account.plan = plan.to_owned();
    if extra > 0 {
        let granted = account.granted + extra;
        record(
            conn,
            &mut account,
            granted,
            Entry {
                kind: "grant",
                amount: extra,
                memo: format!("Plus plan: {extra} more Connects this month"),
                job_id: None,
                proposal_id: None,
                lot_id: None,
            },
            now,
        )?;
    }
    Ok(())
}

/// Spends `amount` for a proposal; `not_enough_connects` (402) and nothing spent if
/// the balance is short. Call inside the transaction that inserts the proposal.
pub(crate) fn spend(
    conn: &mut PgConnection,
    ctx: &AppContext,
    user_id: Uuid,
    amount: i32,
    job_id: Uuid,
    proposal_id: Uuid,
    job_title: &str,
) -> AppResult<()> {
    let now = ctx.clock.now();
    let mut account = lock_current(conn, ctx, user_id)?;
    if account.balance < amount {
        return Err(AppError::PaymentRequired {
            code: "not_enough_connects",
            message: format!(
                "This proposal costs {amount} Connects and you have {}. Buy more Connects or wait for your monthly grant.",
                account.balance
            ),
        });
    }
    let from_granted = amount.min(account.granted);
    let mut rest = amount - from_granted;
    for lot in store::live_lots(conn, user_id, now)? {
        if rest == 0 {
            break;
        }
        let take = rest.min(lot.remaining);
        store::set_lot_remaining(conn, lot.id, lot.remaining - take)?;
        rest -= take;
    }
    if rest > 0 {
        return Err(AppError::Internal(anyhow::anyhow!(
            "connects account {user_id} balance disagrees with its lots"
        )));
    }
    let granted = account.granted - from_granted;
    record(
        conn,
        &mut account,
        granted,
        Entry {
            kind: "spend",
            amount: -amount,
            memo: format!("Proposal to \u{201c}{job_title}\u{201d}"),
            job_id: Some(job_id),
            proposal_id: Some(proposal_id),
            lot_id: None,
        },
        now,
    )
}

/// Gives back what a proposal spent (its job was cancelled before any hire, or
/// removed). Call inside a transaction.
pub(crate) fn refund(
    conn: &mut PgConnection,
    ctx: &AppContext,
    user_id: Uuid,
    amount: i32,
    job_id: Uuid,
    proposal_id: Uuid,
    why: &str,
) -> AppResult<()> {
    let now = ctx.clock.now();
    let mut account = lock_current(conn, ctx, user_id)?;
    let granted = account.granted + amount;
    record(
        conn,
        &mut account,
        granted,
        Entry {
            kind: "refund",
            amount,
            memo: why.to_owned(),
            job_id: Some(job_id),
            proposal_id: Some(proposal_id),
            lot_id: None,
        },
        now,
    )
}

pub struct Summary {
    pub account: ConnectsAccount,
    pub purchased: i32,
    pub lines: Vec<Line>,
    pub next_cursor: Option<String>,
}

/// The freelancer's balance and one page of history.
pub fn summary(
    conn: &mut PgConnection,
    ctx: &AppContext,
    user: &User,
    cursor: Option<&str>,
    limit: Option<i64>,
) -> AppResult<Summary> {
    require_freelancer(user)?;
    let account = conn.transaction(|conn| lock_current(conn, ctx, user.id))?;
    let (lines, next_cursor) = pagination::newest_first(
        cursor,
        limit,
        |after, n| store::lines(conn, user.id, after, n),
        |l| (l.created_at, l.id),
    )?;
    Ok(Summary {
        purchased: account.balance - account.granted,
        account,
        lines,
        next_cursor,
    })
}

pub struct Purchase {
    pub connects: i32,
    pub price: Decimal,
    pub balance: i32,
    pub transaction_id: Uuid,
}

/// Buys a bundle: paid from the freelancer's available earnings, or charged to one
/// of their cards (keyed by `charge_key`, so a retry never charges twice).
pub fn purchase(
    conn: &mut PgConnection,
    ctx: &AppContext,
    user: &User,
    bundle: i32,
    payment_method_id: Option<Uuid>,
    charge_key: &str,
) -> AppResult<Purchase> {
    require_freelancer(user)?;
    let price = ctx.policy.connects.bundle_price(bundle).ok_or_else(|| {
        AppError::field(
            "bundle",
            "unknown_bundle",
            format!(
                "must be one of {}",
                ctx.policy
                    .connects
                    .bundles
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )
    })?;
    let now = ctx.clock.now();
    let source = if let Some(method) = payment_method_id {
        charge_into_wallet(
            conn,
            ctx,
            user,
            method,
            Money {
                amount: price,
                currency: USD,
            },
            charge_key,
        )?;
        AccountKind::ClientFunding
    } else {
        AccountKind::FreelancerAvailable
    };
    conn.transaction(|conn| {
        let from = account_of(conn, source, user.id, now)?;
        let fees = platform(conn, AccountKind::PlatformFees, now)?;
        let transaction_id = crate::ledger::post(
            conn,
            "connects_purchase",
            None,
            &format!("{bundle} Connects"),
            &transfer(from, fees, price, USD),
            now,
        )
        .map_err(|e| match e {
            AppError::Conflict {
                code: "insufficient_funds",
                ..
            } => AppError::Conflict {
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
            },
            other => other,
        })?;
        let mut account = lock_current(conn, ctx, user.id)?;
        let lot = Lot {
            id: Uuid::now_v7(),
            user_id: user.id,
            bought: bundle,
            remaining: bundle,
            expires_at: ctx.policy.connects.expiry_of_purchase(now),
            created_at: now,
        };
        store::add_lot(conn, &lot)?;
        let granted = account.granted;
        record(
            conn,
            &mut account,
            granted,
            Entry {
                kind: "purchase",
                amount: bundle,
                memo: format!("Bought {bundle} Connects"),
                job_id: None,
                proposal_id: None,
                lot_id: Some(lot.id),
            },
            now,
        )?;
        tracing::info!(user_id = %user.id, bundle, %price, "connects bought");
        Ok(Purchase {
            connects: bundle,
            price,
            balance: account.balance,
            transaction_id,
        })
    })
}

/// The worker's pass: due monthly grants and expired purchases, a batch at a time.
pub fn run_due(conn: &mut PgConnection, ctx: &AppContext) -> AppResult<usize> {
    let now = ctx.clock.now();
    conn.transaction(|conn| {
        let mut done = 0;
        for user_id in store::owners_of_expired_lots(conn, now, 200)? {
            // Bringing the account up to date expires its lots.
            lock_current(conn, ctx, user_id)?;
            done += 1;
        }
        for account in store::due_grants(conn, now, 200)? {
            let mut account = account;
            grant_due(conn, ctx, &mut account, now)?;
            done += 1;
        }
        Ok(done)
    })
}
