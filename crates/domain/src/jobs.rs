//! Jobs (SPEC §3): what a posting must contain, its life cycle, and what a proposal
//! to it costs in Connects.

use crate::money::{AmountProblem, Money};
use rust_decimal::Decimal;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JobType {
    Fixed,
    Hourly,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProjectLength {
    LessThan1Month,
    OneToThreeMonths,
    ThreeToSixMonths,
    MoreThan6Months,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HoursPerWeek {
    LessThan30,
    ThirtyPlus,
}

impl JobType {
    pub fn as_str(self) -> &'static str {
        match self {
            JobType::Fixed => "fixed",
            JobType::Hourly => "hourly",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [JobType::Fixed, JobType::Hourly]
            .into_iter()
            .find(|t| t.as_str() == s)
    }
}

impl ProjectLength {
    pub fn as_str(self) -> &'static str {
        match self {
            ProjectLength::LessThan1Month => "less_than_1_month",
            ProjectLength::OneToThreeMonths => "1_to_3_months",
            ProjectLength::ThreeToSixMonths => "3_to_6_months",
            ProjectLength::MoreThan6Months => "more_than_6_months",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            ProjectLength::LessThan1Month,
            ProjectLength::OneToThreeMonths,
            ProjectLength::ThreeToSixMonths,
            ProjectLength::MoreThan6Months,
        ]
        .into_iter()
        .find(|l| l.as_str() == s)
    }
}

impl HoursPerWeek {
    pub fn as_str(self) -> &'static str {
        match self {
            HoursPerWeek::LessThan30 => "less_than_30",
            HoursPerWeek::ThirtyPlus => "30_plus",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [HoursPerWeek::LessThan30, HoursPerWeek::ThirtyPlus]
            .into_iter()
            .find(|h| h.as_str() == s)
    }
}

/// A job's state. `Draft` and `Open` can still be edited; the rest are final.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JobStatus {
    Draft,
    Open,
    Filled,
    Closed,
    Cancelled,
    Expired,
    Removed,
}

impl JobStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            JobStatus::Draft => "draft",
            JobStatus::Open => "open",
            JobStatus::Filled => "filled",
            JobStatus::Closed => "closed",
            JobStatus::Cancelled => "cancelled",
            JobStatus::Expired => "expired",
            JobStatus::Removed => "removed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            JobStatus::Draft,
            JobStatus::Open,
            JobStatus::Filled,
            JobStatus::Closed,
            JobStatus::Cancelled,
            JobStatus::Expired,
            JobStatus::Removed,
        ]
        .into_iter()
        .find(|status| status.as_str() == s)
    }

    pub fn is_editable(self) -> bool {
        matches!(self, JobStatus::Draft | JobStatus::Open)
    }
}

/// What a client asks of a job's life cycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobAction {
    Publish,
    Close,
    Cancel,
    Expire,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a {from} job cannot be {action}", from = from.as_str(), action = action_past(*action))]
pub struct IllegalTransition {
    pub from: JobStatus,
    pub action: JobAction,
}

fn action_past(action: JobAction) -> &'static str {
    match action {
        JobAction::Publish => "published",
        JobAction::Close => "closed",
        JobAction::Cancel => "cancelled",
        JobAction::Expire => "expired",
    }
}

/// The life cycle: draft -> open -> (filled | closed | cancelled | expired | removed).
pub fn transition(from: JobStatus, action: JobAction) -> Result<JobStatus, IllegalTransition> {
    use JobAction as A;
    use JobStatus as S;
    match (from, action) {
        (S::Draft, A::Publish) => Ok(S::Open),
        (S::Open, A::Close) => Ok(S::Closed),
        (S::Draft | S::Open, A::Cancel) => Ok(S::Cancelled),
        (S::Open, A::Expire) => Ok(S::Expired),
        (
            S::Draft | S::Open | S::Filled | S::Closed | S::Cancelled | S::Expired | S::Removed,
            _,
        ) => Err(IllegalTransition { from, action }),
    }
}

pub const TITLE_CHARS: (usize, usize) = (10, 120);
pub const DESCRIPTION_CHARS: (usize, usize) = (50, 10_000);
pub const SKILLS: (usize, usize) = (1, 15);
pub const MAX_SCREENING_QUESTIONS: usize = 5;
pub const SCREENING_QUESTION_CHARS: (usize, usize) = (1, 500);

/// Policy minimums for budgets and rates.
#[derive(Debug, Clone)]
pub struct JobPolicy {
    pub min_fixed_budget: Decimal,
    pub min_hourly_rate: Decimal,
    /// Days without activity after which an open job expires.
    pub expire_after_days: i64,
    /// Connects per proposal by job value: the first tier whose ceiling exceeds the value.
    pub connects_tiers: Vec<(Decimal, i32)>,
    pub connects_top_tier: i32,
}

impl Default for JobPolicy {
    fn default() -> Self {
        Self {
            min_fixed_budget: Decimal::new(500, 2),
            min_hourly_rate: Decimal::new(300, 2),
            expire_after_days: 30,
            connects_tiers: vec![
                (Decimal::new(50, 0), 2),
                (Decimal::new(250, 0), 4),
                (Decimal::new(1_000, 0), 6),
                (Decimal::new(5_000, 0), 8),
                (Decimal::new(25_000, 0), 12),
            ],
            connects_top_tier: 16,
        }
    }
}

/// The terms of a job's pay.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pay {
    Fixed { budget: Money },
    Hourly { min: Money, max: Money },
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PayProblem {
    #[error("{field} {problem}")]
    Amount {
        field: &'static str,
        problem: AmountProblem,
    },
    #[error("{field} is required for a {job_type} job")]
    Missing {
        field: &'static str,
        job_type: &'static str,
    },
    #[error("{field} does not apply to a {job_type} job")]
    NotApplicable {
        field: &'static str,
        job_type: &'static str,
    },
    #[error("{field} must be at least {min}")]
    BelowMinimum { field: &'static str, min: Decimal },
    #[error("hourly_max must not be below hourly_min")]
    MaxBelowMin,
}

impl PayProblem {
    pub fn field(&self) -> &'static str {
        match self {
            PayProblem::Amount { field, .. }
            | PayProblem::Missing { field, .. }
            | PayProblem::NotApplicable { field, .. }
            | PayProblem::BelowMinimum { field, .. } => field,
            PayProblem::MaxBelowMin => "hourly_max",
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            PayProblem::Amount { problem, .. } => problem.code(),
            PayProblem::Missing { .. } => "required",
            PayProblem::NotApplicable { .. } => "not_applicable",
            PayProblem::BelowMinimum { .. } => "below_minimum",
            PayProblem::MaxBelowMin => "max_below_min",
        }
    }
}

/// Checks the pay fields a job of `job_type` was given; every problem is reported.
pub fn check_pay(
    job_type: JobType,
    budget: Option<&str>,
    hourly_min: Option<&str>,
    hourly_max: Option<&str>,
    policy: &JobPolicy,
) -> Result<Pay, Vec<PayProblem>> {
    let mut problems = Vec::new();
    let mut amount = |field: &'static str, raw: Option<&str>, min: Decimal| -> Option<Money> {
        let raw = raw?;
        match Money::usd(raw) {
            Ok(money) if money.amount < min => {
                problems.push(PayProblem::BelowMinimum { field, min });
                None
            }
            Ok(money) => Some(money),
            Err(problem) => {
                problems.push(PayProblem::Amount { field, problem });
                None
            }
        }
    };
    let pay = match job_type {
        JobType::Fixed => {
            let budget_money = amount("budget", budget, policy.min_fixed_budget);
            for (field, value) in [("hourly_min", hourly_min), ("hourly_max", hourly_max)] {
                if value.is_some() {
                    problems.push(PayProblem::NotApplicable {
                        field,
                        job_type: "fixed",
                    });
                }
            }
            if budget.is_none() {
                problems.push(PayProblem::Missing {
                    field: "budget",
                    job_type: "fixed",
                });
            }
            budget_money.map(|budget| Pay::Fixed { budget })
        }
        JobType::Hourly => {
            let min = amount("hourly_min", hourly_min, policy.min_hourly_rate);
            let max = amount("hourly_max", hourly_max, policy.min_hourly_rate);
            if budget.is_some() {
                problems.push(PayProblem::NotApplicable {
                    field: "budget",
                    job_type: "hourly",
                });
            }
            for (field, value) in [("hourly_min", hourly_min), ("hourly_max", hourly_max)] {
                if value.is_none() {
                    problems.push(PayProblem::Missing {
                        field,
                        job_type: "hourly",
                    });
                }
            }
            match (min, max) {
                (Some(min), Some(max)) if max.amount < min.amount => {
                    problems.push(PayProblem::MaxBelowMin);
                    None
                }
                (Some(min), Some(max)) => Some(Pay::Hourly { min, max }),
                _ => None,
            }
        }
    };
    match pay {
        Some(pay) if problems.is_empty() => Ok(pay),
        _ => Err(problems),
    }
}

/// A job's value for pricing proposals: the fixed budget, or for hourly work the top
/// rate times the expected hours (hours per week x weeks of the project length).
pub fn job_value(pay: &Pay, length: ProjectLength, hours: HoursPerWeek) -> Decimal {
    match pay {
        Pay::Fixed { budget } => budget.amount,
        Pay::Hourly { max, .. } => {
            let weekly_hours = match hours {
                HoursPerWeek::LessThan30 => 20,
                HoursPerWeek::ThirtyPlus => 40,
            };
            let weeks = match length {
                ProjectLength::LessThan1Month => 3,
                ProjectLength::OneToThreeMonths => 8,
                ProjectLength::ThreeToSixMonths => 18,
                ProjectLength::MoreThan6Months => 30,
            };
            max.amount * Decimal::from(weekly_hours * weeks)
        }
    }
}

/// Connects a proposal to this job costs: 2, 4, 6, 8, 12 or 16 by value (policy table).
pub fn connects_cost(value: Decimal, policy: &JobPolicy) -> i32 {
    policy
        .connects_tiers
        .iter()
        .find(|(ceiling, _)| value < *ceiling)
        .map_or(policy.connects_top_tier, |(_, cost)| *cost)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn policy() -> JobPolicy {
        JobPolicy::default()
    }

    #[test]
    fn a_draft_is_published_and_an_open_job_closed_cancelled_or_expired() {
        assert_eq!(
            transition(JobStatus::Draft, JobAction::Publish),
            Ok(JobStatus::Open)
        );
        assert_eq!(
            transition(JobStatus::Open, JobAction::Close),
            Ok(JobStatus::Closed)
        );
        assert_eq!(
            transition(JobStatus::Open, JobAction::Cancel),
            Ok(JobStatus::Cancelled)
        );
        assert_eq!(
            transition(JobStatus::Draft, JobAction::Cancel),
            Ok(JobStatus::Cancelled)
        );
        assert_eq!(
            transition(JobStatus::Open, JobAction::Expire),
            Ok(JobStatus::Expired)
        );
    }

    #[test]
    fn final_states_stay_final() {
        for from in [
            JobStatus::Filled,
            JobStatus::Closed,
            JobStatus::Cancelled,
            JobStatus::Expired,
            JobStatus::Removed,
        ] {
            for action in [
                JobAction::Publish,
                JobAction::Close,
                JobAction::Cancel,
                JobAction::Expire,
            ] {
                assert!(transition(from, action).is_err(), "{from:?} {action:?}");
            }
        }
        assert!(transition(JobStatus::Draft, JobAction::Close).is_err());
        assert!(transition(JobStatus::Draft, JobAction::Expire).is_err());
        assert!(transition(JobStatus::Open, JobAction::Publish).is_err());
    }

    #[test]
    fn a_fixed_job_needs_a_budget_of_at_least_five_dollars() {
        assert!(check_pay(JobType::Fixed, Some("5.00"), None, None, &policy()).is_ok());
        let problems = check_pay(JobType::Fixed, Some("4.99"), None, None, &policy())
            .err()
            .unwrap_or_default();
        assert_eq!(
            problems.iter().map(PayProblem::code).collect::<Vec<_>>(),
            vec!["below_minimum"]
        );
        let problems = check_pay(JobType::Fixed, None, Some("10"), None, &policy())
            .err()
            .unwrap_or_default();
        assert_eq!(
            problems.iter().map(PayProblem::field).collect::<Vec<_>>(),
            vec!["hourly_min", "budget"]
        );
    }

    #[test]
    fn an_hourly_job_needs_a_sane_rate_range() {
        assert!(check_pay(JobType::Hourly, None, Some("3.00"), Some("3.00"), &policy()).is_ok());
        let low = check_pay(JobType::Hourly, None, Some("2.99"), Some("10"), &policy())
            .err()
            .unwrap_or_default();
        assert_eq!(low[0].field(), "hourly_min");
        let inverted = check_pay(JobType::Hourly, None, Some("50"), Some("40"), &policy())
            .err()
            .unwrap_or_default();
        assert_eq!(inverted, vec![PayProblem::MaxBelowMin]);
        let precise = check_pay(JobType::Hourly, None, Some("10.001"), Some("40"), &policy())
            .err()
            .unwrap_or_default();
        assert_eq!(precise[0].code(), "too_precise");
    }

    #[test]
    fn connects_cost_follows_the_policy_table() {
        let cost = |v: i64| connects_cost(Decimal::from(v), &policy());
        assert_eq!(
            [
                cost(5),
                cost(49),
                cost(50),
                cost(249),
                cost(999),
                cost(4_999),
                cost(24_999),
                cost(25_000)
            ],
            [2, 2, 4, 4, 6, 8, 12, 16]
        );
        let hourly = Pay::Hourly {
            min: Money::usd("20").unwrap_or(Money {
                amount: Decimal::ZERO,
                currency: crate::money::Currency::Usd,
            }),
            max: Money::usd("40").unwrap_or(Money {
                amount: Decimal::ZERO,
                currency: crate::money::Currency::Usd,
            }),
        };
        // 40/h x 40 h x 30 weeks = 48,000 -> top tier.
        assert_eq!(
            connects_cost(
                job_value(
                    &hourly,
                    ProjectLength::MoreThan6Months,
                    HoursPerWeek::ThirtyPlus
                ),
                &policy()
            ),
            16
        );
        // 40/h x 20 h x 3 weeks = 2,400 -> 8.
        assert_eq!(
            connects_cost(
                job_value(
                    &hourly,
                    ProjectLength::LessThan1Month,
                    HoursPerWeek::LessThan30
                ),
                &policy()
            ),
            8
        );
    }

    proptest! {
        #[test]
        fn connects_cost_never_falls_as_value_rises(a in 0i64..100_000, b in 0i64..100_000) {
            let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
            prop_assert!(connects_cost(Decimal::from(lo), &policy()) <= connects_cost(Decimal::from(hi), &policy()));
        }
    }
}
