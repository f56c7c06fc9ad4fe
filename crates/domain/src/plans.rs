//! Plans (SPEC §13): freelancer Basic (free, 10 Connects a month) and Plus (100
//! Connects a month, sees the competing bid range); client Basic and Plus (a lower
//! marketplace fee). Plus is paid monthly; prices and the Plus fee are policy.

use chrono::{DateTime, Months, Utc};
use rust_decimal::Decimal;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Freelancer,
    Client,
}

impl Side {
    pub fn as_str(self) -> &'static str {
        match self {
            Side::Freelancer => "freelancer",
            Side::Client => "client",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "freelancer" => Some(Side::Freelancer),
            "client" => Some(Side::Client),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanPolicy {
    pub freelancer_plus_price: Decimal,
    pub client_plus_price: Decimal,
    /// The marketplace fee a Plus client pays on top of what they fund, in percent
    /// (Basic pays the fee policy's `client_fee_percent`).
    pub client_plus_fee_percent: Decimal,
}

impl Default for PlanPolicy {
    fn default() -> Self {
        Self {
            freelancer_plus_price: Decimal::new(1999, 2),
            client_plus_price: Decimal::new(4999, 2),
            client_plus_fee_percent: Decimal::from(3),
        }
    }
}

impl PlanPolicy {
    pub fn price(&self, side: Side) -> Decimal {
        match side {
            Side::Freelancer => self.freelancer_plus_price,
            Side::Client => self.client_plus_price,
        }
    }
}

/// The end of a monthly period that starts at `start` (the same day next month, or
/// the month's last day when it is shorter).
pub fn next_period_end(start: DateTime<Utc>) -> DateTime<Utc> {
    start.checked_add_months(Months::new(1)).unwrap_or(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s)
            .map(|d| d.with_timezone(&Utc))
            .unwrap_or_default()
    }

    #[test]
    fn a_period_is_a_calendar_month() {
        assert_eq!(
            next_period_end(at("2026-11-26T10:00:00Z")),
            at("2026-12-26T10:00:00Z")
        );
        assert_eq!(
            next_period_end(at("2027-01-31T10:00:00Z")),
            at("2027-02-28T10:00:00Z")
        );
    }

    #[test]
    fn plus_costs_what_the_policy_says() {
        let policy = PlanPolicy::default();
        assert_eq!(policy.price(Side::Freelancer).to_string(), "19.99");
        assert_eq!(policy.price(Side::Client).to_string(), "49.99");
        assert_eq!(Side::parse("client"), Some(Side::Client));
        assert_eq!(Side::parse("admin"), None);
    }
}
