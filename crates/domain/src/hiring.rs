//! Hiring rules (SPEC §5, §6): Connects grants and purchases, proposal states, and
//! the terms of proposals and offers.

use chrono::{DateTime, Months, Utc};
use rust_decimal::Decimal;

/// Connects policy (SPEC §5).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectsPolicy {
    pub basic_monthly: i32,
    pub plus_monthly: i32,
    /// Unspent granted Connects roll over up to this many.
    pub rollover_cap: i32,
    /// The price of one bought Connect.
    pub price_each: Decimal,
    /// The bundles on sale.
    pub bundles: Vec<i32>,
    /// Bought Connects expire this many months after purchase.
    pub purchase_expiry_months: u32,
}

impl Default for ConnectsPolicy {
    fn default() -> Self {
        Self {
            basic_monthly: 10,
            plus_monthly: 100,
            rollover_cap: 200,
            price_each: Decimal::new(15, 2),
            bundles: vec![10, 20, 40, 60, 80],
            purchase_expiry_months: 12,
        }
    }
}

impl ConnectsPolicy {
    pub fn monthly(&self, plan: &str) -> i32 {
        if plan == "plus" {
            self.plus_monthly
        } else {
            self.basic_monthly
        }
    }

    /// The price of a bundle on sale, or `None`.
    pub fn bundle_price(&self, connects: i32) -> Option<Decimal> {
        self.bundles
            .contains(&connects)
            .then(|| self.price_each * Decimal::from(connects))
    }

    /// How many Connects a monthly grant adds when `granted` are left over: the plan's
    /// grant, but never lifting the granted pool above the rollover cap.
    pub fn grant(&self, plan: &str, granted: i32) -> i32 {
        self.monthly(plan).min(self.rollover_cap - granted).max(0)
    }

    pub fn expiry_of_purchase(&self, bought_at: DateTime<Utc>) -> DateTime<Utc> {
        bought_at
            .checked_add_months(Months::new(self.purchase_expiry_months))
            .unwrap_or(bought_at)
    }
}

/// The next monthly grant after `at`.
pub fn next_month(at: DateTime<Utc>) -> DateTime<Utc> {
    at.checked_add_months(Months::new(1)).unwrap_or(at)
}

/// Offers and contracts policy (SPEC §6).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HiringPolicy {
    pub offer_expiry_days: i64,
    pub min_milestone: Decimal,
    pub min_hourly_rate: Decimal,
    pub max_milestones: usize,
    pub max_weekly_limit_hours: i32,
}

impl Default for HiringPolicy {
    fn default() -> Self {
        Self {
            offer_expiry_days: 30,
            min_milestone: Decimal::new(500, 2),
            min_hourly_rate: Decimal::new(300, 2),
            max_milestones: 20,
            max_weekly_limit_hours: 80,
        }
    }
}

pub const COVER_LETTER_CHARS: (usize, usize) = (50, 5000);
pub const ANSWER_CHARS: (usize, usize) = (1, 5000);
pub const REASON_CHARS: usize = 500;
pub const INVITATION_MESSAGE_CHARS: (usize, usize) = (1, 2000);
pub const MILESTONE_TITLE_CHARS: (usize, usize) = (1, 200);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProposalStatus {
    Submitted,
    Shortlisted,
    Archived,
    Declined,
    Withdrawn,
    Hired,
}

pub const PROPOSAL_STATUSES: [&str; 6] = [
    "submitted",
    "shortlisted",
    "archived",
    "declined",
    "withdrawn",
    "hired",
];

impl ProposalStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Submitted => "submitted",
            Self::Shortlisted => "shortlisted",
            Self::Archived => "archived",
            Self::Declined => "declined",
            Self::Withdrawn => "withdrawn",
            Self::Hired => "hired",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "submitted" => Self::Submitted,
            "shortlisted" => Self::Shortlisted,
            "archived" => Self::Archived,
            "declined" => Self::Declined,
            "withdrawn" => Self::Withdrawn,
            "hired" => Self::Hired,
            _ => return None,
        })
    }

    /// Still in the running: the client can act on it and make an offer.
    pub fn is_open(self) -> bool {
        matches!(self, Self::Submitted | Self::Shortlisted | Self::Archived)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProposalAction {
    Shortlist,
    Archive,
    Decline,
    Withdraw,
    Hire,
}

impl ProposalAction {
    pub fn verb(self) -> &'static str {
        match self {
            Self::Shortlist => "shortlist",
            Self::Archive => "archive",
            Self::Decline => "decline",
            Self::Withdraw => "withdraw",
            Self::Hire => "hire",
        }
    }
}

/// The proposal state machine: submitted -> shortlisted | archived | declined |
/// withdrawn | hired; a shortlisted or archived proposal can move between the two and
/// still be declined, withdrawn or hired. Declined, withdrawn and hired are final.
pub fn proposal_transition(
    from: ProposalStatus,
    action: ProposalAction,
) -> Result<ProposalStatus, String> {
    use ProposalAction as A;
    use ProposalStatus as S;
    if !from.is_open() {
        return Err(format!(
            "a {} proposal can't be changed (tried to {})",
            from.as_str(),
            action.verb()
        ));
    }
    let to = match action {
        A::Shortlist => S::Shortlisted,
        A::Archive => S::Archived,
        A::Decline => S::Declined,
        A::Withdraw => S::Withdrawn,
        A::Hire => S::Hired,
    };
    if to == from {
        return Err(format!("the proposal is already {}", from.as_str()));
    }
    Ok(to)
}

/// Whether proposed milestones add up to the bid exactly.
pub fn milestones_sum_to(amounts: &[Decimal], total: Decimal) -> bool {
    amounts.iter().copied().sum::<Decimal>() == total
}

/// The client's "best match" score, 0–100: mostly the share of the job's skills the
/// freelancer has, and how their rate fits an hourly job's range.
pub fn match_score(
    job_skills: usize,
    shared_skills: usize,
    rate: Option<Decimal>,
    range: Option<(Decimal, Decimal)>,
) -> i32 {
    let skills = if job_skills == 0 {
        0.0
    } else {
        shared_skills.min(job_skills) as f64 / job_skills as f64
    };
    let fit = match (rate, range) {
        (Some(rate), Some((min, max))) if rate >= min && rate <= max => 1.0,
        (Some(_), Some(_)) => 0.4,
        _ => 0.7,
    };
    ((skills * 80.0) + (fit * 20.0)).round() as i32
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn grants_roll_over_up_to_the_cap() {
        let policy = ConnectsPolicy::default();
        assert_eq!(policy.grant("basic", 0), 10);
        assert_eq!(policy.grant("basic", 195), 5);
        assert_eq!(policy.grant("basic", 200), 0);
        assert_eq!(policy.grant("plus", 150), 50);
        assert_eq!(policy.grant("plus", 250), 0);
    }

    #[test]
    fn bundles_cost_fifteen_cents_a_connect() {
        let policy = ConnectsPolicy::default();
        assert_eq!(policy.bundle_price(10), Some(Decimal::new(150, 2)));
        assert_eq!(policy.bundle_price(80), Some(Decimal::new(1200, 2)));
        assert_eq!(policy.bundle_price(15), None);
    }

    #[test]
    fn bought_connects_expire_after_twelve_months() {
        let policy = ConnectsPolicy::default();
        let at = Utc.with_ymd_and_hms(2026, 2, 28, 12, 0, 0).unwrap();
        assert_eq!(
            policy.expiry_of_purchase(at),
            Utc.with_ymd_and_hms(2027, 2, 28, 12, 0, 0).unwrap()
        );
        let end_of_jan = Utc.with_ymd_and_hms(2026, 1, 31, 0, 0, 0).unwrap();
        assert_eq!(
            next_month(end_of_jan),
            Utc.with_ymd_and_hms(2026, 2, 28, 0, 0, 0).unwrap()
        );
    }

    #[test]
    fn final_proposals_cannot_change() {
        use ProposalAction as A;
        use ProposalStatus as S;
        assert_eq!(
            proposal_transition(S::Submitted, A::Shortlist),
            Ok(S::Shortlisted)
        );
        assert_eq!(
            proposal_transition(S::Shortlisted, A::Archive),
            Ok(S::Archived)
        );
        assert_eq!(
            proposal_transition(S::Archived, A::Shortlist),
            Ok(S::Shortlisted)
        );
        assert_eq!(proposal_transition(S::Archived, A::Hire), Ok(S::Hired));
        assert!(proposal_transition(S::Shortlisted, A::Shortlist).is_err());
        for done in [S::Declined, S::Withdrawn, S::Hired] {
            for action in [A::Shortlist, A::Archive, A::Decline, A::Withdraw, A::Hire] {
                assert!(
                    proposal_transition(done, action).is_err(),
                    "{done:?} {action:?}"
                );
            }
        }
    }

    #[test]
    fn milestones_must_add_up_exactly() {
        let d = |s: &str| s.parse::<Decimal>().unwrap_or_default();
        assert!(milestones_sum_to(&[d("100.00"), d("50.50")], d("150.50")));
        assert!(!milestones_sum_to(&[d("100.00"), d("50.49")], d("150.50")));
    }

    #[test]
    fn best_match_weighs_skills_then_rate_fit() {
        let d = |s: &str| s.parse::<Decimal>().unwrap_or_default();
        assert_eq!(
            match_score(4, 4, Some(d("30")), Some((d("20"), d("40")))),
            100
        );
        assert_eq!(
            match_score(4, 2, Some(d("50")), Some((d("20"), d("40")))),
            48
        );
        assert_eq!(match_score(0, 0, None, None), 14);
        assert!(match_score(4, 3, None, None) > match_score(4, 1, None, None));
    }
}
