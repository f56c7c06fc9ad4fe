use crate::attachments::AttachmentStore;
use crate::gateway::PaymentGateway;
use crate::tokens::TokenKeys;
use chrono::Duration;
use std::sync::Arc;
use worklane_domain::Clock;
use worklane_domain::fees::FeePolicy;
use worklane_domain::jobs::JobPolicy;
use worklane_domain::throttle::ThrottlePolicy;

/// Numbers that are policy: they come from configuration, with these defaults.
#[derive(Debug, Clone)]
pub struct Policy {
    pub access_token_ttl: Duration,
    pub refresh_token_ttl: Duration,
    pub email_verification_ttl: Duration,
    pub account_sign_in_throttle: ThrottlePolicy,
    pub ip_sign_in_throttle: ThrottlePolicy,
    /// Where people reach the SPA; links in emails point here.
    pub public_url: String,
    pub jobs: JobPolicy,
    pub fees: FeePolicy,
    /// Largest profile photo accepted, in bytes.
    pub max_photo_bytes: usize,
    pub withdrawals: worklane_domain::wallet::WithdrawalPolicy,
    pub security_period: worklane_domain::wallet::SecurityPeriod,
    /// Largest identity document accepted, in bytes.
    pub max_identity_document_bytes: usize,
    /// How long a stored first response answers retries of its Idempotency-Key.
    pub idempotency_ttl: Duration,
    pub connects: worklane_domain::hiring::ConnectsPolicy,
    pub hiring: worklane_domain::hiring::HiringPolicy,
    pub delivery: worklane_domain::delivery::DeliveryPolicy,
    pub hourly: worklane_domain::hourly::HourlyPolicy,
    pub disputes: worklane_domain::delivery::DisputePolicy,
    pub feedback: worklane_domain::reputation::FeedbackPolicy,
    pub messaging: worklane_domain::messaging::MessagingPolicy,
    pub rate_limits: worklane_domain::rate_limit::RateLimits,
    pub webhooks: crate::webhooks::WebhookPolicy,
    pub plans: worklane_domain::plans::PlanPolicy,
}

impl Default for Policy {
    fn default() -> Self {
        Self {
            access_token_ttl: Duration::minutes(15),
            refresh_token_ttl: Duration::days(30),
            email_verification_ttl: Duration::hours(48),
            account_sign_in_throttle: ThrottlePolicy {
                max_failures: 10,
                window: Duration::minutes(15),
                lock_for: Duration::minutes(15),
            },
            ip_sign_in_throttle: ThrottlePolicy {
                max_failures: 100,
                window: Duration::minutes(15),
                lock_for: Duration::minutes(15),
            },
            public_url: "http://127.0.0.1:8080".to_owned(),
            jobs: JobPolicy::default(),
            fees: FeePolicy::default(),
            max_photo_bytes: 5 * 1024 * 1024,
            withdrawals: worklane_domain::wallet::WithdrawalPolicy::default(),
            security_period: worklane_domain::wallet::SecurityPeriod::default(),
            max_identity_document_bytes: 10 * 1024 * 1024,
            idempotency_ttl: Duration::hours(24),
            connects: worklane_domain::hiring::ConnectsPolicy::default(),
            hiring: worklane_domain::hiring::HiringPolicy::default(),
            delivery: worklane_domain::delivery::DeliveryPolicy::default(),
            hourly: worklane_domain::hourly::HourlyPolicy::default(),
            disputes: worklane_domain::delivery::DisputePolicy::default(),
            feedback: worklane_domain::reputation::FeedbackPolicy::default(),
            messaging: worklane_domain::messaging::MessagingPolicy::default(),
            rate_limits: worklane_domain::rate_limit::RateLimits::default(),
            webhooks: crate::webhooks::WebhookPolicy::default(),
            plans: worklane_domain::plans::PlanPolicy::default(),
        }
    }
}

/// What every use case needs besides a connection.
#[derive(Clone)]
pub struct AppContext {
    pub clock: Arc<dyn Clock>,
    pub policy: Arc<Policy>,
    pub tokens: Arc<TokenKeys>,
    pub attachments: Arc<dyn AttachmentStore>,
    pub gateway: Arc<dyn PaymentGateway>,
    pub search: Arc<crate::search::Search>,
    /// Recently read job pages (see [`crate::jobs::get`]).
    pub job_pages: Arc<crate::cache::TtlCache<uuid::Uuid, Arc<crate::jobs::JobView>>>,
}
