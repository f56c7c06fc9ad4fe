//! Records of uploaded files (the bytes live in the attachment store).

use crate::schema::attachments;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = attachments, check_for_backend(diesel::pg::Pg))]
pub struct Attachment {
    pub id: Uuid,
    pub owner_id: Uuid,
    pub purpose: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: Vec<u8>,
    pub created_at: DateTime<Utc>,
    /// The uploader's name for a general file (none for photos and documents).
    pub filename: Option<String>,
}

pub fn insert(conn: &mut PgConnection, attachment: &Attachment) -> QueryResult<()> {
    diesel::insert_into(attachments::table)
        .values(attachment)
        .execute(conn)
        .map(drop)
}

pub fn find(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<Attachment>> {
    attachments::table
        .find(id)
        .select(Attachment::as_select())
        .first(conn)
        .optional()
}

/// The records of these attachments, in no particular order (one query for a whole page).
pub fn find_many(conn: &mut PgConnection, ids: &[Uuid]) -> QueryResult<Vec<Attachment>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    attachments::table
        .filter(attachments::id.eq_any(ids))
        .select(Attachment::as_select())
        .load(conn)
}

/// Which of these attachments the user uploaded.
pub fn owned_by(conn: &mut PgConnection, owner_id: Uuid, ids: &[Uuid]) -> QueryResult<Vec<Uuid>> {
    attachments::table
        .filter(attachments::owner_id.eq(owner_id))
        .filter(attachments::id.eq_any(ids))
        .select(attachments::id)
        .load(conn)
}

/// The (freelancer, client) pairs of every proposal that lists the file.
pub fn proposal_parties(conn: &mut PgConnection, id: Uuid) -> QueryResult<Vec<(Uuid, Uuid)>> {
    use crate::schema::{jobs, proposals};
    proposals::table
        .inner_join(jobs::table)
        .filter(proposals::attachment_ids.contains(vec![id]))
        .select((proposals::freelancer_id, jobs::client_id))
        .load(conn)
}
