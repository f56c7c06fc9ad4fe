//! The development mail sink.

use crate::schema::dev_mailbox;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = dev_mailbox, check_for_backend(diesel::pg::Pg))]
pub struct DevMail {
    pub id: Uuid,
    pub to_address: String,
    pub subject: String,
    pub text_body: String,
    pub created_at: DateTime<Utc>,
}

pub fn deliver(
    conn: &mut PgConnection,
    outbox_id: i64,
    to: &str,
    subject: &str,
    text_body: &str,
    at: DateTime<Utc>,
) -> QueryResult<()> {
    diesel::insert_into(dev_mailbox::table)
        .values((
            dev_mailbox::id.eq(Uuid::now_v7()),
            dev_mailbox::to_address.eq(to),
            dev_mailbox::subject.eq(subject),
            dev_mailbox::text_body.eq(text_body),
            dev_mailbox::created_at.eq(at),
            dev_mailbox::outbox_id.eq(outbox_id),
        ))
        .on_conflict(dev_mailbox::outbox_id)
        .do_nothing()
        .execute(conn)
        .map(drop)
}

/// Newest first, keyset-paginated on (created_at, id).
pub fn list(
    conn: &mut PgConnection,
    to: Option<&str>,
    after: Option<(DateTime<Utc>, Uuid)>,
    limit: i64,
) -> QueryResult<Vec<DevMail>> {
    let mut query = dev_mailbox::table
        .select(DevMail::as_select())
        .order((dev_mailbox::created_at.desc(), dev_mailbox::id.desc()))
        .limit(limit)
        .into_boxed();
    if let Some(to) = to {
        query = query.filter(dev_mailbox::to_address.eq(to.to_owned()));
    }
    if let Some((created_at, id)) = after {
        query = query.filter(
            dev_mailbox::created_at
                .lt(created_at)
                .or(dev_mailbox::created_at
                    .eq(created_at)
                    .and(dev_mailbox::id.lt(id))),
        );
    }
    query.load(conn)
}
