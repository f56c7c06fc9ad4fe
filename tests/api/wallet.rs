//! SPEC §7 wallet: deposits, balances, history and CSV, idempotency keys that make
//! retries safe, withdrawals behind identity verification and the 3-day wait, and the
//! escrow operations, tried with bad amounts, retries, concurrency and random
//! sequences. After every scenario the whole ledger still verifies.

use chrono::Duration;
use futures_util::future::join_all;
use serde_json::{Value, json};
use uuid::Uuid;
use worklane_app::AppContext;
use worklane_domain::money::Money;
use worklane_tests::{Session, TestApp, expect_problem, header};

fn card(number: &str) -> Value {
    json!({ "card_number": number, "exp_month": 12, "exp_year": 2030, "cvc": "123" })
}

async fn add_card(app: &TestApp, session: &Session, number: &str) -> String {
    let response = app
        .post_as("/payment-methods", &session.access_token, &card(number))
        .await;
    assert_eq!(response.status(), 201);
    let body: Value = response.json().await.unwrap_or_default();
    body["id"].as_str().unwrap_or_default().to_owned()
}

async fn post_keyed(
    app: &TestApp,
    path: &str,
    token: &str,
    key: &str,
    body: &Value,
) -> reqwest::Response {
    app.client
        .post(app.api(path))
        .bearer_auth(token)
        .header("Idempotency-Key", key)
        .json(body)
        .send()
        .await
        .unwrap_or_else(|e| panic!("POST {path}: {e}"))
}

async fn wallet(app: &TestApp, session: &Session) -> Value {
    app.get_as("/wallet", &session.access_token)
        .await
        .json()
        .await
        .unwrap_or_default()
}

fn ctx(app: &TestApp) -> AppContext {
    worklane_api::server::build_command_state(app.config.clone(), app.clock.clone()).ctx
}

fn ledger_is_clean(app: &TestApp) {
    let breaches = worklane_app::ledger::verify(&mut app.db.connect())
        .unwrap_or_else(|e| panic!("verify: {e}"));
    assert!(breaches.is_empty(), "ledger breaches: {breaches:?}");
}

fn usd(raw: &str) -> Money {
    Money::usd(raw).unwrap_or_else(|e| panic!("{raw}: {e}"))
}

#[actix_web::test]
async fn a_client_deposits_from_a_card_and_sees_it_in_the_wallet_and_history() {
    let app = TestApp::spawn().await;
    let (_, session) = app.verified_client().await;
    let method = add_card(&app, &session, "4242 4242 4242 4242").await;
    let response = app
        .post_as(
            "/wallet/deposits",
            &session.access_token,
            &json!({"payment_method_id": method, "amount": "500"}),
        )
        .await;
    assert_eq!(response.status(), 201);
    let body: Value = response.json().await.unwrap_or_default();
    assert_eq!(body["amount"], "500.00");
    assert_eq!(body["wallet"]["available"], "500.00");
    let figures = wallet(&app, &session).await;
    assert_eq!(
        (
            figures["available"].as_str(),
            figures["pending"].as_str(),
            figures["escrow"].as_str()
        ),
        (Some("500.00"), Some("0.00"), Some("0.00"))
    );

    let history: Value = app
        .get_as("/wallet/transactions?type=deposit", &session.access_token)
        .await
        .json()
        .await
        .unwrap_or_default();
    assert_eq!(history["data"][0]["type"], "deposit");
    assert_eq!(history["data"][0]["amount"], "500.00");
    assert_eq!(history["data"][0]["balance"], "available");
    assert!(
        history["data"][0]["description"]
            .as_str()
            .is_some_and(|d| d.contains("4242"))
    );

    let csv = app
        .client
        .get(app.api("/wallet/transactions"))
        .bearer_auth(&session.access_token)
        .header("Accept", "text/csv")
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(csv.status(), 200);
    assert!(header(&csv, "content-type").is_some_and(|t| t.starts_with("text/csv")));
    let text = csv.text().await.unwrap_or_default();
    let mut rows = text.lines();
    assert_eq!(
        rows.next(),
        Some("date,type,description,amount,currency,balance,transaction_id")
    );
    assert!(
        rows.next()
            .is_some_and(|r| r.contains(",deposit,") && r.contains(",500.00,USD,available,"))
    );

    // Date filters, and a bad one named.
    let none: Value = app
        .get_as(
            "/wallet/transactions?from=2030-01-01",
            &session.access_token,
        )
        .await
        .json()
        .await
        .unwrap_or_default();
    assert_eq!(none["data"].as_array().map(Vec::len), Some(0));
    expect_problem(
        app.get_as("/wallet/transactions?from=yesterday", &session.access_token)
            .await,
        400,
        "invalid_parameter",
    )
    .await;
    expect_problem(
        app.get_as("/wallet/transactions?type=gift", &session.access_token)
            .await,
        400,
        "invalid_parameter",
    )
    .await;

    let year = start_of_year(&app);
    let report: Value = app
        .get_as(&format!("/wallet/reports/{year}"), &session.access_token)
        .await
        .json()
        .await
        .unwrap_or_default();
    assert_eq!(report["deposits"], "500.00");
    for year in ["2147483648", "abc", "1999", "2999"] {
        expect_problem(
            app.get_as(&format!("/wallet/reports/{year}"), &session.access_token)
                .await,
            400,
            "invalid_parameter",
        )
        .await;
    }
    ledger_is_clean(&app);
}

fn start_of_year(_: &TestApp) -> i32 {
    use chrono::Datelike;
    worklane_tests::start_of_test_time().year()
}

#[actix_web::test]
async fn bad_amounts_and_refused_cards_write_nothing() {
    let app = TestApp::spawn().await;
    let (_, session) = app.verified_client().await;
    let method = add_card(&app, &session, "4242424242424242").await;
    for amount in [
        json!("-5.00"),
        json!("0"),
        json!("1.234"),
        json!("1e30"),
        json!("abc"),
        json!(5),
        json!("99999999999"),
    ] {
        let response = app
            .post_as(
                "/wallet/deposits",
                &session.access_token,
                &json!({"payment_method_id": method, "amount": amount}),
            )
            .await;
        assert_eq!(response.status(), 422, "{amount}");
        let problem: Value = response.json().await.unwrap_or_default();
        assert_eq!(
            worklane_tests::error_fields(&problem),
            vec!["amount"],
            "{amount}"
        );
    }
    // A card with insufficient funds: 402, and no trace in the ledger.
    let poor = add_card(&app, &session, "4000 0000 0000 9995").await;
    expect_problem(
        app.post_as(
            "/wallet/deposits",
            &session.access_token,
            &json!({"payment_method_id": poor, "amount": "50.00"}),
        )
        .await,
        402,
        "insufficient_funds",
    )
    .await;
    assert_eq!(
        app.count("SELECT count(*) AS n FROM ledger_transactions"),
        0
    );
    assert_eq!(wallet(&app, &session).await["available"], "0.00");

    // Another client's card, and a removed card: 404.
    let (_, other) = app.verified_client().await;
    expect_problem(
        app.post_as(
            "/wallet/deposits",
            &other.access_token,
            &json!({"payment_method_id": method, "amount": "5.00"}),
        )
        .await,
        404,
        "not_found",
    )
    .await;
    let removed = app
        .client
        .delete(app.api(&format!("/payment-methods/{method}")))
        .bearer_auth(&other.access_token)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(removed.status(), 404, "not theirs to remove");
    let removed = app
        .client
        .delete(app.api(&format!("/payment-methods/{method}")))
        .bearer_auth(&session.access_token)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(removed.status(), 204);
    expect_problem(
        app.post_as(
            "/wallet/deposits",
            &session.access_token,
            &json!({"payment_method_id": method, "amount": "5.00"}),
        )
        .await,
        404,
        "not_found",
    )
    .await;
    assert_eq!(
        app.count("SELECT count(*) AS n FROM ledger_transactions"),
        0
    );
}

#[actix_web::test]
async fn a_retry_with_the_same_key_returns_the_first_response_and_moves_nothing_twice() {
    let app = TestApp::spawn().await;
    let (client, session) = app.verified_client().await;
    let method = add_card(&app, &session, "4242424242424242").await;
    let body = json!({"payment_method_id": method, "amount": "120.00"});
    let first = post_keyed(
        &app,
        "/wallet/deposits",
        &session.access_token,
        "deposit-1",
        &body,
    )
    .await;
    assert_eq!(first.status(), 201);
    assert_eq!(header(&first, "idempotent-replayed"), None);
    let first: Value = first.json().await.unwrap_or_default();
    let again = post_keyed(
        &app,
        "/wallet/deposits",
        &session.access_token,
        "deposit-1",
        &body,
    )
    .await;
    assert_eq!(again.status(), 201);
    assert_eq!(
        header(&again, "idempotent-replayed").as_deref(),
        Some("true")
    );
    let again: Value = again.json().await.unwrap_or_default();
    assert_eq!(again, first);
    assert_eq!(wallet(&app, &session).await["available"], "120.00");

    // The same key for a different request: 422, nothing moves.
    let other = json!({"payment_method_id": method, "amount": "5.00"});
    let problem = expect_problem(
        post_keyed(
            &app,
            "/wallet/deposits",
            &session.access_token,
            "deposit-1",
            &other,
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(
        worklane_tests::error_fields(&problem),
        vec!["Idempotency-Key"]
    );
    // Keys are per user: another client's same key is theirs.
    let (_, stranger) = app.verified_client().await;
    let theirs = add_card(&app, &stranger, "4242424242424242").await;
    let response = post_keyed(
        &app,
        "/wallet/deposits",
        &stranger.access_token,
        "deposit-1",
        &json!({"payment_method_id": theirs, "amount": "7.00"}),
    )
    .await;
    assert_eq!(response.status(), 201);
    assert_eq!(wallet(&app, &session).await["available"], "120.00");

    // A failed request gives its key back: the retry runs.
    let nsf = add_card(&app, &session, "4000000000009995").await;
    let failing = json!({"payment_method_id": nsf, "amount": "10.00"});
    for _ in 0..2 {
        expect_problem(
            post_keyed(
                &app,
                "/wallet/deposits",
                &session.access_token,
                "deposit-2",
                &failing,
            )
            .await,
            402,
            "insufficient_funds",
        )
        .await;
    }
    // A bad key is refused before anything runs.
    expect_problem(
        post_keyed(
            &app,
            "/wallet/deposits",
            &session.access_token,
            &"k".repeat(256),
            &body,
        )
        .await,
        400,
        "invalid_idempotency_key",
    )
    .await;
    // After 24 hours the key is forgotten and can be used again.
    app.advance_clock(Duration::hours(25));
    let session = app.sign_in(&client).await;
    let later = post_keyed(
        &app,
        "/wallet/deposits",
        &session.access_token,
        "deposit-1",
        &body,
    )
    .await;
    assert_eq!(later.status(), 201);
    assert_eq!(header(&later, "idempotent-replayed"), None);
    assert_eq!(wallet(&app, &session).await["available"], "240.00");
    ledger_is_clean(&app);
}

#[actix_web::test]
async fn simultaneous_requests_with_one_key_run_once() {
    let app = TestApp::spawn().await;
    let (account, session) = app.verified_client().await;
    let method = add_card(&app, &session, "4242424242424242").await;
    let body = json!({"payment_method_id": method, "amount": "10.00"});
    // A request still running holds its key: the same request meanwhile gets 409.
    let hash = worklane_api::idempotent::hash_of(
        "POST",
        "/api/v1/wallet/deposits",
        format!(r#"{{"payment_method_id":"{method}","amount":"10.00"}}"#).as_bytes(),
    );
    let hex: String = hash.iter().map(|b| format!("{b:02x}")).collect();
    app.count(&format!(
        "WITH k AS (INSERT INTO idempotency_keys (user_id, key, request_hash, status, created_at, expires_at) \
         VALUES ('{}', 'held', '\\x{hex}', 'in_progress', '{}', '{}') RETURNING 1) SELECT count(*) AS n FROM k",
        account.id,
        worklane_tests::start_of_test_time(),
        worklane_tests::start_of_test_time() + Duration::hours(24)
    ));
    expect_problem(
        post_keyed(
            &app,
            "/wallet/deposits",
            &session.access_token,
            "held",
            &body,
        )
        .await,
        409,
        "idempotency_in_progress",
    )
    .await;
    assert_eq!(wallet(&app, &session).await["available"], "0.00");
    // Many at the same moment: one runs; the others wait their turn (409) or get
    // its response replayed.
    let responses = join_all((0..10).map(|_| {
        post_keyed(
            &app,
            "/wallet/deposits",
            &session.access_token,
            "burst",
            &body,
        )
    }))
    .await;
    let mut fresh = 0;
    for response in responses {
        match response.status().as_u16() {
            201 if header(&response, "idempotent-replayed").is_none() => fresh += 1,
            201 | 409 => {}
            other => panic!("unexpected {other}"),
        }
    }
    assert_eq!(fresh, 1, "exactly one request ran");
    assert_eq!(wallet(&app, &session).await["available"], "10.00");
    ledger_is_clean(&app);
}

/// A freelancer with `amount` released and past its security period.
async fn paid_freelancer(app: &TestApp, amount: &str) -> (worklane_tests::Account, Session) {
    let client_account = app.signup_client().await;
    let freelancer_account = app.signup_freelancer().await;
    app.verify_email(&freelancer_account).await;
    let ctx = ctx(app);
    let mut conn = app.db.connect();
    let client = worklane_db::users::find(&mut conn, client_account.id.parse().unwrap_or_default())
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("client"));
    let freelancer_id: Uuid = freelancer_account.id.parse().unwrap_or_default();
    let method = worklane_app::payment_methods::add(
        &mut conn,
        &ctx,
        &client,
        worklane_app::gateway::CardDetails {
            number: "4242424242424242".into(),
            exp_month: 12,
            exp_year: 2030,
            cvc: "123".into(),
        },
    )
    .unwrap_or_else(|e| panic!("card: {e}"));
    let milestone = Uuid::new_v4();
    worklane_app::escrow::fund(
        &mut conn,
        &ctx,
        &client,
        milestone,
        usd(amount),
        Some(method.id),
        "k",
    )
    .unwrap_or_else(|e| panic!("fund: {e}"));
    worklane_app::escrow::release(
        &mut conn,
        &ctx,
        milestone,
        client.id,
        freelancer_id,
        usd(amount),
    )
    .unwrap_or_else(|e| panic!("release: {e}"));
    app.advance_clock(Duration::days(5));
    worklane_app::escrow::mature_due(&mut conn, &ctx).unwrap_or_else(|e| panic!("mature: {e}"));
    let session = app.sign_in(&freelancer_account).await;
    (freelancer_account, session)
}

async fn sign_in_admin(app: &TestApp) -> Session {
    let ctx = ctx(app);
    let email = worklane_tests::unique_email("admin");
    worklane_app::auth::create_admin(
        &mut app.db.connect(),
        &ctx,
        &email,
        "violet tugboat marmalade",
        "Admin",
    )
    .unwrap_or_else(|e| panic!("admin: {e}"));
    let login: Value = app
        .login(&email, "violet tugboat marmalade")
        .await
        .json()
        .await
        .unwrap_or_default();
    worklane_tests::session_of(login)
}

const PNG: &[u8] = &[0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13];

async fn upload(app: &TestApp, session: &Session, bytes: &[u8]) -> reqwest::Response {
    app.client
        .post(app.api("/me/identity-documents"))
        .bearer_auth(&session.access_token)
        .header("Content-Type", "image/png")
        .body(bytes.to_vec())
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"))
}

async fn verify_identity(app: &TestApp, freelancer: &Session, admin: &Session) {
    let response = upload(app, freelancer, PNG).await;
    assert_eq!(response.status(), 201);
    let document: Value = response.json().await.unwrap_or_default();
    let id = document["id"].as_str().unwrap_or_default();
    let approved = app
        .post_as(
            &format!("/admin/identity-documents/{id}/approve"),
            &admin.access_token,
            &json!({}),
        )
        .await;
    assert_eq!(approved.status(), 200);
}

async fn add_bank(app: &TestApp, session: &Session, account_number: &str) -> Value {
    let response = app
        .post_as(
            "/withdrawal-methods",
            &session.access_token,
            &json!({"account_holder": "Ada Lovelace", "routing_number": "110000000", "account_number": account_number}),
        )
        .await;
    assert_eq!(response.status(), 201);
    response.json().await.unwrap_or_default()
}

#[actix_web::test]
async fn a_verified_freelancer_withdraws_released_funds_and_the_bank_pays_or_returns() {
    let app = TestApp::spawn().await;
    let (freelancer, session) = paid_freelancer(&app, "1000.00").await;
    let figures = wallet(&app, &session).await;
    assert_eq!(
        (figures["available"].as_str(), figures["pending"].as_str()),
        (Some("900.00"), Some("0.00"))
    );
    // Bank details never come back in an error, even of the wrong type.
    let refused = app
        .post_as(
            "/withdrawal-methods",
            &session.access_token,
            &json!({"account_holder": "Ada", "routing_number": "110000000", "account_number": 987654321012_u64}),
        )
        .await;
    assert_eq!(refused.status(), 422);
    assert!(
        !refused
            .text()
            .await
            .unwrap_or_default()
            .contains("987654321012")
    );
    let bank = add_bank(&app, &session, "000123456789").await;
    assert_eq!(bank["bank_last4"], "6789");
    assert_eq!(bank["fee"], "0.99");
    let method = bank["id"].as_str().unwrap_or_default().to_owned();
    let withdrawal = json!({"withdrawal_method_id": method, "amount": "100.00"});

    // Not verified yet: 403.
    expect_problem(
        app.post_as("/withdrawals", &session.access_token, &withdrawal)
            .await,
        403,
        "identity_not_verified",
    )
    .await;
    let admin = sign_in_admin(&app).await;
    verify_identity(&app, &session, &admin).await;
    // A method added today can't be used for 3 days.
    expect_problem(
        app.post_as("/withdrawals", &session.access_token, &withdrawal)
            .await,
        409,
        "method_not_usable_yet",
    )
    .await;
    app.advance_clock(Duration::days(3));
    let session = app.sign_in(&freelancer).await;
    // Below the minimum, and more than there is: refused, nothing moves.
    let problem = expect_problem(
        app.post_as(
            "/withdrawals",
            &session.access_token,
            &json!({"withdrawal_method_id": method, "amount": "0.50"}),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(worklane_tests::error_fields(&problem), vec!["amount"]);
    expect_problem(
        app.post_as(
            "/withdrawals",
            &session.access_token,
            &json!({"withdrawal_method_id": method, "amount": "900.01"}),
        )
        .await,
        409,
        "insufficient_funds",
    )
    .await;

    let response = app
        .post_as("/withdrawals", &session.access_token, &withdrawal)
        .await;
    assert_eq!(response.status(), 201);
    let sent: Value = response.json().await.unwrap_or_default();
    assert_eq!(
        (
            sent["amount"].as_str(),
            sent["fee"].as_str(),
            sent["net_amount"].as_str(),
            sent["status"].as_str()
        ),
        (
            Some("100.00"),
            Some("0.99"),
            Some("99.01"),
            Some("processing")
        )
    );
    assert_eq!(wallet(&app, &session).await["available"], "800.00");
    // The worker hands it to the bank, which pays.
    let mut status = String::new();
    for _ in 0..100 {
        let list: Value = app
            .get_as("/withdrawals", &session.access_token)
            .await
            .json()
            .await
            .unwrap_or_default();
        status = list["data"][0]["status"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        if status != "processing" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(30)).await;
    }
    assert_eq!(status, "paid");

    // An account whose payouts come back: the money returns to the wallet.
    let returning = add_bank(&app, &session, "000000000002").await;
    app.advance_clock(Duration::days(3));
    let session = app.sign_in(&freelancer).await;
    let response = app
        .post_as(
            "/withdrawals",
            &session.access_token,
            &json!({"withdrawal_method_id": returning["id"], "amount": "50.00"}),
        )
        .await;
    assert_eq!(response.status(), 201);
    let mut available = String::new();
    for _ in 0..100 {
        available = wallet(&app, &session).await["available"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        if available == "800.00" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(30)).await;
    }
    assert_eq!(available, "800.00", "the returned withdrawal is back");
    let lines: Value = app
        .get_as(
            "/wallet/transactions?type=withdrawal,withdrawal_fee,withdrawal_return",
            &session.access_token,
        )
        .await
        .json()
        .await
        .unwrap_or_default();
    let amounts: Vec<&str> = lines["data"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|l| l["amount"].as_str())
        .collect();
    assert_eq!(amounts.len(), 6, "{amounts:?}");

    // Someone else's method and history are not reachable.
    let other = app.signup_freelancer().await;
    app.verify_email(&other).await;
    let other = app.sign_in(&other).await;
    let admin = sign_in_admin(&app).await;
    verify_identity(&app, &other, &admin).await;
    expect_problem(
        app.post_as("/withdrawals", &other.access_token, &withdrawal)
            .await,
        404,
        "not_found",
    )
    .await;
    let removal = app
        .client
        .delete(app.api(&format!("/withdrawal-methods/{method}")))
        .bearer_auth(&other.access_token)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(removal.status(), 404);
    let theirs: Value = app
        .get_as("/withdrawals", &other.access_token)
        .await
        .json()
        .await
        .unwrap_or_default();
    assert_eq!(theirs["data"].as_array().map(Vec::len), Some(0));
    let (_, client) = app.verified_client().await;
    expect_problem(
        app.post_as("/withdrawals", &client.access_token, &withdrawal)
            .await,
        403,
        "not_a_freelancer",
    )
    .await;
    let theirs: Value = app
        .get_as("/withdrawal-methods", &client.access_token)
        .await
        .json()
        .await
        .unwrap_or_default();
    assert_eq!(theirs["data"].as_array().map(Vec::len), Some(0));
    assert_eq!(wallet(&app, &client).await["available"], "0.00");
    ledger_is_clean(&app);
}

#[actix_web::test]
async fn fifty_simultaneous_withdrawals_take_exactly_what_is_there() {
    let app = TestApp::spawn().await;
    let (freelancer, session) = paid_freelancer(&app, "1000.00").await; // 900.00 available
    let admin = sign_in_admin(&app).await;
    verify_identity(&app, &session, &admin).await;
    let bank = add_bank(&app, &session, "000123456789").await;
    app.advance_clock(Duration::days(3));
    let session = app.sign_in(&freelancer).await;
    let body = json!({"withdrawal_method_id": bank["id"], "amount": "40.00"});
    let responses =
        join_all((0..50).map(|_| app.post_as("/withdrawals", &session.access_token, &body))).await;
    let mut ok = 0;
    for response in responses {
        match response.status().as_u16() {
            201 => ok += 1,
            409 => {
                let problem: Value = response.json().await.unwrap_or_default();
                assert_eq!(problem["code"], "insufficient_funds");
            }
            other => panic!("unexpected {other}"),
        }
    }
    assert_eq!(ok, 22, "900.00 / 40.00");
    assert_eq!(wallet(&app, &session).await["available"], "20.00");
    ledger_is_clean(&app);
}

#[actix_web::test]
async fn identity_documents_are_checked_and_reviewed_only_by_admins() {
    let app = TestApp::spawn().await;
    let freelancer = app.signup_freelancer().await;
    app.verify_email(&freelancer).await;
    let session = app.sign_in(&freelancer).await;
    let problem = expect_problem(
        upload(&app, &session, b"just text, not an image").await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(worklane_tests::error_fields(&problem), vec!["document"]);
    let too_big = vec![0u8; 10 * 1024 * 1024 + 1];
    expect_problem(
        upload(&app, &session, &too_big).await,
        413,
        "payload_too_large",
    )
    .await;
    let response = upload(&app, &session, PNG).await;
    assert_eq!(response.status(), 201);
    let id = response.json::<Value>().await.unwrap_or_default()["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    expect_problem(upload(&app, &session, PNG).await, 409, "review_pending").await;

    // Not an admin: 403 on every admin endpoint, even for their own document.
    for path in [
        format!("/admin/identity-documents/{id}/approve"),
        format!("/admin/identity-documents/{id}/reject"),
    ] {
        expect_problem(
            app.post_as(&path, &session.access_token, &json!({"reason": "x"}))
                .await,
            403,
            "admin_only",
        )
        .await;
    }
    expect_problem(
        app.get_as("/admin/identity-documents", &session.access_token)
            .await,
        403,
        "admin_only",
    )
    .await;
    expect_problem(
        app.get_as("/admin/ledger/verify", &session.access_token)
            .await,
        403,
        "admin_only",
    )
    .await;

    let admin = sign_in_admin(&app).await;
    let queue: Value = app
        .get_as("/admin/identity-documents", &admin.access_token)
        .await
        .json()
        .await
        .unwrap_or_default();
    assert_eq!(queue["data"][0]["id"], id.as_str());
    let file = app
        .get_as(
            &format!("/admin/identity-documents/{id}/file"),
            &admin.access_token,
        )
        .await;
    assert_eq!(header(&file, "content-type").as_deref(), Some("image/png"));
    // A rejection needs a reason.
    let problem = expect_problem(
        app.post_as(
            &format!("/admin/identity-documents/{id}/reject"),
            &admin.access_token,
            &json!({"reason": ""}),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(worklane_tests::error_fields(&problem), vec!["reason"]);
    let rejected = app
        .post_as(
            &format!("/admin/identity-documents/{id}/reject"),
            &admin.access_token,
            &json!({"reason": "Too blurry to read."}),
        )
        .await;
    assert_eq!(rejected.status(), 200);
    expect_problem(
        app.post_as(
            &format!("/admin/identity-documents/{id}/approve"),
            &admin.access_token,
            &json!({}),
        )
        .await,
        409,
        "already_reviewed",
    )
    .await;
    let mine: Value = app
        .get_as("/me/identity-documents", &session.access_token)
        .await
        .json()
        .await
        .unwrap_or_default();
    assert_eq!(mine["identity_verified"], false);
    assert_eq!(mine["data"][0]["reason"], "Too blurry to read.");

    // A second try, approved: the badge shows on the public profile.
    verify_identity(&app, &session, &admin).await;
    let profile: Value = app
        .get(&format!("/freelancers/{}", freelancer.id))
        .await
        .json()
        .await
        .unwrap_or_default();
    assert_eq!(profile["identity_verified"], true);
    expect_problem(upload(&app, &session, PNG).await, 409, "already_verified").await;

    let check: Value = app
        .get_as("/admin/ledger/verify", &admin.access_token)
        .await
        .json()
        .await
        .unwrap_or_default();
    assert_eq!(check["ok"], true);
}
