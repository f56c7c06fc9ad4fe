//! Flags people raise on jobs, profiles and messages, and the admins' queue of them.

use crate::schema::{flags, jobs, messages, users};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = flags, check_for_backend(diesel::pg::Pg))]
pub struct Flag {
    pub id: Uuid,
    pub reporter_id: Uuid,
    pub target_type: String,
    pub target_id: Uuid,
    pub reason: String,
    pub status: String,
    pub created_at: DateTime<Utc>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub resolved_by: Option<Uuid>,
    pub resolution_note: Option<String>,
}

/// Inserts the flag, or gives the reporter's open flag on the same target (and
/// `false`) when there already is one.
pub fn raise(conn: &mut PgConnection, flag: &Flag) -> QueryResult<(Flag, bool)> {
    let inserted = diesel::insert_into(flags::table)
        .values(flag)
        .on_conflict((flags::reporter_id, flags::target_type, flags::target_id))
        .filter_target(flags::status.eq("open"))
        .do_nothing()
        .returning(Flag::as_returning())
        .get_result(conn)
        .optional()?;
    match inserted {
        Some(flag) => Ok((flag, true)),
        None => flags::table
            .filter(flags::reporter_id.eq(flag.reporter_id))
            .filter(flags::target_type.eq(&flag.target_type))
            .filter(flags::target_id.eq(flag.target_id))
            .filter(flags::status.eq("open"))
            .select(Flag::as_select())
            .first(conn)
            .map(|existing| (existing, false)),
    }
}

pub fn lock(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<Flag>> {
    flags::table
        .find(id)
        .select(Flag::as_select())
        .for_update()
        .first(conn)
        .optional()
}

/// Resolves every open flag on the target: one decision answers them all.
pub fn resolve_target(
    conn: &mut PgConnection,
    target_type: &str,
    target_id: Uuid,
    status: &str,
    admin_id: Uuid,
    note: &str,
    now: DateTime<Utc>,
) -> QueryResult<Vec<Flag>> {
    diesel::update(
        flags::table
            .filter(flags::target_type.eq(target_type))
            .filter(flags::target_id.eq(target_id))
            .filter(flags::status.eq("open")),
    )
    .set((
        flags::status.eq(status),
        flags::resolved_at.eq(now),
        flags::resolved_by.eq(admin_id),
        flags::resolution_note.eq(note),
    ))
    .returning(Flag::as_returning())
    .get_results(conn)
}

/// The queue: oldest first for open flags (first come, first served), newest first
/// for the resolved ones.
pub fn queue(
    conn: &mut PgConnection,
    status: &str,
    after: Option<(DateTime<Utc>, Uuid)>,
    limit: i64,
) -> QueryResult<Vec<Flag>> {
    let mut query = flags::table
        .filter(flags::status.eq(status))
        .select(Flag::as_select())
        .limit(limit)
        .into_boxed();
    let oldest_first = status == "open";
    query = if oldest_first {
        query.order((flags::created_at.asc(), flags::id.asc()))
    } else {
        query.order((flags::created_at.desc(), flags::id.desc()))
    };
    if let Some((at, id)) = after {
        query = if oldest_first {
            query.filter(
                flags::created_at
                    .gt(at)
                    .or(flags::created_at.eq(at).and(flags::id.gt(id))),
            )
        } else {
            query.filter(
                flags::created_at
                    .lt(at)
                    .or(flags::created_at.eq(at).and(flags::id.lt(id))),
            )
        };
    }
    query.load(conn)
}

/// How many open flags each target has.
pub fn open_counts(conn: &mut PgConnection, target_ids: &[Uuid]) -> QueryResult<Vec<(Uuid, i64)>> {
    flags::table
        .filter(flags::target_id.eq_any(target_ids))
        .filter(flags::status.eq("open"))
        .group_by(flags::target_id)
        .select((flags::target_id, diesel::dsl::count_star()))
        .load(conn)
}

/// Titles of flagged jobs.
pub fn job_titles(conn: &mut PgConnection, ids: &[Uuid]) -> QueryResult<Vec<(Uuid, String, Uuid)>> {
    jobs::table
        .filter(jobs::id.eq_any(ids))
        .select((jobs::id, jobs::title, jobs::client_id))
        .load(conn)
}

/// Flagged messages: their text, sender and conversation.
pub fn message_briefs(
    conn: &mut PgConnection,
    ids: &[Uuid],
) -> QueryResult<Vec<(Uuid, String, Uuid, Uuid)>> {
    messages::table
        .filter(messages::id.eq_any(ids))
        .select((
            messages::id,
            messages::body,
            messages::sender_id,
            messages::conversation_id,
        ))
        .load(conn)
}

/// Names of people (reporters, flagged profiles, senders, job owners).
pub fn names(conn: &mut PgConnection, ids: &[Uuid]) -> QueryResult<Vec<(Uuid, String)>> {
    users::table
        .filter(users::id.eq_any(ids))
        .select((users::id, users::full_name))
        .load(conn)
}
