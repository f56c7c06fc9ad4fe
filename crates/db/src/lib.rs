//! PostgreSQL persistence for Worklane: the schema, one module per aggregate, the
//! connection pool and the embedded migrations. Everything here is synchronous diesel;
//! callers on async runtimes run it on blocking threads.

pub mod admin;
pub mod attachments;
pub mod audit;
pub mod connects;
pub mod delivery;
pub mod disputes;
pub mod feedback;
pub mod flags;
pub mod hiring;
pub mod hourly;
pub mod idempotency;
pub mod identity;
pub mod jobs;
pub mod ledger;
pub mod mailbox;
pub mod messaging;
pub mod migrations;
pub mod notifications;
pub mod outbox;
pub mod payment_methods;
pub mod plans;
pub mod pool;
pub mod profiles;
pub mod rate_limits;
pub mod schema;
pub mod search;
pub mod security;
pub mod sessions;
pub mod taxonomy;
pub mod throttles;
pub mod users;
pub mod verification;
pub mod wallet;
pub mod webhooks;
pub mod withdrawals;

#[cfg(feature = "testing")]
pub mod test_db;

pub use diesel::PgConnection;
pub use pool::{DbPool, PoolSettings};

/// Replaces the database name in a PostgreSQL URL, keeping credentials, host and
/// query parameters (`postgres://u@/worklane?host=/run` -> `postgres://u@/other?host=/run`).
pub fn with_database(url: &str, database: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (url, None),
    };
    let authority_start = base.find("://").map_or(0, |i| i + 3);
    let path_start = base[authority_start..]
        .find('/')
        .map_or(base.len(), |i| authority_start + i);
    let mut out = format!("{}/{}", &base[..path_start], database);
    if let Some(query) = query {
        out.push('?');
        out.push_str(query);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::with_database;

    #[test]
    fn database_names_are_swapped_in_any_url_shape() {
        assert_eq!(
            with_database("postgres://w@/worklane?host=/tmp/run&port=5", "t_1"),
            "postgres://w@/t_1?host=/tmp/run&port=5"
        );
        assert_eq!(
            with_database("postgres://u:p@db:5432/app", "postgres"),
            "postgres://u:p@db:5432/postgres"
        );
        assert_eq!(
            with_database("postgres://localhost", "x"),
            "postgres://localhost/x"
        );
    }
}
