//! The append-only audit log: written inside the transaction of what it records (or,
//! for plain HTTP state changes, right after the response), read by admins.

use crate::schema::audit_log;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = audit_log)]
pub struct NewEntry<'a> {
    pub id: Uuid,
    pub occurred_at: DateTime<Utc>,
    pub actor_id: Option<Uuid>,
    pub actor_kind: &'a str,
    pub action: &'a str,
    pub target_type: Option<&'a str>,
    pub target_id: Option<Uuid>,
    pub request_id: Option<&'a str>,
    pub ip: Option<&'a str>,
    pub status: Option<i16>,
    pub details: serde_json::Value,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = audit_log, check_for_backend(diesel::pg::Pg))]
pub struct Entry {
    pub id: Uuid,
    pub occurred_at: DateTime<Utc>,
    pub actor_id: Option<Uuid>,
    pub actor_kind: String,
    pub action: String,
    pub target_type: Option<String>,
    pub target_id: Option<Uuid>,
    pub request_id: Option<String>,
    pub ip: Option<String>,
    pub status: Option<i16>,
    pub details: serde_json::Value,
}

pub fn insert(conn: &mut PgConnection, entry: &NewEntry<'_>) -> QueryResult<()> {
    diesel::insert_into(audit_log::table)
        .values(entry)
        .execute(conn)
        .map(drop)
}

/// What an admin searches by; every filter is optional and they combine with AND.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub actor_id: Option<Uuid>,
    pub target_id: Option<Uuid>,
    /// Matches actions starting with this text (`admin.` finds every admin action).
    pub action_prefix: Option<String>,
    pub request_id: Option<String>,
    pub ip: Option<String>,
    pub since: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
}

fn like_prefix(prefix: &str) -> String {
    let escaped = prefix
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("{escaped}%")
}

/// Newest first, strictly before `before` (an entry id: ids are time-ordered).
pub fn search(
    conn: &mut PgConnection,
    filter: &Filter,
    before: Option<Uuid>,
    limit: i64,
) -> QueryResult<Vec<Entry>> {
    let mut query = audit_log::table
        .select(Entry::as_select())
        .order(audit_log::id.desc())
        .limit(limit)
        .into_boxed();
    if let Some(actor) = filter.actor_id {
        query = query.filter(audit_log::actor_id.eq(actor));
    }
    if let Some(target) = filter.target_id {
        query = query.filter(audit_log::target_id.eq(target));
    }
    if let Some(prefix) = &filter.action_prefix {
        query = query.filter(audit_log::action.like(like_prefix(prefix)));
    }
    if let Some(request_id) = &filter.request_id {
        query = query.filter(audit_log::request_id.eq(request_id.clone()));
    }
    if let Some(ip) = &filter.ip {
        query = query.filter(audit_log::ip.eq(ip.clone()));
    }
    if let Some(since) = filter.since {
        query = query.filter(audit_log::occurred_at.ge(since));
    }
    if let Some(until) = filter.until {
        query = query.filter(audit_log::occurred_at.lt(until));
    }
    if let Some(before) = before {
        query = query.filter(audit_log::id.lt(before));
    }
    query.load(conn)
}
