//! Enforcing the request rate limits: each check counts the attempt (in its own
//! statement, so refused and failed attempts count too) and refuses with 429 once a
//! window's quota is spent.

use crate::audit;
use crate::context::AppContext;
use crate::error::{AppError, AppResult, LimitPolicy};
use diesel::PgConnection;
use worklane_db::rate_limits as store;
use worklane_domain::rate_limit::RateLimit;

/// Who a limit counts against.
#[derive(Debug, Clone)]
pub enum Subject {
    /// The caller's address (skipped when it is unknown, as in commands).
    Ip,
    User(uuid::Uuid),
    /// An account by its normalised email, before anyone is signed in.
    Account(String),
}

#[derive(Debug, Clone)]
pub struct Check {
    pub name: &'static str,
    pub limit: Option<RateLimit>,
    pub subject: Subject,
    /// What is being limited, for the message ("sign-up attempts").
    pub what: &'static str,
}

pub fn check(conn: &mut PgConnection, ctx: &AppContext, checks: &[Check]) -> AppResult<()> {
    let now = ctx.clock.now();
    let ip = audit::current().and_then(|meta| meta.ip);
    let active: Vec<(&Check, RateLimit, String)> = checks
        .iter()
        .filter_map(|check| {
            let limit = check.limit?;
            let subject = match &check.subject {
                Subject::Ip => format!("ip:{}", ip.as_deref()?),
                Subject::User(id) => format!("user:{id}"),
                Subject::Account(email) => format!("account:{email}"),
            };
            Some((check, limit, format!("{}:{subject}", check.name)))
        })
        .collect();
    if active.is_empty() {
        return Ok(());
    }
    let keys: Vec<_> = active
        .iter()
        .map(|(_, limit, key)| (key.clone(), limit.window_start(now)))
        .collect();
    let counts = store::hit(conn, &keys)?;
    let over = active
        .iter()
        .filter(|(_, limit, key)| {
            counts
                .iter()
                .any(|(k, n)| k == key && i64::from(*n) > i64::from(limit.max))
        })
        .max_by_key(|(_, limit, _)| limit.seconds_left(now));
    match over {
        None => Ok(()),
        Some((check, limit, _)) => {
            let wait = limit.seconds_left(now);
            Err(AppError::TooManyRequests {
                code: "rate_limited",
                message: format!(
                    "Too many {}: at most {} per {}. Try again in {wait} s.",
                    check.what,
                    limit.max,
                    window_words(limit.window)
                ),
                retry_after_secs: wait,
                policy: Some(LimitPolicy {
                    name: check.name,
                    max: limit.max,
                    window_secs: limit.window.num_seconds(),
                }),
            })
        }
    }
}

fn window_words(window: chrono::Duration) -> String {
    match window.num_seconds() {
        60 => "minute".to_owned(),
        3600 => "hour".to_owned(),
        86_400 => "day".to_owned(),
        s if s % 3600 == 0 => format!("{} hours", s / 3600),
        s if s % 60 == 0 => format!("{} minutes", s / 60),
        s => format!("{s} seconds"),
    }
}

/// The worker's pass: forget windows older than a day.
pub fn purge(conn: &mut PgConnection, ctx: &AppContext) -> AppResult<usize> {
    Ok(store::purge_before(
        conn,
        ctx.clock.now() - chrono::Duration::days(1),
    )?)
}
