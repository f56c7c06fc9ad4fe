//! Worklane's HTTP face: actix-web routes with their OpenAPI descriptions, the auth
//! extractor, RFC 9457 problems, the background worker and configuration.

pub mod bench;
pub mod config;
pub mod extract;
pub mod idempotent;
pub mod openapi;
pub mod problem;
pub mod realtime;
pub mod request_id;
pub mod routes;
pub mod scopes;
pub mod seed;
pub mod server;
pub mod state;
pub mod telemetry;
pub mod webhook_sender;
pub mod worker;

pub use config::{Config, Environment};
pub use server::{Extra, no_extra_routes, spawn_server};
pub use state::AppState;
