//! Worklane's rules, free of I/O: everything here is a pure function of its inputs,
//! so every rule can be tested without a database, a server or a wall clock.

pub mod access;
pub mod account;
pub mod cards;
pub mod clock;
pub mod delivery;
pub mod fees;
pub mod files;
pub mod hiring;
pub mod hourly;
pub mod jobs;
pub mod ledger;
pub mod messaging;
pub mod money;
pub mod plans;
pub mod profiles;
pub mod rate_limit;
pub mod reputation;
pub mod taxonomy;
pub mod throttle;
pub mod wallet;
pub mod webhooks;

pub use clock::{Clock, ManualClock, OffsetClock, SystemClock};
