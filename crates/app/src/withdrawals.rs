//! Withdrawals (SPEC §7): to a sandbox bank account added at least 3 days before,
//! identity verified, at least the minimum, the method's fee taken from the amount.
//! The bank's answer arrives later (the worker): paid, or returned to the wallet.

use crate::context::AppContext;
use crate::error::{AppError, AppResult, FieldError};
use crate::gateway::{BankAccountDetails, PayoutOutcome};
use crate::wallet::{USD, account_of, platform, positive_amount};
use chrono::Duration;
use diesel::{Connection, PgConnection};
use uuid::Uuid;
use worklane_db::users::{self, User};
use worklane_db::withdrawals::{self as store, Withdrawal, WithdrawalMethod};
use worklane_domain::ledger::{AccountKind, transfer};
use worklane_domain::money::Money;
use worklane_domain::wallet::{WithdrawalProblem, withdrawal_split};

fn require_freelancer(user: &User) -> AppResult<()> {
    if user.is_freelancer {
        Ok(())
    } else {
        Err(AppError::forbidden(
            "not_a_freelancer",
            "Withdrawals are for freelancer accounts.",
        ))
    }
}

pub fn add_method(
    conn: &mut PgConnection,
    ctx: &AppContext,
    user: &User,
    details: BankAccountDetails,
) -> AppResult<WithdrawalMethod> {
    require_freelancer(user)?;
    let mut errors = Vec::new();
    let holder = details.account_holder.trim().to_owned();
    if holder.is_empty() || holder.chars().count() > 100 {
        errors.push(FieldError::new(
            "account_holder",
            "invalid_length",
            "must be 1 to 100 characters",
        ));
    }
    let digits = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let routing = digits(&details.routing_number);
    if routing.len() != 9 || !routing.chars().all(|c| c.is_ascii_digit()) {
        errors.push(FieldError::new(
            "routing_number",
            "invalid_routing_number",
            "must be 9 digits",
        ));
    }
    let account = digits(&details.account_number);
    if !(4..=17).contains(&account.len()) || !account.chars().all(|c| c.is_ascii_digit()) {
        errors.push(FieldError::new(
            "account_number",
            "invalid_account_number",
            "must be 4 to 17 digits",
        ));
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let token = ctx
        .gateway
        .add_bank_account(&details)
        .map_err(crate::payment_methods::card_error)?;
    drop(details);
    let now = ctx.clock.now();
    let method = WithdrawalMethod {
        id: Uuid::now_v7(),
        user_id: user.id,
        gateway_token: token.token,
        account_holder: holder,
        bank_last4: token.last4,
        usable_from: now + Duration::days(ctx.policy.withdrawals.new_method_wait_days),
        created_at: now,
        removed_at: None,
    };
    store::insert_method(conn, &method)?;
    tracing::info!(user_id = %user.id, withdrawal_method_id = %method.id, "withdrawal method added");
    Ok(method)
}

pub fn methods(conn: &mut PgConnection, user: &User) -> AppResult<Vec<WithdrawalMethod>> {
    Ok(store::methods_of(conn, user.id)?)
}

pub fn remove_method(
    conn: &mut PgConnection,
    ctx: &AppContext,
    user: &User,
    id: Uuid,
) -> AppResult<()> {
    if store::remove_method(conn, user.id, id, ctx.clock.now())? {
        Ok(())
    } else {
        Err(AppError::NotFound {
            what: "Withdrawal method",
        })
    }
}

/// Withdraws `amount` from the available balance: `amount - fee` to the bank, the fee
/// to the platform. Money leaves the balance now; the worker hands it to the bank.
pub fn withdraw(
    conn: &mut PgConnection,
    ctx: &AppContext,
    user: &User,
    method_id: Uuid,
    amount: &str,
) -> AppResult<Withdrawal> {
    require_freelancer(user)?;
    let amount = positive_amount("amount", amount)?;
    let split = withdrawal_split(amount, &ctx.policy.withdrawals).map_err(|problem| {
        let code = match problem {
            WithdrawalProblem::BelowMinimum(_) => "below_minimum",
            WithdrawalProblem::NotAboveFee(_) => "not_above_fee",
        };
        AppError::field("amount", code, problem.to_string())
    })?;
    let now = ctx.clock.now();
    conn.transaction(|conn| {
        // Read fresh: the badge may have been granted (or the account suspended) after
        // this session began.
        let fresh = users::find(conn, user.id)?;
        if let Some(suspended) = fresh.as_ref().filter(|u| u.suspended()) {
            return Err(crate::auth::account_suspended(suspended));
        }
        let verified = fresh.is_some_and(|u| u.identity_verified_at.is_some());
        if !verified {
            return Err(AppError::forbidden(
                "identity_not_verified",
                "Verify your identity before withdrawing: upload an ID document for review.",
            ));
        }
        let method = store::own_method(conn, user.id, method_id)?.ok_or(AppError::NotFound {
            what: "Withdrawal method",
        })?;
        if now < method.usable_from {
            return Err(AppError::Conflict {
                code: "method_not_usable_yet",
                message: format!(
                    "A new withdrawal method can be used from {}.",
                    method.usable_from.format("%Y-%m-%d %H:%M UTC")
                ),
                field: Some("withdrawal_method_id"),
            });
        }
        let available = account_of(conn, AccountKind::FreelancerAvailable, user.id, now)?;
        let payouts = platform(conn, AccountKind::Payouts, now)?;
        let fees = platform(conn, AccountKind::PlatformFees, now)?;
        let withdrawal = Withdrawal {
            id: Uuid::now_v7(),
            user_id: user.id,
            withdrawal_method_id: method.id,
            amount: split.amount.amount,
            fee: split.fee.amount,
            currency: USD.code().to_owned(),
            status: "processing".to_owned(),
            created_at: now,
            settled_at: None,
        };
        store::insert(conn, &withdrawal)?;
        let memo = format!("Withdrawal to bank account ending {}", method.bank_last4);
        crate::ledger::post(
            conn,
            "withdrawal",
            Some(withdrawal.id),
            &memo,
            &transfer(available, payouts, split.net.amount, USD),
            now,
        )?;
        if !split.fee.amount.is_zero() {
            crate::ledger::post(
                conn,
                "withdrawal_fee",
                Some(withdrawal.id),
                "Withdrawal fee",
                &transfer(available, fees, split.fee.amount, USD),
                now,
            )?;
        }
        tracing::info!(user_id = %user.id, withdrawal_id = %withdrawal.id, amount = %withdrawal.amount, "withdrawal requested");
        Ok(withdrawal)
    })
}

pub fn list(
    conn: &mut PgConnection,
    user: &User,
    cursor: Option<&str>,
    limit: Option<i64>,
) -> AppResult<(Vec<Withdrawal>, Option<String>)> {
    use crate::pagination::{self, TimeIdCursor};
    let limit = pagination::limit(limit)?;
    let after = cursor.map(TimeIdCursor::decode).transpose()?;
    let rows = store::list_for_user(conn, user.id, after.map(|c| (c.at, c.id)), limit + 1)?;
    Ok(pagination::page(rows, limit, |w| {
        TimeIdCursor {
            at: w.created_at,
            id: w.id,
        }
        .encode()
    }))
}

/// The worker's pass: hands processing withdrawals to the bank; a returned payout
/// puts the whole amount (fee included) back in the freelancer's available balance.
pub fn settle_processing(conn: &mut PgConnection, ctx: &AppContext) -> AppResult<usize> {
    let now = ctx.clock.now();
    conn.transaction(|conn| {
        let due = store::claim_processing(conn, 50)?;
        for (withdrawal, token) in &due {
            let net = Money {
                amount: withdrawal.amount - withdrawal.fee,
                currency: USD,
            };
            let outcome = ctx
                .gateway
                .payout(token, net, &withdrawal.id.to_string())
                .map_err(|e| AppError::Internal(anyhow::anyhow!("payout failed: {e}")))?;
            match outcome {
                PayoutOutcome::Paid => store::settle(conn, withdrawal.id, "paid", now)?,
                PayoutOutcome::Returned => {
                    let available = account_of(
                        conn,
                        AccountKind::FreelancerAvailable,
                        withdrawal.user_id,
                        now,
                    )?;
                    let payouts = platform(conn, AccountKind::Payouts, now)?;
                    let fees = platform(conn, AccountKind::PlatformFees, now)?;
                    crate::ledger::post(
                        conn,
                        "withdrawal_return",
                        Some(withdrawal.id),
                        "Withdrawal returned by the bank",
                        &transfer(payouts, available, net.amount, USD),
                        now,
                    )?;
                    if !withdrawal.fee.is_zero() {
                        crate::ledger::post(
                            conn,
                            "withdrawal_return",
                            Some(withdrawal.id),
                            "Withdrawal fee returned",
                            &transfer(fees, available, withdrawal.fee, USD),
                            now,
                        )?;
                    }
                    store::settle(conn, withdrawal.id, "returned", now)?;
                }
            }
        }
        Ok(due.len())
    })
}
