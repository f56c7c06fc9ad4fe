//! In-app notifications and the kinds each user does not want by email.

use crate::schema::{notification_email_opt_outs, notifications};
use chrono::{DateTime, Utc};
use diesel::dsl::count_star;
use diesel::prelude::*;
use uuid::Uuid;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = notifications, check_for_backend(diesel::pg::Pg))]
pub struct Notification {
    pub id: Uuid,
    pub user_id: Uuid,
    pub kind: String,
    pub title: String,
    pub body: String,
    pub link: String,
    pub created_at: DateTime<Utc>,
    pub read_at: Option<DateTime<Utc>>,
}

pub fn insert(conn: &mut PgConnection, notification: &Notification) -> QueryResult<()> {
    diesel::insert_into(notifications::table)
        .values(notification)
        .execute(conn)
        .map(drop)
}

pub fn find(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<Notification>> {
    notifications::table
        .find(id)
        .select(Notification::as_select())
        .first(conn)
        .optional()
}

/// A user's notifications, newest first.
pub fn page(
    conn: &mut PgConnection,
    user_id: Uuid,
    unread_only: bool,
    after: Option<(DateTime<Utc>, Uuid)>,
    limit: i64,
) -> QueryResult<Vec<Notification>> {
    let mut query = notifications::table
        .filter(notifications::user_id.eq(user_id))
        .order((notifications::created_at.desc(), notifications::id.desc()))
        .limit(limit)
        .select(Notification::as_select())
        .into_boxed();
    if unread_only {
        query = query.filter(notifications::read_at.is_null());
    }
    if let Some((at, id)) = after {
        query = query.filter(
            notifications::created_at
                .lt(at)
                .or(notifications::created_at
                    .eq(at)
                    .and(notifications::id.lt(id))),
        );
    }
    query.load(conn)
}

pub fn unread_count(conn: &mut PgConnection, user_id: Uuid) -> QueryResult<i64> {
    notifications::table
        .filter(notifications::user_id.eq(user_id))
        .filter(notifications::read_at.is_null())
        .select(count_star())
        .first(conn)
}

/// Marks the user's notifications read: these ids, or all of them when `ids` is None.
pub fn mark_read(
    conn: &mut PgConnection,
    user_id: Uuid,
    ids: Option<&[Uuid]>,
    at: DateTime<Utc>,
) -> QueryResult<usize> {
    let mine = notifications::table
        .filter(notifications::user_id.eq(user_id))
        .filter(notifications::read_at.is_null());
    match ids {
        Some(ids) => diesel::update(mine.filter(notifications::id.eq_any(ids)))
            .set(notifications::read_at.eq(at))
            .execute(conn),
        None => diesel::update(mine)
            .set(notifications::read_at.eq(at))
            .execute(conn),
    }
}

/// The kinds the user does not want by email.
pub fn email_opt_outs(conn: &mut PgConnection, user_id: Uuid) -> QueryResult<Vec<String>> {
    notification_email_opt_outs::table
        .filter(notification_email_opt_outs::user_id.eq(user_id))
        .select(notification_email_opt_outs::kind)
        .load(conn)
}

pub fn set_email_opt_outs(
    conn: &mut PgConnection,
    user_id: Uuid,
    kinds: &[String],
) -> QueryResult<()> {
    diesel::delete(
        notification_email_opt_outs::table.filter(notification_email_opt_outs::user_id.eq(user_id)),
    )
    .execute(conn)?;
    let rows: Vec<_> = kinds
        .iter()
        .map(|kind| {
            (
                notification_email_opt_outs::user_id.eq(user_id),
                notification_email_opt_outs::kind.eq(kind),
            )
        })
        .collect();
    diesel::insert_into(notification_email_opt_outs::table)
        .values(&rows)
        .execute(conn)
        .map(drop)
}

/// Whether the user takes this kind by email.
pub fn wants_email(conn: &mut PgConnection, user_id: Uuid, kind: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::not(diesel::dsl::exists(
        notification_email_opt_outs::table.find((user_id, kind)),
    )))
    .get_result(conn)
}

/// Tells every listening server instance, when the transaction commits, that these
/// users have something new (`payload` is a small JSON document).
pub fn publish(conn: &mut PgConnection, payload: &str) -> QueryResult<()> {
    diesel::sql_query("SELECT pg_notify('worklane_events', $1)")
        .bind::<diesel::sql_types::Text, _>(payload)
        .execute(conn)
        .map(drop)
}
