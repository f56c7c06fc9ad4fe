//! API scenarios against a real server on a port and a real PostgreSQL database.

mod account;
mod delivery;
mod disputes;
mod escrow;
mod feedback;
mod fees;
mod hiring;
mod hourly;
mod http;
mod jobs;
mod ledger;
mod messaging;
mod payment_methods;
mod profiles;
mod search;
mod security;
mod sessions;
mod sign_in;
mod signup;
mod taxonomy;
mod throttling;
mod trust;
mod verification;
mod volume;
mod wallet;
mod webhooks;
