//! The double-entry ledger's rules: a transaction is a set of postings that sum to
//! zero per currency, each non-zero and exact to the currency's minor unit.

use crate::money::Currency;
use rust_decimal::Decimal;
use std::collections::HashMap;

/// The kinds of account money can sit in (SPEC §7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AccountKind {
    /// A client's wallet: deposits waiting to be spent.
    ClientFunding,
    /// Money held for one milestone or invoice.
    ContractEscrow,
    /// Released to a freelancer, inside the security period.
    FreelancerPending,
    /// A freelancer's withdrawable money.
    FreelancerAvailable,
    /// The platform's fee income.
    PlatformFees,
    /// Money in flight with the payment gateway (mirrors the outside world).
    GatewayClearing,
    /// Money paid out to bank accounts (mirrors the outside world).
    Payouts,
}

impl AccountKind {
    pub fn as_str(self) -> &'static str {
        match self {
            AccountKind::ClientFunding => "client_funding",
            AccountKind::ContractEscrow => "contract_escrow",
            AccountKind::FreelancerPending => "freelancer_pending",
            AccountKind::FreelancerAvailable => "freelancer_available",
            AccountKind::PlatformFees => "platform_fees",
            AccountKind::GatewayClearing => "gateway_clearing",
            AccountKind::Payouts => "payouts",
        }
    }

    /// Accounts that hold someone's money never go below zero; only the accounts that
    /// mirror the outside world do.
    pub fn may_go_negative(self) -> bool {
        matches!(self, AccountKind::GatewayClearing | AccountKind::Payouts)
    }
}

/// One side of a transaction: `amount` added to (positive) or taken from (negative)
/// an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posting<A> {
    pub account: A,
    pub amount: Decimal,
    pub currency: Currency,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LedgerProblem {
    #[error("a transaction needs at least two postings")]
    TooFewPostings,
    #[error("a posting of zero moves nothing")]
    ZeroPosting,
    #[error("{0} has more decimal places than the currency")]
    TooPrecise(Decimal),
    #[error("the postings leave {1} {0} unbalanced")]
    Unbalanced(&'static str, Decimal),
}

/// Checks a transaction's postings: at least two, none zero, exact, balanced.
pub fn check_balanced<A>(postings: &[Posting<A>]) -> Result<(), LedgerProblem> {
    if postings.len() < 2 {
        return Err(LedgerProblem::TooFewPostings);
    }
    let mut totals: HashMap<&'static str, Decimal> = HashMap::new();
    for posting in postings {
        if posting.amount.is_zero() {
            return Err(LedgerProblem::ZeroPosting);
        }
        if posting.amount.normalize().scale() > posting.currency.minor_digits() {
            return Err(LedgerProblem::TooPrecise(posting.amount));
        }
        *totals.entry(posting.currency.code()).or_default() += posting.amount;
    }
    match totals.into_iter().find(|(_, total)| !total.is_zero()) {
        Some((currency, total)) => Err(LedgerProblem::Unbalanced(currency, total)),
        None => Ok(()),
    }
}

/// A transfer of `amount` from one account to another: the simplest balanced pair.
pub fn transfer<A>(from: A, to: A, amount: Decimal, currency: Currency) -> [Posting<A>; 2] {
    [
        Posting {
            account: from,
            amount: -amount,
            currency,
        },
        Posting {
            account: to,
            amount,
            currency,
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const USD: Currency = Currency::Usd;

    #[test]
    fn a_transfer_balances() {
        assert_eq!(
            check_balanced(&transfer("a", "b", Decimal::new(1050, 2), USD)),
            Ok(())
        );
    }

    #[test]
    fn unbalanced_zero_and_fractional_postings_are_refused() {
        let unbalanced = [
            Posting {
                account: "a",
                amount: Decimal::new(-1000, 2),
                currency: USD,
            },
            Posting {
                account: "b",
                amount: Decimal::new(999, 2),
                currency: USD,
            },
        ];
        assert_eq!(
            check_balanced(&unbalanced),
            Err(LedgerProblem::Unbalanced("USD", Decimal::new(-1, 2)))
        );
        assert_eq!(
            check_balanced(&transfer("a", "b", Decimal::ZERO, USD)),
            Err(LedgerProblem::ZeroPosting)
        );
        assert!(matches!(
            check_balanced(&transfer("a", "b", Decimal::new(1, 3), USD)),
            Err(LedgerProblem::TooPrecise(_))
        ));
        assert_eq!(
            check_balanced(&[Posting {
                account: "a",
                amount: Decimal::ONE,
                currency: USD
            }]),
            Err(LedgerProblem::TooFewPostings)
        );
    }

    #[test]
    fn only_the_mirrors_of_the_outside_world_may_go_negative() {
        assert!(
            AccountKind::GatewayClearing.may_go_negative()
                && AccountKind::Payouts.may_go_negative()
        );
        assert!(
            !AccountKind::ContractEscrow.may_go_negative()
                && !AccountKind::ClientFunding.may_go_negative()
        );
    }

    proptest! {
        #[test]
        fn a_split_that_sums_to_the_whole_balances(total in 1i64..1_000_000_000, cut in 0i64..1_000_000_000) {
            let part = cut % total;
            let postings = [
                Posting { account: 0, amount: Decimal::new(-total, 2), currency: USD },
                Posting { account: 1, amount: Decimal::new(part, 2), currency: USD },
                Posting { account: 2, amount: Decimal::new(total - part, 2), currency: USD },
            ];
            let postings: Vec<_> = postings.into_iter().filter(|p| !p.amount.is_zero()).collect();
            prop_assert_eq!(check_balanced(&postings), Ok(()));
        }
    }
}
