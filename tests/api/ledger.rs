//! SPEC §7 ledger invariants, tried against the real database: balanced
//! transactions only, append-only entries, no overdrafts, even under concurrency.

use diesel::{Connection, RunQueryDsl};
use rust_decimal::Decimal;
use uuid::Uuid;
use worklane_app::AppError;
use worklane_db::ledger;
use worklane_domain::ledger::{AccountKind, Posting, transfer};
use worklane_domain::money::Currency;
use worklane_tests::{TestApp, start_of_test_time};

const USD: Currency = Currency::Usd;

fn cents(n: i64) -> Decimal {
    Decimal::new(n, 2)
}

struct Books {
    clearing: Uuid,
    wallet: Uuid,
    escrow: Uuid,
}

fn books(app: &TestApp) -> Books {
    let mut conn = app.db.connect();
    let now = start_of_test_time();
    let client = Uuid::new_v4();
    Books {
        clearing: ledger::account(&mut conn, AccountKind::GatewayClearing, None, USD, now)
            .unwrap_or_default(),
        wallet: ledger::account(
            &mut conn,
            AccountKind::ClientFunding,
            Some(client),
            USD,
            now,
        )
        .unwrap_or_default(),
        escrow: ledger::account(
            &mut conn,
            AccountKind::ContractEscrow,
            Some(Uuid::new_v4()),
            USD,
            now,
        )
        .unwrap_or_default(),
    }
}

fn deposit(app: &TestApp, books: &Books, amount: Decimal) {
    worklane_app::ledger::post(
        &mut app.db.connect(),
        "deposit",
        None,
        "",
        &transfer(books.clearing, books.wallet, amount, USD),
        start_of_test_time(),
    )
    .unwrap_or_else(|e| panic!("deposit: {e}"));
}

fn verify(app: &TestApp) -> Vec<String> {
    worklane_app::ledger::verify(&mut app.db.connect()).unwrap_or_else(|e| panic!("verify: {e}"))
}

#[actix_web::test]
async fn a_balanced_transaction_moves_money_and_keeps_the_books_straight() {
    let app = TestApp::spawn().await;
    let books = books(&app);
    deposit(&app, &books, cents(10_000));
    let mut conn = app.db.connect();
    assert_eq!(
        ledger::balance(&mut conn, books.wallet).ok(),
        Some(cents(10_000))
    );
    assert_eq!(
        ledger::balance(&mut conn, books.clearing).ok(),
        Some(cents(-10_000))
    );
    assert_eq!(
        ledger::account(
            &mut conn,
            AccountKind::GatewayClearing,
            None,
            USD,
            start_of_test_time()
        )
        .ok(),
        Some(books.clearing)
    );
    assert!(verify(&app).is_empty());
}

#[actix_web::test]
async fn the_database_refuses_an_unbalanced_transaction_at_commit() {
    let app = TestApp::spawn().await;
    let books = books(&app);
    let mut conn = app.db.connect();
    let result = conn.transaction(|conn| {
        let id = Uuid::new_v4();
        diesel::sql_query(format!("INSERT INTO ledger_transactions (id, kind, created_at) VALUES ('{id}', 'forged', now())")).execute(conn)?;
        diesel::sql_query(format!(
            "INSERT INTO ledger_entries (transaction_id, account_id, amount, currency, created_at) VALUES ('{id}', '{}', 100.00, 'USD', now())",
            books.wallet
        ))
        .execute(conn)
    });
    let message = result.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(message.contains("does not balance"), "{message}");
    assert_eq!(app.count("SELECT count(*) AS n FROM ledger_entries"), 0);
}

#[actix_web::test]
async fn entries_and_transactions_can_be_neither_changed_nor_removed() {
    let app = TestApp::spawn().await;
    let books = books(&app);
    deposit(&app, &books, cents(500));
    let mut conn = app.db.connect();
    for sql in [
        "UPDATE ledger_entries SET amount = amount * 2",
        "DELETE FROM ledger_entries",
        "UPDATE ledger_transactions SET kind = 'other'",
        "DELETE FROM ledger_transactions",
    ] {
        let error = diesel::sql_query(sql)
            .execute(&mut conn)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(error.contains("append-only"), "{sql}: {error}");
    }
    assert!(verify(&app).is_empty());
}

#[actix_web::test]
async fn an_overdraft_is_refused_and_writes_nothing() {
    let app = TestApp::spawn().await;
    let books = books(&app);
    deposit(&app, &books, cents(5_000));
    let before = app.count("SELECT count(*) AS n FROM ledger_entries");
    let result = worklane_app::ledger::post(
        &mut app.db.connect(),
        "fund_escrow",
        None,
        "",
        &transfer(books.wallet, books.escrow, cents(5_001), USD),
        start_of_test_time(),
    );
    assert!(
        matches!(
            result,
            Err(AppError::Conflict {
                code: "insufficient_funds",
                ..
            })
        ),
        "{result:?}"
    );
    assert_eq!(
        app.count("SELECT count(*) AS n FROM ledger_entries"),
        before
    );
    assert_eq!(
        ledger::balance(&mut app.db.connect(), books.wallet).ok(),
        Some(cents(5_000))
    );
}

#[actix_web::test]
async fn unbalanced_postings_never_reach_the_database() {
    let app = TestApp::spawn().await;
    let books = books(&app);
    let lopsided = [
        Posting {
            account: books.clearing,
            amount: cents(-1_000),
            currency: USD,
        },
        Posting {
            account: books.wallet,
            amount: cents(999),
            currency: USD,
        },
    ];
    assert!(
        worklane_app::ledger::post(
            &mut app.db.connect(),
            "deposit",
            None,
            "",
            &lopsided,
            start_of_test_time()
        )
        .is_err()
    );
    assert_eq!(
        app.count("SELECT count(*) AS n FROM ledger_transactions"),
        0
    );
}

#[actix_web::test]
async fn concurrent_spending_never_overdraws() {
    let app = TestApp::spawn().await;
    let books = books(&app);
    deposit(&app, &books, cents(5_000));
    let url = app.db.url().to_owned();
    let (wallet, escrow) = (books.wallet, books.escrow);
    let handles: Vec<_> = (0..10)
        .map(|_| {
            let url = url.clone();
            std::thread::spawn(move || {
                let mut conn =
                    diesel::PgConnection::establish(&url).unwrap_or_else(|e| panic!("{e}"));
                worklane_app::ledger::post(
                    &mut conn,
                    "fund_escrow",
                    None,
                    "",
                    &transfer(wallet, escrow, cents(1_000), USD),
                    start_of_test_time(),
                )
            })
        })
        .collect();
    let outcomes: Vec<_> = handles
        .into_iter()
        .map(|h| h.join().unwrap_or_else(|_| panic!("thread panicked")))
        .collect();
    let succeeded = outcomes.iter().filter(|o| o.is_ok()).count();
    assert_eq!(succeeded, 5, "{outcomes:?}");
    assert!(outcomes.iter().all(|o| o.is_ok()
        || matches!(
            o,
            Err(AppError::Conflict {
                code: "insufficient_funds",
                ..
            })
        )));
    let mut conn = app.db.connect();
    assert_eq!(
        ledger::balance(&mut conn, wallet).ok(),
        Some(Decimal::ZERO.round_dp(2))
    );
    assert_eq!(ledger::balance(&mut conn, escrow).ok(), Some(cents(5_000)));
    assert!(verify(&app).is_empty());
}

#[actix_web::test]
async fn verification_reports_a_tampered_balance() {
    let app = TestApp::spawn().await;
    let books = books(&app);
    deposit(&app, &books, cents(2_500));
    diesel::sql_query(format!(
        "UPDATE ledger_balances SET balance = balance + 1 WHERE account_id = '{}'",
        books.wallet
    ))
    .execute(&mut app.db.connect())
    .unwrap_or_else(|e| panic!("{e}"));
    let breaches = verify(&app);
    assert_eq!(breaches.len(), 1, "{breaches:?}");
    assert!(breaches[0].contains("differs from its entries"));
}
