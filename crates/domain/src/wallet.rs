//! Wallet rules (SPEC §7, policy): withdrawals (minimum, per-method fee, the wait
//! before a new method can be used) and the security period released money sits in.

use crate::money::Money;
use rust_decimal::Decimal;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WithdrawalPolicy {
    /// The smallest withdrawal.
    pub minimum: Decimal,
    /// The fee for a withdrawal to a bank account (taken from the amount).
    pub bank_fee: Decimal,
    /// Days before a newly added method can be used.
    pub new_method_wait_days: i64,
}

impl Default for WithdrawalPolicy {
    fn default() -> Self {
        Self {
            minimum: Decimal::new(100, 2),
            bank_fee: Decimal::new(99, 2),
            new_method_wait_days: 3,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum WithdrawalProblem {
    #[error("must be at least {0}")]
    BelowMinimum(Decimal),
    #[error("must be more than the fee of {0}")]
    NotAboveFee(Decimal),
}

/// A withdrawal of `amount` from the available balance: the fee is taken from it and
/// the rest reaches the bank.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WithdrawalSplit {
    pub amount: Money,
    pub fee: Money,
    pub net: Money,
}

pub fn withdrawal_split(
    amount: Money,
    policy: &WithdrawalPolicy,
) -> Result<WithdrawalSplit, WithdrawalProblem> {
    if amount.amount < policy.minimum {
        return Err(WithdrawalProblem::BelowMinimum(policy.minimum));
    }
    if amount.amount <= policy.bank_fee {
        return Err(WithdrawalProblem::NotAboveFee(policy.bank_fee));
    }
    let fee = Money {
        amount: policy.bank_fee,
        currency: amount.currency,
    };
    Ok(WithdrawalSplit {
        amount,
        fee,
        net: Money {
            amount: amount.amount - fee.amount,
            currency: amount.currency,
        },
    })
}

/// How long released money stays pending before it can be withdrawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SecurityPeriod {
    pub fixed_price_days: i64,
}

impl Default for SecurityPeriod {
    fn default() -> Self {
        Self {
            fixed_price_days: 5,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Currency;

    fn usd(cents: i64) -> Money {
        Money {
            amount: Decimal::new(cents, 2),
            currency: Currency::Usd,
        }
    }

    #[test]
    fn the_fee_comes_out_of_the_withdrawal() {
        let split = withdrawal_split(usd(10_000), &WithdrawalPolicy::default());
        assert_eq!(
            split.map(|s| (s.fee.amount, s.net.amount)),
            Ok((Decimal::new(99, 2), Decimal::new(9_901, 2)))
        );
    }

    #[test]
    fn too_small_withdrawals_are_refused() {
        let policy = WithdrawalPolicy::default();
        assert_eq!(
            withdrawal_split(usd(99), &policy).err(),
            Some(WithdrawalProblem::BelowMinimum(Decimal::new(100, 2)))
        );
        let free_fee = WithdrawalPolicy {
            minimum: Decimal::new(1, 2),
            ..policy
        };
        assert_eq!(
            withdrawal_split(usd(99), &free_fee).err(),
            Some(WithdrawalProblem::NotAboveFee(Decimal::new(99, 2)))
        );
    }
}
