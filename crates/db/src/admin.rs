//! What the admin console reads and the account-level changes only admins make.

use crate::schema::{contracts, disputes, flags, identity_documents, jobs, sessions, users};
use crate::users::User;
use chrono::{DateTime, NaiveDate, Utc};
use diesel::dsl::{count_star, max};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Date, Numeric, Timestamptz};
use rust_decimal::Decimal;
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StandingFilter {
    Active,
    Suspended,
}

fn like_anywhere(text: &str) -> String {
    let escaped = text
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

/// People whose name or email contains `q` (or whose id is `q`), newest first.
pub fn search_users(
    conn: &mut PgConnection,
    q: Option<&str>,
    standing: Option<StandingFilter>,
    after: Option<(DateTime<Utc>, Uuid)>,
    limit: i64,
) -> QueryResult<Vec<User>> {
    let mut query = users::table
        .select(User::as_select())
        .order((users::created_at.desc(), users::id.desc()))
        .limit(limit)
        .into_boxed();
    if let Some(q) = q.map(str::trim).filter(|q| !q.is_empty()) {
        if let Ok(id) = Uuid::parse_str(q) {
            query = query.filter(users::id.eq(id));
        } else {
            let pattern = like_anywhere(&q.to_lowercase());
            query = query.filter(
                users::email
                    .like(pattern.clone())
                    .or(diesel::dsl::sql::<diesel::sql_types::Bool>(
                        "lower(users.full_name) LIKE ",
                    )
                    .bind::<diesel::sql_types::Text, _>(pattern)),
            );
        }
    }
    match standing {
        Some(StandingFilter::Active) => query = query.filter(users::suspended_at.is_null()),
        Some(StandingFilter::Suspended) => query = query.filter(users::suspended_at.is_not_null()),
        None => {}
    }
    if let Some((at, id)) = after {
        query = query.filter(
            users::created_at
                .lt(at)
                .or(users::created_at.eq(at).and(users::id.lt(id))),
        );
    }
    query.load(conn)
}

/// One user's activity figures for the admin's view of them.
#[derive(Debug, Clone, Default)]
pub struct UserFigures {
    pub open_jobs: i64,
    pub active_contracts: i64,
    pub open_flags: i64,
    pub last_sign_in_at: Option<DateTime<Utc>>,
    pub live_sessions: i64,
}

pub fn user_figures(conn: &mut PgConnection, id: Uuid) -> QueryResult<UserFigures> {
    let open_jobs = jobs::table
        .filter(jobs::client_id.eq(id))
        .filter(jobs::status.eq("open"))
        .select(count_star())
        .first(conn)?;
    let active_contracts = contracts::table
        .filter(
            contracts::client_id
                .eq(id)
                .or(contracts::freelancer_id.eq(id)),
        )
        .filter(contracts::status.ne("ended"))
        .select(count_star())
        .first(conn)?;
    let open_flags = flags::table
        .filter(flags::target_type.eq("profile"))
        .filter(flags::target_id.eq(id))
        .filter(flags::status.eq("open"))
        .select(count_star())
        .first(conn)?;
    let last_sign_in_at = sessions::table
        .filter(sessions::user_id.eq(id))
        .select(max(sessions::created_at))
        .first(conn)?;
    let live_sessions = sessions::table
        .filter(sessions::user_id.eq(id))
        .filter(sessions::revoked_at.is_null())
        .select(count_star())
        .first(conn)?;
    Ok(UserFigures {
        open_jobs,
        active_contracts,
        open_flags,
        last_sign_in_at,
        live_sessions,
    })
}

/// Locks the account row for a change of standing.
pub fn lock_user(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<User>> {
    users::table
        .find(id)
        .select(User::as_select())
        .for_update()
        .first(conn)
        .optional()
}

pub fn set_suspension(
    conn: &mut PgConnection,
    id: Uuid,
    suspension: Option<(DateTime<Utc>, &str)>,
    now: DateTime<Utc>,
) -> QueryResult<User> {
    diesel::update(users::table.find(id))
        .set((
            users::suspended_at.eq(suspension.map(|(at, _)| at)),
            users::suspension_reason.eq(suspension.map(|(_, reason)| reason)),
            users::updated_at.eq(now),
        ))
        .returning(User::as_returning())
        .get_result(conn)
}

/// The client's jobs, for evicting cached pages after a change of standing.
pub fn job_ids_of(conn: &mut PgConnection, client_id: Uuid) -> QueryResult<Vec<Uuid>> {
    jobs::table
        .filter(jobs::client_id.eq(client_id))
        .select(jobs::id)
        .load(conn)
}

#[derive(Debug, Clone, QueryableByName)]
struct Sum {
    #[diesel(sql_type = diesel::sql_types::Nullable<Numeric>)]
    total: Option<Decimal>,
}

#[derive(Debug, Clone, QueryableByName)]
pub struct DayCount {
    #[diesel(sql_type = Date)]
    pub day: NaiveDate,
    #[diesel(sql_type = BigInt)]
    pub count: i64,
}

/// Platform figures, all from the ledger and the live tables.
#[derive(Debug, Clone)]
pub struct PlatformFigures {
    /// Everything ever funded into escrow (milestones, invoices, bonuses), fees apart.
    pub gmv_total: Decimal,
    /// The same over the last 30 days.
    pub gmv_30d: Decimal,
    /// The platform-fee account's balance: both sides' fees, net of refunds.
    pub fees_earned: Decimal,
    pub escrow_held: Decimal,
    pub open_disputes: i64,
    pub users_total: i64,
    pub suspended_users: i64,
    pub open_flags: i64,
    pub pending_identity_documents: i64,
    /// Sign-ups per UTC day over the last 30 days, oldest first, days with none included.
    pub signups_per_day: Vec<DayCount>,
}

fn escrow_funded_since(
    conn: &mut PgConnection,
    since: Option<DateTime<Utc>>,
) -> QueryResult<Decimal> {
    let sum: Sum = diesel::sql_query(
        "SELECT sum(e.amount) AS total
           FROM ledger_entries e JOIN ledger_accounts a ON a.id = e.account_id
          WHERE a.kind = 'contract_escrow' AND e.amount > 0
            AND ($1::timestamptz IS NULL OR e.created_at >= $1)",
    )
    .bind::<diesel::sql_types::Nullable<Timestamptz>, _>(since)
    .get_result(conn)?;
    Ok(sum.total.unwrap_or_default())
}

fn balance_of_kind(conn: &mut PgConnection, kind: &str) -> QueryResult<Decimal> {
    let sum: Sum = diesel::sql_query(
        "SELECT sum(b.balance) AS total
           FROM ledger_balances b JOIN ledger_accounts a ON a.id = b.account_id
          WHERE a.kind = $1",
    )
    .bind::<diesel::sql_types::Text, _>(kind)
    .get_result(conn)?;
    Ok(sum.total.unwrap_or_default())
}

pub fn platform_figures(
    conn: &mut PgConnection,
    now: DateTime<Utc>,
) -> QueryResult<PlatformFigures> {
    let month_ago = now - chrono::Duration::days(30);
    let today = now.date_naive();
    let signups_per_day = diesel::sql_query(
        "SELECT d::date AS day, count(u.id) AS count
           FROM generate_series($1::date - 29, $1::date, interval '1 day') AS d
           LEFT JOIN users u
             ON u.created_at >= d AND u.created_at < d + interval '1 day'
          GROUP BY d ORDER BY d",
    )
    .bind::<Date, _>(today)
    .load::<DayCount>(conn)?;
    Ok(PlatformFigures {
        gmv_total: escrow_funded_since(conn, None)?,
        gmv_30d: escrow_funded_since(conn, Some(month_ago))?,
        fees_earned: balance_of_kind(conn, "platform_fees")?,
        escrow_held: balance_of_kind(conn, "contract_escrow")?,
        open_disputes: disputes::table
            .filter(disputes::status.ne("resolved"))
            .select(count_star())
            .first(conn)?,
        users_total: users::table.select(count_star()).first(conn)?,
        suspended_users: users::table
            .filter(users::suspended_at.is_not_null())
            .select(count_star())
            .first(conn)?,
        open_flags: flags::table
            .filter(flags::status.eq("open"))
            .select(count_star())
            .first(conn)?,
        pending_identity_documents: identity_documents::table
            .filter(identity_documents::status.eq("pending"))
            .select(count_star())
            .first(conn)?,
        signups_per_day,
    })
}

/// The job row, locked, whoever owns it.
pub fn lock_job(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<crate::jobs::Job>> {
    jobs::table
        .find(id)
        .select(crate::jobs::Job::as_select())
        .for_update()
        .first(conn)
        .optional()
}

/// Pending offers on a job, locked.
pub fn pending_offers_of_job(conn: &mut PgConnection, job_id: Uuid) -> QueryResult<Vec<Uuid>> {
    use crate::schema::offers;
    offers::table
        .filter(offers::job_id.eq(job_id))
        .filter(offers::status.eq("pending"))
        .select(offers::id)
        .for_update()
        .load(conn)
}
