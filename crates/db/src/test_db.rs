//! One real PostgreSQL database per test, cloned from a migrated template
//! (`CREATE DATABASE t_x TEMPLATE worklane_template_<hash>`) and dropped afterwards.
//! Tests run in parallel and isolated, and commits behave as in production.

use crate::migrations::{MIGRATIONS_HASH, run_pending};
use crate::with_database;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool, Text};
use std::time::Duration;

/// Arbitrary but fixed: serialises template creation across test processes.
const TEMPLATE_LOCK: i64 = 0x776f_726b_6c61_6e65;

pub fn template_name() -> String {
    format!("worklane_template_{MIGRATIONS_HASH}")
}

#[derive(QueryableByName)]
struct Exists {
    #[diesel(sql_type = Bool)]
    exists: bool,
}

fn database_exists(conn: &mut PgConnection, name: &str) -> QueryResult<bool> {
    diesel::sql_query("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1) AS exists")
        .bind::<Text, _>(name)
        .get_result::<Exists>(conn)
        .map(|row| row.exists)
}

fn ensure_template(admin: &mut PgConnection, base_url: &str) -> Result<String, String> {
    let template = template_name();
    diesel::sql_query("SELECT pg_advisory_lock($1)")
        .bind::<BigInt, _>(TEMPLATE_LOCK)
        .execute(admin)
        .map_err(|e| e.to_string())?;
    let result = (|| {
        if database_exists(admin, &template).map_err(|e| e.to_string())? {
            return Ok(template.clone());
        }
        // Build under a temporary name and rename when complete, so a crash mid-way
        // never leaves a half-migrated template behind.
        let building = format!("{template}_building");
        diesel::sql_query(format!(
            "DROP DATABASE IF EXISTS \"{building}\" WITH (FORCE)"
        ))
        .execute(admin)
        .map_err(|e| e.to_string())?;
        diesel::sql_query(format!("CREATE DATABASE \"{building}\""))
            .execute(admin)
            .map_err(|e| e.to_string())?;
        {
            let mut conn = PgConnection::establish(&with_database(base_url, &building))
                .map_err(|e| e.to_string())?;
            run_pending(&mut conn)?;
        }
        diesel::sql_query(format!(
            "ALTER DATABASE \"{building}\" RENAME TO \"{template}\""
        ))
        .execute(admin)
        .map_err(|e| e.to_string())?;
        Ok(template.clone())
    })();
    let _ = diesel::sql_query("SELECT pg_advisory_unlock($1)")
        .bind::<BigInt, _>(TEMPLATE_LOCK)
        .execute(admin);
    result
}

/// A fresh, migrated database that is dropped when this value is dropped.
pub struct TestDatabase {
    admin_url: String,
    name: String,
    url: String,
}

impl TestDatabase {
    /// Uses `DATABASE_URL` (the Makefile points it at the project-local cluster).
    pub fn new() -> Self {
        let base = std::env::var("DATABASE_URL").unwrap_or_else(|_| {
            panic!("DATABASE_URL must point at a PostgreSQL server (run tests through `make test`)")
        });
        Self::from_base_url(&base)
    }

    pub fn from_base_url(base_url: &str) -> Self {
        let admin_url = with_database(base_url, "postgres");
        let mut admin = PgConnection::establish(&admin_url)
            .unwrap_or_else(|e| panic!("cannot reach PostgreSQL at {admin_url}: {e}"));
        let template = ensure_template(&mut admin, base_url)
            .unwrap_or_else(|e| panic!("cannot prepare the test template: {e}"));
        let name = format!("t_{}", uuid::Uuid::new_v4().simple());
        let mut attempt = 0;
        loop {
            let created = diesel::sql_query(format!(
                "CREATE DATABASE \"{name}\" TEMPLATE \"{template}\""
            ))
            .execute(&mut admin);
            match created {
                Ok(_) => break,
                // Another process may be cloning the template at this instant.
                Err(e) if attempt < 50 => {
                    tracing::debug!("retrying test database creation: {e}");
                    attempt += 1;
                    std::thread::sleep(Duration::from_millis(100));
                }
                Err(e) => panic!("cannot create test database {name}: {e}"),
            }
        }
        let url = with_database(base_url, &name);
        Self {
            admin_url,
            name,
            url,
        }
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    pub fn connect(&self) -> PgConnection {
        PgConnection::establish(&self.url)
            .unwrap_or_else(|e| panic!("cannot connect to test database: {e}"))
    }
}

impl Default for TestDatabase {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Ok(mut admin) = PgConnection::establish(&self.admin_url) {
            let _ = diesel::sql_query(format!(
                "DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)",
                self.name
            ))
            .execute(&mut admin);
        }
    }
}
