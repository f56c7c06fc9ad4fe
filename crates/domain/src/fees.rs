//! Fees (SPEC §7, policy): the freelancer's service fee is taken from each payment;
//! the client's marketplace fee is charged on top when funding. Fees round half away
//! from zero to the cent and the other side is always the exact remainder, so no
//! cent is lost or made up by rounding.

use crate::money::Money;
use rust_decimal::{Decimal, RoundingStrategy};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FeePolicy {
    /// Percent of each payment kept as the freelancer's service fee.
    pub freelancer_fee_percent: Decimal,
    /// Percent added on top of what a client funds.
    pub client_fee_percent: Decimal,
}

impl Default for FeePolicy {
    fn default() -> Self {
        Self {
            freelancer_fee_percent: Decimal::from(10),
            client_fee_percent: Decimal::from(5),
        }
    }
}

fn percent_of(amount: Money, percent: Decimal) -> Money {
    let fee = (amount.amount * percent / Decimal::from(100)).round_dp_with_strategy(
        amount.currency.minor_digits(),
        RoundingStrategy::MidpointAwayFromZero,
    );
    Money {
        amount: fee,
        currency: amount.currency,
    }
}

/// A payment to a freelancer: what the fee takes and what the freelancer keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FreelancerSplit {
    pub gross: Money,
    pub fee: Money,
    pub net: Money,
}

pub fn freelancer_split(gross: Money, policy: &FeePolicy) -> FreelancerSplit {
    let fee = percent_of(gross, policy.freelancer_fee_percent);
    FreelancerSplit {
        gross,
        fee,
        net: Money {
            amount: gross.amount - fee.amount,
            currency: gross.currency,
        },
    }
}

/// What funding an amount costs a client.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientCharge {
    pub amount: Money,
    pub fee: Money,
    pub total: Money,
}

pub fn client_charge(amount: Money, policy: &FeePolicy) -> ClientCharge {
    let fee = percent_of(amount, policy.client_fee_percent);
    ClientCharge {
        amount,
        fee,
        total: Money {
            amount: amount.amount + fee.amount,
            currency: amount.currency,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Currency;
    use proptest::prelude::*;

    fn usd(cents: i64) -> Money {
        Money {
            amount: Decimal::new(cents, 2),
            currency: Currency::Usd,
        }
    }

    #[test]
    fn a_freelancer_keeps_ninety_percent() {
        let split = freelancer_split(usd(12_550), &FeePolicy::default());
        assert_eq!((split.fee, split.net), (usd(1_255), usd(11_295)));
    }

    #[test]
    fn half_cents_round_away_from_zero() {
        // 10% of 0.05 is 0.005 -> 0.01; the freelancer gets the remaining 0.04.
        let split = freelancer_split(usd(5), &FeePolicy::default());
        assert_eq!((split.fee, split.net), (usd(1), usd(4)));
        // 5% of 0.10 is 0.005 -> 0.01.
        assert_eq!(client_charge(usd(10), &FeePolicy::default()).fee, usd(1));
    }

    #[test]
    fn a_client_pays_five_percent_on_top() {
        let charge = client_charge(usd(50_000), &FeePolicy::default());
        assert_eq!((charge.fee, charge.total), (usd(2_500), usd(52_500)));
    }

    proptest! {
        #[test]
        fn fee_and_net_always_add_up_to_the_payment(cents in 0i64..10_000_000_000) {
            let split = freelancer_split(usd(cents), &FeePolicy::default());
            prop_assert_eq!(split.fee.amount + split.net.amount, split.gross.amount);
            prop_assert!(split.fee.amount >= Decimal::ZERO && split.net.amount >= Decimal::ZERO);
            prop_assert!(split.fee.amount.scale() <= 2 && split.net.amount.scale() <= 2);
        }

        #[test]
        fn a_client_is_charged_exactly_amount_plus_fee(cents in 0i64..10_000_000_000) {
            let charge = client_charge(usd(cents), &FeePolicy::default());
            prop_assert_eq!(charge.total.amount - charge.fee.amount, charge.amount.amount);
            // The fee is within half a cent of the exact 5%.
            let exact = charge.amount.amount * Decimal::new(5, 2);
            prop_assert!((charge.fee.amount - exact).abs() <= Decimal::new(5, 3));
        }
    }
}
