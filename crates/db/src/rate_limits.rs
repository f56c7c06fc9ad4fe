//! Fixed-window request counters in PostgreSQL, so every server instance shares them.

use crate::schema::rate_limit_hits as hits;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::upsert::excluded;

/// Counts one request against each `(key, window start)` and gives each count so
/// far, in one statement.
pub fn hit(
    conn: &mut PgConnection,
    keys: &[(String, DateTime<Utc>)],
) -> QueryResult<Vec<(String, i32)>> {
    let rows: Vec<_> = keys
        .iter()
        .map(|(key, window_start)| {
            (
                hits::key.eq(key),
                hits::window_start.eq(window_start),
                hits::hits.eq(1),
            )
        })
        .collect();
    diesel::insert_into(hits::table)
        .values(&rows)
        .on_conflict((hits::key, hits::window_start))
        .do_update()
        .set(hits::hits.eq(hits::hits + excluded(hits::hits)))
        .returning((hits::key, hits::hits))
        .get_results(conn)
}

/// Forgets windows that ended before `cutoff` (the worker's pass).
pub fn purge_before(conn: &mut PgConnection, cutoff: DateTime<Utc>) -> QueryResult<usize> {
    diesel::delete(hits::table.filter(hits::window_start.lt(cutoff))).execute(conn)
}
