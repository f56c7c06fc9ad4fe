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

/// How reputation is computed (SPEC §2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReputationPolicy {
    /// Contracts ended within this many months count towards the Job Success Score.
    pub window_months: u32,
    /// The score shows once the freelancer has this many ended contracts…
    pub min_contracts: usize,
    /// …with at least this many different clients.
    pub min_clients: usize,
    pub top_rated_min_jss: u8,
    /// Earned in the window, gross.
    pub top_rated_min_earned: Decimal,
}

impl Default for ReputationPolicy {
    fn default() -> Self {
        Self {
            window_months: 12,
            min_contracts: 3,
            min_clients: 2,
            top_rated_min_jss: 90,
            top_rated_min_earned: Decimal::new(1000, 0),
        }
    }
}

/// One ended contract, as the score sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndedContract {
    /// The client, as a number (a UUID's 128 bits): only compared for "how many clients".
    pub client_id: u128,
    /// What it paid the freelancer (gross).
    pub paid: Decimal,
    /// The client's public rating of the freelancer, once revealed.
    pub rating: Option<i16>,
    /// The client's private score (0–10), once revealed.
    pub private_score: Option<i16>,
    /// A dispute on it was decided mostly against the freelancer.
    pub dispute_lost: bool,
}

impl EndedContract {
    /// Ended with a payment and rated 4+ publicly (or 8+ privately).
    pub fn successful(&self) -> bool {
        self.paid > Decimal::ZERO
            && (self.rating.is_some_and(|r| r >= 4) || self.private_score.is_some_and(|s| s >= 8))
    }

    /// Rated 2 or less, paid nothing, or a dispute lost by the freelancer.
    pub fn negative(&self) -> bool {
        self.rating.is_some_and(|r| r <= 2) || self.paid <= Decimal::ZERO || self.dispute_lost
    }
}

/// The Job Success Score in percent: (successful − negative) / total, never below
/// zero; none until there are enough contracts with enough different clients.
pub fn job_success_score(contracts: &[EndedContract], policy: &ReputationPolicy) -> Option<u8> {
    let total = contracts.len();
    let mut clients: Vec<u128> = contracts.iter().map(|c| c.client_id).collect();
    clients.sort_unstable();
    clients.dedup();
    if total < policy.min_contracts || clients.len() < policy.min_clients {
        return None;
    }
    let successful = contracts.iter().filter(|c| c.successful()).count() as i64;
    let negative = contracts.iter().filter(|c| c.negative()).count() as i64;
    let net = (successful - negative).max(0);
    // Rounded half up, in whole percent.
    let percent = (net * 200 + total as i64) / (2 * total as i64);
    u8::try_from(percent.clamp(0, 100)).ok()
}

pub const RISING_TALENT: &str = "rising_talent";
pub const TOP_RATED: &str = "top_rated";

/// Rising Talent: no score yet, a complete profile and a verified identity.
/// Top Rated: a score of 90%+ and 1,000 earned in the window.
pub fn badges(
    jss: Option<u8>,
    profile_complete: bool,
    identity_verified: bool,
    earned_in_window: Decimal,
    policy: &ReputationPolicy,
) -> Vec<&'static str> {
    let mut badges = Vec::new();
    if jss.is_none() && profile_complete && identity_verified {
        badges.push(RISING_TALENT);
    }
    if jss.is_some_and(|j| j >= policy.top_rated_min_jss)
        && earned_in_window >= policy.top_rated_min_earned
    {
        badges.push(TOP_RATED);
    }
    badges
}

#[cfg(test)]
mod score_tests {
    use super::*;

    fn contract(
        client: u128,
        paid: i64,
        rating: Option<i16>,
        private: Option<i16>,
    ) -> EndedContract {
        EndedContract {
            client_id: client,
            paid: Decimal::new(paid, 0),
            rating,
            private_score: private,
            dispute_lost: false,
        }
    }

    #[test]
    fn the_score_waits_for_three_contracts_with_two_clients() {
        let policy = ReputationPolicy::default();
        let two = [
            contract(1, 100, Some(5), None),
            contract(2, 100, Some(5), None),
        ];
        assert_eq!(job_success_score(&two, &policy), None);
        let one_client = [
            contract(1, 100, Some(5), None),
            contract(1, 50, Some(5), None),
            contract(1, 10, Some(5), None),
        ];
        assert_eq!(job_success_score(&one_client, &policy), None);
        let three = [
            contract(1, 100, Some(5), None),
            contract(2, 100, Some(5), None),
            contract(1, 10, Some(4), None),
        ];
        assert_eq!(job_success_score(&three, &policy), Some(100));
    }

    #[test]
    fn negative_contracts_cancel_successful_ones_and_the_score_never_goes_below_zero() {
        let policy = ReputationPolicy::default();
        // 3 successful (one by a private 8), 1 unrated neutral, 1 rated 2: (3 - 1) / 5 = 40%.
        let mixed = [
            contract(1, 100, Some(5), None),
            contract(2, 100, Some(3), Some(8)),
            contract(3, 100, Some(4), None),
            contract(1, 100, None, None),
            contract(2, 100, Some(2), None),
        ];
        assert_eq!(job_success_score(&mixed, &policy), Some(40));
        // Unpaid and lost disputes are negative whatever the rating.
        let mut lost = contract(3, 100, Some(5), None);
        lost.dispute_lost = true;
        let bad = [
            contract(1, 0, Some(5), None),
            contract(2, 0, None, None),
            lost,
        ];
        assert!(!bad[0].successful());
        assert_eq!(job_success_score(&bad, &policy), Some(0));
        // 2 of 3 successful, none negative: 66.67 rounds to 67.
        let rounding = [
            contract(1, 100, Some(5), None),
            contract(2, 100, Some(5), None),
            contract(1, 100, Some(3), None),
        ];
        assert_eq!(job_success_score(&rounding, &policy), Some(67));
    }

    #[test]
    fn badges_follow_their_rules() {
        let policy = ReputationPolicy::default();
        assert_eq!(
            badges(None, true, true, Decimal::ZERO, &policy),
            [RISING_TALENT]
        );
        assert!(badges(None, false, true, Decimal::ZERO, &policy).is_empty());
        assert!(badges(None, true, false, Decimal::ZERO, &policy).is_empty());
        assert!(badges(Some(95), true, true, Decimal::new(999, 0), &policy).is_empty());
        assert_eq!(
            badges(Some(90), true, true, Decimal::new(1000, 0), &policy),
            [TOP_RATED]
        );
        assert!(badges(Some(89), true, true, Decimal::new(5000, 0), &policy).is_empty());
    }
}
