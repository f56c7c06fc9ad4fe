//! Money parsing: whatever text arrives as an amount, `Money::parse` never panics, and
//! what it accepts is exact: not negative, at most 1,000,000,000.00, two places, the
//! same number as written, and its wire form parses back to itself.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rust_decimal::Decimal;
use std::str::FromStr;
use worklane_domain::money::{Currency, MAX_AMOUNT, Money};

fuzz_target!(|data: &[u8]| {
    let Ok(raw) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(money) = Money::parse(raw, Currency::Usd) else {
        return;
    };
    assert!(
        money.amount >= Decimal::ZERO,
        "{raw:?} gave a negative amount"
    );
    assert!(money.amount <= MAX_AMOUNT, "{raw:?} gave an absurd amount");
    assert_eq!(money.amount.scale(), 2, "{raw:?} is not kept to the cent");
    let written = Decimal::from_str(raw.trim()).map(|d| d.abs());
    assert_eq!(written, Ok(money.amount), "{raw:?} changed value");
    let wire = money.to_wire();
    let (units, cents) = wire
        .split_once('.')
        .unwrap_or_else(|| panic!("{wire:?} has no cents"));
    assert!(units.chars().all(|c| c.is_ascii_digit()) && !units.is_empty());
    assert!(cents.len() == 2 && cents.chars().all(|c| c.is_ascii_digit()));
    assert_eq!(
        Money::parse(&wire, Currency::Usd),
        Ok(money),
        "{wire:?} does not round-trip"
    );
});
