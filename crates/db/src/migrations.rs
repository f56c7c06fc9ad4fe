use diesel::{PgConnection, RunQueryDsl};
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

pub const MIGRATIONS: EmbeddedMigrations = embed_migrations!("../../migrations");

/// A fingerprint of the migration files this binary was built with.
pub const MIGRATIONS_HASH: &str = env!("WORKLANE_MIGRATIONS_HASH");

/// Any fixed number, the same in every process: the key of the advisory lock that lets
/// one process at a time migrate.
const MIGRATION_LOCK: i64 = 0x776f_726b_6c61_6e65; // "worklane"

/// Applies every pending migration; returns the versions applied. Several instances
/// starting at once (or `worklane migrate` during a rollout) take turns on a session
/// advisory lock, so each migration runs once; the others then find nothing pending.
pub fn run_pending(conn: &mut PgConnection) -> Result<Vec<String>, String> {
    diesel::sql_query("SELECT pg_advisory_lock($1)")
        .bind::<diesel::sql_types::BigInt, _>(MIGRATION_LOCK)
        .execute(conn)
        .map_err(|e| format!("taking the migration lock: {e}"))?;
    let applied = conn
        .run_pending_migrations(MIGRATIONS)
        .map(|versions| versions.iter().map(ToString::to_string).collect())
        .map_err(|e| e.to_string());
    let _ = diesel::sql_query("SELECT pg_advisory_unlock($1)")
        .bind::<diesel::sql_types::BigInt, _>(MIGRATION_LOCK)
        .execute(conn);
    applied
}
