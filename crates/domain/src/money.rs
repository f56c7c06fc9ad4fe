//! Money: exact decimal amounts with a currency. Never floats. On the wire an amount
//! is a string such as `"125.50"`.

use rust_decimal::Decimal;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Currency {
    Usd,
}

impl Currency {
    pub fn code(self) -> &'static str {
        match self {
            Currency::Usd => "USD",
        }
    }

    /// Digits after the decimal point the currency has.
    pub fn minor_digits(self) -> u32 {
        match self {
            Currency::Usd => 2,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Money {
    pub amount: Decimal,
    pub currency: Currency,
}

/// The largest amount any single figure may hold (a guard against absurd input).
pub const MAX_AMOUNT: Decimal = Decimal::from_parts(1_000_000_000, 0, 0, false, 0);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum AmountProblem {
    #[error("must be a decimal amount such as \"125.50\"")]
    NotANumber,
    #[error("must have at most two digits after the decimal point")]
    TooPrecise,
    #[error("must not be negative")]
    Negative,
    #[error("must be at most 1000000000.00")]
    TooLarge,
}

impl AmountProblem {
    pub fn code(self) -> &'static str {
        match self {
            AmountProblem::NotANumber => "invalid_amount",
            AmountProblem::TooPrecise => "too_precise",
            AmountProblem::Negative => "negative_amount",
            AmountProblem::TooLarge => "amount_too_large",
        }
    }
}

impl Money {
    /// Parses a wire amount: plain decimal notation, no exponent, at most the
    /// currency's minor digits, not negative, not absurd.
    pub fn parse(raw: &str, currency: Currency) -> Result<Self, AmountProblem> {
        let trimmed = raw.trim();
        let well_formed = !trimmed.is_empty()
            && trimmed
                .chars()
                .all(|c| c.is_ascii_digit() || c == '.' || c == '-')
            && trimmed.matches('.').count() <= 1;
        if !well_formed {
            return Err(AmountProblem::NotANumber);
        }
        let amount = Decimal::from_str(trimmed).map_err(|_| AmountProblem::NotANumber)?;
        if amount.is_sign_negative() && !amount.is_zero() {
            return Err(AmountProblem::Negative);
        }
        if amount.normalize().scale() > currency.minor_digits() {
            return Err(AmountProblem::TooPrecise);
        }
        if amount > MAX_AMOUNT {
            return Err(AmountProblem::TooLarge);
        }
        let mut amount = amount.abs();
        amount.rescale(currency.minor_digits());
        Ok(Self { amount, currency })
    }

    pub fn usd(raw: &str) -> Result<Self, AmountProblem> {
        Self::parse(raw, Currency::Usd)
    }

    /// The wire form, always with the currency's minor digits (`"5.00"`).
    pub fn to_wire(self) -> String {
        let mut amount = self.amount;
        amount.rescale(self.currency.minor_digits());
        amount.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn amounts_parse_exactly() {
        assert_eq!(
            Money::usd("125.5").map(Money::to_wire),
            Ok("125.50".to_owned())
        );
        assert_eq!(Money::usd("5").map(Money::to_wire), Ok("5.00".to_owned()));
        assert_eq!(
            Money::usd("0.10").map(|m| m.amount),
            Ok(Decimal::new(10, 2))
        );
    }

    #[test]
    fn bad_amounts_are_refused_with_a_reason() {
        assert_eq!(Money::usd("12.345"), Err(AmountProblem::TooPrecise));
        assert_eq!(Money::usd("-1.00"), Err(AmountProblem::Negative));
        assert_eq!(Money::usd("1e3"), Err(AmountProblem::NotANumber));
        assert_eq!(Money::usd("NaN"), Err(AmountProblem::NotANumber));
        assert_eq!(Money::usd(""), Err(AmountProblem::NotANumber));
        assert_eq!(Money::usd("1.2.3"), Err(AmountProblem::NotANumber));
        assert_eq!(Money::usd("1000000000.01"), Err(AmountProblem::TooLarge));
        assert_eq!(
            Money::usd("99999999999999999999999999999999"),
            Err(AmountProblem::NotANumber)
        );
    }

    proptest! {
        #[test]
        fn every_cent_amount_round_trips(cents in 0i64..100_000_000_000) {
            let wire = format!("{}.{:02}", cents / 100, cents % 100);
            let money = Money::usd(&wire);
            prop_assert_eq!(money.map(Money::to_wire), Ok(wire));
        }
    }
}
