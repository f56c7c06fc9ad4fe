//! Payment cards as far as our rules go: the number's checksum, its brand, its
//! expiry. Card numbers are never stored; only a gateway token, brand and last four.

use chrono::{DateTime, Datelike, Utc};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardBrand {
    Visa,
    Mastercard,
    Amex,
    Discover,
    Unknown,
}

impl CardBrand {
    pub fn as_str(self) -> &'static str {
        match self {
            CardBrand::Visa => "visa",
            CardBrand::Mastercard => "mastercard",
            CardBrand::Amex => "amex",
            CardBrand::Discover => "discover",
            CardBrand::Unknown => "unknown",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CardProblem {
    #[error("must be 12 to 19 digits")]
    BadLength,
    #[error("is not a valid card number")]
    BadChecksum,
    #[error("has expired")]
    Expired,
    #[error("is not a valid expiry month")]
    BadMonth,
    #[error("must be 3 or 4 digits")]
    BadCvc,
}

impl CardProblem {
    pub fn code(self) -> &'static str {
        match self {
            CardProblem::BadLength | CardProblem::BadChecksum => "invalid_card_number",
            CardProblem::Expired => "card_expired",
            CardProblem::BadMonth => "invalid_expiry",
            CardProblem::BadCvc => "invalid_cvc",
        }
    }
}

/// The digits of a card number as typed (spaces and dashes allowed).
pub fn digits(number: &str) -> Result<String, CardProblem> {
    let digits: String = number.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
    if !(12..=19).contains(&digits.len()) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(CardProblem::BadLength);
    }
    if !luhn(&digits) {
        return Err(CardProblem::BadChecksum);
    }
    Ok(digits)
}

fn luhn(digits: &str) -> bool {
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 {
                let doubled = d * 2;
                if doubled > 9 { doubled - 9 } else { doubled }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

pub fn brand(digits: &str) -> CardBrand {
    let prefix = |n: usize| {
        digits
            .get(..n)
            .and_then(|p| p.parse::<u32>().ok())
            .unwrap_or(0)
    };
    match () {
        _ if digits.starts_with('4') => CardBrand::Visa,
        _ if (51..=55).contains(&prefix(2)) || (2221..=2720).contains(&prefix(4)) => {
            CardBrand::Mastercard
        }
        _ if matches!(prefix(2), 34 | 37) => CardBrand::Amex,
        _ if digits.starts_with("6011") || prefix(2) == 65 => CardBrand::Discover,
        _ => CardBrand::Unknown,
    }
}

/// A card is usable through the last day of its expiry month.
pub fn check_expiry(month: u32, year: i32, now: DateTime<Utc>) -> Result<(), CardProblem> {
    if !(1..=12).contains(&month) {
        return Err(CardProblem::BadMonth);
    }
    if (year, month) < (now.year(), now.month()) {
        return Err(CardProblem::Expired);
    }
    Ok(())
}

pub fn check_cvc(cvc: &str) -> Result<(), CardProblem> {
    if (3..=4).contains(&cvc.len()) && cvc.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err(CardProblem::BadCvc)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        DateTime::from_timestamp(1_795_000_000, 0).unwrap_or_default() // November 2026
    }

    #[test]
    fn test_cards_pass_the_checksum_and_typos_do_not() {
        assert_eq!(
            digits("4242 4242 4242 4242").as_deref(),
            Ok("4242424242424242")
        );
        assert!(digits("4000-0000-0000-0002").is_ok());
        assert!(digits("4000 0000 0000 9995").is_ok());
        assert_eq!(digits("4242 4242 4242 4241"), Err(CardProblem::BadChecksum));
        assert_eq!(digits("4242"), Err(CardProblem::BadLength));
        assert_eq!(digits("4242 4242 4242 424x"), Err(CardProblem::BadLength));
    }

    #[test]
    fn brands_come_from_the_prefix() {
        assert_eq!(brand("4242424242424242"), CardBrand::Visa);
        assert_eq!(brand("5555555555554444"), CardBrand::Mastercard);
        assert_eq!(brand("2223003122003222"), CardBrand::Mastercard);
        assert_eq!(brand("378282246310005"), CardBrand::Amex);
        assert_eq!(brand("6011111111111117"), CardBrand::Discover);
    }

    #[test]
    fn a_card_works_through_its_expiry_month() {
        assert_eq!(check_expiry(11, 2026, now()), Ok(()));
        assert_eq!(check_expiry(10, 2026, now()), Err(CardProblem::Expired));
        assert_eq!(check_expiry(1, 2027, now()), Ok(()));
        assert_eq!(check_expiry(13, 2027, now()), Err(CardProblem::BadMonth));
    }

    #[test]
    fn cvcs_are_three_or_four_digits() {
        assert!(check_cvc("123").is_ok() && check_cvc("1234").is_ok());
        assert!(check_cvc("12").is_err() && check_cvc("12a").is_err());
    }
}
