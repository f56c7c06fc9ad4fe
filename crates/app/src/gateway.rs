//! The payment gateway port, and the deterministic sandbox adapter that ships (like
//! a card network's test mode). A real provider implements the same trait.

use chrono::{DateTime, Utc};
use worklane_domain::cards::{self, CardBrand, CardProblem};
use worklane_domain::money::Money;

/// Card details as typed by the user. Never stored, never logged.
pub struct CardDetails {
    pub number: String,
    pub exp_month: u32,
    pub exp_year: i32,
    pub cvc: String,
}

impl std::fmt::Debug for CardDetails {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CardDetails(redacted)")
    }
}

/// What we keep of a card: the gateway's token and what a person needs to recognise it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardToken {
    pub token: String,
    pub brand: CardBrand,
    pub last4: String,
    pub exp_month: u32,
    pub exp_year: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GatewayError {
    #[error("the card {0}")]
    InvalidCard(CardProblem),
    #[error("the card was declined")]
    Declined,
    #[error("the card has insufficient funds")]
    InsufficientFunds,
    #[error("the payment provider is unavailable: {0}")]
    Unavailable(String),
}

/// A bank account as typed by the user. Never stored beyond the last four digits.
pub struct BankAccountDetails {
    pub account_holder: String,
    pub routing_number: String,
    pub account_number: String,
}

impl std::fmt::Debug for BankAccountDetails {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("BankAccountDetails(redacted)")
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankToken {
    pub token: String,
    pub last4: String,
}

/// What the bank did with a payout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PayoutOutcome {
    Paid,
    /// The bank sent the money back (closed account, wrong number, ...).
    Returned,
}

pub trait PaymentGateway: Send + Sync {
    /// Tokenises a bank account for payouts.
    fn add_bank_account(&self, account: &BankAccountDetails) -> Result<BankToken, GatewayError>;
    /// Pays out to a tokenised bank account; the same idempotency key never pays twice.
    fn payout(
        &self,
        token: &str,
        amount: Money,
        idempotency_key: &str,
    ) -> Result<PayoutOutcome, GatewayError>;
    /// Tokenises a card and verifies it with a zero-amount authorisation.
    fn add_card(&self, card: &CardDetails, now: DateTime<Utc>) -> Result<CardToken, GatewayError>;
    /// Charges a tokenised card; the same idempotency key never charges twice.
    fn charge(
        &self,
        token: &str,
        amount: Money,
        idempotency_key: &str,
    ) -> Result<String, GatewayError>;
}

/// Test mode: 4242 4242 4242 4242 succeeds, 4000 0000 0000 0002 is declined,
/// 4000 0000 0000 9995 verifies but has insufficient funds for any charge. Any other
/// valid number succeeds. Bank accounts ending in 0002 get their payouts returned.
#[derive(Debug, Default, Clone, Copy)]
pub struct SandboxGateway;

const DECLINED: &str = "4000000000000002";
const INSUFFICIENT_FUNDS: &str = "4000000000009995";

impl PaymentGateway for SandboxGateway {
    fn add_bank_account(&self, account: &BankAccountDetails) -> Result<BankToken, GatewayError> {
        let digits: String = account
            .account_number
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let behaviour = if digits.ends_with("0002") {
            "return"
        } else {
            "ok"
        };
        let last4 = digits
            .get(digits.len().saturating_sub(4)..)
            .unwrap_or_default()
            .to_owned();
        Ok(BankToken {
            token: format!("ba_sandbox_{behaviour}_{}", uuid::Uuid::new_v4().simple()),
            last4,
        })
    }

    fn payout(
        &self,
        token: &str,
        _amount: Money,
        _idempotency_key: &str,
    ) -> Result<PayoutOutcome, GatewayError> {
        if token.starts_with("ba_sandbox_return_") {
            Ok(PayoutOutcome::Returned)
        } else if token.starts_with("ba_sandbox_") {
            Ok(PayoutOutcome::Paid)
        } else {
            Err(GatewayError::Declined)
        }
    }

    fn add_card(&self, card: &CardDetails, now: DateTime<Utc>) -> Result<CardToken, GatewayError> {
        let digits = cards::digits(&card.number).map_err(GatewayError::InvalidCard)?;
        cards::check_expiry(card.exp_month, card.exp_year, now)
            .map_err(GatewayError::InvalidCard)?;
        cards::check_cvc(&card.cvc).map_err(GatewayError::InvalidCard)?;
        if digits == DECLINED {
            return Err(GatewayError::Declined);
        }
        let behaviour = if digits == INSUFFICIENT_FUNDS {
            "nsf"
        } else {
            "ok"
        };
        let last4 = digits[digits.len() - 4..].to_owned();
        Ok(CardToken {
            token: format!("tok_sandbox_{behaviour}_{}", uuid::Uuid::new_v4().simple()),
            brand: cards::brand(&digits),
            last4,
            exp_month: card.exp_month,
            exp_year: card.exp_year,
        })
    }

    fn charge(
        &self,
        token: &str,
        amount: Money,
        idempotency_key: &str,
    ) -> Result<String, GatewayError> {
        if token.starts_with("tok_sandbox_nsf_") && !amount.amount.is_zero() {
            return Err(GatewayError::InsufficientFunds);
        }
        if !token.starts_with("tok_sandbox_") {
            return Err(GatewayError::Declined);
        }
        // Deterministic per idempotency key: a retry gets the same charge.
        Ok(format!(
            "ch_sandbox_{}",
            uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_OID, idempotency_key.as_bytes()).simple()
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;
    use worklane_domain::money::{Currency, Money};

    fn ten_dollars() -> Money {
        Money {
            amount: Decimal::new(1000, 2),
            currency: Currency::Usd,
        }
    }

    fn card(number: &str) -> CardDetails {
        CardDetails {
            number: number.to_owned(),
            exp_month: 12,
            exp_year: 2030,
            cvc: "123".to_owned(),
        }
    }

    fn now() -> DateTime<Utc> {
        DateTime::from_timestamp(1_795_000_000, 0).unwrap_or_default()
    }

    #[test]
    fn the_test_cards_behave_as_documented() -> Result<(), GatewayError> {
        let gateway = SandboxGateway;
        let ok = gateway.add_card(&card("4242 4242 4242 4242"), now())?;
        assert_eq!((ok.brand, ok.last4.as_str()), (CardBrand::Visa, "4242"));
        assert!(gateway.charge(&ok.token, ten_dollars(), "k1").is_ok());
        assert_eq!(
            gateway.add_card(&card("4000 0000 0000 0002"), now()),
            Err(GatewayError::Declined)
        );
        let poor = gateway.add_card(&card("4000 0000 0000 9995"), now())?;
        assert_eq!(
            gateway.charge(&poor.token, ten_dollars(), "k2"),
            Err(GatewayError::InsufficientFunds)
        );
        Ok(())
    }

    #[test]
    fn a_retried_charge_is_the_same_charge() -> Result<(), GatewayError> {
        let gateway = SandboxGateway;
        let token = gateway.add_card(&card("4242424242424242"), now())?.token;
        assert_eq!(
            gateway.charge(&token, ten_dollars(), "same-key")?,
            gateway.charge(&token, ten_dollars(), "same-key")?
        );
        Ok(())
    }

    #[test]
    fn bad_cards_never_reach_the_network() {
        let gateway = SandboxGateway;
        assert_eq!(
            gateway.add_card(&card("4242 4242 4242 4241"), now()),
            Err(GatewayError::InvalidCard(CardProblem::BadChecksum))
        );
        let expired = CardDetails {
            exp_year: 2020,
            ..card("4242424242424242")
        };
        assert_eq!(
            gateway.add_card(&expired, now()),
            Err(GatewayError::InvalidCard(CardProblem::Expired))
        );
        assert!(!format!("{:?}", card("4242424242424242")).contains("4242"));
    }
}
