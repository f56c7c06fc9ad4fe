//! Plus subscriptions.

use crate::schema::subscriptions as subs;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use rust_decimal::Decimal;
use uuid::Uuid;

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = subs, check_for_backend(diesel::pg::Pg), treat_none_as_null = true)]
pub struct Subscription {
    pub user_id: Uuid,
    pub side: String,
    pub plan: String,
    pub status: String,
    pub payment_method_id: Option<Uuid>,
    pub started_at: DateTime<Utc>,
    pub current_period_end: DateTime<Utc>,
    pub cancel_at_period_end: bool,
    pub price: Decimal,
    pub last_error: Option<String>,
    pub updated_at: DateTime<Utc>,
}

impl Subscription {
    /// Plus right now: active (a canceled one stays Plus to the end of its month).
    pub fn is_plus(&self, now: DateTime<Utc>) -> bool {
        self.status == "active" && self.current_period_end > now
    }
}

pub fn of_user(conn: &mut PgConnection, user_id: Uuid) -> QueryResult<Vec<Subscription>> {
    subs::table
        .filter(subs::user_id.eq(user_id))
        .select(Subscription::as_select())
        .load(conn)
}

pub fn lock(
    conn: &mut PgConnection,
    user_id: Uuid,
    side: &str,
) -> QueryResult<Option<Subscription>> {
    subs::table
        .find((user_id, side))
        .select(Subscription::as_select())
        .for_update()
        .first(conn)
        .optional()
}

pub fn save(conn: &mut PgConnection, subscription: &Subscription) -> QueryResult<()> {
    diesel::insert_into(subs::table)
        .values(subscription)
        .on_conflict((subs::user_id, subs::side))
        .do_update()
        .set(subscription)
        .execute(conn)
        .map(drop)
}

/// Whether the user is on Plus on this side at `now`.
pub fn is_plus(
    conn: &mut PgConnection,
    user_id: Uuid,
    side: &str,
    now: DateTime<Utc>,
) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        subs::table
            .filter(subs::user_id.eq(user_id))
            .filter(subs::side.eq(side))
            .filter(subs::status.eq("active"))
            .filter(subs::current_period_end.gt(now)),
    ))
    .get_result(conn)
}

/// Active subscriptions whose month is over, locked (skipping ones another worker
/// holds).
pub fn due(
    conn: &mut PgConnection,
    now: DateTime<Utc>,
    limit: i64,
) -> QueryResult<Vec<Subscription>> {
    subs::table
        .filter(subs::status.eq("active"))
        .filter(subs::current_period_end.le(now))
        .order(subs::current_period_end)
        .limit(limit)
        .select(Subscription::as_select())
        .for_update()
        .skip_locked()
        .load(conn)
}

/// The competing bids on a job: lowest, highest, average and how many (proposals
/// not withdrawn; the fixed total or the hourly rate, as the job is priced).
#[derive(Debug, Clone, QueryableByName)]
pub struct BidRange {
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Numeric>)]
    pub low: Option<Decimal>,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Numeric>)]
    pub high: Option<Decimal>,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Numeric>)]
    pub average: Option<Decimal>,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    pub count: i64,
}

pub fn bid_range(conn: &mut PgConnection, job_id: Uuid) -> QueryResult<BidRange> {
    diesel::sql_query(
        "SELECT min(b) AS low, max(b) AS high, round(avg(b), 2) AS average, count(b) AS count
           FROM (SELECT coalesce(bid_amount, hourly_rate) AS b
                   FROM proposals WHERE job_id = $1 AND status <> 'withdrawn') bids",
    )
    .bind::<diesel::sql_types::Uuid, _>(job_id)
    .get_result(conn)
}
