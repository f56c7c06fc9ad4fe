//! Identity documents and their review.

use crate::schema::{identity_documents, users};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = identity_documents, check_for_backend(diesel::pg::Pg))]
pub struct IdentityDocument {
    pub id: Uuid,
    pub user_id: Uuid,
    pub attachment_id: Uuid,
    pub status: String,
    pub reason: Option<String>,
    pub reviewed_by: Option<Uuid>,
    pub reviewed_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

pub fn insert(conn: &mut PgConnection, document: &IdentityDocument) -> QueryResult<()> {
    diesel::insert_into(identity_documents::table)
        .values(document)
        .execute(conn)
        .map(drop)
}

pub fn of_user(conn: &mut PgConnection, user_id: Uuid) -> QueryResult<Vec<IdentityDocument>> {
    identity_documents::table
        .filter(identity_documents::user_id.eq(user_id))
        .order(identity_documents::created_at.desc())
        .limit(50)
        .select(IdentityDocument::as_select())
        .load(conn)
}

pub fn has_pending(conn: &mut PgConnection, user_id: Uuid) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        identity_documents::table
            .filter(identity_documents::user_id.eq(user_id))
            .filter(identity_documents::status.eq("pending")),
    ))
    .get_result(conn)
}

/// A document with who sent it, for the review queue.
#[derive(Debug, Clone, Queryable)]
pub struct QueueItem {
    pub document: IdentityDocument,
    pub full_name: String,
    pub email: String,
    pub country: String,
}

/// Documents of one status, oldest first (the queue), after a keyset position.
pub fn queue(
    conn: &mut PgConnection,
    status: &str,
    after: Option<(DateTime<Utc>, Uuid)>,
    limit: i64,
) -> QueryResult<Vec<QueueItem>> {
    let mut query = identity_documents::table
        .inner_join(users::table.on(users::id.eq(identity_documents::user_id)))
        .filter(identity_documents::status.eq(status))
        .order((identity_documents::created_at, identity_documents::id))
        .limit(limit)
        .select((
            IdentityDocument::as_select(),
            users::full_name,
            users::email,
            users::country,
        ))
        .into_boxed();
    if let Some((at, id)) = after {
        query = query.filter(
            identity_documents::created_at
                .gt(at)
                .or(identity_documents::created_at
                    .eq(at)
                    .and(identity_documents::id.gt(id))),
        );
    }
    query.load(conn)
}

pub fn lock(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<IdentityDocument>> {
    identity_documents::table
        .find(id)
        .select(IdentityDocument::as_select())
        .for_update()
        .first(conn)
        .optional()
}

pub fn find(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<IdentityDocument>> {
    identity_documents::table
        .find(id)
        .select(IdentityDocument::as_select())
        .first(conn)
        .optional()
}

pub fn review(
    conn: &mut PgConnection,
    id: Uuid,
    status: &str,
    reason: Option<&str>,
    admin_id: Uuid,
    now: DateTime<Utc>,
) -> QueryResult<()> {
    diesel::update(identity_documents::table.find(id))
        .set((
            identity_documents::status.eq(status),
            identity_documents::reason.eq(reason),
            identity_documents::reviewed_by.eq(Some(admin_id)),
            identity_documents::reviewed_at.eq(Some(now)),
        ))
        .execute(conn)
        .map(drop)
}

pub fn mark_verified(
    conn: &mut PgConnection,
    user_id: Uuid,
    now: DateTime<Utc>,
) -> QueryResult<()> {
    diesel::update(users::table.find(user_id))
        .filter(users::identity_verified_at.is_null())
        .set(users::identity_verified_at.eq(Some(now)))
        .execute(conn)
        .map(drop)
}
