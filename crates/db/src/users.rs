use crate::schema::users;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;
use worklane_domain::account::Capabilities;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = users, check_for_backend(diesel::pg::Pg))]
pub struct User {
    pub id: Uuid,
    pub email: String,
    pub password_hash: String,
    pub full_name: String,
    pub country: String,
    pub timezone: String,
    pub is_client: bool,
    pub is_freelancer: bool,
    pub is_admin: bool,
    pub email_verified_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub payment_verified_at: Option<DateTime<Utc>>,
    pub identity_verified_at: Option<DateTime<Utc>>,
    pub suspended_at: Option<DateTime<Utc>>,
    pub suspension_reason: Option<String>,
}

impl User {
    pub fn capabilities(&self) -> Capabilities {
        Capabilities {
            client: self.is_client,
            freelancer: self.is_freelancer,
            admin: self.is_admin,
        }
    }

    pub fn suspended(&self) -> bool {
        self.suspended_at.is_some()
    }

    pub fn email_verified(&self) -> bool {
        self.email_verified_at.is_some()
    }
}

#[derive(Debug, Insertable)]
#[diesel(table_name = users)]
pub struct NewUser<'a> {
    pub id: Uuid,
    pub email: &'a str,
    pub password_hash: &'a str,
    pub full_name: &'a str,
    pub country: &'a str,
    pub timezone: &'a str,
    pub is_client: bool,
    pub is_freelancer: bool,
    pub is_admin: bool,
    pub email_verified_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// The fields a user may change on their own account.
#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = users)]
pub struct AccountChanges<'a> {
    pub full_name: Option<&'a str>,
    pub country: Option<&'a str>,
    pub timezone: Option<&'a str>,
    pub updated_at: Option<DateTime<Utc>>,
}

pub fn insert(conn: &mut PgConnection, user: &NewUser<'_>) -> QueryResult<User> {
    diesel::insert_into(users::table)
        .values(user)
        .returning(User::as_returning())
        .get_result(conn)
}

/// Whether an admin has the account suspended (unknown ids are not).
pub fn is_suspended(conn: &mut PgConnection, id: Uuid) -> QueryResult<bool> {
    Ok(users::table
        .find(id)
        .select(users::suspended_at.is_not_null())
        .first::<bool>(conn)
        .optional()?
        .unwrap_or(false))
}

pub fn find(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<User>> {
    users::table
        .find(id)
        .select(User::as_select())
        .first(conn)
        .optional()
}

pub fn find_by_email(conn: &mut PgConnection, email: &str) -> QueryResult<Option<User>> {
    users::table
        .filter(users::email.eq(email))
        .select(User::as_select())
        .first(conn)
        .optional()
}

pub fn update_account(
    conn: &mut PgConnection,
    id: Uuid,
    changes: &AccountChanges<'_>,
) -> QueryResult<User> {
    diesel::update(users::table.find(id))
        .set(changes)
        .returning(User::as_returning())
        .get_result(conn)
}

/// Marks the email verified (first verification wins; later calls keep the first time).
pub fn mark_email_verified(
    conn: &mut PgConnection,
    id: Uuid,
    at: DateTime<Utc>,
) -> QueryResult<User> {
    diesel::update(users::table.find(id))
        .set((
            users::email_verified_at.eq(diesel::dsl::sql::<
                diesel::sql_types::Nullable<diesel::sql_types::Timestamptz>,
            >("COALESCE(email_verified_at, ")
            .bind::<diesel::sql_types::Timestamptz, _>(at)
            .sql(")")),
            users::updated_at.eq(at),
        ))
        .returning(User::as_returning())
        .get_result(conn)
}

pub fn grant_admin(conn: &mut PgConnection, id: Uuid, at: DateTime<Utc>) -> QueryResult<User> {
    diesel::update(users::table.find(id))
        .set((users::is_admin.eq(true), users::updated_at.eq(at)))
        .returning(User::as_returning())
        .get_result(conn)
}

/// The "payment verified" badge: set once, when the first verified method is added.
pub fn mark_payment_verified(
    conn: &mut PgConnection,
    id: Uuid,
    at: DateTime<Utc>,
) -> QueryResult<()> {
    diesel::update(
        users::table
            .find(id)
            .filter(users::payment_verified_at.is_null()),
    )
    .set(users::payment_verified_at.eq(at))
    .execute(conn)
    .map(drop)
}

/// Each user's IANA time zone (one query for a page of people).
pub fn timezones(conn: &mut PgConnection, ids: &[Uuid]) -> QueryResult<Vec<(Uuid, String)>> {
    users::table
        .filter(users::id.eq_any(ids))
        .select((users::id, users::timezone))
        .load(conn)
}
