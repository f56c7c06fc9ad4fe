//! Feedback on ended contracts, its double-blind reveal, and the figures reputation
//! is computed from.

use crate::schema::{contract_feedback, contracts, freelancer_profiles, users};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{Bool, Int2, Nullable, Numeric, Timestamptz, Uuid as SqlUuid};
use rust_decimal::Decimal;
use uuid::Uuid;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = contract_feedback, check_for_backend(diesel::pg::Pg))]
pub struct Feedback {
    pub contract_id: Uuid,
    pub author_id: Uuid,
    pub subject_id: Uuid,
    pub author_role: String,
    pub rating: i16,
    pub comment: String,
    pub private_score: i16,
    pub created_at: DateTime<Utc>,
}

pub fn insert(conn: &mut PgConnection, feedback: &Feedback) -> QueryResult<()> {
    diesel::insert_into(contract_feedback::table)
        .values(feedback)
        .execute(conn)
        .map(drop)
}

pub fn of_contract(conn: &mut PgConnection, contract_id: Uuid) -> QueryResult<Vec<Feedback>> {
    contract_feedback::table
        .filter(contract_feedback::contract_id.eq(contract_id))
        .select(Feedback::as_select())
        .load(conn)
}

/// When the contract's feedback was revealed, if it was.
pub fn revealed_at(
    conn: &mut PgConnection,
    contract_id: Uuid,
) -> QueryResult<Option<DateTime<Utc>>> {
    contracts::table
        .find(contract_id)
        .select(contracts::feedback_revealed_at)
        .first(conn)
}

/// Reveals a contract's feedback, recording what the contract paid.
pub fn reveal(
    conn: &mut PgConnection,
    contract_id: Uuid,
    paid: Decimal,
    now: DateTime<Utc>,
) -> QueryResult<()> {
    diesel::update(contracts::table.find(contract_id))
        .set((
            contracts::feedback_revealed_at.eq(now),
            contracts::paid_total.eq(paid),
        ))
        .execute(conn)
        .map(drop)
}

/// Ended contracts whose window closed before `closed_before` and are still unrevealed
/// (locked; rows another worker holds are skipped).
pub fn due_reveals(
    conn: &mut PgConnection,
    closed_before: DateTime<Utc>,
    limit: i64,
) -> QueryResult<Vec<(Uuid, Uuid, Uuid, String)>> {
    contracts::table
        .filter(contracts::ended_at.le(closed_before))
        .filter(contracts::feedback_revealed_at.is_null())
        .order(contracts::ended_at)
        .limit(limit)
        .for_update()
        .skip_locked()
        .select((
            contracts::id,
            contracts::client_id,
            contracts::freelancer_id,
            contracts::title,
        ))
        .load(conn)
}

#[derive(QueryableByName)]
struct Total {
    #[diesel(sql_type = Numeric)]
    total: Decimal,
}

/// What the contract released to the freelancer, gross: its milestones, invoices and
/// bonuses, as the ledger recorded them.
pub fn paid_to_freelancer(conn: &mut PgConnection, contract_id: Uuid) -> QueryResult<Decimal> {
    diesel::sql_query(
        "SELECT coalesce(sum(e.amount), 0) AS total
         FROM ledger_transactions t JOIN ledger_entries e ON e.transaction_id = t.id
         WHERE t.kind = 'escrow_release' AND e.amount > 0 AND t.subject_id IN (
             SELECT id FROM milestones WHERE contract_id = $1
             UNION ALL SELECT id FROM invoices WHERE contract_id = $1
             UNION ALL SELECT id FROM contract_bonuses WHERE contract_id = $1)",
    )
    .bind::<SqlUuid, _>(contract_id)
    .get_result::<Total>(conn)
    .map(|t| t.total)
}

#[derive(Debug, QueryableByName)]
pub struct ScoredContract {
    #[diesel(sql_type = SqlUuid)]
    pub client_id: Uuid,
    #[diesel(sql_type = Nullable<Numeric>)]
    pub paid_total: Option<Decimal>,
    #[diesel(sql_type = Nullable<Int2>)]
    pub rating: Option<i16>,
    #[diesel(sql_type = Nullable<Int2>)]
    pub private_score: Option<i16>,
    #[diesel(sql_type = Bool)]
    pub dispute_lost: bool,
}

/// The freelancer's revealed contracts that ended since `since`, with the client's
/// feedback and whether a dispute went mostly against the freelancer.
pub fn scored_contracts(
    conn: &mut PgConnection,
    freelancer_id: Uuid,
    since: DateTime<Utc>,
) -> QueryResult<Vec<ScoredContract>> {
    diesel::sql_query(
        "SELECT c.client_id, c.paid_total, f.rating, f.private_score,
                EXISTS (SELECT 1 FROM disputes d WHERE d.contract_id = c.id AND d.status = 'resolved'
                        AND d.refund_amount > d.release_amount) AS dispute_lost
         FROM contracts c
         LEFT JOIN contract_feedback f ON f.contract_id = c.id AND f.author_id = c.client_id
         WHERE c.freelancer_id = $1 AND c.feedback_revealed_at IS NOT NULL AND c.ended_at >= $2",
    )
    .bind::<SqlUuid, _>(freelancer_id)
    .bind::<Timestamptz, _>(since)
    .load(conn)
}

#[derive(Debug, Clone, QueryableByName)]
pub struct RatingSummary {
    #[diesel(sql_type = Nullable<Numeric>)]
    pub rating: Option<Decimal>,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    pub reviews: i64,
}

/// The average of the public ratings about a user that show on profiles.
pub fn rating_of(
    conn: &mut PgConnection,
    subject_id: Uuid,
    min_paid: Decimal,
) -> QueryResult<RatingSummary> {
    diesel::sql_query(
        "SELECT round(avg(f.rating), 2) AS rating, count(*) AS reviews
         FROM contract_feedback f JOIN contracts c ON c.id = f.contract_id
         WHERE f.subject_id = $1 AND c.feedback_revealed_at IS NOT NULL AND c.paid_total >= $2",
    )
    .bind::<SqlUuid, _>(subject_id)
    .bind::<Numeric, _>(min_paid)
    .get_result(conn)
}

#[derive(Debug, QueryableByName)]
pub struct Earnings {
    #[diesel(sql_type = Numeric)]
    pub in_window: Decimal,
    #[diesel(sql_type = Numeric)]
    pub total: Decimal,
}

/// What was released to the freelancer, gross, since `since` and ever.
pub fn earnings(
    conn: &mut PgConnection,
    freelancer_id: Uuid,
    since: DateTime<Utc>,
) -> QueryResult<Earnings> {
    diesel::sql_query(
        "SELECT coalesce(sum(e.amount) FILTER (WHERE t.created_at >= $2), 0) AS in_window,
                coalesce(sum(e.amount), 0) AS total
         FROM ledger_accounts a
         JOIN ledger_entries e ON e.account_id = a.id
         JOIN ledger_transactions t ON t.id = e.transaction_id
         WHERE a.kind = 'freelancer_pending' AND a.owner_id = $1
           AND t.kind = 'escrow_release' AND e.amount > 0",
    )
    .bind::<SqlUuid, _>(freelancer_id)
    .bind::<Timestamptz, _>(since)
    .get_result(conn)
}

/// What the badges need from the profile: its completeness, and whether the identity
/// is verified. None when the freelancer has no profile yet.
pub fn badge_inputs(
    conn: &mut PgConnection,
    freelancer_id: Uuid,
) -> QueryResult<Option<(i32, bool)>> {
    freelancer_profiles::table
        .inner_join(users::table)
        .filter(freelancer_profiles::user_id.eq(freelancer_id))
        .select((
            freelancer_profiles::completeness,
            users::identity_verified_at.is_not_null(),
        ))
        .first(conn)
        .optional()
}

#[derive(Debug, Clone, Default)]
pub struct Reputation {
    pub jss: Option<i16>,
    pub rating: Option<Decimal>,
    pub reviews: i32,
    pub earned_12m: Decimal,
    pub earned_total: Decimal,
    pub badges: Vec<String>,
    /// Hours billed on released hourly invoices (read live, not stored).
    pub hours_worked: i64,
}

#[derive(QueryableByName)]
struct Hours {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    hours: i64,
}

/// Whole hours billed to clients on the freelancer's released invoices.
pub fn hours_worked(conn: &mut PgConnection, freelancer_id: Uuid) -> QueryResult<i64> {
    diesel::sql_query(
        "SELECT coalesce(sum(i.billed_minutes), 0)::bigint / 60 AS hours
         FROM invoices i JOIN contracts c ON c.id = i.contract_id
         WHERE c.freelancer_id = $1 AND i.status = 'released'",
    )
    .bind::<SqlUuid, _>(freelancer_id)
    .get_result::<Hours>(conn)
    .map(|h| h.hours)
}

pub fn set_reputation(
    conn: &mut PgConnection,
    freelancer_id: Uuid,
    r: &Reputation,
) -> QueryResult<()> {
    diesel::update(freelancer_profiles::table.find(freelancer_id))
        .set((
            freelancer_profiles::jss.eq(r.jss),
            freelancer_profiles::rating.eq(r.rating),
            freelancer_profiles::reviews.eq(r.reviews),
            freelancer_profiles::earned_12m.eq(r.earned_12m),
            freelancer_profiles::earned_total.eq(r.earned_total),
            freelancer_profiles::badges.eq(&r.badges),
        ))
        .execute(conn)
        .map(drop)
}

pub fn reputation_of(
    conn: &mut PgConnection,
    freelancer_id: Uuid,
) -> QueryResult<Option<Reputation>> {
    freelancer_profiles::table
        .find(freelancer_id)
        .select((
            freelancer_profiles::jss,
            freelancer_profiles::rating,
            freelancer_profiles::reviews,
            freelancer_profiles::earned_12m,
            freelancer_profiles::earned_total,
            freelancer_profiles::badges,
        ))
        .first::<(
            Option<i16>,
            Option<Decimal>,
            i32,
            Decimal,
            Decimal,
            Vec<String>,
        )>(conn)
        .optional()
        .map(|row| {
            row.map(
                |(jss, rating, reviews, earned_12m, earned_total, badges)| Reputation {
                    jss,
                    rating,
                    reviews,
                    earned_12m,
                    earned_total,
                    badges,
                    hours_worked: 0,
                },
            )
        })
}

#[derive(Debug, Clone, Queryable)]
pub struct Review {
    pub contract_id: Uuid,
    pub contract_title: String,
    pub author_id: Uuid,
    pub author_name: String,
    pub author_country: String,
    pub author_role: String,
    pub rating: i16,
    pub comment: String,
    pub created_at: DateTime<Utc>,
    pub ended_at: Option<DateTime<Utc>>,
}

/// Public reviews about a user: revealed, on contracts that paid at least `min_paid`;
/// newest first.
pub fn reviews_of(
    conn: &mut PgConnection,
    subject_id: Uuid,
    min_paid: Decimal,
    after: Option<(DateTime<Utc>, Uuid)>,
    limit: i64,
) -> QueryResult<Vec<Review>> {
    let mut query = contract_feedback::table
        .inner_join(contracts::table)
        .inner_join(users::table.on(users::id.eq(contract_feedback::author_id)))
        .filter(contract_feedback::subject_id.eq(subject_id))
        .filter(contracts::feedback_revealed_at.is_not_null())
        .filter(contracts::paid_total.ge(min_paid))
        .order((
            contract_feedback::created_at.desc(),
            contract_feedback::contract_id.desc(),
        ))
        .limit(limit)
        .select((
            contract_feedback::contract_id,
            contracts::title,
            contract_feedback::author_id,
            users::full_name,
            users::country,
            contract_feedback::author_role,
            contract_feedback::rating,
            contract_feedback::comment,
            contract_feedback::created_at,
            contracts::ended_at,
        ))
        .into_boxed();
    if let Some((at, id)) = after {
        query = query.filter(
            contract_feedback::created_at
                .lt(at)
                .or(contract_feedback::created_at
                    .eq(at)
                    .and(contract_feedback::contract_id.lt(id))),
        );
    }
    query.load(conn)
}

#[derive(Debug, Clone, QueryableByName)]
pub struct ClientFigures {
    /// Jobs with at least one contract.
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    pub jobs_hired: i64,
    /// Released from the client's escrow to freelancers, gross.
    #[diesel(sql_type = Numeric)]
    pub total_spent: Decimal,
}

pub fn client_figures(conn: &mut PgConnection, client_id: Uuid) -> QueryResult<ClientFigures> {
    diesel::sql_query(
        "SELECT (SELECT count(DISTINCT job_id) FROM contracts WHERE client_id = $1) AS jobs_hired,
                (SELECT coalesce(-sum(e.amount), 0)
                 FROM ledger_accounts a
                 JOIN ledger_entries e ON e.account_id = a.id
                 JOIN ledger_transactions t ON t.id = e.transaction_id
                 WHERE a.kind = 'contract_escrow' AND a.party_id = $1
                   AND t.kind = 'escrow_release' AND e.amount < 0) AS total_spent",
    )
    .bind::<SqlUuid, _>(client_id)
    .get_result(conn)
}
