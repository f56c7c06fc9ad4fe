//! Stored sign-in throttle state, read and written under a row lock.

use crate::schema::sign_in_throttles as throttles;
use diesel::prelude::*;
use diesel::upsert::excluded;
use worklane_domain::throttle::ThrottleState;

/// The key's state, locked until the transaction ends (the row is created if needed).
pub fn lock(conn: &mut PgConnection, key: &str) -> QueryResult<ThrottleState> {
    diesel::insert_into(throttles::table)
        .values(throttles::key.eq(key))
        .on_conflict_do_nothing()
        .execute(conn)?;
    let (failures, window_started_at, locked_until) = throttles::table
        .find(key)
        .select((
            throttles::failures,
            throttles::window_started_at,
            throttles::locked_until,
        ))
        .for_update()
        .first(conn)?;
    Ok(ThrottleState {
        failures,
        window_started_at,
        locked_until,
    })
}

/// The key's state without locking (absent keys are unthrottled).
pub fn peek(conn: &mut PgConnection, key: &str) -> QueryResult<ThrottleState> {
    Ok(throttles::table
        .find(key)
        .select((
            throttles::failures,
            throttles::window_started_at,
            throttles::locked_until,
        ))
        .first(conn)
        .optional()?
        .map(
            |(failures, window_started_at, locked_until)| ThrottleState {
                failures,
                window_started_at,
                locked_until,
            },
        )
        .unwrap_or_default())
}

pub fn store(conn: &mut PgConnection, key: &str, state: &ThrottleState) -> QueryResult<()> {
    diesel::insert_into(throttles::table)
        .values((
            throttles::key.eq(key),
            throttles::failures.eq(state.failures),
            throttles::window_started_at.eq(state.window_started_at),
            throttles::locked_until.eq(state.locked_until),
        ))
        .on_conflict(throttles::key)
        .do_update()
        .set((
            throttles::failures.eq(excluded(throttles::failures)),
            throttles::window_started_at.eq(excluded(throttles::window_started_at)),
            throttles::locked_until.eq(excluded(throttles::locked_until)),
        ))
        .execute(conn)
        .map(drop)
}

pub fn clear(conn: &mut PgConnection, key: &str) -> QueryResult<()> {
    diesel::delete(throttles::table.find(key))
        .execute(conn)
        .map(drop)
}
