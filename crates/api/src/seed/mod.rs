//! Seeding: `worklane seed --demo` creates the demo accounts a newcomer can sign in
//! with (idempotent); `--jobs/--freelancers/--clients/--seed` write volume data.

pub mod rng;
pub mod text;
pub mod volume;

use diesel::PgConnection;
use uuid::Uuid;
use worklane_app::jobs::JobInput;
use worklane_app::{AppContext, AppError, AppResult, secrets};
use worklane_db::users::{self, NewUser};
use worklane_domain::jobs::{HoursPerWeek, JobType, ProjectLength};

pub const DEMO_PASSWORD: &str = "worklane-demo-pass";

pub struct DemoAccount {
    pub email: &'static str,
    pub full_name: &'static str,
    pub country: &'static str,
    pub timezone: &'static str,
    pub client: bool,
    pub freelancer: bool,
    pub admin: bool,
}

pub const DEMO_ACCOUNTS: &[DemoAccount] = &[
    DemoAccount {
        email: "client@demo.worklane.test",
        full_name: "Maya Chen",
        country: "US",
        timezone: "America/New_York",
        client: true,
        freelancer: false,
        admin: false,
    },
    DemoAccount {
        email: "freelancer@demo.worklane.test",
        full_name: "Diego Álvarez",
        country: "AR",
        timezone: "America/Argentina/Buenos_Aires",
        client: false,
        freelancer: true,
        admin: false,
    },
    DemoAccount {
        email: "admin@demo.worklane.test",
        full_name: "Worklane Support",
        country: "DE",
        timezone: "Europe/Berlin",
        client: false,
        freelancer: false,
        admin: true,
    },
];

struct DemoJob {
    title: &'static str,
    description: &'static str,
    category: &'static str,
    skills: &'static [&'static str],
    pay: (JobType, &'static str, &'static str),
    draft: bool,
}

const DEMO_JOBS: &[DemoJob] = &[
    DemoJob {
        title: "Booking website for our yoga studio",
        description: "We run two yoga studios in Brooklyn and want members to book classes online. \
            The site should show the weekly schedule, let people book and cancel, and send reminders. \
            Our brand guide and photos are ready.",
        category: "web-mobile-software-development/web-development",
        skills: &["react", "typescript", "postgresql"],
        pay: (JobType::Fixed, "2400.00", ""),
        draft: false,
    },
    DemoJob {
        title: "Monthly bookkeeping in Xero for a small studio",
        description: "About 150 transactions a month across two bank accounts and a card. \
            We need reconciliation, a monthly profit and loss, and help preparing for the annual filing.",
        category: "accounting-consulting/accounting-bookkeeping",
        skills: &["bookkeeping", "xero"],
        pay: (JobType::Hourly, "25.00", "40.00"),
        draft: false,
    },
    DemoJob {
        title: "Brand refresh: logo and colour palette",
        description: "Our logo is ten years old. We want a calmer, more modern mark and a palette that \
            works on signage, the website and class passes. Two rounds of revisions expected.",
        category: "design-creative/brand-identity",
        skills: &["logo-design", "brand-identity-design", "adobe-illustrator"],
        pay: (JobType::Fixed, "900.00", ""),
        draft: true,
    },
];

/// Gives the demo client a few jobs of their own, once.
fn seed_demo_jobs(
    conn: &mut PgConnection,
    ctx: &AppContext,
    client: &worklane_db::users::User,
) -> AppResult<usize> {
    if !worklane_db::jobs::list_for_client(conn, client.id, None, None, 1)?.is_empty() {
        return Ok(0);
    }
    for job in DEMO_JOBS {
        let (job_type, first, second) = job.pay;
        let (budget, hourly_min, hourly_max) = match job_type {
            JobType::Fixed => (Some(first.to_owned()), None, None),
            JobType::Hourly => (None, Some(first.to_owned()), Some(second.to_owned())),
        };
        let input = JobInput {
            title: job.title.to_owned(),
            description: job.description.to_owned(),
            category_id: worklane_db::taxonomy::stable_id("category", job.category),
            skill_ids: job
                .skills
                .iter()
                .map(|s| worklane_db::taxonomy::stable_id("skill", s))
                .collect(),
            job_type,
            budget,
            hourly_min,
            hourly_max,
            experience_level: "intermediate".to_owned(),
            project_length: ProjectLength::OneToThreeMonths,
            hours_per_week: HoursPerWeek::LessThan30,
            visibility: "public".to_owned(),
            screening_questions: vec![
                "Which similar projects have you finished recently?".to_owned(),
            ],
        };
        worklane_app::jobs::create(conn, ctx, client, input, job.draft)?;
    }
    Ok(DEMO_JOBS.len())
}

/// Creates the demo accounts that do not exist yet; returns how many were created.
pub fn seed_demo(conn: &mut PgConnection, ctx: &AppContext) -> AppResult<usize> {
    let now = ctx.clock.now();
    let hash = secrets::hash_password(DEMO_PASSWORD)?;
    let mut created = 0;
    for account in DEMO_ACCOUNTS {
        if users::find_by_email(conn, account.email)?.is_some() {
            continue;
        }
        users::insert(
            conn,
            &NewUser {
                id: Uuid::now_v7(),
                email: account.email,
                password_hash: &hash,
                full_name: account.full_name,
                country: account.country,
                timezone: account.timezone,
                is_client: account.client,
                is_freelancer: account.freelancer,
                is_admin: account.admin,
                email_verified_at: Some(now),
                created_at: now,
                updated_at: now,
            },
        )?;
        created += 1;
    }
    if let Some(client) = users::find_by_email(conn, DEMO_ACCOUNTS[0].email)? {
        seed_demo_jobs(conn, ctx, &client)?;
        if let Some(freelancer) = users::find_by_email(conn, DEMO_ACCOUNTS[1].email)? {
            seed_demo_money(conn, ctx, &client, &freelancer)?;
            seed_demo_proposal(conn, ctx, &client, &freelancer)?;
        }
    }
    Ok(created)
}

/// The demo freelancer's first paid milestone: the demo client funded 1,000.00 (with
/// a sandbox card) and released it a week ago, so the freelancer has money available
/// and a bank account that is already usable. Done once.
fn seed_demo_money(
    conn: &mut PgConnection,
    ctx: &AppContext,
    client: &users::User,
    freelancer: &users::User,
) -> AppResult<()> {
    use worklane_domain::money::Money;
    let (own, _) = worklane_db::wallet::balances(conn, freelancer.id)?;
    if !own.is_empty() {
        return Ok(());
    }
    let now = ctx.clock.now();
    let week_ago = AppContext {
        clock: std::sync::Arc::new(worklane_domain::clock::ManualClock::new(
            now - chrono::Duration::days(7),
        )),
        ..ctx.clone()
    };
    let card = worklane_app::payment_methods::add(
        conn,
        &week_ago,
        client,
        worklane_app::gateway::CardDetails {
            number: "4242424242424242".to_owned(),
            exp_month: 12,
            exp_year: 2030,
            cvc: "123".to_owned(),
        },
    )?;
    let milestone = Uuid::new_v5(&Uuid::NAMESPACE_OID, b"worklane-demo-milestone-1");
    let amount =
        Money::usd("1000.00").map_err(|p| AppError::field("amount", p.code(), p.to_string()))?;
    worklane_app::escrow::fund(
        conn,
        &week_ago,
        client,
        milestone,
        amount,
        Some(card.id),
        "demo-milestone-1",
    )?;
    worklane_app::escrow::release(conn, &week_ago, milestone, client.id, freelancer.id, amount)?;
    worklane_app::escrow::mature_due(conn, ctx)?;
    worklane_app::withdrawals::add_method(
        conn,
        &week_ago,
        freelancer,
        worklane_app::gateway::BankAccountDetails {
            account_holder: freelancer.full_name.clone(),
            routing_number: "110000000".to_owned(),
            account_number: "000123456789".to_owned(),
        },
    )?;
    Ok(())
}

/// The demo freelancer's proposal to the demo client's booking-website job, so the
/// client's review screen has something to review. Done once.
fn seed_demo_proposal(
    conn: &mut PgConnection,
    ctx: &AppContext,
    client: &users::User,
    freelancer: &users::User,
) -> AppResult<()> {
    let (mine, _) = worklane_app::proposals::mine(conn, ctx, freelancer, None, None, Some(1))?;
    if !mine.is_empty() {
        return Ok(());
    }
    let jobs = worklane_db::jobs::list_for_client(conn, client.id, Some("open"), None, 10)?;
    let Some(job) = jobs.iter().find(|j| j.title == DEMO_JOBS[0].title) else {
        return Ok(());
    };
    worklane_app::proposals::submit(
        conn,
        ctx,
        freelancer,
        job.id,
        worklane_app::proposals::ProposalInput {
            cover_letter:
                "I built booking flows for two fitness studios last year: a weekly schedule, \
                bookings and cancellations, and email reminders the day before. I would reuse that \
                structure and your brand guide, and ship a first version in three weeks."
                    .to_owned(),
            bid_amount: Some("2200.00".to_owned()),
            milestones: vec![
                worklane_app::proposals::ProposedMilestone {
                    title: "Schedule and booking flow".to_owned(),
                    amount: "1400.00".to_owned(),
                },
                worklane_app::proposals::ProposedMilestone {
                    title: "Reminders and launch".to_owned(),
                    amount: "800.00".to_owned(),
                },
            ],
            estimated_duration: "1_to_3_months".to_owned(),
            answers: vec![
                "A class-booking site for a climbing gym in Rosario (React and PostgreSQL)."
                    .to_owned(),
            ],
            ..Default::default()
        },
    )?;
    // A short exchange in the proposal's conversation, the client's reply unread.
    let proposal = worklane_app::proposals::mine(conn, ctx, freelancer, None, None, Some(1))?.0;
    if let Some(proposal) = proposal.first() {
        let inbox = worklane_app::messaging::inbox(
            conn,
            freelancer,
            false,
            Some(proposal.proposal.id),
            None,
            None,
        )?;
        if let Some(conversation) = inbox.conversations.first() {
            let id = conversation.conversation.id;
            worklane_app::messaging::send(
                conn,
                ctx,
                freelancer,
                id,
                "Hi! I sent my proposal for the booking site. Happy to walk you through the \
                 climbing gym project on a call this week.",
                &[],
            )?;
            worklane_app::messaging::send(
                conn,
                ctx,
                client,
                id,
                "Thanks, the gym site looks close to what we need. Could the reminders go out by \
                 text message as well as email?",
                &[],
            )?;
        }
    }
    Ok(())
}
