//! SPEC §7 escrow, tried with random sequences of deposits, fundings, releases,
//! refunds, splits, security periods and withdrawals against a model: every
//! operation succeeds exactly when the model says the money is there, balances always
//! match the model, and the whole ledger verifies after every sequence. Also
//! concurrent fundings that together exceed the wallet.

use chrono::Duration;
use diesel::PgConnection;
use proptest::prelude::*;
use rust_decimal::{Decimal, RoundingStrategy};
use std::sync::Arc;
use uuid::Uuid;
use worklane_api::config::Config;
use worklane_app::{AppContext, AppError};
use worklane_db::test_db::TestDatabase;
use worklane_db::users::User;
use worklane_domain::clock::ManualClock;
use worklane_domain::money::Money;
use worklane_tests::start_of_test_time;

#[derive(Debug, Clone)]
enum Op {
    Deposit {
        client: usize,
        cents: i64,
    },
    Fund {
        milestone: usize,
        cents: i64,
    },
    Release {
        milestone: usize,
        cents: i64,
    },
    Refund {
        milestone: usize,
        cents: i64,
    },
    Split {
        milestone: usize,
        release: i64,
        refund: i64,
    },
    Wait {
        days: i64,
    },
    Withdraw {
        cents: i64,
    },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0..2usize, 1..200_000i64).prop_map(|(client, cents)| Op::Deposit { client, cents }),
        (0..3usize, 1..150_000i64).prop_map(|(milestone, cents)| Op::Fund { milestone, cents }),
        (0..3usize, 1..100_000i64).prop_map(|(milestone, cents)| Op::Release { milestone, cents }),
        (0..3usize, 1..100_000i64).prop_map(|(milestone, cents)| Op::Refund { milestone, cents }),
        (0..3usize, 0..60_000i64, 0..60_000i64).prop_map(|(milestone, release, refund)| {
            Op::Split {
                milestone,
                release,
                refund,
            }
        }),
        (1..7i64).prop_map(|days| Op::Wait { days }),
        (1..80_000i64).prop_map(|cents| Op::Withdraw { cents }),
    ]
}

fn money(cents: i64) -> Money {
    Money {
        amount: Decimal::new(cents, 2),
        currency: worklane_domain::money::Currency::Usd,
    }
}

fn percent(cents: i64, percent: i64) -> Decimal {
    (Decimal::new(cents, 2) * Decimal::from(percent) / Decimal::from(100))
        .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// What the books should say.
#[derive(Debug, Default)]
struct Model {
    wallet: [Decimal; 2],
    escrow: [Decimal; 3],
    pending: Decimal,
    available: Decimal,
    /// (due day, amount) of released money in its security period.
    lots: Vec<(i64, Decimal)>,
    day: i64,
}

impl Model {
    fn release(&mut self, m: usize, cents: i64) {
        let gross = Decimal::new(cents, 2);
        self.escrow[m] -= gross;
        let net = gross - percent(cents, 10);
        self.pending += net;
        if !net.is_zero() {
            self.lots.push((self.day + 5, net));
        }
    }
}

struct World {
    _db: TestDatabase,
    conn: PgConnection,
    ctx: AppContext,
    clock: Arc<ManualClock>,
    clients: [User; 2],
    freelancer: User,
    cards: [Uuid; 2],
    bank: Uuid,
    milestones: [Uuid; 3],
}

fn user(conn: &mut PgConnection, email: &str, client: bool) -> User {
    let now = start_of_test_time();
    worklane_db::users::insert(
        conn,
        &worklane_db::users::NewUser {
            id: Uuid::now_v7(),
            email,
            password_hash: "x",
            full_name: "Someone",
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
    .unwrap_or_else(|e| panic!("user: {e}"))
}

fn world() -> World {
    let db = TestDatabase::new();
    let mut conn = db.connect();
    let clock = Arc::new(ManualClock::new(start_of_test_time()));
    let ctx = worklane_api::server::build_command_state(
        Config::for_tests(db.url().to_owned()),
        clock.clone(),
    )
    .ctx;
    let clients = [
        user(&mut conn, "a@example.com", true),
        user(&mut conn, "b@example.com", true),
    ];
    let freelancer = user(&mut conn, "f@example.com", false);
    let card = |conn: &mut PgConnection, client: &User| {
        worklane_app::payment_methods::add(
            conn,
            &ctx,
            client,
            worklane_app::gateway::CardDetails {
                number: "4242424242424242".into(),
                exp_month: 12,
                exp_year: 2030,
                cvc: "123".into(),
            },
        )
        .unwrap_or_else(|e| panic!("card: {e}"))
        .id
    };
    let cards = [card(&mut conn, &clients[0]), card(&mut conn, &clients[1])];
    worklane_db::identity::mark_verified(&mut conn, freelancer.id, start_of_test_time())
        .unwrap_or_else(|e| panic!("verify: {e}"));
    let bank = worklane_app::withdrawals::add_method(
        &mut conn,
        &ctx,
        &freelancer,
        worklane_app::gateway::BankAccountDetails {
            account_holder: "F".into(),
            routing_number: "110000000".into(),
            account_number: "000123456789".into(),
        },
    )
    .unwrap_or_else(|e| panic!("bank: {e}"))
    .id;
    clock.advance(Duration::days(3));
    World {
        _db: db,
        conn,
        ctx,
        clock,
        clients,
        freelancer,
        cards,
        bank,
        milestones: [Uuid::new_v4(), Uuid::new_v4(), Uuid::new_v4()],
    }
}

fn refused_for_money(result: &Result<(), AppError>) -> bool {
    matches!(
        result,
        Err(AppError::Conflict {
            code: "insufficient_funds",
            ..
        })
    )
}

fn apply(w: &mut World, model: &mut Model, op: &Op) -> Result<(), TestCaseError> {
    let ctx = w.ctx.clone();
    let conn = &mut w.conn;
    match *op {
        Op::Deposit { client, cents } => {
            worklane_app::wallet::deposit(
                conn,
                &ctx,
                &w.clients[client],
                w.cards[client],
                &money(cents).to_wire(),
                &Uuid::new_v4().to_string(),
            )
            .map_err(|e| TestCaseError::fail(format!("deposit: {e}")))?;
            model.wallet[client] += Decimal::new(cents, 2);
        }
        Op::Fund { milestone, cents } => {
            let c = milestone % 2;
            let total = Decimal::new(cents, 2) + percent(cents, 5);
            let result = worklane_app::escrow::fund(
                conn,
                &ctx,
                &w.clients[c],
                w.milestones[milestone],
                money(cents),
                None,
                "k",
            )
            .map(drop);
            if model.wallet[c] >= total {
                prop_assert!(result.is_ok(), "fund should succeed: {result:?}");
                model.wallet[c] -= total;
                model.escrow[milestone] += Decimal::new(cents, 2);
            } else {
                prop_assert!(
                    refused_for_money(&result),
                    "fund should be refused: {result:?}"
                );
            }
        }
        Op::Release { milestone, cents } => {
            let c = milestone % 2;
            let result = worklane_app::escrow::release(
                conn,
                &ctx,
                w.milestones[milestone],
                w.clients[c].id,
                w.freelancer.id,
                money(cents),
            );
            if model.escrow[milestone] >= Decimal::new(cents, 2) {
                prop_assert!(result.is_ok(), "release should succeed: {result:?}");
                model.release(milestone, cents);
            } else {
                prop_assert!(
                    refused_for_money(&result),
                    "release should be refused: {result:?}"
                );
            }
        }
        Op::Refund { milestone, cents } => {
            let c = milestone % 2;
            let result = worklane_app::escrow::refund(
                conn,
                &ctx,
                w.milestones[milestone],
                w.clients[c].id,
                money(cents),
            );
            if model.escrow[milestone] >= Decimal::new(cents, 2) {
                prop_assert!(result.is_ok(), "refund should succeed: {result:?}");
                model.escrow[milestone] -= Decimal::new(cents, 2);
                model.wallet[c] += Decimal::new(cents, 2);
            } else {
                prop_assert!(
                    refused_for_money(&result),
                    "refund should be refused: {result:?}"
                );
            }
        }
        Op::Split {
            milestone,
            release,
            refund,
        } => {
            let c = milestone % 2;
            let result = worklane_app::escrow::split(
                conn,
                &ctx,
                w.milestones[milestone],
                w.clients[c].id,
                w.freelancer.id,
                money(release),
                money(refund),
            );
            if model.escrow[milestone] >= Decimal::new(release + refund, 2) {
                prop_assert!(result.is_ok(), "split should succeed: {result:?}");
                if release > 0 {
                    model.release(milestone, release);
                }
                model.escrow[milestone] -= Decimal::new(refund, 2);
                model.wallet[c] += Decimal::new(refund, 2);
            } else {
                prop_assert!(
                    refused_for_money(&result),
                    "split should be refused, all of it: {result:?}"
                );
            }
        }
        Op::Wait { days } => {
            w.clock.advance(Duration::days(days));
            model.day += days;
            worklane_app::escrow::mature_due(conn, &ctx)
                .map_err(|e| TestCaseError::fail(format!("mature: {e}")))?;
            let day = model.day;
            let (due, waiting): (Vec<_>, Vec<_>) =
                model.lots.iter().partition(|(at, _)| *at <= day);
            for (_, amount) in &due {
                model.pending -= *amount;
                model.available += *amount;
            }
            model.lots = waiting;
        }
        Op::Withdraw { cents } => {
            let result = worklane_app::withdrawals::withdraw(
                conn,
                &ctx,
                &w.freelancer,
                w.bank,
                &money(cents).to_wire(),
            )
            .map(drop);
            let amount = Decimal::new(cents, 2);
            if amount < Decimal::ONE {
                prop_assert!(
                    matches!(result, Err(AppError::Validation(_))),
                    "too small: {result:?}"
                );
            } else if model.available >= amount {
                prop_assert!(result.is_ok(), "withdrawal should succeed: {result:?}");
                model.available -= amount;
            } else {
                prop_assert!(
                    refused_for_money(&result),
                    "withdrawal should be refused: {result:?}"
                );
            }
        }
    }
    Ok(())
}

fn check(w: &mut World, model: &Model) -> Result<(), TestCaseError> {
    let breaches = worklane_app::ledger::verify(&mut w.conn)
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert!(breaches.is_empty(), "ledger breaches: {breaches:?}");
    for (i, client) in w.clients.iter().enumerate() {
        let wallet = worklane_app::wallet::wallet(&mut w.conn, client)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(wallet.available, model.wallet[i], "client {} wallet", i);
        let escrow: Decimal = model
            .escrow
            .iter()
            .enumerate()
            .filter(|(m, _)| m % 2 == i)
            .map(|(_, e)| *e)
            .sum();
        prop_assert_eq!(wallet.escrow, escrow, "client {} escrow", i);
    }
    let mine = worklane_app::wallet::wallet(&mut w.conn, &w.freelancer)
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(mine.pending, model.pending);
    prop_assert_eq!(mine.available, model.available);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, max_shrink_iters: 64, .. ProptestConfig::default() })]

    #[test]
    fn random_money_movements_keep_the_books_right(ops in proptest::collection::vec(op(), 1..30)) {
        let mut w = world();
        let mut model = Model::default();
        for op in &ops {
            apply(&mut w, &mut model, op)?;
        }
        check(&mut w, &model)?;
    }
}

#[test]
fn concurrent_fundings_beyond_the_wallet_fund_exactly_the_affordable_ones() {
    let w = world();
    let url = w._db.url().to_owned();
    let mut conn = w.conn;
    // 1,050.00 in the wallet: twenty fundings of 100.00 (105.00 with the fee) can only
    // ever fund ten.
    worklane_app::wallet::deposit(
        &mut conn,
        &w.ctx,
        &w.clients[0],
        w.cards[0],
        "1050.00",
        "seed",
    )
    .unwrap_or_else(|e| panic!("deposit: {e}"));
    let handles: Vec<_> = (0..20)
        .map(|_| {
            let ctx = w.ctx.clone();
            let client = w.clients[0].clone();
            let url = url.clone();
            std::thread::spawn(move || {
                use diesel::Connection;
                let mut conn = PgConnection::establish(&url).unwrap_or_else(|e| panic!("{e}"));
                worklane_app::escrow::fund(
                    &mut conn,
                    &ctx,
                    &client,
                    Uuid::new_v4(),
                    money(10_000),
                    None,
                    "k",
                )
            })
        })
        .collect();
    let results: Vec<_> = handles
        .into_iter()
        .map(|h| h.join().unwrap_or_else(|_| panic!("thread")))
        .collect();
    let funded = results.iter().filter(|r| r.is_ok()).count();
    assert!(results.iter().all(|r| r.is_ok()
        || matches!(
            r,
            Err(AppError::Conflict {
                code: "insufficient_funds",
                ..
            })
        )));
    assert_eq!(funded, 10);
    let wallet =
        worklane_app::wallet::wallet(&mut conn, &w.clients[0]).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (wallet.available, wallet.escrow),
        (Decimal::ZERO, Decimal::new(100_000, 2))
    );
    assert!(
        worklane_app::ledger::verify(&mut conn)
            .unwrap_or_default()
            .is_empty()
    );
}
