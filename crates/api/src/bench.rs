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
    match &e {
        worklane_app::AppError::Validation(fields) => anyhow::anyhow!("{e}: {fields:?}"),
        _ => anyhow::anyhow!("{e}"),
    }
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

fn bench_user(conn: &mut PgConnection, role: &str, client: bool) -> anyhow::Result<User> {
    let now = chrono::Utc::now();
    let email = format!("bench-{role}-{}@example.com", Uuid::new_v4().simple());
    Ok(worklane_db::users::insert(
        conn,
        &NewUser {
            id: Uuid::now_v7(),
            email: &email,
            password_hash: "not-a-login",
            full_name: if client {
                "Bench Client"
            } else {
                "Bench Freelancer"
            },
            country: "GB",
            timezone: "Europe/London",
            is_client: client,
            is_freelancer: !client,
            is_admin: false,
            email_verified_at: Some(now),
            created_at: now,
            updated_at: now,
        },
    )?)
}

fn token_for(
    conn: &mut PgConnection,
    ctx: &AppContext,
    user: &User,
    hours: i64,
) -> anyhow::Result<String> {
    let now = chrono::Utc::now();
    let session = Uuid::now_v7();
    worklane_db::sessions::create(
        conn,
        &worklane_db::sessions::NewSession {
            id: session,
            user_id: user.id,
            created_at: now,
            last_used_at: now,
            ip: None,
            user_agent: None,
        },
    )?;
    ctx.tokens
        .issue(user.id, session, now, chrono::Duration::hours(hours))
        .map_err(app_error)
}

/// `contracts` active fixed-price contracts, each with its own client and
/// freelancer: milestone 1 funded when the offer was sent, milestone 2 (100.00)
/// pending, and 105.00 in the client's wallet to fund it. Writes `<out>/delivery.tsv`:
/// client token, freelancer token, milestone 2's id.
pub fn delivery_setup(
    conn: &mut PgConnection,
    ctx: &AppContext,
    contracts: usize,
    hours: i64,
    out: &Path,
) -> anyhow::Result<()> {
    std::fs::create_dir_all(out)?;
    let mut rows = std::io::BufWriter::new(std::fs::File::create(out.join("delivery.tsv"))?);
    let category = worklane_db::taxonomy::stable_id("category", "writing");
    let started = std::time::Instant::now();
    for n in 0..contracts {
        let client = bench_user(conn, "payer", true)?;
        let freelancer = bench_user(conn, "payee", false)?;
        let card = worklane_app::payment_methods::add(
            conn,
            ctx,
            &client,
            worklane_app::gateway::CardDetails {
                number: "4242424242424242".to_owned(),
                exp_month: 12,
                exp_year: 2099,
                cvc: "123".to_owned(),
            },
        )
        .map_err(app_error)?;
        let job = worklane_app::jobs::create(
            conn,
            ctx,
            &client,
            worklane_app::jobs::JobInput {
                title: format!("Bench delivery job number {n}"),
                description: "Two milestones of copy, funded, delivered and approved by the bench."
                    .to_owned(),
                category_id: category,
                skill_ids: vec![worklane_db::taxonomy::stable_id("skill", "copywriting")],
                job_type: worklane_domain::jobs::JobType::Fixed,
                budget: Some("200.00".to_owned()),
                hourly_min: None,
                hourly_max: None,
                experience_level: "entry".to_owned(),
                project_length: worklane_domain::jobs::ProjectLength::LessThan1Month,
                hours_per_week: worklane_domain::jobs::HoursPerWeek::LessThan30,
                visibility: "invite_only".to_owned(),
                screening_questions: Vec::new(),
            },
            false,
        )
        .map_err(app_error)?;
        let invitation =
            worklane_app::proposals::invite(conn, ctx, &client, job.job.id, freelancer.id, "Bench")
                .map_err(app_error)?;
        let proposal = worklane_app::proposals::accept_invitation(
            conn,
            ctx,
            &freelancer,
            invitation.invitation.id,
            worklane_app::proposals::ProposalInput {
                cover_letter:
                    "A bench proposal long enough to pass the cover letter's fifty characters."
                        .to_owned(),
                bid_amount: Some("200.00".to_owned()),
                estimated_duration: "less_than_1_month".to_owned(),
                ..Default::default()
            },
        )
        .map_err(app_error)?;
        let milestone = |title: &str| worklane_app::offers::MilestoneInput {
            title: title.to_owned(),
            amount: "100.00".to_owned(),
            due_date: None,
        };
        let offer = worklane_app::offers::create(
            conn,
            ctx,
            &client,
            worklane_app::offers::OfferInput {
                proposal_id: proposal.proposal.id,
                contract_type: "fixed".to_owned(),
                title: None,
                message: None,
                milestones: vec![milestone("First half"), milestone("Second half")],
                hourly_rate: None,
                weekly_limit_hours: None,
                manual_time_allowed: None,
                payment_method_id: Some(card.id),
            },
            &format!("bench-offer-{}", Uuid::new_v4()),
        )
        .map_err(app_error)?;
        let contract = worklane_app::offers::accept(conn, ctx, &freelancer, offer.offer.id)
            .map_err(app_error)?;
        worklane_app::wallet::deposit(
            conn,
            ctx,
            &client,
            card.id,
            "105.00",
            &format!("bench-deposit-{}", Uuid::new_v4()),
        )
        .map_err(app_error)?;
        let second = contract
            .milestones
            .get(1)
            .map(|m| m.milestone.id)
            .ok_or_else(|| anyhow::anyhow!("the contract has no second milestone"))?;
        writeln!(
            rows,
            "{}\t{}\t{second}",
            token_for(conn, ctx, &client, hours)?,
            token_for(conn, ctx, &freelancer, hours)?
        )?;
    }
    rows.flush()?;
    println!(
        "delivery bench: {contracts} contracts ready in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// `pairs` conversations, each between its own signed-in client and freelancer.
/// Writes `<out>/messaging.tsv`: conversation id, client id and token, freelancer id
/// and token.
pub fn messaging_setup(
    conn: &mut PgConnection,
    ctx: &AppContext,
    pairs: usize,
    hours: i64,
    out: &Path,
) -> anyhow::Result<()> {
    std::fs::create_dir_all(out)?;
    let mut rows = std::io::BufWriter::new(std::fs::File::create(out.join("messaging.tsv"))?);
    for n in 0..pairs {
        let client = bench_user(conn, "talker", true)?;
        let freelancer = bench_user(conn, "listener", false)?;
        let conversation = worklane_app::messaging::open_for(
            conn,
            worklane_app::messaging::Subject::Proposal,
            Uuid::now_v7(),
            &format!("Bench conversation {n}"),
            client.id,
            freelancer.id,
            chrono::Utc::now(),
        )
        .map_err(app_error)?;
        writeln!(
            rows,
            "{}\t{}\t{}\t{}\t{}",
            conversation.id,
            client.id,
            token_for(conn, ctx, &client, hours)?,
            freelancer.id,
            token_for(conn, ctx, &freelancer, hours)?
        )?;
    }
    rows.flush()?;
    tracing::info!(pairs, "messaging bench fixtures ready");
    Ok(())
}

struct Talker {
    conversation: String,
    id: String,
    token: String,
}

/// Every socket open at once, then `senders` concurrent loops post messages (each to
/// a random conversation, from one of its parties) for `seconds`; every socket
/// records when the other party's messages arrive. Prints one BENCH_JSON line with
/// messages per second and the send-to-receive latency percentiles.
pub async fn messaging_load(
    base: &str,
    tsv: &Path,
    senders: usize,
    seconds: u64,
) -> anyhow::Result<()> {
    use futures_util::StreamExt;
    use std::collections::HashMap;
    use std::sync::{Arc, Mutex};
    use std::time::{Duration, Instant};

    let mut talkers = Vec::new();
    for line in std::fs::read_to_string(tsv)?.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        if let [
            conversation,
            client,
            client_token,
            freelancer,
            freelancer_token,
        ] = f[..]
        {
            for (id, token) in [(client, client_token), (freelancer, freelancer_token)] {
                talkers.push(Talker {
                    conversation: conversation.to_owned(),
                    id: id.to_owned(),
                    token: token.to_owned(),
                });
            }
        }
    }
    anyhow::ensure!(!talkers.is_empty(), "no fixtures in {}", tsv.display());
    let base = base.trim_end_matches('/').to_owned();
    {
        let sent_at: Arc<Mutex<HashMap<String, Instant>>> = Arc::default();
        let latencies: Arc<Mutex<Vec<f64>>> = Arc::default();
        let ws_base = base.replacen("http://", "ws://", 1);
        let mut readers = Vec::new();
        for talker in &talkers {
            let url = format!("{ws_base}/api/v1/ws?token={}", talker.token);
            let (_, mut socket) = awc::Client::builder()
                .timeout(Duration::from_secs(30))
                .finish()
                .ws(url)
                .connect()
                .await
                .map_err(|e| anyhow::anyhow!("connecting a socket: {e}"))?;
            let (sent_at, latencies, me) = (sent_at.clone(), latencies.clone(), talker.id.clone());
            readers.push(actix_web::rt::spawn(async move {
                while let Some(Ok(frame)) = socket.next().await {
                    if let awc::ws::Frame::Text(bytes) = frame {
                        let now = Instant::now();
                        let event: serde_json::Value =
                            serde_json::from_slice(&bytes).unwrap_or_default();
                        if event["message"]["sender_id"].as_str() == Some(me.as_str()) {
                            continue;
                        }
                        let body = event["message"]["body"].as_str().unwrap_or_default();
                        let started = sent_at.lock().ok().and_then(|m| m.get(body).copied());
                        if let (Some(started), Ok(mut l)) = (started, latencies.lock()) {
                            l.push(now.duration_since(started).as_secs_f64() * 1000.0);
                        }
                    }
                }
            }));
        }
        tracing::info!(sockets = talkers.len(), "all sockets open");
        let talkers = Arc::new(talkers);
        let http = awc::Client::builder()
            .timeout(Duration::from_secs(30))
            .finish();
        let deadline = Instant::now() + Duration::from_secs(seconds);
        let started = Instant::now();
        let mut loops = Vec::new();
        for s in 0..senders {
            let (talkers, http, base, sent_at) =
                (talkers.clone(), http.clone(), base.clone(), sent_at.clone());
            loops.push(actix_web::rt::spawn(async move {
                let (mut ok, mut failed, mut n) = (0u64, 0u64, s);
                while Instant::now() < deadline {
                    n = n
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    let talker = &talkers[(n >> 33) % talkers.len()];
                    let body = format!("bench {s}-{ok}-{failed} {}", Uuid::new_v4().simple());
                    if let Ok(mut m) = sent_at.lock() {
                        m.insert(body.clone(), Instant::now());
                    }
                    let response = http
                        .post(format!(
                            "{base}/api/v1/conversations/{}/messages",
                            talker.conversation
                        ))
                        .bearer_auth(&talker.token)
                        .send_json(&serde_json::json!({"body": body}))
                        .await;
                    match response {
                        Ok(r) if r.status().as_u16() == 201 => ok += 1,
                        _ => failed += 1,
                    }
                }
                (ok, failed)
            }));
        }
        let (mut sent, mut failed) = (0u64, 0u64);
        for l in loops {
            let (ok, bad) = l.await.unwrap_or((0, 0));
            sent += ok;
            failed += bad;
        }
        let elapsed = started.elapsed().as_secs_f64();
        // Let the last messages land.
        actix_web::rt::time::sleep(Duration::from_secs(2)).await;
        for r in readers {
            r.abort();
        }
        let mut l = latencies.lock().map(|l| l.clone()).unwrap_or_default();
        l.sort_by(f64::total_cmp);
        let pct = |p: f64| {
            l.get(((l.len() as f64 * p).ceil() as usize).saturating_sub(1))
                .copied()
                .unwrap_or(f64::NAN)
        };
        let report = serde_json::json!({
            "sockets": talkers.len(), "senders": senders, "seconds": elapsed,
            "messages": sent, "errors": failed, "rps": (sent as f64 / elapsed).round(),
            "delivered": l.len(),
            "latency_ms": {"p50": pct(0.50), "p95": pct(0.95), "p99": pct(0.99), "max": l.last().copied().unwrap_or(f64::NAN)},
        });
        println!("BENCH_JSON {report}");
        Ok(())
    }
}
