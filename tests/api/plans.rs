//! SPEC §13 plans: Freelancer Plus (19.99 a month, 100 Connects a month, the
//! competing bid range) and Client Plus (a 3% marketplace fee instead of 5%), paid
//! from the wallet or a card with an Idempotency-Key, renewed monthly by the worker;
//! cancelling ends Plus with the paid month, and a failed renewal falls back to Basic.

use crate::disputes::admin;
use crate::hiring::{
    Who, add_card, books_balance, connects, fixed_offer, json_of, posted_job, propose,
    run_worker_passes, verified,
};
use chrono::Duration;
use serde_json::{Value, json};
use worklane_tests::{TestApp, expect_problem};

async fn plans(app: &TestApp, who: &Who) -> Vec<Value> {
    json_of(app.get_as("/me/plans", &who.session.access_token).await).await["data"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

async fn upgrade(
    app: &TestApp,
    who: &Who,
    side: &str,
    body: Value,
    key: &str,
) -> reqwest::Response {
    app.client
        .post(app.api(&format!("/me/plans/{side}/upgrade")))
        .bearer_auth(&who.session.access_token)
        .header("Idempotency-Key", key)
        .json(&body)
        .send()
        .await
        .unwrap_or_else(|e| panic!("upgrade: {e}"))
}

fn count_subscription_charges(app: &TestApp) -> i64 {
    app.count("SELECT count(*) AS n FROM ledger_transactions WHERE kind = 'subscription'")
}

#[actix_web::test]
async fn freelancer_plus_brings_connects_and_the_bid_range_and_renews_monthly() {
    let app = TestApp::spawn().await;
    let mut plus = verified(&app, "plus", &["freelancer"]).await;
    let basic = verified(&app, "basic", &["freelancer"]).await;
    let client = verified(&app, "client", &["client"]).await;
    assert_eq!(connects(&app, &plus).await["balance"], 10);
    let listed = plans(&app, &plus).await;
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["plan"], "basic");
    assert_eq!(listed[0]["plus_price"], "19.99");

    let card = add_card(&app, &plus, "4242 4242 4242 4242").await;
    let first = upgrade(
        &app,
        &plus,
        "freelancer",
        json!({"payment_method_id": card}),
        "plus-1",
    )
    .await;
    assert_eq!(first.status(), 200);
    let first = json_of(first).await;
    assert_eq!(first["plan"], "plus");
    assert_eq!(first["cancel_at_period_end"], false);
    // A retry with the same key answers the same and charges nothing again.
    let retry = json_of(
        upgrade(
            &app,
            &plus,
            "freelancer",
            json!({"payment_method_id": card}),
            "plus-1",
        )
        .await,
    )
    .await;
    assert_eq!(retry, first);
    assert_eq!(count_subscription_charges(&app), 1);
    let again = upgrade(
        &app,
        &plus,
        "freelancer",
        json!({"payment_method_id": card}),
        "plus-2",
    )
    .await;
    expect_problem(again, 409, "already_plus").await;
    // 90 more Connects this month; 100 a month from now on.
    let summary = connects(&app, &plus).await;
    assert_eq!(summary["balance"], 100);
    assert_eq!(summary["monthly_grant"], 100);

    // The bid range: Plus freelancers see it, Basic ones are told to upgrade.
    let job = posted_job(&app, &client, json!({})).await;
    let job_id = job["id"].as_str().unwrap_or_default().to_owned();
    assert_eq!(propose(&app, &basic, &job_id).await.status(), 201);
    let range = json_of(
        app.get_as(
            &format!("/jobs/{job_id}/bid-range"),
            &plus.session.access_token,
        )
        .await,
    )
    .await;
    assert_eq!(range["count"], 1);
    assert_eq!(range["low"], "700.00");
    assert_eq!(range["average"], "700.00");
    let refused = app
        .get_as(
            &format!("/jobs/{job_id}/bid-range"),
            &basic.session.access_token,
        )
        .await;
    expect_problem(refused, 403, "plus_required").await;

    // A month later the worker charges the card again.
    app.advance_clock(Duration::days(31));
    run_worker_passes(&app).await;
    plus.fresh(&app).await;
    assert_eq!(count_subscription_charges(&app), 2);
    let renewed = &plans(&app, &plus).await[0];
    assert_eq!(renewed["plan"], "plus");
    assert_ne!(renewed["current_period_end"], first["current_period_end"]);

    // Cancelled: Plus to the end of the paid month, then Basic and 10 a month.
    let cancelled = json_of(
        app.post_as(
            "/me/plans/freelancer/cancel",
            &plus.session.access_token,
            &json!({}),
        )
        .await,
    )
    .await;
    assert_eq!(cancelled["plan"], "plus");
    assert_eq!(cancelled["cancel_at_period_end"], true);
    app.advance_clock(Duration::days(31));
    run_worker_passes(&app).await;
    plus.fresh(&app).await;
    assert_eq!(plans(&app, &plus).await[0]["plan"], "basic");
    assert_eq!(count_subscription_charges(&app), 2);
    assert_eq!(connects(&app, &plus).await["monthly_grant"], 10);
    let over = app
        .post_as(
            "/me/plans/freelancer/cancel",
            &plus.session.access_token,
            &json!({}),
        )
        .await;
    expect_problem(over, 409, "not_plus").await;
    books_balance(&app);
}

#[actix_web::test]
async fn client_plus_lowers_the_fee_and_a_failed_renewal_falls_back_to_basic() {
    let app = TestApp::spawn().await;
    let (mut client, freelancer) = (
        verified(&app, "client", &["client"]).await,
        verified(&app, "fran", &["freelancer"]).await,
    );
    // Too little in the wallet and no card: refused, nothing charged.
    let short = upgrade(&app, &client, "client", json!({}), "c-0").await;
    let problem = expect_problem(short, 409, "insufficient_funds").await;
    assert_eq!(problem["errors"][0]["field"], "payment_method_id");
    let card = add_card(&app, &client, "4242 4242 4242 4242").await;
    let paid = upgrade(
        &app,
        &client,
        "client",
        json!({"payment_method_id": card}),
        "c-1",
    )
    .await;
    assert_eq!(paid.status(), 200);
    assert_eq!(json_of(paid).await["plus_price"], "49.99");

    // A funded offer now costs a 3% fee: 300.00 + 9.00.
    let job = posted_job(&app, &client, json!({})).await;
    let proposal =
        json_of(propose(&app, &freelancer, job["id"].as_str().unwrap_or_default()).await).await;
    let offer = app
        .post_as(
            "/offers",
            &client.session.access_token,
            &fixed_offer(proposal["id"].as_str().unwrap_or_default(), Some(&card)),
        )
        .await;
    assert_eq!(offer.status(), 201);
    let offer = json_of(offer).await;
    let admin = admin(&app).await;
    let stats = json_of(app.get_as("/admin/stats", &admin.access_token).await).await;
    assert_eq!(
        stats["fees_earned"], "58.99",
        "49.99 for Plus and a 9.00 marketplace fee"
    );
    // Withdrawn: the escrow and the fee actually charged come back.
    let withdrawn = app
        .post_as(
            &format!(
                "/offers/{}/withdraw",
                offer["id"].as_str().unwrap_or_default()
            ),
            &client.session.access_token,
            &json!({}),
        )
        .await;
    assert_eq!(withdrawn.status(), 200);
    let wallet = json_of(app.get_as("/wallet", &client.session.access_token).await).await;
    assert_eq!(wallet["available"], "309.00");

    // The renewal card is removed: a month on, the renewal fails and the client is
    // back on Basic, told by email; nothing more was charged.
    let removed = app
        .client
        .delete(app.api(&format!("/payment-methods/{card}")))
        .bearer_auth(&client.session.access_token)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(removed.status(), 204);
    app.advance_clock(Duration::days(31));
    run_worker_passes(&app).await;
    client.fresh(&app).await;
    let plan = &plans(&app, &client).await[0];
    assert_eq!(plan["plan"], "basic");
    assert!(
        plan["last_error"].as_str().is_some_and(|e| !e.is_empty()),
        "{plan}"
    );
    app.mail_about(&client.account.email, "Plus plan has ended")
        .await;
    assert_eq!(count_subscription_charges(&app), 1);
    let wallet = json_of(app.get_as("/wallet", &client.session.access_token).await).await;
    assert_eq!(wallet["available"], "309.00");
    books_balance(&app);
}

#[actix_web::test]
async fn plan_requests_that_make_no_sense_are_refused() {
    let app = TestApp::spawn().await;
    let client = verified(&app, "client", &["client"]).await;
    let wrong = upgrade(&app, &client, "freelancer", json!({}), "w-1").await;
    expect_problem(wrong, 403, "wrong_role").await;
    let nowhere = upgrade(&app, &client, "admin", json!({}), "w-2").await;
    assert_eq!(nowhere.status(), 404);
    let unknown_card = upgrade(
        &app,
        &client,
        "client",
        json!({"payment_method_id": uuid::Uuid::now_v7()}),
        "w-3",
    )
    .await;
    expect_problem(unknown_card, 404, "not_found").await;
    let malformed = upgrade(
        &app,
        &client,
        "client",
        json!({"payment_method_id": 7}),
        "w-4",
    )
    .await;
    assert_eq!(malformed.status(), 422);
    let cancel = app
        .post_as(
            "/me/plans/client/cancel",
            &client.session.access_token,
            &json!({}),
        )
        .await;
    expect_problem(cancel, 409, "not_plus").await;
    let unverified = app.signup("new", &["client"]).await;
    let session = app.sign_in(&unverified).await;
    let who = Who {
        id: unverified.id.clone(),
        account: unverified,
        session,
    };
    let gated = upgrade(&app, &who, "client", json!({}), "w-5").await;
    expect_problem(gated, 403, "email_unverified").await;
    assert_eq!(count_subscription_charges(&app), 0);
}
