//! Fixed-price delivery rules (SPEC §8): the milestone state machine and its
//! timed rules.

/// Timed rules of delivery *(policy)*.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeliveryPolicy {
    /// A submission nobody answers is released after this many days.
    pub auto_release_days: i64,
    /// A refund request the freelancer doesn't answer (or dispute) is granted after
    /// this many days.
    pub refund_response_days: i64,
    /// Most milestones a contract may have.
    pub max_milestones: usize,
}

impl Default for DeliveryPolicy {
    fn default() -> Self {
        Self {
            auto_release_days: 14,
            refund_response_days: 7,
            max_milestones: 50,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MilestoneStatus {
    Pending,
    Funded,
    Submitted,
    ChangesRequested,
    Approved,
    RefundRequested,
    Refunded,
    Disputed,
}

impl MilestoneStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Funded => "funded",
            Self::Submitted => "submitted",
            Self::ChangesRequested => "changes_requested",
            Self::Approved => "approved",
            Self::RefundRequested => "refund_requested",
            Self::Refunded => "refunded",
            Self::Disputed => "disputed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "pending" => Self::Pending,
            "funded" => Self::Funded,
            "submitted" => Self::Submitted,
            "changes_requested" => Self::ChangesRequested,
            "approved" => Self::Approved,
            "refund_requested" => Self::RefundRequested,
            "refunded" => Self::Refunded,
            "disputed" => Self::Disputed,
            _ => return None,
        })
    }

    /// Money sits in its escrow.
    pub fn holds_escrow(self) -> bool {
        matches!(
            self,
            Self::Funded
                | Self::Submitted
                | Self::ChangesRequested
                | Self::RefundRequested
                | Self::Disputed
        )
    }
}

/// Who does something to a milestone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    Client,
    Freelancer,
    /// The worker applying a timed rule.
    Clock,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MilestoneAction {
    Fund,
    Submit,
    Approve,
    RequestChanges,
    RequestRefund,
    AgreeRefund,
    /// Edit, reorder or delete the terms.
    Change,
}

impl MilestoneAction {
    pub fn verb(self) -> &'static str {
        match self {
            Self::Fund => "fund",
            Self::Submit => "submit work on",
            Self::Approve => "approve",
            Self::RequestChanges => "request changes on",
            Self::RequestRefund => "request a refund of",
            Self::AgreeRefund => "agree to refund",
            Self::Change => "change",
        }
    }

    /// The side that may take the action (the clock stands in for either side when a
    /// deadline passes).
    pub fn actor(self) -> Actor {
        match self {
            Self::Submit | Self::AgreeRefund => Actor::Freelancer,
            _ => Actor::Client,
        }
    }
}

/// Why an action is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The other side takes this action.
    WrongParty,
    /// Not in this state.
    WrongState(MilestoneStatus),
}

/// The milestone state machine: pending -> funded -> submitted -> approved, or
/// changes requested -> submitted again; a funded, unsubmitted milestone may be asked
/// back (refund requested -> refunded). Only pending milestones change terms.
pub fn milestone_transition(
    from: MilestoneStatus,
    action: MilestoneAction,
    actor: Actor,
) -> Result<MilestoneStatus, Refusal> {
    use MilestoneAction as A;
    use MilestoneStatus as S;
    if actor != Actor::Clock && actor != action.actor() {
        return Err(Refusal::WrongParty);
    }
    match (from, action) {
        (S::Pending, A::Fund) => Ok(S::Funded),
        (S::Pending, A::Change) => Ok(S::Pending),
        (S::Funded | S::ChangesRequested, A::Submit) => Ok(S::Submitted),
        (S::Submitted, A::Approve) => Ok(S::Approved),
        (S::Submitted, A::RequestChanges) => Ok(S::ChangesRequested),
        (S::Funded, A::RequestRefund) => Ok(S::RefundRequested),
        (S::RefundRequested, A::AgreeRefund) => Ok(S::Refunded),
        (from, _) => Err(Refusal::WrongState(from)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Actor::{Client, Clock, Freelancer};
    use MilestoneAction as A;
    use MilestoneStatus as S;

    #[test]
    fn work_moves_from_funded_through_submission_to_approval() {
        assert_eq!(
            milestone_transition(S::Pending, A::Fund, Client),
            Ok(S::Funded)
        );
        assert_eq!(
            milestone_transition(S::Funded, A::Submit, Freelancer),
            Ok(S::Submitted)
        );
        assert_eq!(
            milestone_transition(S::Submitted, A::RequestChanges, Client),
            Ok(S::ChangesRequested)
        );
        assert_eq!(
            milestone_transition(S::ChangesRequested, A::Submit, Freelancer),
            Ok(S::Submitted)
        );
        assert_eq!(
            milestone_transition(S::Submitted, A::Approve, Client),
            Ok(S::Approved)
        );
        assert_eq!(
            milestone_transition(S::Submitted, A::Approve, Clock),
            Ok(S::Approved)
        );
    }

    #[test]
    fn a_milestone_is_approved_once_by_the_client_after_submission_only() {
        assert_eq!(
            milestone_transition(S::Approved, A::Approve, Client),
            Err(Refusal::WrongState(S::Approved))
        );
        assert_eq!(
            milestone_transition(S::Submitted, A::Approve, Freelancer),
            Err(Refusal::WrongParty)
        );
        assert_eq!(
            milestone_transition(S::Funded, A::Approve, Client),
            Err(Refusal::WrongState(S::Funded))
        );
        assert_eq!(
            milestone_transition(S::Disputed, A::Approve, Client),
            Err(Refusal::WrongState(S::Disputed))
        );
        assert_eq!(
            milestone_transition(S::Pending, A::Submit, Freelancer),
            Err(Refusal::WrongState(S::Pending))
        );
    }

    #[test]
    fn only_funded_unsubmitted_milestones_can_be_asked_back() {
        assert_eq!(
            milestone_transition(S::Funded, A::RequestRefund, Client),
            Ok(S::RefundRequested)
        );
        assert_eq!(
            milestone_transition(S::Submitted, A::RequestRefund, Client),
            Err(Refusal::WrongState(S::Submitted))
        );
        assert_eq!(
            milestone_transition(S::RefundRequested, A::AgreeRefund, Freelancer),
            Ok(S::Refunded)
        );
        assert_eq!(
            milestone_transition(S::RefundRequested, A::AgreeRefund, Clock),
            Ok(S::Refunded)
        );
        assert_eq!(
            milestone_transition(S::RefundRequested, A::AgreeRefund, Client),
            Err(Refusal::WrongParty)
        );
    }

    #[test]
    fn only_pending_milestones_change_terms() {
        assert_eq!(
            milestone_transition(S::Pending, A::Change, Client),
            Ok(S::Pending)
        );
        for s in [S::Funded, S::Submitted, S::Approved, S::Refunded] {
            assert!(milestone_transition(s, A::Change, Client).is_err());
        }
        assert!(
            S::Funded.holds_escrow() && !S::Approved.holds_escrow() && !S::Pending.holds_escrow()
        );
    }
}

/// A deadline `days` business days (Monday–Friday) after `from`, at the same time of
/// day: a dispute's response window on fixed-price work.
pub fn add_business_days(
    from: chrono::DateTime<chrono::Utc>,
    days: u32,
) -> chrono::DateTime<chrono::Utc> {
    use chrono::Datelike;
    let mut at = from;
    let mut left = days;
    while left > 0 {
        at += chrono::Duration::days(1);
        if at.weekday().num_days_from_monday() < 5 {
            left -= 1;
        }
    }
    at
}

/// Dispute windows *(policy)*.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisputePolicy {
    /// Business days the other party has to respond on fixed-price work.
    pub fixed_response_business_days: u32,
    /// Days the freelancer has to answer a disputed invoice.
    pub hourly_response_days: i64,
}

impl Default for DisputePolicy {
    fn default() -> Self {
        Self {
            fixed_response_business_days: 5,
            hourly_response_days: 3,
        }
    }
}

#[cfg(test)]
mod business_days {
    use super::*;
    use chrono::{TimeZone, Utc};

    #[test]
    fn five_business_days_skip_the_weekend() {
        // Thursday 2026-11-26 10:00 -> Thursday 2026-12-03 10:00.
        let thursday = Utc
            .with_ymd_and_hms(2026, 11, 26, 10, 0, 0)
            .single()
            .unwrap_or_default();
        assert_eq!(
            add_business_days(thursday, 5),
            Utc.with_ymd_and_hms(2026, 12, 3, 10, 0, 0)
                .single()
                .unwrap_or_default()
        );
        // Saturday -> the following Friday.
        let saturday = Utc
            .with_ymd_and_hms(2026, 11, 28, 9, 0, 0)
            .single()
            .unwrap_or_default();
        assert_eq!(
            add_business_days(saturday, 5),
            Utc.with_ymd_and_hms(2026, 12, 4, 9, 0, 0)
                .single()
                .unwrap_or_default()
        );
    }
}
