//! `worklane seed --jobs N --freelancers M --clients K --seed S`: realistic, varied,
//! deterministic volume data, written with COPY in large batches.

use super::rng::Rng;
use super::text::{self, bank};
use anyhow::{Context, bail};
use chrono::{DateTime, Duration, SecondsFormat, Utc};
use diesel::prelude::*;
use diesel::sql_types::{Nullable, Text, Uuid as SqlUuid};
use rust_decimal::Decimal;
use std::fmt::Write as _;
use std::io::Write;
use std::time::Instant;
use uuid::Uuid;
use worklane_db::schema::{
    client_profiles, freelancer_profiles, freelancer_skills, job_skills, jobs, users,
};
use worklane_domain::jobs::{
    HoursPerWeek, JobPolicy, Pay, ProjectLength, connects_cost, job_value,
};
use worklane_domain::money::{Currency, Money};

#[derive(Debug, Clone, Copy)]
pub struct VolumeSpec {
    pub jobs: usize,
    pub freelancers: usize,
    pub clients: usize,
    pub seed: u64,
}

#[derive(Debug, Default)]
pub struct VolumeReport {
    /// This seed's data was already in the database; nothing was written.
    pub already_seeded: bool,
    pub clients: usize,
    pub freelancers: usize,
    pub jobs: usize,
    pub seconds: f64,
}

const BATCH: usize = 50_000;
const CATEGORY_WEIGHTS: &[usize] = &[22, 8, 8, 12, 10, 4, 10, 6, 6, 3, 4, 5, 2];

#[derive(QueryableByName)]
struct CategoryRow {
    #[diesel(sql_type = SqlUuid)]
    id: Uuid,
    #[diesel(sql_type = Text)]
    slug: String,
    #[diesel(sql_type = Nullable<SqlUuid>)]
    parent_id: Option<Uuid>,
}

#[derive(QueryableByName)]
struct SkillRow {
    #[diesel(sql_type = SqlUuid)]
    id: Uuid,
    #[diesel(sql_type = Nullable<SqlUuid>)]
    category_id: Option<Uuid>,
}

/// A top-level category with what generation needs of it.
struct Category {
    slug: String,
    subcategories: Vec<Uuid>,
    skills: Vec<Uuid>,
}

fn load_categories(conn: &mut PgConnection) -> anyhow::Result<Vec<Category>> {
    let rows: Vec<CategoryRow> = diesel::sql_query(
        "SELECT id, slug, parent_id FROM categories ORDER BY parent_id NULLS FIRST, position",
    )
    .load(conn)?;
    let skills: Vec<SkillRow> =
        diesel::sql_query("SELECT id, category_id FROM skills ORDER BY slug").load(conn)?;
    let categories: Vec<Category> = rows
        .iter()
        .filter(|c| c.parent_id.is_none())
        .map(|top| Category {
            slug: top.slug.clone(),
            subcategories: rows
                .iter()
                .filter(|c| c.parent_id == Some(top.id))
                .map(|c| c.id)
                .collect(),
            skills: skills
                .iter()
                .filter(|s| s.category_id == Some(top.id))
                .map(|s| s.id)
                .collect(),
        })
        .collect();
    if categories.len() < CATEGORY_WEIGHTS.len()
        || categories
            .iter()
            .any(|c| c.subcategories.is_empty() || c.skills.len() < 6)
    {
        bail!("the taxonomy is missing; run `worklane seed` first");
    }
    Ok(categories)
}

fn weighted_category(rng: &mut Rng) -> usize {
    let total: usize = CATEGORY_WEIGHTS.iter().sum();
    let mut roll = rng.below(total);
    for (index, weight) in CATEGORY_WEIGHTS.iter().enumerate() {
        if roll < *weight {
            return index;
        }
        roll -= weight;
    }
    0
}

/// `count` distinct items of `from`, in a random order.
fn sample(rng: &mut Rng, from: &[Uuid], count: usize) -> Vec<Uuid> {
    let mut picked = Vec::with_capacity(count);
    while picked.len() < count.min(from.len()) {
        let candidate = *rng.pick(from);
        if !picked.contains(&candidate) {
            picked.push(candidate);
        }
    }
    picked
}

fn csv(out: &mut String, value: &str) {
    out.push('"');
    for ch in value.chars() {
        if ch == '"' {
            out.push('"');
        }
        out.push(ch);
    }
    out.push('"');
}

fn ts(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// COPY pre-rendered CSV rows into every column of a table, in schema order.
macro_rules! copy_csv {
    ($conn:expr, $table:expr, $rows:expr) => {{
        let rows: &str = $rows;
        diesel::copy_from($table)
            .from_raw_data($table, |w: &mut dyn Write| {
                w.write_all(rows.as_bytes())
                    .map_err(|e| diesel::result::Error::SerializationError(Box::new(e)))
            })
            .with_format(diesel::pg::CopyFormat::Csv)
            .execute($conn)
            .with_context(|| format!("COPY {} rows", rows.lines().count()))?
    }};
}

struct Person {
    id: Uuid,
    email: String,
    name: String,
    country: &'static str,
    timezone: &'static str,
    joined: DateTime<Utc>,
}

fn person(rng: &mut Rng, kind: &str, seed: u64, index: usize, now: DateTime<Utc>) -> Person {
    let (country, timezone) = *rng.pick(text::PLACES);
    Person {
        id: rng.uuid(),
        email: format!("{kind}-{seed}-{index}@seed.worklane.test"),
        name: format!(
            "{} {}",
            rng.pick(text::FIRST_NAMES),
            rng.pick(text::LAST_NAMES)
        ),
        country,
        timezone,
        joined: now - Duration::days(rng.between(91, 900)),
    }
}

/// A `users` row in schema order; the last columns are the payment- and
/// identity-verified badges.
fn user_row(
    out: &mut String,
    p: &Person,
    password_hash: &str,
    client: bool,
    freelancer: bool,
    payment_verified: bool,
) {
    let _ = write!(out, "{},", p.id);
    csv(out, &p.email);
    out.push(',');
    csv(out, password_hash);
    out.push(',');
    csv(out, &p.name);
    let _ = writeln!(
        out,
        ",{},{},{},{},false,{},{},{}",
        p.country,
        p.timezone,
        client,
        freelancer,
        ts(p.joined),
        ts(p.joined),
        ts(p.joined)
    );
    // Replace the row's newline with the badge columns: payment verified, then
    // identity verified (about two freelancers in three), then the standing.
    out.pop();
    if payment_verified {
        let _ = write!(out, ",{}", ts(p.joined));
    } else {
        out.push(',');
    }
    if freelancer && !p.id.as_bytes()[0].is_multiple_of(3) {
        let _ = write!(out, ",{}", ts(p.joined));
    } else {
        out.push(',');
    }
    // Nobody is suspended: `suspended_at` and `suspension_reason` are empty.
    out.push_str(",,\n");
}

/// Writes the volume data, once per seed.
pub fn seed_volume(
    conn: &mut PgConnection,
    spec: VolumeSpec,
    now: DateTime<Utc>,
    password_hash: &str,
) -> anyhow::Result<VolumeReport> {
    let started = Instant::now();
    let marker = format!("client-{}-0@seed.worklane.test", spec.seed);
    if worklane_db::users::find_by_email(conn, &marker)?.is_some() {
        // Already there: seeding is idempotent per seed (a second `make run` reuses it).
        return Ok(VolumeReport {
            already_seeded: true,
            ..VolumeReport::default()
        });
    }
    let categories = load_categories(conn)?;
    let clients = spec.clients.max(usize::from(spec.jobs > 0));
    // Bulk loading: no need to wait for each batch's WAL flush. Generated rows are
    // consistent by construction, so a superuser session also skips the per-row
    // foreign-key triggers (other roles simply keep them).
    diesel::sql_query("SET synchronous_commit = off").execute(conn)?;
    let skip_triggers = diesel::sql_query("SET session_replication_role = replica")
        .execute(conn)
        .is_ok();

    // Clients.
    let mut rng = Rng::stream(spec.seed, 1);
    let mut client_ids = Vec::with_capacity(clients);
    for start in (0..clients).step_by(BATCH) {
        let (mut user_rows, mut profile_rows) = (String::new(), String::new());
        for index in start..(start + BATCH).min(clients) {
            let p = person(&mut rng, "client", spec.seed, index, now);
            let verified = rng.chance(70);
            user_row(&mut user_rows, &p, password_hash, true, false, verified);
            let company = format!(
                "{} {}",
                rng.pick(text::COMPANY_WORDS),
                rng.pick(text::COMPANY_KINDS)
            );
            let _ = write!(profile_rows, "{},", p.id);
            csv(&mut profile_rows, &company);
            profile_rows.push(',');
            csv(
                &mut profile_rows,
                &format!(
                    "{company} hires freelancers for {}.",
                    rng.pick(text::CONTEXTS)
                ),
            );
            let size = rng.pick(&["just_me", "2_to_9", "10_to_99", "100_to_999"]);
            let _ = writeln!(profile_rows, ",{size},,{}", ts(p.joined));
            client_ids.push(p.id);
        }
        copy_csv!(conn, users::table, &user_rows);
        copy_csv!(conn, client_profiles::table, &profile_rows);
    }

    // Freelancers.
    let mut rng = Rng::stream(spec.seed, 2);
    for start in (0..spec.freelancers).step_by(BATCH) {
        let (mut user_rows, mut profile_rows, mut skill_rows) =
            (String::new(), String::new(), String::new());
        for index in start..(start + BATCH).min(spec.freelancers) {
            let p = person(&mut rng, "freelancer", spec.seed, index, now);
            user_row(&mut user_rows, &p, password_hash, false, true, false);
            let category = &categories[weighted_category(&mut rng)];
            let words = bank(&category.slug);
            let count = rng.between(3, 10) as usize;
            let skills = sample(&mut rng, &category.skills, count);
            let role = capitalise(rng.pick::<&str>(words.roles));
            let title = format!("{role} — {}", rng.pick(words.things));
            let title: String = title.chars().take(100).collect();
            let overview = format!(
                "I am a {} with {} years of experience. I have worked with {} and I care about clear communication. {} {}",
                rng.pick(words.roles),
                rng.between(2, 15),
                rng.pick(text::CONTEXTS),
                rng.pick(words.details),
                rng.pick(text::WORKING)
            );
            let rate = Decimal::new(rng.between(8, 150) * 100 + 5 * rng.between(0, 1) * 10, 2);
            let availability = rng.pick(&["less_than_30", "30_plus", "as_needed", "not_available"]);
            let languages = if rng.chance(40) {
                r#"[{""language"":""English"",""level"":""fluent""},{""language"":""Spanish"",""level"":""native""}]"#
            } else {
                r#"[{""language"":""English"",""level"":""fluent""}]"#
            };
            let completeness = 10 + 15 + 10 + 15 + 10;
            let _ = write!(profile_rows, "{},", p.id);
            csv(&mut profile_rows, &title);
            profile_rows.push(',');
            csv(&mut profile_rows, &overview);
            // Columns in schema order: … the photo (NULL), then no reputation yet
            // (JSS and rating NULL, no reviews or earnings, no badges).
            let _ = writeln!(
                profile_rows,
                ",{rate},{availability},[],[],[],[],\"{languages}\",{completeness},{},,,,0,0,0,{{}}",
                ts(p.joined)
            );
            for (position, skill) in skills.iter().enumerate() {
                let _ = writeln!(skill_rows, "{},{skill},{position}", p.id);
            }
        }
        copy_csv!(conn, users::table, &user_rows);
        copy_csv!(conn, freelancer_profiles::table, &profile_rows);
        copy_csv!(conn, freelancer_skills::table, &skill_rows);
    }

    // Jobs.
    let policy = JobPolicy::default();
    let mut rng = Rng::stream(spec.seed, 3);
    for start in (0..spec.jobs).step_by(BATCH) {
        let (mut job_rows, mut skill_rows) = (String::new(), String::new());
        for _ in start..(start + BATCH).min(spec.jobs) {
            write_job(
                &mut rng,
                &categories,
                &client_ids,
                &policy,
                now,
                &mut job_rows,
                &mut skill_rows,
            );
        }
        copy_csv!(conn, jobs::table, &job_rows);
        copy_csv!(conn, job_skills::table, &skill_rows);
    }
    if skip_triggers {
        diesel::sql_query("SET session_replication_role = DEFAULT").execute(conn)?;
    }
    diesel::sql_query("SET synchronous_commit = DEFAULT").execute(conn)?;
    diesel::sql_query(
        "ANALYZE users, client_profiles, freelancer_profiles, freelancer_skills, jobs, job_skills",
    )
    .execute(conn)?;
    // Bulk rows bypass the search outbox: a new epoch makes the server rebuild its
    // index from the database when it next starts.
    diesel::sql_query("UPDATE search_epoch SET epoch = gen_random_uuid()").execute(conn)?;
    Ok(VolumeReport {
        already_seeded: false,
        clients,
        freelancers: spec.freelancers,
        jobs: spec.jobs,
        seconds: started.elapsed().as_secs_f64(),
    })
}

fn budget(rng: &mut Rng) -> Decimal {
    let (lo, hi, step) = *rng.pick(&[
        (5, 100, 5),
        (100, 500, 25),
        (100, 500, 25),
        (500, 2_000, 50),
        (500, 2_000, 50),
        (2_000, 10_000, 250),
        (10_000, 50_000, 1_000),
    ]);
    Decimal::from(rng.between(lo / step, hi / step) * step)
}

fn write_job(
    rng: &mut Rng,
    categories: &[Category],
    clients: &[Uuid],
    policy: &JobPolicy,
    now: DateTime<Utc>,
    job_rows: &mut String,
    skill_rows: &mut String,
) {
    let id = rng.uuid();
    let category = &categories[weighted_category(rng)];
    let words = bank(&category.slug);
    let count = rng.between(2, 6) as usize;
    let skills = sample(rng, &category.skills, count);
    let role = rng.pick(words.roles);
    let thing = rng.pick(words.things);
    let context = rng.pick(text::CONTEXTS);
    let title = match rng.below(4) {
        0 => format!("{} {thing} for {context}", rng.pick(text::VERBS)),
        1 => format!("Experienced {role} needed: {thing}"),
        2 => format!("{} — {}", capitalise(thing), capitalise(context)),
        _ => format!("Looking for a {role} to help with {thing}"),
    };
    let title: String = title.chars().take(120).collect();
    let description = format!(
        "We are {context} and we need a {role} for {thing}. {} {} {} {}",
        rng.pick(words.details),
        rng.pick(words.details),
        rng.pick(text::TIMELINES),
        rng.pick(text::WORKING)
    );
    let length = *rng.pick(&[
        ProjectLength::LessThan1Month,
        ProjectLength::LessThan1Month,
        ProjectLength::OneToThreeMonths,
        ProjectLength::ThreeToSixMonths,
        ProjectLength::MoreThan6Months,
    ]);
    let hours = if rng.chance(60) {
        HoursPerWeek::LessThan30
    } else {
        HoursPerWeek::ThirtyPlus
    };
    let usd = |amount: Decimal| Money {
        amount,
        currency: Currency::Usd,
    };
    let pay = if rng.chance(65) {
        Pay::Fixed {
            budget: usd(budget(rng)),
        }
    } else {
        let min = rng.between(10, 80);
        Pay::Hourly {
            min: usd(Decimal::from(min)),
            max: usd(Decimal::from(min + rng.between(5, 60))),
        }
    };
    let cost = connects_cost(job_value(&pay, length, hours), policy);
    let (job_type, budget, hourly_min, hourly_max) = match pay {
        Pay::Fixed { budget } => ("fixed", budget.to_wire(), String::new(), String::new()),
        Pay::Hourly { min, max } => ("hourly", String::new(), min.to_wire(), max.to_wire()),
    };
    let experience = rng.pick(&["entry", "intermediate", "intermediate", "expert"]);
    let visibility = if rng.chance(95) {
        "public"
    } else {
        "invite_only"
    };
    let created = now - Duration::seconds(rng.between(0, 90 * 24 * 3600));
    let activity = created.max(now - Duration::seconds(rng.between(0, 25 * 24 * 3600)));
    let _ = write!(job_rows, "{id},{},", rng.pick(clients));
    csv(job_rows, &title);
    job_rows.push(',');
    csv(job_rows, &description);
    let _ = writeln!(
        job_rows,
        ",{},{job_type},{budget},{hourly_min},{hourly_max},{experience},{},{},{visibility},{{}},{cost},open,{},{},{},{},",
        rng.pick(&category.subcategories),
        length.as_str(),
        hours.as_str(),
        ts(created),
        ts(activity),
        ts(created),
        ts(activity),
    );
    for (position, skill) in skills.iter().enumerate() {
        let _ = writeln!(skill_rows, "{id},{skill},{position}");
    }
}
