//! Freelancer and client profiles.

use crate::schema::{client_profiles, freelancer_profiles, freelancer_skills, jobs, skills};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use rust_decimal::Decimal;
use uuid::Uuid;

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = freelancer_profiles, check_for_backend(diesel::pg::Pg), treat_none_as_null = true)]
pub struct FreelancerProfile {
    pub user_id: Uuid,
    pub title: String,
    pub overview: String,
    pub hourly_rate: Option<Decimal>,
    pub availability: String,
    pub portfolio: serde_json::Value,
    pub employment: serde_json::Value,
    pub education: serde_json::Value,
    pub certifications: serde_json::Value,
    pub languages: serde_json::Value,
    pub completeness: i32,
    pub updated_at: DateTime<Utc>,
    pub photo_id: Option<Uuid>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = client_profiles, check_for_backend(diesel::pg::Pg), treat_none_as_null = true)]
pub struct ClientProfile {
    pub user_id: Uuid,
    pub company_name: String,
    pub description: String,
    pub company_size: Option<String>,
    pub website: Option<String>,
    pub updated_at: DateTime<Utc>,
}

pub fn find_freelancer(
    conn: &mut PgConnection,
    user_id: Uuid,
) -> QueryResult<Option<FreelancerProfile>> {
    freelancer_profiles::table
        .find(user_id)
        .select(FreelancerProfile::as_select())
        .first(conn)
        .optional()
}

/// Writes the whole profile and its skills (in order).
pub fn save_freelancer(
    conn: &mut PgConnection,
    profile: &FreelancerProfile,
    skill_ids: &[Uuid],
) -> QueryResult<()> {
    diesel::insert_into(freelancer_profiles::table)
        .values(profile)
        .on_conflict(freelancer_profiles::user_id)
        .do_update()
        .set(profile)
        .execute(conn)?;
    diesel::delete(freelancer_skills::table.filter(freelancer_skills::user_id.eq(profile.user_id)))
        .execute(conn)?;
    let rows: Vec<_> = skill_ids
        .iter()
        .enumerate()
        .map(|(position, skill_id)| {
            (
                freelancer_skills::user_id.eq(profile.user_id),
                freelancer_skills::skill_id.eq(*skill_id),
                freelancer_skills::position.eq(position as i32),
            )
        })
        .collect();
    diesel::insert_into(freelancer_skills::table)
        .values(&rows)
        .execute(conn)
        .map(drop)
}

pub fn freelancer_skills(
    conn: &mut PgConnection,
    user_id: Uuid,
) -> QueryResult<Vec<(Uuid, String)>> {
    freelancer_skills::table
        .inner_join(skills::table)
        .filter(freelancer_skills::user_id.eq(user_id))
        .order(freelancer_skills::position)
        .select((skills::id, skills::name))
        .load(conn)
}

pub fn find_client(conn: &mut PgConnection, user_id: Uuid) -> QueryResult<Option<ClientProfile>> {
    client_profiles::table
        .find(user_id)
        .select(ClientProfile::as_select())
        .first(conn)
        .optional()
}

pub fn save_client(conn: &mut PgConnection, profile: &ClientProfile) -> QueryResult<()> {
    diesel::insert_into(client_profiles::table)
        .values(profile)
        .on_conflict(client_profiles::user_id)
        .do_update()
        .set(profile)
        .execute(conn)
        .map(drop)
}

/// Jobs a client has published (drafts don't count).
pub fn jobs_posted(conn: &mut PgConnection, client_id: Uuid) -> QueryResult<i64> {
    jobs::table
        .filter(jobs::client_id.eq(client_id))
        .filter(jobs::published_at.is_not_null())
        .count()
        .get_result(conn)
}
