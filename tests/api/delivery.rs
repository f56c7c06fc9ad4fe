//! SPEC §8 fixed-price delivery: fund, submit, request changes, approve (with a
//! bonus), the 14-day automatic release and the 7-day refund rule with the clock
//! just short of and just past each deadline, concurrent approvals, and every
//! action tried by the wrong party. The ledger verifies after each scenario.

use crate::hiring::{
    Who, add_card, books_balance, fixed_offer, json_of, post, proposal_on_a_job, run_worker_passes,
    upload, verified,
};
use chrono::Duration;
use futures_util::future::join_all;
use serde_json::{Value, json};
use worklane_tests::{TestApp, error_fields, expect_problem};

/// A client and a freelancer with an active fixed-price contract: milestones of
/// 300.00 (funded) and 400.00 (pending).
pub(crate) async fn contract(app: &TestApp) -> (Who, Who, Value) {
    let (client, freelancer, _job, proposal_id) = proposal_on_a_job(app).await;
    let card = add_card(app, &client, "4242 4242 4242 4242").await;
    let offer = json_of(
        app.post_as(
            "/offers",
            &client.session.access_token,
            &fixed_offer(&proposal_id, Some(&card)),
        )
        .await,
    )
    .await;
    let accepted = app
        .post_as(
            &format!(
                "/offers/{}/accept",
                offer["id"].as_str().unwrap_or_default()
            ),
            &freelancer.session.access_token,
            &json!({}),
        )
        .await;
    let contract = json_of(accepted).await["contract"].clone();
    (client, freelancer, contract)
}

pub(crate) fn milestone_id(contract: &Value, n: usize) -> String {
    contract["milestones"][n]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

pub(crate) async fn act(
    app: &TestApp,
    who: &Who,
    milestone: &str,
    action: &str,
    body: Value,
) -> reqwest::Response {
    post(
        app,
        format!("/milestones/{milestone}/{action}"),
        &who.session.access_token,
        body,
    )
    .await
}

pub(crate) async fn wallet(app: &TestApp, token: &str) -> Value {
    json_of(app.get_as("/wallet", token).await).await
}

#[actix_web::test]
async fn fund_submit_request_changes_resubmit_approve_then_the_money_matures() {
    let app = TestApp::spawn().await;
    let (client, freelancer, contract) = contract(&app).await;
    let first = milestone_id(&contract, 0);

    let file = json_of(upload(&app, &freelancer, "draft.pdf", b"%PDF-1.7 draft").await).await;
    let submitted = act(
        &app,
        &freelancer,
        &first,
        "submit",
        json!({"message": "The first draft is attached.", "attachment_ids": [file["id"]]}),
    )
    .await;
    assert_eq!(submitted.status(), 200);
    let submitted = json_of(submitted).await;
    assert_eq!(submitted["milestones"][0]["status"], "submitted");
    assert!(submitted["milestones"][0]["deadline"].is_string());
    let delivered = &submitted["milestones"][0]["submissions"][0]["attachments"][0];
    assert_eq!(delivered["id"], file["id"]);
    assert_eq!(delivered["filename"], "draft.pdf");
    assert_eq!(delivered["content_type"], "application/pdf");
    // The client can read the delivered file.
    let response = app
        .get_as(
            &format!("/attachments/{}", file["id"].as_str().unwrap_or_default()),
            &client.session.access_token,
        )
        .await;
    assert_eq!(response.status(), 200);

    let changes = act(
        &app,
        &client,
        &first,
        "request-changes",
        json!({"message": "Shorter headlines, please."}),
    )
    .await;
    let changes = json_of(changes).await;
    assert_eq!(changes["milestones"][0]["status"], "changes_requested");
    assert_eq!(
        changes["milestones"][0]["submissions"][0]["outcome"],
        "changes_requested"
    );
    assert_eq!(
        changes["milestones"][0]["submissions"][0]["outcome_message"],
        "Shorter headlines, please."
    );

    let again = act(
        &app,
        &freelancer,
        &first,
        "submit",
        json!({"message": "Headlines shortened."}),
    )
    .await;
    assert_eq!(json_of(again).await["milestones"][0]["status"], "submitted");

    // Approve with a 20.00 bonus, paid from the wallet: deposit for it first.
    let card = add_card(&app, &client, "4242 4242 4242 4242").await;
    let deposit = app
        .post_as(
            "/wallet/deposits",
            &client.session.access_token,
            &json!({"payment_method_id": card, "amount": "21.00"}),
        )
        .await;
    assert_eq!(deposit.status(), 201);
    let approved = act(&app, &client, &first, "approve", json!({"bonus": "20.00"})).await;
    assert_eq!(approved.status(), 200);
    let approved = json_of(approved).await;
    assert_eq!(approved["milestones"][0]["status"], "approved");
    assert_eq!(approved["milestones"][0]["escrow"], "0.00");
    assert_eq!(approved["paid"], "320.00");
    assert_eq!(approved["bonuses"][0]["amount"], "20.00");
    let twice = act(&app, &client, &first, "approve", json!({})).await;
    expect_problem(twice, 409, "invalid_milestone_state").await;

    // 300.00 + 20.00 less the 10% fee waits 5 days in pending.
    let money = wallet(&app, &freelancer.session.access_token).await;
    assert_eq!(
        (money["pending"].as_str(), money["available"].as_str()),
        (Some("288.00"), Some("0.00"))
    );
    app.advance_clock(Duration::days(5) - Duration::minutes(1));
    run_worker_passes(&app).await;
    let token = app.sign_in(&freelancer.account).await.access_token;
    assert_eq!(wallet(&app, &token).await["available"], "0.00");
    app.advance_clock(Duration::minutes(2));
    run_worker_passes(&app).await;
    let money = wallet(&app, &token).await;
    assert_eq!(
        (money["pending"].as_str(), money["available"].as_str()),
        (Some("0.00"), Some("288.00"))
    );
    books_balance(&app);
}

#[actix_web::test]
async fn twenty_approvals_at_once_release_once() {
    let app = TestApp::spawn().await;
    let (client, freelancer, contract) = contract(&app).await;
    let first = milestone_id(&contract, 0);
    act(
        &app,
        &freelancer,
        &first,
        "submit",
        json!({"message": "Done."}),
    )
    .await;
    let results = join_all((0..20).map(|_| act(&app, &client, &first, "approve", json!({})))).await;
    let ok = results.iter().filter(|r| r.status() == 200).count();
    let conflicts = results.iter().filter(|r| r.status() == 409).count();
    assert_eq!((ok, conflicts), (1, 19));
    assert_eq!(
        app.count(&format!("SELECT count(*) AS n FROM ledger_transactions WHERE kind = 'escrow_release' AND subject_id = '{first}'")),
        1
    );
    let money = wallet(&app, &freelancer.session.access_token).await;
    assert_eq!(money["pending"], "270.00");
    books_balance(&app);
}

#[actix_web::test]
async fn an_unanswered_submission_is_released_after_fourteen_days_not_before() {
    let app = TestApp::spawn().await;
    let (client, freelancer, contract) = contract(&app).await;
    let first = milestone_id(&contract, 0);
    act(
        &app,
        &freelancer,
        &first,
        "submit",
        json!({"message": "Done."}),
    )
    .await;
    let contract_path = format!("/contracts/{}", contract["id"].as_str().unwrap_or_default());

    app.advance_clock(Duration::days(14) - Duration::minutes(1));
    run_worker_passes(&app).await;
    let token = app.sign_in(&client.account).await.access_token;
    let seen = json_of(app.get_as(&contract_path, &token).await).await;
    assert_eq!(seen["milestones"][0]["status"], "submitted");

    app.advance_clock(Duration::minutes(2));
    run_worker_passes(&app).await;
    let seen = json_of(app.get_as(&contract_path, &token).await).await;
    assert_eq!(seen["milestones"][0]["status"], "approved");
    assert_eq!(
        seen["milestones"][0]["submissions"][0]["outcome"],
        "auto_released"
    );
    let freelancer_token = app.sign_in(&freelancer.account).await.access_token;
    assert_eq!(wallet(&app, &freelancer_token).await["pending"], "270.00");
    books_balance(&app);
}

#[actix_web::test]
async fn a_refund_request_is_granted_when_the_freelancer_agrees_or_after_seven_days() {
    let app = TestApp::spawn().await;
    let (client, freelancer, contract) = contract(&app).await;
    let first = milestone_id(&contract, 0);
    let second = milestone_id(&contract, 1);

    // Agreed: the 300.00 and its 15.00 fee come back.
    let requested = json_of(act(&app, &client, &first, "request-refund", json!({})).await).await;
    assert_eq!(requested["milestones"][0]["status"], "refund_requested");
    let response = act(&app, &client, &first, "agree-refund", json!({})).await;
    expect_problem(response, 403, "not_your_action").await;
    let refunded = json_of(act(&app, &freelancer, &first, "agree-refund", json!({})).await).await;
    assert_eq!(refunded["milestones"][0]["status"], "refunded");
    assert_eq!(refunded["escrow"], "0.00");
    assert_eq!(
        wallet(&app, &client.session.access_token).await["available"],
        "315.00"
    );

    // Unanswered: refunded by the clock after 7 days, not a minute before. The
    // wallet's 315.00 and the card's 105.00 fund the 400.00 and its 20.00 fee.
    let card = add_card(&app, &client, "4242 4242 4242 4242").await;
    let funded = act(
        &app,
        &client,
        &second,
        "fund",
        json!({"payment_method_id": card}),
    )
    .await;
    assert_eq!(json_of(funded).await["milestones"][1]["status"], "funded");
    assert_eq!(
        wallet(&app, &client.session.access_token).await["available"],
        "0.00"
    );
    act(&app, &client, &second, "request-refund", json!({})).await;
    app.advance_clock(Duration::days(7) - Duration::minutes(1));
    run_worker_passes(&app).await;
    let token = app.sign_in(&client.account).await.access_token;
    let path = format!("/contracts/{}", contract["id"].as_str().unwrap_or_default());
    assert_eq!(
        json_of(app.get_as(&path, &token).await).await["milestones"][1]["status"],
        "refund_requested"
    );
    app.advance_clock(Duration::minutes(2));
    run_worker_passes(&app).await;
    assert_eq!(
        json_of(app.get_as(&path, &token).await).await["milestones"][1]["status"],
        "refunded"
    );
    assert_eq!(wallet(&app, &token).await["available"], "420.00");
    books_balance(&app);
}

#[actix_web::test]
async fn milestones_are_changed_only_while_unfunded_and_only_by_the_client() {
    let app = TestApp::spawn().await;
    let (client, freelancer, contract) = contract(&app).await;
    let contract_id = contract["id"].as_str().unwrap_or_default();
    let first = milestone_id(&contract, 0);
    let second = milestone_id(&contract, 1);
    let token = &client.session.access_token;

    let added = app
        .post_as(
            &format!("/contracts/{contract_id}/milestones"),
            token,
            &json!({"title": "Launch support", "amount": "150.00"}),
        )
        .await;
    assert_eq!(added.status(), 201);
    let added = json_of(added).await;
    assert_eq!(added["milestones"].as_array().map(Vec::len), Some(3));
    assert_eq!(added["total"], "850.00");
    let third = milestone_id(&added, 2);

    // Move the new one first; edit and delete pending ones; funded ones stay put.
    let moved = json_of(
        app.patch_as(
            &format!("/milestones/{third}"),
            token,
            &json!({"position": 0, "amount": "175.00"}),
        )
        .await,
    )
    .await;
    let order: Vec<&str> = moved["milestones"].as_array().map_or_else(Vec::new, |m| {
        m.iter().filter_map(|m| m["id"].as_str()).collect()
    });
    assert_eq!(order, [third.as_str(), first.as_str(), second.as_str()]);
    assert_eq!(moved["milestones"][0]["amount"], "175.00");
    let response = app
        .patch_as(
            &format!("/milestones/{first}"),
            token,
            &json!({"amount": "1.00"}),
        )
        .await;
    expect_problem(response, 409, "invalid_milestone_state").await;
    let response = app
        .patch_as(
            &format!("/milestones/{second}"),
            token,
            &json!({"amount": "4.99"}),
        )
        .await;
    let problem = expect_problem(response, 422, "validation_failed").await;
    assert_eq!(error_fields(&problem), ["amount"]);
    let response = app
        .client
        .delete(app.api(&format!("/milestones/{third}")))
        .bearer_auth(token)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        json_of(response).await["milestones"]
            .as_array()
            .map(Vec::len),
        Some(2)
    );

    // The freelancer can't change terms, approve, or fund; the client can't submit.
    let response = app
        .patch_as(
            &format!("/milestones/{second}"),
            &freelancer.session.access_token,
            &json!({"title": "Mine now"}),
        )
        .await;
    expect_problem(response, 403, "not_your_action").await;
    expect_problem(
        act(&app, &freelancer, &second, "fund", json!({})).await,
        403,
        "not_your_action",
    )
    .await;
    expect_problem(
        act(&app, &client, &first, "submit", json!({"message": "x"})).await,
        403,
        "not_your_action",
    )
    .await;
    // Approving before any submission, and submitting an unfunded milestone.
    expect_problem(
        act(&app, &client, &first, "approve", json!({})).await,
        409,
        "invalid_milestone_state",
    )
    .await;
    expect_problem(
        act(
            &app,
            &freelancer,
            &second,
            "submit",
            json!({"message": "x"}),
        )
        .await,
        409,
        "invalid_milestone_state",
    )
    .await;
    // Strangers see nothing.
    let stranger = verified(&app, "eve", &["client", "freelancer"]).await;
    for action in ["fund", "approve", "request-refund"] {
        expect_problem(
            act(&app, &stranger, &first, action, json!({})).await,
            404,
            "not_found",
        )
        .await;
    }
    let response = app
        .post_as(
            &format!("/contracts/{contract_id}/milestones"),
            &stranger.session.access_token,
            &json!({"title": "x", "amount": "10.00"}),
        )
        .await;
    expect_problem(response, 404, "not_found").await;
    // Funding without money or card changes nothing.
    let response = act(&app, &client, &second, "fund", json!({})).await;
    expect_problem(response, 409, "insufficient_funds").await;
    books_balance(&app);
}

#[actix_web::test]
async fn a_bonus_is_paid_once_per_key_and_never_beyond_the_wallet() {
    let app = TestApp::spawn().await;
    let (client, freelancer, contract) = contract(&app).await;
    let path = format!(
        "/contracts/{}/bonus",
        contract["id"].as_str().unwrap_or_default()
    );
    let response = app
        .post_as(
            &path,
            &client.session.access_token,
            &json!({"amount": "50.00"}),
        )
        .await;
    expect_problem(response, 409, "insufficient_funds").await;
    for bad in ["-1.00", "0", "abc", "12345678901234.00"] {
        let response = app
            .post_as(&path, &client.session.access_token, &json!({"amount": bad}))
            .await;
        let problem = expect_problem(response, 422, "validation_failed").await;
        assert_eq!(error_fields(&problem), ["amount"], "{bad}");
    }
    let response = app
        .post_as(
            &path,
            &freelancer.session.access_token,
            &json!({"amount": "5.00"}),
        )
        .await;
    expect_problem(response, 403, "not_your_action").await;

    let card = add_card(&app, &client, "4242 4242 4242 4242").await;
    app.post_as(
        "/wallet/deposits",
        &client.session.access_token,
        &json!({"payment_method_id": card, "amount": "52.50"}),
    )
    .await;
    let pay = || {
        app.client
            .post(app.api(&path))
            .bearer_auth(&client.session.access_token)
            .header("Idempotency-Key", "thanks-1")
            .json(&json!({"amount": "50.00", "message": "Thank you!"}))
            .send()
    };
    let first = pay().await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(first.status(), 200);
    let retry = pay().await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        retry
            .headers()
            .get("idempotent-replayed")
            .and_then(|v| v.to_str().ok()),
        Some("true")
    );
    let seen = json_of(
        app.get_as(
            &format!("/contracts/{}", contract["id"].as_str().unwrap_or_default()),
            &client.session.access_token,
        )
        .await,
    )
    .await;
    assert_eq!(seen["bonuses"].as_array().map(Vec::len), Some(1));
    assert_eq!(
        wallet(&app, &freelancer.session.access_token).await["pending"],
        "45.00"
    );
    books_balance(&app);
}
