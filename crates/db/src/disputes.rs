//! Disputes and their threads.

use crate::schema::disputes;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use rust_decimal::Decimal;
use uuid::Uuid;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = disputes, check_for_backend(diesel::pg::Pg))]
pub struct Dispute {
    pub id: Uuid,
    pub contract_id: Uuid,
    pub milestone_id: Option<Uuid>,
    pub invoice_id: Option<Uuid>,
    pub opened_by: Uuid,
    pub opener_role: String,
    pub subject_status: String,
    pub reason: String,
    pub amount: Decimal,
    pub requested_refund: Decimal,
    pub status: String,
    pub respond_by: DateTime<Utc>,
    pub response_message: Option<String>,
    pub responded_at: Option<DateTime<Utc>>,
    pub outcome: Option<String>,
    pub release_amount: Option<Decimal>,
    pub refund_amount: Option<Decimal>,
    pub resolution_note: Option<String>,
    pub resolved_by: Option<Uuid>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

/// A message of a dispute's thread (the dispute's conversation, which admins join).
#[derive(Debug, Clone)]
pub struct DisputeMessage {
    pub id: Uuid,
    pub dispute_id: Uuid,
    pub author_id: Uuid,
    pub body: String,
    pub created_at: DateTime<Utc>,
}

pub fn insert(conn: &mut PgConnection, dispute: &Dispute) -> QueryResult<()> {
    diesel::insert_into(disputes::table)
        .values(dispute)
        .execute(conn)
        .map(drop)
}

pub fn find(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<Dispute>> {
    disputes::table
        .find(id)
        .select(Dispute::as_select())
        .first(conn)
        .optional()
}

pub fn lock(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<Dispute>> {
    disputes::table
        .find(id)
        .select(Dispute::as_select())
        .for_update()
        .first(conn)
        .optional()
}

pub fn record_response(
    conn: &mut PgConnection,
    id: Uuid,
    status: &str,
    message: &str,
    now: DateTime<Utc>,
) -> QueryResult<()> {
    diesel::update(disputes::table.find(id))
        .set((
            disputes::status.eq(status),
            disputes::response_message.eq(message),
            disputes::responded_at.eq(now),
        ))
        .execute(conn)
        .map(drop)
}

#[allow(clippy::too_many_arguments)]
pub fn resolve(
    conn: &mut PgConnection,
    id: Uuid,
    outcome: &str,
    release: Decimal,
    refund: Decimal,
    note: Option<&str>,
    by: Option<Uuid>,
    now: DateTime<Utc>,
) -> QueryResult<Dispute> {
    diesel::update(disputes::table.find(id))
        .set((
            disputes::status.eq("resolved"),
            disputes::outcome.eq(outcome),
            disputes::release_amount.eq(release),
            disputes::refund_amount.eq(refund),
            disputes::resolution_note.eq(note),
            disputes::resolved_by.eq(by),
            disputes::resolved_at.eq(now),
        ))
        .returning(Dispute::as_returning())
        .get_result(conn)
}

/// The dispute's thread, oldest first.
pub fn messages_of(conn: &mut PgConnection, dispute_id: Uuid) -> QueryResult<Vec<DisputeMessage>> {
    let Some(conversation) = crate::messaging::of_subject(conn, "dispute", dispute_id)? else {
        return Ok(Vec::new());
    };
    Ok(crate::messaging::thread(conn, conversation.id, 500)?
        .into_iter()
        .map(|m| DisputeMessage {
            id: m.id,
            dispute_id,
            author_id: m.sender_id,
            body: m.body,
            created_at: m.created_at,
        })
        .collect())
}

/// Disputes awaiting a response whose window closed (skipping locked ones).
pub fn lapsed(
    conn: &mut PgConnection,
    now: DateTime<Utc>,
    limit: i64,
) -> QueryResult<Vec<Dispute>> {
    disputes::table
        .filter(disputes::status.eq("awaiting_response"))
        .filter(disputes::respond_by.le(now))
        .order(disputes::respond_by)
        .limit(limit)
        .select(Dispute::as_select())
        .for_update()
        .skip_locked()
        .load(conn)
}

/// A page of disputes, newest first: on the given contracts, or (admins) all, by status.
pub fn list(
    conn: &mut PgConnection,
    contract_ids: Option<&[Uuid]>,
    statuses: &[&str],
    after: Option<(DateTime<Utc>, Uuid)>,
    limit: i64,
) -> QueryResult<Vec<Dispute>> {
    let mut query = disputes::table
        .select(Dispute::as_select())
        .order((disputes::created_at.desc(), disputes::id.desc()))
        .limit(limit)
        .into_boxed();
    if let Some(ids) = contract_ids {
        query = query.filter(disputes::contract_id.eq_any(ids.to_vec()));
    }
    if !statuses.is_empty() {
        query = query.filter(disputes::status.eq_any(statuses.to_vec()));
    }
    if let Some((at, id)) = after {
        query = query.filter(
            disputes::created_at
                .lt(at)
                .or(disputes::created_at.eq(at).and(disputes::id.lt(id))),
        );
    }
    query.load(conn)
}

/// The ids of every contract the user is a party to.
pub fn contracts_of_user(conn: &mut PgConnection, user_id: Uuid) -> QueryResult<Vec<Uuid>> {
    use crate::schema::contracts;
    contracts::table
        .filter(
            contracts::client_id
                .eq(user_id)
                .or(contracts::freelancer_id.eq(user_id)),
        )
        .select(contracts::id)
        .load(conn)
}
