//! The `worklane` binary: serve | migrate | seed | openapi | create-admin.

use anyhow::Context;
use clap::{Parser, Subcommand};
use diesel::{Connection, PgConnection};
use std::net::TcpListener;
use std::sync::Arc;
use worklane_api::config::{Config, Environment};
use worklane_api::server::{build_command_state, build_state, no_extra_routes, spawn_server};
use worklane_api::{seed, telemetry};
use worklane_domain::SystemClock;

#[derive(Parser)]
#[command(
    name = "worklane",
    version,
    about = "Worklane: the open freelance marketplace"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the API (and the SPA when WORKLANE_STATIC_DIR is set) with the background worker.
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Seed the taxonomy (categories and skills); `--demo` adds the demo accounts.
    Seed {
        /// Also the demo accounts a newcomer can sign in with.
        #[arg(long)]
        demo: bool,
        /// Volume data: this many open jobs...
        #[arg(long, default_value_t = 0)]
        jobs: usize,
        /// ...freelancers with full profiles...
        #[arg(long, default_value_t = 0)]
        freelancers: usize,
        /// ...and clients (default: one per 20 jobs).
        #[arg(long)]
        clients: Option<usize>,
        /// The generator's seed: the same seed writes the same data.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Print the OpenAPI document to stdout.
    Openapi,
    /// Ledger operations.
    Ledger {
        #[command(subcommand)]
        command: LedgerCommand,
    },
    /// Fixtures and checks for `make bench` shapes (writes rows: use a bench database).
    Bench {
        #[command(subcommand)]
        command: BenchCommand,
    },
    /// Create an admin account (or grant admin to an existing account).
    CreateAdmin {
        #[arg(long)]
        email: String,
        #[arg(long, env = "WORKLANE_ADMIN_PASSWORD")]
        password: String,
        #[arg(long, default_value = "Worklane Admin")]
        name: String,
    },
}

#[derive(Subcommand)]
enum BenchCommand {
    /// A popular open job and N signed-in freelancers with Connects; writes the job id
    /// and one access token per freelancer to files in --out.
    ProposalsSetup {
        #[arg(long, default_value_t = 20000)]
        freelancers: usize,
        #[arg(long, default_value_t = 2)]
        hours: i64,
        #[arg(long)]
        out: std::path::PathBuf,
    },
    /// Check Connects after the proposals shape: one spend per proposal, balances
    /// equal to their lines.
    ProposalsVerify {
        #[arg(long)]
        job: uuid::Uuid,
    },
    /// N active fixed-price contracts (own client and freelancer each) with a
    /// pending milestone and the money to fund it; writes tokens and milestone ids
    /// to --out/delivery.tsv for bench/delivery-load.py.
    DeliverySetup {
        #[arg(long, default_value_t = 3000)]
        contracts: usize,
        #[arg(long, default_value_t = 2)]
        hours: i64,
        #[arg(long)]
        out: std::path::PathBuf,
    },
    /// N conversations, each between its own signed-in client and freelancer; writes
    /// --out/messaging.tsv for `bench messaging-load`.
    MessagingSetup {
        #[arg(long, default_value_t = 100)]
        pairs: usize,
        #[arg(long, default_value_t = 2)]
        hours: i64,
        #[arg(long)]
        out: std::path::PathBuf,
    },
    /// Opens a WebSocket per person in the fixtures, then posts messages from
    /// --senders loops for --seconds; prints messages/s and send-to-receive latency.
    MessagingLoad {
        #[arg(long)]
        base: String,
        #[arg(long)]
        tsv: std::path::PathBuf,
        #[arg(long, default_value_t = 32)]
        senders: usize,
        #[arg(long, default_value_t = 30)]
        seconds: u64,
    },
}

#[derive(Subcommand)]
enum LedgerCommand {
    /// Check every ledger invariant; exits non-zero on a breach.
    Verify,
    /// Measure escrow throughput: fund + release pairs from parallel workers, each
    /// pair one client funding 100.00 (plus fee) and releasing it to a freelancer.
    /// Writes real rows: run it on a scratch or benchmark database.
    Bench {
        #[arg(long, default_value_t = 2000)]
        pairs: usize,
        #[arg(long, default_value_t = 8)]
        concurrency: usize,
    },
}

fn connect(config: &Config) -> anyhow::Result<PgConnection> {
    PgConnection::establish(&config.database_url).context("cannot connect to the database")
}

fn migrate(config: &Config) -> anyhow::Result<()> {
    let mut conn = connect(config)?;
    let applied = worklane_db::migrations::run_pending(&mut conn).map_err(anyhow::Error::msg)?;
    for version in &applied {
        tracing::info!(%version, "migration applied");
    }
    if applied.is_empty() {
        tracing::info!("database schema up to date");
    }
    Ok(())
}

fn app_error(e: worklane_app::AppError) -> anyhow::Error {
    match e {
        worklane_app::AppError::Validation(errors) => anyhow::anyhow!(
            "{}",
            errors
                .iter()
                .map(|e| format!("{}: {}", e.field, e.message))
                .collect::<Vec<_>>()
                .join("; ")
        ),
        other => anyhow::anyhow!("{other}"),
    }
}

#[actix_web::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    if let Command::Openapi = cli.command {
        print!("{}", worklane_api::openapi::document_json());
        return Ok(());
    }
    let config = Config::from_env()?;
    telemetry::init(config.env == Environment::Production);
    match cli.command {
        Command::Openapi => Ok(()),
        Command::Migrate => migrate(&config),
        Command::Seed {
            demo,
            jobs,
            freelancers,
            clients,
            seed,
        } => {
            let mut conn = connect(&config)?;
            let added =
                worklane_db::taxonomy::seed(&mut conn, worklane_domain::taxonomy::CATEGORIES)?;
            println!("Taxonomy: {added} categories and skills added");
            if jobs > 0 || freelancers > 0 || clients.is_some() {
                let spec = seed::volume::VolumeSpec {
                    jobs,
                    freelancers,
                    clients: clients.unwrap_or(jobs / 20),
                    seed,
                };
                let hash = worklane_app::secrets::hash_password(seed::DEMO_PASSWORD)?;
                let report = seed::volume::seed_volume(&mut conn, spec, chrono::Utc::now(), &hash)?;
                if report.already_seeded {
                    println!(
                        "Volume data for seed {seed} is already in this database; kept as it is"
                    );
                } else {
                    println!(
                        "Volume data (seed {seed}): {} jobs, {} freelancers, {} clients in {:.1} s; password `{}`",
                        report.jobs,
                        report.freelancers,
                        report.clients,
                        report.seconds,
                        seed::DEMO_PASSWORD
                    );
                }
            }
            if !demo {
                return Ok(());
            }
            let state = build_command_state(config.clone(), Arc::new(SystemClock));
            let created = seed::seed_demo(&mut conn, &state.ctx).map_err(app_error)?;
            println!(
                "Demo accounts ({created} new), password `{}`:",
                seed::DEMO_PASSWORD
            );
            for account in seed::DEMO_ACCOUNTS {
                let role = if account.admin {
                    "admin"
                } else if account.client {
                    "client"
                } else {
                    "freelancer"
                };
                println!("  {:<11} {}", role, account.email);
            }
            Ok(())
        }
        Command::Ledger {
            command: LedgerCommand::Verify,
        } => {
            let mut conn = connect(&config)?;
            let transactions = worklane_db::ledger::transaction_count(&mut conn)?;
            let breaches = worklane_app::ledger::verify(&mut conn).map_err(app_error)?;
            if breaches.is_empty() {
                println!("ledger ok: {transactions} transactions, every invariant holds");
                Ok(())
            } else {
                for breach in &breaches {
                    eprintln!("BREACH: {breach}");
                }
                anyhow::bail!("{} ledger invariant breach(es)", breaches.len())
            }
        }
        Command::Ledger {
            command: LedgerCommand::Bench { pairs, concurrency },
        } => ledger_bench(&config, pairs, concurrency.max(1)),
        Command::Bench {
            command:
                BenchCommand::ProposalsSetup {
                    freelancers,
                    hours,
                    out,
                },
        } => {
            let state = build_command_state(config.clone(), Arc::new(SystemClock));
            let mut conn = connect(&config)?;
            worklane_api::bench::proposals_setup(&mut conn, &state.ctx, freelancers, hours, &out)
        }
        Command::Bench {
            command:
                BenchCommand::DeliverySetup {
                    contracts,
                    hours,
                    out,
                },
        } => {
            let state = build_command_state(config.clone(), Arc::new(SystemClock));
            let mut conn = connect(&config)?;
            worklane_api::bench::delivery_setup(&mut conn, &state.ctx, contracts, hours, &out)
        }
        Command::Bench {
            command: BenchCommand::ProposalsVerify { job },
        } => worklane_api::bench::proposals_verify(&mut connect(&config)?, job),
        Command::Bench {
            command: BenchCommand::MessagingSetup { pairs, hours, out },
        } => {
            let state = build_command_state(config.clone(), Arc::new(SystemClock));
            let mut conn = connect(&config)?;
            worklane_api::bench::messaging_setup(&mut conn, &state.ctx, pairs, hours, &out)
        }
        Command::Bench {
            command:
                BenchCommand::MessagingLoad {
                    base,
                    tsv,
                    senders,
                    seconds,
                },
        } => worklane_api::bench::messaging_load(&base, &tsv, senders.max(1), seconds).await,
        Command::CreateAdmin {
            email,
            password,
            name,
        } => {
            let state = build_command_state(config.clone(), Arc::new(SystemClock));
            let mut conn = connect(&config)?;
            let user =
                worklane_app::auth::create_admin(&mut conn, &state.ctx, &email, &password, &name)
                    .map_err(app_error)?;
            println!("admin: {} ({})", user.email, user.id);
            Ok(())
        }
        Command::Serve => {
            if config.env != Environment::Production {
                migrate(&config)?;
            }
            let listener = TcpListener::bind(&config.addr)
                .with_context(|| format!("cannot listen on {}", config.addr))?;
            let addr = listener.local_addr()?;
            let spa = config.static_dir.is_some();
            // Development and test servers run on a clock that POST /dev/clock/advance
            // can move forward, so deadlines days away can be reached by hand.
            let state = if config.env.is_dev_like() {
                let clock = Arc::new(worklane_domain::OffsetClock::default());
                let mut state = build_state(config, clock.clone());
                state.dev_clock = Some(clock);
                state
            } else {
                build_state(config, Arc::new(SystemClock))
            };
            let running = spawn_server(state, listener, no_extra_routes)?;
            tracing::info!(%addr, "listening");
            println!("Worklane is listening on http://{addr}");
            if spa {
                println!("  App:            http://{addr}/");
            }
            println!("  API reference:  http://{addr}/api/docs/");
            println!("  OpenAPI:        http://{addr}/api/v1/openapi.json");
            running.server.await?;
            let _ = running.shutdown_worker.send(true);
            let _ = running.worker.await;
            tracing::info!("stopped");
            Ok(())
        }
    }
}

/// `worklane ledger bench`: fund + release pairs per second, then the full check.
fn ledger_bench(config: &Config, pairs: usize, concurrency: usize) -> anyhow::Result<()> {
    use worklane_domain::money::Money;
    let state = build_command_state(config.clone(), Arc::new(SystemClock));
    let ctx = state.ctx.clone();
    let mut conn = connect(config)?;
    let now = chrono::Utc::now();
    let person = |conn: &mut PgConnection, role: &str, client: bool| {
        let email = format!("bench-{role}-{}@example.com", uuid::Uuid::new_v4().simple());
        worklane_db::users::insert(
            conn,
            &worklane_db::users::NewUser {
                id: uuid::Uuid::now_v7(),
                email: &email,
                password_hash: "not-a-login",
                full_name: "Ledger bench",
                country: "GB",
                timezone: "Europe/London",
                is_client: client,
                is_freelancer: !client,
                is_admin: false,
                email_verified_at: Some(now),
                created_at: now,
                updated_at: now,
            },
        )
    };
    let client = person(&mut conn, "client", true)?;
    let freelancer = person(&mut conn, "freelancer", false)?;
    let card = worklane_app::payment_methods::add(
        &mut conn,
        &ctx,
        &client,
        worklane_app::gateway::CardDetails {
            number: "4242424242424242".to_owned(),
            exp_month: 12,
            exp_year: 2099,
            cvc: "123".to_owned(),
        },
    )
    .map_err(app_error)?;
    let total = rust_decimal::Decimal::from(pairs as u64) * rust_decimal::Decimal::from(105);
    worklane_app::wallet::deposit(
        &mut conn,
        &ctx,
        &client,
        card.id,
        &total.to_string(),
        "bench",
    )
    .map_err(app_error)?;
    let amount = Money::usd("100.00").map_err(|e| anyhow::anyhow!("{e}"))?;
    let started = std::time::Instant::now();
    let workers: Vec<_> = (0..concurrency)
        .map(|worker| {
            let ctx = ctx.clone();
            let pool = state.pool.clone();
            let client = client.clone();
            let freelancer_id = freelancer.id;
            let share = pairs / concurrency + usize::from(worker < pairs % concurrency);
            std::thread::spawn(move || -> anyhow::Result<()> {
                let mut conn = pool.get()?;
                for _ in 0..share {
                    let milestone = uuid::Uuid::now_v7();
                    worklane_app::escrow::fund(
                        &mut conn, &ctx, &client, milestone, amount, None, "bench",
                    )
                    .map_err(app_error)?;
                    worklane_app::escrow::release(
                        &mut conn,
                        &ctx,
                        milestone,
                        client.id,
                        freelancer_id,
                        amount,
                    )
                    .map_err(app_error)?;
                }
                Ok(())
            })
        })
        .collect();
    for worker in workers {
        worker
            .join()
            .map_err(|_| anyhow::anyhow!("a bench worker panicked"))??;
    }
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "ledger bench: {pairs} fund+release pairs with {concurrency} workers in {seconds:.2} s = {:.0} pairs/s ({:.0} ledger transactions/s)",
        pairs as f64 / seconds,
        pairs as f64 * 4.0 / seconds
    );
    let transactions = worklane_db::ledger::transaction_count(&mut conn)?;
    let breaches = worklane_app::ledger::verify(&mut conn).map_err(app_error)?;
    if breaches.is_empty() {
        println!("ledger ok: {transactions} transactions, every invariant holds");
        Ok(())
    } else {
        for breach in &breaches {
            eprintln!("BREACH: {breach}");
        }
        anyhow::bail!("{} ledger invariant breach(es)", breaches.len())
    }
}
