//! Worklane's use cases. Each one is synchronous (diesel), takes a connection and an
//! [`AppContext`], authorises, runs its domain rule inside one transaction, and writes
//! the side effects (outbox rows) in that same transaction.

pub mod accounts;
pub mod admin;
pub mod attachments;
pub mod audit;
pub mod auth;
pub mod cache;
pub mod connects;
pub mod context;
pub mod delivery;
pub mod disputes;
pub mod error;
pub mod escrow;
pub mod feedback;
pub mod files;
pub mod flags;
pub mod gateway;
pub mod hourly;
pub mod idempotency;
pub mod identity;
pub mod jobs;
pub mod ledger;
pub mod mailbox;
pub mod messaging;
pub mod notifications;
pub mod offers;
pub mod outbox;
pub mod pagination;
pub mod payment_methods;
pub mod plans;
pub mod profiles;
pub mod proposals;
pub mod rate_limits;
pub mod reputation;
pub mod search;
pub mod secrets;
pub mod security;
pub mod taxonomy;
pub mod tokens;
pub mod wallet;
pub mod webhooks;
pub mod withdrawals;

pub use context::{AppContext, Policy};
pub use error::{AppError, AppResult, FieldError};
