//! `worklane bench ...`: fixtures for load shapes that need many signed-in users,
//! and the checks that run after them. Writes real rows: use a benchmark database.

use anyhow::Context;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Int4, Uuid as SqlUuid};
use std::io::Write;
use std::path::Path;
use uuid::Uuid;
use worklane_app::AppContext;
use worklane_db::users::{NewUser, User};

/// Connects each bench freelancer starts with.
pub const STARTING_CONNECTS: i32 = 100;

fn app_error(e: worklane_app::AppError) -> anyhow::Error {
    anyhow::anyhow!("{e}")
}

#[derive(QueryableByName)]
struct Minted {
    #[diesel(sql_type = SqlUuid)]
    session_id: Uuid,
    #[diesel(sql_type = SqlUuid)]
    user_id: Uuid,
}

/// One client with a popular open job, and `freelancers` verified freelancers with
/// a session and `STARTING_CONNECTS` each; writes `<out>/job.txt` (the job's id) and
/// `<out>/tokens.txt` (one access token per freelancer, valid for `hours`).
pub fn proposals_setup(
    conn: &mut PgConnection,
    ctx: &AppContext,
    freelancers: usize,
    hours: i64,
    out: &Path,
) -> anyhow::Result<()> {
    let now = chrono::Utc::now();
    let email = format!("bench-client-{}@example.com", Uuid::new_v4().simple());
    let client: User = worklane_db::users::insert(
        conn,
        &NewUser {
            id: Uuid::now_v7(),
            email: &email,
            password_hash: "not-a-login",
            full_name: "Bench Client",
            country: "US",
            timezone: "America/New_York",
            is_client: true,
            is_freelancer: false,
            is_admin: false,
            email_verified_at: Some(now),
            created_at: now,
            updated_at: now,
        },
    )?;
    let category = worklane_db::taxonomy::stable_id("category", "writing");
    let skill = |slug: &str| worklane_db::taxonomy::stable_id("skill", slug);
    let job = worklane_app::jobs::create(
        conn,
        ctx,
        &client,
        worklane_app::jobs::JobInput {
            title: "Copy for a popular product launch".to_owned(),
            description: "A launch page, three emails and a press note for a product everyone wants to write about.".to_owned(),
            category_id: category,
            skill_ids: vec![skill("copywriting"), skill("seo-writing")],
            job_type: worklane_domain::jobs::JobType::Fixed,
            budget: Some("900.00".to_owned()),
            hourly_min: None,
            hourly_max: None,
            experience_level: "intermediate".to_owned(),
            project_length: worklane_domain::jobs::ProjectLength::LessThan1Month,
            hours_per_week: worklane_domain::jobs::HoursPerWeek::LessThan30,
            visibility: "public".to_owned(),
            screening_questions: vec!["Which launch are you proudest of?".to_owned()],
        },
        false,
    )
    .map_err(app_error)?;
    std::fs::create_dir_all(out)?;
    std::fs::write(out.join("job.txt"), job.job.id.to_string())?;
    let mut tokens = std::io::BufWriter::new(std::fs::File::create(out.join("tokens.txt"))?);
    // Tagged with the job, so the check after the run looks at this run's people only.
    let tag = format!("bench-proposer-{}-", job.job.id.simple());
    let mut left = freelancers;
    while left > 0 {
        let batch = left.min(5000);
        left -= batch;
        let minted: Vec<Minted> = conn.transaction(|conn| {
            diesel::sql_query(
                "WITH new AS ( \
                   INSERT INTO users (id, email, password_hash, full_name, country, timezone, is_client, is_freelancer, \
                                      is_admin, email_verified_at, created_at, updated_at) \
                   SELECT gen_random_uuid(), $3 || gen_random_uuid() || '@example.com', 'not-a-login', \
                          'Bench Freelancer ' || g, 'GB', 'Europe/London', false, true, false, now(), now(), now() \
                   FROM generate_series(1, $1) g RETURNING id), \
                 accounts AS ( \
                   INSERT INTO connects_accounts (user_id, balance, granted, plan, next_grant_at, created_at) \
                   SELECT id, $2, $2, 'basic', now() + interval '30 days', now() FROM new RETURNING user_id), \
                 lines AS ( \
                   INSERT INTO connects_lines (id, user_id, kind, amount, balance_after, memo, created_at) \
                   SELECT gen_random_uuid(), user_id, 'grant', $2, $2, 'Bench grant', now() FROM accounts) \
                 INSERT INTO sessions (id, user_id, created_at, last_used_at) \
                 SELECT gen_random_uuid(), id, now(), now() FROM new RETURNING id AS session_id, user_id",
            )
            .bind::<BigInt, _>(i64::try_from(batch).unwrap_or(0))
            .bind::<Int4, _>(STARTING_CONNECTS)
            .bind::<diesel::sql_types::Text, _>(&tag)
            .load(conn)
        })?;
        for m in minted {
            let token = ctx
                .tokens
                .issue(m.user_id, m.session_id, now, chrono::Duration::hours(hours))
                .map_err(app_error)?;
            writeln!(tokens, "{token}")?;
        }
    }
    tokens.flush()?;
    println!(
        "proposals bench: job {} costs {} Connects; {freelancers} freelancers with {STARTING_CONNECTS} Connects each",
        job.job.id, job.job.connects_cost
    );
    Ok(())
}

#[derive(QueryableByName)]
struct Tally {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

fn tally(conn: &mut PgConnection, sql: &str, job: Uuid) -> anyhow::Result<i64> {
    diesel::sql_query(sql)
        .bind::<SqlUuid, _>(job)
        .get_result::<Tally>(conn)
        .map(|t| t.n)
        .with_context(|| sql.to_owned())
}

/// After the load: every proposal spent the job's cost exactly once, every bench
/// freelancer's balance is the sum of their lines, and nobody was charged without a
/// proposal. Prints one JSON line.
pub fn proposals_verify(conn: &mut PgConnection, job: Uuid) -> anyhow::Result<()> {
    let proposals = tally(
        conn,
        "SELECT count(*) AS n FROM proposals WHERE job_id = $1",
        job,
    )?;
    let spends = tally(
        conn,
        "SELECT count(*) AS n FROM connects_lines WHERE job_id = $1 AND kind = 'spend'",
        job,
    )?;
    let wrong_balances = tally(
        conn,
        "SELECT count(*) AS n FROM connects_accounts a JOIN users u ON u.id = a.user_id \
         LEFT JOIN proposals p ON p.freelancer_id = a.user_id AND p.job_id = $1 \
         CROSS JOIN (SELECT connects_cost FROM jobs WHERE id = $1) j \
         WHERE u.email LIKE 'bench-proposer-' || replace($1::text, '-', '') || '-%' \
           AND a.balance <> 100 - CASE WHEN p.id IS NULL THEN 0 ELSE j.connects_cost END",
        job,
    )?;
    let mismatched = worklane_db::connects::mismatched_accounts(conn)?;
    let ok = proposals == spends && wrong_balances == 0 && mismatched.is_empty();
    println!(
        "{{\"proposals\": {proposals}, \"spends\": {spends}, \"wrong_balances\": {wrong_balances}, \"lines_mismatched\": {}, \"connects_ok\": {ok}}}",
        mismatched.len()
    );
    anyhow::ensure!(ok, "Connects do not add up after the proposals bench");
    Ok(())
}
