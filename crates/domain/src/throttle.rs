//! Brute-force protection for sign-in: consecutive failures within a window lock the
//! key (an account or an IP address) for a while. Pure state transitions; the database
//! layer stores the state under a row lock.

use chrono::{DateTime, Duration, Utc};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThrottlePolicy {
    /// Failures within `window` that trigger a lock.
    pub max_failures: i32,
    pub window: Duration,
    pub lock_for: Duration,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ThrottleState {
    pub failures: i32,
    pub window_started_at: Option<DateTime<Utc>>,
    pub locked_until: Option<DateTime<Utc>>,
}

impl ThrottleState {
    /// When the key is locked at `now`, how long until it opens again.
    pub fn locked_for(&self, now: DateTime<Utc>) -> Option<Duration> {
        self.locked_until
            .filter(|until| *until > now)
            .map(|until| until - now)
    }

    /// The state after one more failed attempt at `now`.
    pub fn after_failure(self, now: DateTime<Utc>, policy: &ThrottlePolicy) -> Self {
        let window_open = self
            .window_started_at
            .is_some_and(|start| now - start < policy.window);
        let (failures, window_started_at) = if window_open && self.locked_for(now).is_none() {
            (self.failures + 1, self.window_started_at)
        } else if self.locked_for(now).is_some() {
            (self.failures, self.window_started_at)
        } else {
            (1, Some(now))
        };
        let locked_until = if failures >= policy.max_failures {
            Some(now + policy.lock_for)
        } else {
            self.locked_until
        };
        // A lock starts a fresh count once it has expired.
        let failures = if failures >= policy.max_failures {
            0
        } else {
            failures
        };
        Self {
            failures,
            window_started_at,
            locked_until,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn policy() -> ThrottlePolicy {
        ThrottlePolicy {
            max_failures: 5,
            window: Duration::minutes(15),
            lock_for: Duration::minutes(15),
        }
    }

    fn t0() -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000, 0).unwrap_or_default()
    }

    #[test]
    fn the_fifth_failure_in_a_row_locks_the_key() {
        let mut state = ThrottleState::default();
        for i in 0..4 {
            state = state.after_failure(t0() + Duration::seconds(i), &policy());
            assert_eq!(state.locked_for(t0() + Duration::seconds(i)), None);
        }
        state = state.after_failure(t0() + Duration::seconds(4), &policy());
        assert_eq!(
            state.locked_for(t0() + Duration::seconds(4)),
            Some(Duration::minutes(15))
        );
    }

    #[test]
    fn the_lock_expires_after_its_duration() {
        let mut state = ThrottleState::default();
        for _ in 0..5 {
            state = state.after_failure(t0(), &policy());
        }
        assert!(state.locked_for(t0() + Duration::minutes(14)).is_some());
        assert!(state.locked_for(t0() + Duration::minutes(15)).is_none());
    }

    #[test]
    fn failures_spread_beyond_the_window_do_not_lock() {
        let mut state = ThrottleState::default();
        for i in 0..10 {
            let now = t0() + Duration::minutes(16 * i);
            state = state.after_failure(now, &policy());
            assert!(state.locked_for(now).is_none());
        }
    }

    #[test]
    fn failures_while_locked_do_not_extend_the_lock() {
        let mut state = ThrottleState::default();
        for _ in 0..5 {
            state = state.after_failure(t0(), &policy());
        }
        let until = state.locked_until;
        state = state.after_failure(t0() + Duration::minutes(5), &policy());
        assert_eq!(state.locked_until, until);
    }

    proptest! {
        #[test]
        fn a_key_is_never_locked_before_max_failures(gaps in proptest::collection::vec(0i64..2000, 0..4)) {
            let mut state = ThrottleState::default();
            let mut now = t0();
            for gap in gaps {
                now += Duration::seconds(gap);
                state = state.after_failure(now, &policy());
                prop_assert!(state.locked_for(now).is_none());
            }
        }

        #[test]
        fn a_lock_never_lasts_longer_than_the_policy(gaps in proptest::collection::vec(0i64..600, 1..40)) {
            let mut state = ThrottleState::default();
            let mut now = t0();
            for gap in gaps {
                now += Duration::seconds(gap);
                state = state.after_failure(now, &policy());
                if let Some(left) = state.locked_for(now) {
                    prop_assert!(left <= policy().lock_for);
                }
            }
        }
    }
}
