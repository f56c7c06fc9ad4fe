//! One module per resource: handlers with their `#[utoipa::path]` descriptions and DTOs.

/// An enumeration whose wire values are fixed strings, documented in the schema.
macro_rules! wire_enum {
    // `$wire:tt`, not `:literal`: utoipa reads the serde rename only from a plain token.
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $wire:tt),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
        pub enum $name {
            $(#[serde(rename = $wire)] $variant),+
        }

        impl $name {
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $wire),+
                }
            }

            pub fn from_wire(s: &str) -> Option<Self> {
                match s {
                    $($wire => Some($name::$variant),)+
                    _ => None,
                }
            }
        }
    };
}

pub mod admin;
pub mod auth;
pub mod delivery;
pub mod dev;
pub mod disputes;
pub mod feedback;
pub mod fees;
pub mod files;
pub mod health;
pub mod hiring;
pub mod hourly;
pub mod identity;
pub mod jobs;
pub mod me;
pub mod messaging;
pub mod payment_methods;
pub mod plans;
pub mod profiles;
pub mod reference;
pub mod search;
pub mod security;
pub mod taxonomy;
pub mod users;
pub mod wallet;
pub mod webhooks;

use actix_web::web;
use rust_decimal::Decimal;

/// An amount as the API writes it: a string with the currency's two decimals.
pub(crate) fn wire_amount(value: Option<Decimal>) -> Option<String> {
    value.map(|mut v| {
        v.rescale(2);
        v.to_string()
    })
}

/// A required amount as the API writes it.
pub(crate) fn money(value: Decimal) -> String {
    wire_amount(Some(value)).unwrap_or_default()
}

/// Everything under `/api/v1`.
pub fn configure_v1(cfg: &mut web::ServiceConfig, dev_mailbox: bool) {
    admin::configure(cfg);
    auth::configure(cfg);
    me::configure(cfg);
    // Before jobs: `/jobs/{id}/suggested-talent` and the search on `/jobs`.
    search::configure(cfg);
    security::configure(cfg);
    // Before jobs: `/jobs/{id}/proposals` and `/jobs/{id}/invitations`.
    hiring::configure(cfg);
    delivery::configure(cfg);
    hourly::configure(cfg);
    disputes::configure(cfg);
    messaging::configure(cfg);
    feedback::configure(cfg);
    jobs::configure(cfg);
    fees::configure(cfg);
    files::configure(cfg);
    payment_methods::configure(cfg);
    plans::configure(cfg);
    wallet::configure(cfg);
    webhooks::configure(cfg);
    identity::configure(cfg);
    profiles::configure(cfg);
    reference::configure(cfg);
    taxonomy::configure(cfg);
    if dev_mailbox {
        dev::configure(cfg);
    }
}
