//! Request rate limits (SPEC §12, §14): fixed windows counted per subject (a user,
//! an address, an account), with the numbers as configurable policy.

use chrono::{DateTime, Duration, Utc};
use std::fmt;

/// At most `max` requests per `window`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    pub max: u32,
    pub window: Duration,
}

impl RateLimit {
    pub const fn per_minute(max: u32) -> Self {
        Self {
            max,
            window: Duration::minutes(1),
        }
    }

    pub const fn per_hour(max: u32) -> Self {
        Self {
            max,
            window: Duration::hours(1),
        }
    }

    /// The window `now` falls in: starts at a multiple of the window length since
    /// the epoch, so every server instance agrees on it.
    pub fn window_start(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        let len = self.window.num_milliseconds().max(1);
        let at = now.timestamp_millis();
        DateTime::from_timestamp_millis(at - at.rem_euclid(len)).unwrap_or(now)
    }

    /// Seconds until the window `now` is in ends (at least 1).
    pub fn seconds_left(&self, now: DateTime<Utc>) -> i64 {
        let end = self.window_start(now) + self.window;
        ((end - now).num_milliseconds() + 999)
            .div_euclid(1000)
            .max(1)
    }
}

impl fmt::Display for RateLimit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}s", self.max, self.window.num_seconds())
    }
}

/// Parses `30/1m`, `20/1h`, `5/30s`, `100/1d`.
pub fn parse(raw: &str) -> Result<RateLimit, String> {
    let (max, window) = raw
        .trim()
        .split_once('/')
        .ok_or_else(|| format!("`{raw}` is not <count>/<window>, e.g. 30/1m"))?;
    let max: u32 = max
        .trim()
        .parse()
        .map_err(|_| format!("`{max}` is not a count"))?;
    let window = window.trim();
    let (number, unit) = window.split_at(
        window
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(window.len()),
    );
    let n: i64 = if number.is_empty() {
        1
    } else {
        number
            .parse()
            .map_err(|_| format!("`{window}` is not a window"))?
    };
    let window = match unit {
        "s" => Duration::seconds(n),
        "m" => Duration::minutes(n),
        "h" => Duration::hours(n),
        "d" => Duration::days(n),
        _ => return Err(format!("`{window}` is not a window: use s, m, h or d")),
    };
    if n <= 0 || max == 0 {
        return Err(format!("`{raw}` allows nothing; use `off` to lift a limit"));
    }
    Ok(RateLimit { max, window })
}

/// The limits the API enforces; `None` lifts one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateLimits {
    pub signup_per_ip: Option<RateLimit>,
    pub sign_in_per_ip: Option<RateLimit>,
    pub sign_in_per_account: Option<RateLimit>,
    pub proposals_per_user: Option<RateLimit>,
    pub proposals_per_ip: Option<RateLimit>,
    pub messages_per_ip: Option<RateLimit>,
}

impl Default for RateLimits {
    fn default() -> Self {
        Self {
            signup_per_ip: Some(RateLimit::per_hour(20)),
            sign_in_per_ip: Some(RateLimit::per_minute(60)),
            sign_in_per_account: Some(RateLimit::per_minute(20)),
            proposals_per_user: Some(RateLimit::per_hour(60)),
            proposals_per_ip: Some(RateLimit::per_hour(300)),
            messages_per_ip: Some(RateLimit::per_minute(240)),
        }
    }
}

impl RateLimits {
    pub fn none() -> Self {
        Self {
            signup_per_ip: None,
            sign_in_per_ip: None,
            sign_in_per_account: None,
            proposals_per_user: None,
            proposals_per_ip: None,
            messages_per_ip: None,
        }
    }

    /// Applies `name=30/1m,other=off` over these limits (`off` alone lifts them all).
    pub fn apply(mut self, spec: &str) -> Result<Self, String> {
        if spec.trim() == "off" {
            return Ok(Self::none());
        }
        for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (name, value) = part
                .split_once('=')
                .ok_or_else(|| format!("`{part}` is not name=limit"))?;
            let limit = match value.trim() {
                "off" => None,
                raw => Some(parse(raw)?),
            };
            let slot = match name.trim() {
                "signup_per_ip" => &mut self.signup_per_ip,
                "sign_in_per_ip" => &mut self.sign_in_per_ip,
                "sign_in_per_account" => &mut self.sign_in_per_account,
                "proposals_per_user" => &mut self.proposals_per_user,
                "proposals_per_ip" => &mut self.proposals_per_ip,
                "messages_per_ip" => &mut self.messages_per_ip,
                other => return Err(format!("no rate limit is called `{other}`")),
            };
            *slot = limit;
        }
        Ok(self)
    }
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
    fn limits_parse_from_their_short_form() {
        assert_eq!(parse("30/1m"), Ok(RateLimit::per_minute(30)));
        assert_eq!(parse("20/h"), Ok(RateLimit::per_hour(20)));
        assert_eq!(
            parse(" 5 / 30s ").map(|l| l.window),
            Ok(Duration::seconds(30))
        );
        assert!(parse("0/1m").is_err());
        assert!(parse("10/0m").is_err());
        assert!(parse("10/1w").is_err());
        assert!(parse("ten/1m").is_err());
        assert!(parse("10").is_err());
    }

    #[test]
    fn every_instance_agrees_on_the_window() {
        let limit = RateLimit::per_minute(10);
        assert_eq!(
            limit.window_start(at("2026-11-26T10:15:42.500Z")),
            at("2026-11-26T10:15:00Z")
        );
        assert_eq!(limit.seconds_left(at("2026-11-26T10:15:42.500Z")), 18);
        assert_eq!(limit.seconds_left(at("2026-11-26T10:15:59.999Z")), 1);
    }

    #[test]
    fn a_spec_overrides_some_limits_and_off_lifts_them() -> Result<(), String> {
        let limits = RateLimits::default().apply("signup_per_ip=3/1h, messages_per_ip=off")?;
        assert_eq!(limits.signup_per_ip, Some(RateLimit::per_hour(3)));
        assert_eq!(limits.messages_per_ip, None);
        assert_eq!(limits.sign_in_per_ip, RateLimits::default().sign_in_per_ip);
        assert_eq!(RateLimits::default().apply("off")?, RateLimits::none());
        assert!(RateLimits::default().apply("nonsense=1/1m").is_err());
        assert!(RateLimits::default().apply("signup_per_ip").is_err());
        Ok(())
    }
}
