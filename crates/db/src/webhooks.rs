//! Webhook endpoints and the webhook outbox (one delivery row per event and endpoint).

use crate::schema::{webhook_deliveries as deliveries, webhook_endpoints as endpoints};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = endpoints, check_for_backend(diesel::pg::Pg))]
pub struct Endpoint {
    pub id: Uuid,
    pub user_id: Uuid,
    pub url: String,
    pub events: Vec<String>,
    pub description: Option<String>,
    pub secret: String,
    pub created_at: DateTime<Utc>,
    pub deleted_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = deliveries, check_for_backend(diesel::pg::Pg))]
pub struct Delivery {
    pub id: Uuid,
    pub endpoint_id: Uuid,
    pub event_id: Uuid,
    pub event_type: String,
    pub body: String,
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub last_attempt_at: Option<DateTime<Utc>>,
    pub last_status_code: Option<i32>,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub delivered_at: Option<DateTime<Utc>>,
}

pub fn insert_endpoint(conn: &mut PgConnection, endpoint: &Endpoint) -> QueryResult<()> {
    diesel::insert_into(endpoints::table)
        .values(endpoint)
        .execute(conn)
        .map(drop)
}

/// The user's live endpoints, newest first.
pub fn endpoints_of(conn: &mut PgConnection, user_id: Uuid) -> QueryResult<Vec<Endpoint>> {
    endpoints::table
        .filter(endpoints::user_id.eq(user_id))
        .filter(endpoints::deleted_at.is_null())
        .order((endpoints::created_at.desc(), endpoints::id.desc()))
        .select(Endpoint::as_select())
        .load(conn)
}

/// One of the user's live endpoints.
pub fn endpoint_of(
    conn: &mut PgConnection,
    user_id: Uuid,
    id: Uuid,
) -> QueryResult<Option<Endpoint>> {
    endpoints::table
        .find(id)
        .filter(endpoints::user_id.eq(user_id))
        .filter(endpoints::deleted_at.is_null())
        .select(Endpoint::as_select())
        .first(conn)
        .optional()
}

/// Whose endpoint this is (deleted ones included).
pub fn owner_of(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<Uuid>> {
    endpoints::table
        .find(id)
        .select(endpoints::user_id)
        .first(conn)
        .optional()
}

/// The user's live endpoints subscribed to `event_type`.
pub fn subscribers(
    conn: &mut PgConnection,
    user_id: Uuid,
    event_type: &str,
) -> QueryResult<Vec<Endpoint>> {
    endpoints::table
        .filter(endpoints::user_id.eq(user_id))
        .filter(endpoints::deleted_at.is_null())
        .filter(endpoints::events.contains(vec![event_type.to_owned()]))
        .select(Endpoint::as_select())
        .load(conn)
}

/// Deletes the endpoint: it is hidden and its pending deliveries stop.
pub fn delete_endpoint(
    conn: &mut PgConnection,
    user_id: Uuid,
    id: Uuid,
    now: DateTime<Utc>,
) -> QueryResult<bool> {
    let n = diesel::update(
        endpoints::table
            .find(id)
            .filter(endpoints::user_id.eq(user_id))
            .filter(endpoints::deleted_at.is_null()),
    )
    .set(endpoints::deleted_at.eq(now))
    .execute(conn)?;
    if n == 1 {
        diesel::update(
            deliveries::table
                .filter(deliveries::endpoint_id.eq(id))
                .filter(deliveries::status.eq("pending")),
        )
        .set((
            deliveries::status.eq("failed"),
            deliveries::next_attempt_at.eq(None::<DateTime<Utc>>),
            deliveries::last_error.eq("endpoint deleted"),
        ))
        .execute(conn)?;
    }
    Ok(n == 1)
}

pub fn live_endpoint_count(conn: &mut PgConnection, user_id: Uuid) -> QueryResult<i64> {
    endpoints::table
        .filter(endpoints::user_id.eq(user_id))
        .filter(endpoints::deleted_at.is_null())
        .count()
        .get_result(conn)
}

pub fn insert_deliveries(conn: &mut PgConnection, rows: &[Delivery]) -> QueryResult<()> {
    diesel::insert_into(deliveries::table)
        .values(rows)
        .execute(conn)
        .map(drop)
}

/// An endpoint's deliveries, newest first, after a keyset position.
pub fn deliveries_of(
    conn: &mut PgConnection,
    endpoint_id: Uuid,
    after: Option<(DateTime<Utc>, Uuid)>,
    limit: i64,
) -> QueryResult<Vec<Delivery>> {
    let mut query = deliveries::table
        .filter(deliveries::endpoint_id.eq(endpoint_id))
        .order((deliveries::created_at.desc(), deliveries::id.desc()))
        .limit(limit)
        .select(Delivery::as_select())
        .into_boxed();
    if let Some((at, id)) = after {
        query = query.filter(
            deliveries::created_at
                .lt(at)
                .or(deliveries::created_at.eq(at).and(deliveries::id.lt(id))),
        );
    }
    query.load(conn)
}

/// A delivery to attempt, with where it goes.
#[derive(Debug, Clone)]
pub struct Due {
    pub delivery: Delivery,
    pub url: String,
    pub secret: String,
}

/// Claims up to `limit` due deliveries for `lease` (another worker skips them until
/// then, and takes them over if this one dies), counting the attempt.
pub fn claim_due(
    conn: &mut PgConnection,
    now: DateTime<Utc>,
    lease: chrono::Duration,
    limit: i64,
) -> QueryResult<Vec<Due>> {
    conn.transaction(|conn| {
        let ids: Vec<Uuid> = deliveries::table
            .filter(deliveries::status.eq("pending"))
            .filter(deliveries::next_attempt_at.le(now))
            .order(deliveries::next_attempt_at)
            .limit(limit)
            .select(deliveries::id)
            .for_update()
            .skip_locked()
            .load(conn)?;
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        diesel::update(deliveries::table.filter(deliveries::id.eq_any(&ids)))
            .set((
                deliveries::next_attempt_at.eq(now + lease),
                deliveries::attempts.eq(deliveries::attempts + 1),
                deliveries::last_attempt_at.eq(now),
                // The attempt in flight has no outcome yet: a listing meanwhile must
                // not show the previous attempt's as this one's.
                deliveries::last_status_code.eq(None::<i32>),
                deliveries::last_error.eq(None::<String>),
            ))
            .execute(conn)?;
        let rows: Vec<(Delivery, String, String)> = deliveries::table
            .inner_join(endpoints::table)
            .filter(deliveries::id.eq_any(&ids))
            .select((Delivery::as_select(), endpoints::url, endpoints::secret))
            .load(conn)?;
        Ok(rows
            .into_iter()
            .map(|(delivery, url, secret)| Due {
                delivery,
                url,
                secret,
            })
            .collect())
    })
}

/// Records an attempt's outcome. `retry_at` None with a failure gives up.
pub fn record_attempt(
    conn: &mut PgConnection,
    id: Uuid,
    succeeded: bool,
    status_code: Option<i32>,
    error: Option<&str>,
    retry_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> QueryResult<()> {
    let status = if succeeded {
        "succeeded"
    } else if retry_at.is_some() {
        "pending"
    } else {
        "failed"
    };
    diesel::update(
        deliveries::table
            .find(id)
            .filter(deliveries::status.eq("pending")),
    )
    .set((
        deliveries::status.eq(status),
        deliveries::next_attempt_at.eq(if succeeded { None } else { retry_at }),
        deliveries::last_status_code.eq(status_code),
        deliveries::last_error.eq(error),
        deliveries::delivered_at.eq(succeeded.then_some(now)),
    ))
    .execute(conn)
    .map(drop)
}
