//! Feedback and reputation rules (SPEC §10 and §2).

use chrono::{DateTime, Duration, Utc};
use rust_decimal::Decimal;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedbackPolicy {
    /// How long after a contract ends its parties may leave feedback.
    pub window_days: i64,
    /// Public feedback shows on profiles only for contracts that paid at least this.
    pub min_paid_for_public: Decimal,
}

impl Default for FeedbackPolicy {
    fn default() -> Self {
        Self {
            window_days: 14,
            min_paid_for_public: Decimal::new(100, 2),
        }
    }
}

impl FeedbackPolicy {
    /// The last moment feedback is taken for a contract ended at `ended_at`.
    pub fn closes_at(&self, ended_at: DateTime<Utc>) -> DateTime<Utc> {
        ended_at + Duration::days(self.window_days)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_feedback_window_is_fourteen_days_from_the_end() {
        let ended = Utc.with_ymd_and_hms(2026, 3, 2, 9, 30, 0).unwrap();
        let policy = FeedbackPolicy::default();
        assert_eq!(
            policy.closes_at(ended),
            Utc.with_ymd_and_hms(2026, 3, 16, 9, 30, 0).unwrap()
        );
        assert_eq!(policy.min_paid_for_public.to_string(), "1.00");
    }
}
