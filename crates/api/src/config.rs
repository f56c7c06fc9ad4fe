//! Configuration from environment variables, with development defaults that are safe
//! on a developer's machine and refused in production where they would be dangerous.

use anyhow::{Context, bail};
use chrono::Duration;
use std::path::PathBuf;
use worklane_app::Policy;
use worklane_db::PoolSettings;

pub const DEV_JWT_SECRET: &str = "worklane-development-secret-do-not-use-in-production";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Environment {
    Development,
    Test,
    Production,
}

impl Environment {
    /// The development mailbox and permissive CORS exist only here.
    pub fn is_dev_like(self) -> bool {
        matches!(self, Environment::Development | Environment::Test)
    }
}

#[derive(Debug, Clone)]
pub struct Config {
    pub env: Environment,
    pub addr: String,
    pub database_url: String,
    pub jwt_secret: String,
    pub data_dir: PathBuf,
    /// Where the search index lives (`WORKLANE_SEARCH_DIR`, `memory` for none on disk;
    /// default: `search` under the data directory).
    pub search_index: worklane_app::search::Location,
    pub static_dir: Option<PathBuf>,
    pub cors_origins: Vec<String>,
    pub json_limit_bytes: usize,
    pub pool: PoolSettings,
    pub worker_poll: std::time::Duration,
    pub trust_proxy_headers: bool,
    pub policy: Policy,
}

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

fn parse_var<T: std::str::FromStr>(name: &str, default: T) -> anyhow::Result<T>
where
    T::Err: std::fmt::Display,
{
    match var(name) {
        None => Ok(default),
        Some(raw) => raw
            .parse()
            .map_err(|e| anyhow::anyhow!("{name}={raw:?} is not valid: {e}")),
    }
}

impl Config {
    pub fn from_env() -> anyhow::Result<Self> {
        let env = match var("WORKLANE_ENV").as_deref() {
            None | Some("development") => Environment::Development,
            Some("test") => Environment::Test,
            Some("production") => Environment::Production,
            Some(other) => {
                bail!("WORKLANE_ENV={other:?}: expected development, test or production")
            }
        };
        let database_url = var("DATABASE_URL").context(
            "DATABASE_URL is not set (`make run` starts a local PostgreSQL and sets it)",
        )?;
        let jwt_secret = var("WORKLANE_JWT_SECRET").unwrap_or_else(|| DEV_JWT_SECRET.to_owned());
        if env == Environment::Production && (jwt_secret == DEV_JWT_SECRET || jwt_secret.len() < 32)
        {
            bail!(
                "production needs WORKLANE_JWT_SECRET set to a random secret of at least 32 bytes"
            );
        }
        let addr = var("WORKLANE_ADDR").unwrap_or_else(|| "127.0.0.1:8080".to_owned());
        let defaults = Policy::default();
        let minutes = |name: &str, default: Duration| -> anyhow::Result<Duration> {
            Ok(Duration::minutes(parse_var(name, default.num_minutes())?))
        };
        let mut policy = Policy {
            access_token_ttl: minutes(
                "WORKLANE_ACCESS_TOKEN_TTL_MINUTES",
                defaults.access_token_ttl,
            )?,
            refresh_token_ttl: Duration::days(parse_var(
                "WORKLANE_REFRESH_TOKEN_TTL_DAYS",
                defaults.refresh_token_ttl.num_days(),
            )?),
            email_verification_ttl: Duration::hours(parse_var(
                "WORKLANE_EMAIL_VERIFICATION_TTL_HOURS",
                defaults.email_verification_ttl.num_hours(),
            )?),
            public_url: var("WORKLANE_PUBLIC_URL").unwrap_or_else(|| format!("http://{addr}")),
            ..defaults
        };
        policy.account_sign_in_throttle.max_failures = parse_var(
            "WORKLANE_SIGNIN_MAX_FAILURES_PER_ACCOUNT",
            policy.account_sign_in_throttle.max_failures,
        )?;
        policy.ip_sign_in_throttle.max_failures = parse_var(
            "WORKLANE_SIGNIN_MAX_FAILURES_PER_IP",
            policy.ip_sign_in_throttle.max_failures,
        )?;
        policy.fees.freelancer_fee_percent = parse_var(
            "WORKLANE_FREELANCER_FEE_PERCENT",
            policy.fees.freelancer_fee_percent,
        )?;
        policy.fees.client_fee_percent = parse_var(
            "WORKLANE_CLIENT_FEE_PERCENT",
            policy.fees.client_fee_percent,
        )?;
        policy.jobs.expire_after_days =
            parse_var("WORKLANE_JOB_EXPIRE_DAYS", policy.jobs.expire_after_days)?;
        policy.withdrawals.bank_fee =
            parse_var("WORKLANE_WITHDRAWAL_FEE", policy.withdrawals.bank_fee)?;
        policy.withdrawals.minimum =
            parse_var("WORKLANE_WITHDRAWAL_MINIMUM", policy.withdrawals.minimum)?;
        policy.withdrawals.new_method_wait_days = parse_var(
            "WORKLANE_WITHDRAWAL_METHOD_WAIT_DAYS",
            policy.withdrawals.new_method_wait_days,
        )?;
        policy.messaging.max_per_minute = parse_var(
            "WORKLANE_MESSAGES_PER_MINUTE",
            policy.messaging.max_per_minute,
        )?;
        policy.webhooks.allow_private_targets = parse_var(
            "WORKLANE_WEBHOOKS_ALLOW_PRIVATE",
            policy.webhooks.allow_private_targets,
        )?;
        if policy.webhooks.allow_private_targets && env == Environment::Production {
            bail!(
                "WORKLANE_WEBHOOKS_ALLOW_PRIVATE=true is refused in production: it would let webhooks reach the internal network"
            );
        }
        if let Some(spec) = var("WORKLANE_RATE_LIMITS") {
            policy.rate_limits =
                policy.rate_limits.clone().apply(&spec).map_err(|e| {
                    anyhow::anyhow!("WORKLANE_RATE_LIMITS={spec:?} is not valid: {e}")
                })?;
        }
        policy.security_period.fixed_price_days = parse_var(
            "WORKLANE_SECURITY_PERIOD_DAYS",
            policy.security_period.fixed_price_days,
        )?;
        let lock = minutes(
            "WORKLANE_SIGNIN_LOCK_MINUTES",
            policy.account_sign_in_throttle.lock_for,
        )?;
        policy.account_sign_in_throttle.lock_for = lock;
        policy.ip_sign_in_throttle.lock_for = lock;

        let cors_origins = var("WORKLANE_CORS_ORIGINS")
            .map(|v| {
                v.split(',')
                    .map(|o| o.trim().to_owned())
                    .filter(|o| !o.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        let data_dir =
            var("WORKLANE_DATA_DIR").map_or_else(|| PathBuf::from(".data/files"), PathBuf::from);
        let search_index = match var("WORKLANE_SEARCH_DIR").as_deref() {
            Some("memory") => worklane_app::search::Location::Memory,
            Some(dir) => worklane_app::search::Location::Directory(PathBuf::from(dir)),
            None => worklane_app::search::Location::Directory(data_dir.join("search")),
        };
        Ok(Self {
            env,
            addr,
            database_url,
            jwt_secret,
            data_dir,
            search_index,
            static_dir: var("WORKLANE_STATIC_DIR").map(PathBuf::from),
            cors_origins,
            json_limit_bytes: parse_var("WORKLANE_JSON_LIMIT_BYTES", 64 * 1024)?,
            pool: PoolSettings {
                max_size: parse_var("WORKLANE_DB_POOL_SIZE", 16)?,
                connection_timeout: std::time::Duration::from_millis(parse_var(
                    "WORKLANE_DB_POOL_TIMEOUT_MS",
                    5000,
                )?),
                statement_timeout: std::time::Duration::from_millis(parse_var(
                    "WORKLANE_DB_STATEMENT_TIMEOUT_MS",
                    10_000,
                )?),
            },
            worker_poll: std::time::Duration::from_millis(parse_var(
                "WORKLANE_WORKER_POLL_MS",
                500,
            )?),
            trust_proxy_headers: parse_var("WORKLANE_TRUST_PROXY_HEADERS", false)?,
            policy,
        })
    }

    /// A configuration for tests: everything local, mailbox on.
    pub fn for_tests(database_url: String) -> Self {
        Self {
            env: Environment::Test,
            addr: "127.0.0.1:0".to_owned(),
            database_url,
            jwt_secret: "test-secret-that-is-long-enough-for-hs256".to_owned(),
            data_dir: std::env::temp_dir().join("worklane-test-files"),
            search_index: worklane_app::search::Location::Memory,
            static_dir: None,
            cors_origins: Vec::new(),
            json_limit_bytes: 64 * 1024,
            pool: PoolSettings {
                max_size: 4,
                ..PoolSettings::default()
            },
            worker_poll: std::time::Duration::from_millis(20),
            trust_proxy_headers: false,
            policy: Policy {
                public_url: "http://127.0.0.1:8080".to_owned(),
                // Suites sign up many people from one address; the rate-limit tests
                // set the limits they check.
                rate_limits: worklane_domain::rate_limit::RateLimits::none(),
                ..Policy::default()
            },
        }
    }
}
