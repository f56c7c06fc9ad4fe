//! Hourly contracts (SPEC §8): weeks Monday–Sunday UTC, 10-minute segments, the
//! weekly limit, the Monday 12:00 UTC invoice, the client's review window to Friday
//! 23:59 UTC, and money available 10 days after the billed week ended.

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};
use rust_decimal::{Decimal, RoundingStrategy};

/// Time is logged in segments of this many minutes.
pub const SEGMENT_MINUTES: i32 = 10;
/// One entry covers at most a day.
pub const MAX_ENTRY_MINUTES: i32 = 24 * 60;

/// Timed rules of hourly billing *(policy)*.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HourlyPolicy {
    /// Billed money becomes available this many days after the billed week ended.
    pub available_days_after_week: i64,
}

impl Default for HourlyPolicy {
    fn default() -> Self {
        Self {
            available_days_after_week: 10,
        }
    }
}

fn midnight(date: NaiveDate) -> DateTime<Utc> {
    Utc.from_utc_datetime(&date.and_hms_opt(0, 0, 0).unwrap_or_default())
}

/// The Monday that starts the week `at` falls in.
pub fn week_of(at: DateTime<Utc>) -> NaiveDate {
    let date = at.date_naive();
    date - Duration::days(i64::from(date.weekday().num_days_from_monday()))
}

/// The moment the week starting `monday` ends (the next Monday, 00:00 UTC).
pub fn week_end(monday: NaiveDate) -> DateTime<Utc> {
    midnight(monday + Duration::days(7))
}

/// When the week is invoiced: the following Monday at 12:00 UTC.
pub fn invoiced_at(monday: NaiveDate) -> DateTime<Utc> {
    week_end(monday) + Duration::hours(12)
}

/// The end of the client's review window: the Friday after the invoice, 23:59:59 UTC.
pub fn review_until(monday: NaiveDate) -> DateTime<Utc> {
    week_end(monday) + Duration::days(5) - Duration::seconds(1)
}

/// When the freelancer can withdraw the week's pay.
pub fn available_at(monday: NaiveDate, policy: &HourlyPolicy) -> DateTime<Utc> {
    week_end(monday) + Duration::days(policy.available_days_after_week)
}

/// The most recent week whose invoice is due by `now`.
pub fn last_invoiceable_week(now: DateTime<Utc>) -> NaiveDate {
    let this_week = week_of(now);
    let last_week = this_week - Duration::days(7);
    if now >= invoiced_at(last_week) {
        last_week
    } else {
        last_week - Duration::days(7)
    }
}

/// What a week bills: minutes beyond the weekly limit are not billed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WeekBill {
    pub logged_minutes: i32,
    pub billed_minutes: i32,
    pub amount: Decimal,
}

pub fn bill_week(logged_minutes: i32, weekly_limit_hours: i32, rate: Decimal) -> WeekBill {
    let billed = logged_minutes
        .min(weekly_limit_hours.saturating_mul(60))
        .max(0);
    let amount = (rate * Decimal::from(billed) / Decimal::from(60))
        .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    WeekBill {
        logged_minutes,
        billed_minutes: billed,
        amount,
    }
}

/// Whether an entry's length is whole 10-minute segments within a day.
pub fn valid_minutes(minutes: i32) -> bool {
    minutes > 0 && minutes <= MAX_ENTRY_MINUTES && minutes % SEGMENT_MINUTES == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0)
            .single()
            .unwrap_or_default()
    }

    #[test]
    fn weeks_run_monday_to_sunday_utc() {
        // 2026-11-26 is a Thursday.
        let monday = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default();
        assert_eq!(week_of(at(2026, 11, 26, 15, 0)), monday);
        assert_eq!(week_of(at(2026, 11, 23, 0, 0)), monday);
        assert_eq!(week_of(at(2026, 11, 29, 23, 59)), monday);
        assert_eq!(week_end(monday), at(2026, 11, 30, 0, 0));
    }

    #[test]
    fn a_week_is_invoiced_monday_noon_reviewed_to_friday_and_available_ten_days_after() {
        let monday = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default();
        assert_eq!(invoiced_at(monday), at(2026, 11, 30, 12, 0));
        assert_eq!(
            review_until(monday),
            at(2026, 12, 4, 23, 59) + Duration::seconds(59)
        );
        assert_eq!(
            available_at(monday, &HourlyPolicy::default()),
            at(2026, 12, 10, 0, 0)
        );
        assert_eq!(
            last_invoiceable_week(at(2026, 11, 30, 11, 59)),
            monday - Duration::days(7)
        );
        assert_eq!(last_invoiceable_week(at(2026, 11, 30, 12, 0)), monday);
    }

    #[test]
    fn hours_beyond_the_weekly_limit_are_not_billed() {
        let rate = Decimal::new(4500, 2);
        assert_eq!(bill_week(600, 20, rate).amount, Decimal::new(45000, 2));
        let over = bill_week(25 * 60, 20, rate);
        assert_eq!((over.logged_minutes, over.billed_minutes), (1500, 1200));
        assert_eq!(over.amount, Decimal::new(90000, 2));
        // 10 minutes at 33.33/h = 5.555 -> 5.56.
        assert_eq!(
            bill_week(10, 40, Decimal::new(3333, 2)).amount,
            Decimal::new(556, 2)
        );
    }

    #[test]
    fn entries_are_whole_ten_minute_segments() {
        assert!(valid_minutes(10) && valid_minutes(1440));
        assert!(
            !valid_minutes(0) && !valid_minutes(15) && !valid_minutes(1450) && !valid_minutes(-10)
        );
    }
}
