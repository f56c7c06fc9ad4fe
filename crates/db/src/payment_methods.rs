//! Stored payment methods: gateway tokens with brand and last four digits.

use crate::schema::payment_methods;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = payment_methods, check_for_backend(diesel::pg::Pg))]
pub struct PaymentMethod {
    pub id: Uuid,
    pub user_id: Uuid,
    pub gateway_token: String,
    pub brand: String,
    pub last4: String,
    pub exp_month: i32,
    pub exp_year: i32,
    pub created_at: DateTime<Utc>,
    pub removed_at: Option<DateTime<Utc>>,
}

pub fn insert(conn: &mut PgConnection, method: &PaymentMethod) -> QueryResult<()> {
    diesel::insert_into(payment_methods::table)
        .values(method)
        .execute(conn)
        .map(drop)
}

/// The user's current methods, newest first.
pub fn list_for_user(conn: &mut PgConnection, user_id: Uuid) -> QueryResult<Vec<PaymentMethod>> {
    payment_methods::table
        .filter(payment_methods::user_id.eq(user_id))
        .filter(payment_methods::removed_at.is_null())
        .order(payment_methods::created_at.desc())
        .select(PaymentMethod::as_select())
        .load(conn)
}

/// The user's own current method; `None` for another user's or a removed one.
pub fn own(conn: &mut PgConnection, user_id: Uuid, id: Uuid) -> QueryResult<Option<PaymentMethod>> {
    payment_methods::table
        .find(id)
        .filter(payment_methods::user_id.eq(user_id))
        .filter(payment_methods::removed_at.is_null())
        .select(PaymentMethod::as_select())
        .first(conn)
        .optional()
}

/// Removes the user's own method (kept for history); `false` when there was none.
pub fn remove(
    conn: &mut PgConnection,
    user_id: Uuid,
    id: Uuid,
    now: DateTime<Utc>,
) -> QueryResult<bool> {
    diesel::update(
        payment_methods::table
            .find(id)
            .filter(payment_methods::user_id.eq(user_id))
            .filter(payment_methods::removed_at.is_null()),
    )
    .set(payment_methods::removed_at.eq(now))
    .execute(conn)
    .map(|n| n == 1)
}
