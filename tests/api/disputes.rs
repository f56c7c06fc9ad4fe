//! SPEC §9 disputes: opening one freezes the escrow; the other party's response
//! window (5 business days on a milestone, 3 days on an invoice) with the clock just
//! short of and past it; admin mediation with a split that must add up to the
//! disputed amount; every outcome in both wallets and the ledger, which verifies.

use crate::delivery::{act, contract, milestone_id, wallet};
use crate::hiring::{Who, books_balance, ctx, json_of, post, run_worker_passes, verified};
use chrono::Duration;
use serde_json::{Value, json};
use worklane_tests::{Session, TestApp, error_fields, expect_problem};

pub(crate) async fn admin(app: &TestApp) -> Session {
    let email = worklane_tests::unique_email("admin");
    worklane_app::auth::create_admin(
        &mut app.db.connect(),
        &ctx(app),
        &email,
        worklane_tests::PASSWORD,
        "Admin",
    )
    .unwrap_or_else(|e| panic!("admin: {e}"));
    worklane_tests::session_of(
        app.login(&email, worklane_tests::PASSWORD)
            .await
            .json()
            .await
            .unwrap_or_default(),
    )
}

async fn open(app: &TestApp, who: &Who, body: Value) -> reqwest::Response {
    post(app, "/disputes".to_owned(), &who.session.access_token, body).await
}

#[actix_web::test]
async fn a_disputed_submission_is_mediated_and_split_by_an_admin() {
    let app = TestApp::spawn().await;
    let (client, freelancer, contract) = contract(&app).await;
    let first = milestone_id(&contract, 0);
    act(
        &app,
        &freelancer,
        &first,
        "submit",
        json!({"message": "All done."}),
    )
    .await;

    // Asking back more than is in escrow is refused; the freelancer can't dispute
    // their own submission as a client would.
    let response = open(&app, &client, json!({"milestone_id": first, "reason": "Half the pages are missing.", "requested_refund": "300.01"})).await;
    let problem = expect_problem(response, 422, "validation_failed").await;
    assert_eq!(error_fields(&problem), ["requested_refund"]);
    let response = open(
        &app,
        &client,
        json!({"reason": "x", "requested_refund": "1.00"}),
    )
    .await;
    expect_problem(response, 422, "validation_failed").await;

    let opened = open(&app, &client, json!({"milestone_id": first, "reason": "Half the pages are missing.", "requested_refund": "150.00"})).await;
    assert_eq!(opened.status(), 201);
    let dispute = json_of(opened).await;
    let id = dispute["id"].as_str().unwrap_or_default().to_owned();
    assert_eq!(dispute["status"], "awaiting_response");
    assert_eq!(dispute["amount"], "300.00");
    // Both parties are named, so neither page has to say "the other party".
    assert_eq!(dispute["client"]["id"], client.id.as_str());
    assert_eq!(dispute["freelancer"]["id"], freelancer.id.as_str());
    assert!(
        dispute["freelancer"]["full_name"]
            .as_str()
            .is_some_and(|n| !n.is_empty())
    );
    let again = open(
        &app,
        &client,
        json!({"milestone_id": first, "reason": "Again", "requested_refund": "1.00"}),
    )
    .await;
    expect_problem(again, 409, "cannot_dispute").await;

    // The escrow is frozen: no approval while disputed.
    expect_problem(
        act(&app, &client, &first, "approve", json!({})).await,
        409,
        "invalid_milestone_state",
    )
    .await;

    // The thread: parties and admins only.
    let admin = admin(&app).await;
    let stranger = verified(&app, "eve", &["client", "freelancer"]).await;
    let path = format!("/disputes/{id}");
    expect_problem(
        app.get_as(&path, &stranger.session.access_token).await,
        404,
        "not_found",
    )
    .await;
    let response = post(
        &app,
        format!("{path}/messages"),
        &stranger.session.access_token,
        json!({"body": "hi"}),
    )
    .await;
    expect_problem(response, 404, "not_found").await;
    post(
        &app,
        format!("{path}/messages"),
        &freelancer.session.access_token,
        json!({"body": "Pages 4-8 are in the second file."}),
    )
    .await;
    let thread = json_of(
        post(
            &app,
            format!("{path}/messages"),
            &admin.access_token,
            json!({"body": "I'm looking at both files."}),
        )
        .await,
    )
    .await;
    assert_eq!(thread["messages"].as_array().map(Vec::len), Some(2));

    // The opener can't answer their own dispute; the freelancer declines.
    let response = post(
        &app,
        format!("{path}/respond"),
        &client.session.access_token,
        json!({"accept": true, "message": "ok"}),
    )
    .await;
    expect_problem(response, 403, "not_your_action").await;
    let declined = json_of(
        post(
            &app,
            format!("{path}/respond"),
            &freelancer.session.access_token,
            json!({"accept": false, "message": "Everything was delivered."}),
        )
        .await,
    )
    .await;
    assert_eq!(declined["status"], "in_mediation");

    // Only admins resolve, with parts that add up to the disputed amount.
    let resolve = format!("/admin/disputes/{id}/resolve");
    let response = post(
        &app,
        resolve.clone(),
        &client.session.access_token,
        json!({"release_amount": "0.00", "refund_amount": "300.00", "note": "mine"}),
    )
    .await;
    expect_problem(response, 403, "admin_only").await;
    let response = post(
        &app,
        resolve.clone(),
        &admin.access_token,
        json!({"release_amount": "200.00", "refund_amount": "100.01", "note": "Split"}),
    )
    .await;
    let problem = expect_problem(response, 422, "validation_failed").await;
    assert_eq!(error_fields(&problem), ["release_amount", "refund_amount"]);
    let queue = json_of(
        app.get_as("/admin/disputes?status=in_mediation", &admin.access_token)
            .await,
    )
    .await;
    assert_eq!(queue["data"][0]["id"], id.as_str());
    assert_eq!(queue["data"][0]["client"]["id"], client.id.as_str());
    let resolved = json_of(post(&app, resolve.clone(), &admin.access_token, json!({"release_amount": "200.00", "refund_amount": "100.00", "note": "Two thirds delivered."})).await).await;
    assert_eq!(resolved["status"], "resolved");
    assert_eq!(resolved["outcome"], "decided");
    let response = post(
        &app,
        resolve,
        &admin.access_token,
        json!({"release_amount": "300.00", "refund_amount": "0.00", "note": "again"}),
    )
    .await;
    expect_problem(response, 409, "dispute_resolved").await;

    // Both sides see it in their wallets: 200.00 less 10% pending; 100.00 and its 5.00 fee back.
    assert_eq!(
        wallet(&app, &freelancer.session.access_token).await["pending"],
        "180.00"
    );
    let client_wallet = wallet(&app, &client.session.access_token).await;
    assert_eq!(
        (
            client_wallet["available"].as_str(),
            client_wallet["escrow"].as_str()
        ),
        (Some("105.00"), Some("0.00"))
    );
    let seen = json_of(app.get_as(&path, &freelancer.session.access_token).await).await;
    assert_eq!(
        (
            seen["release_amount"].as_str(),
            seen["refund_amount"].as_str()
        ),
        (Some("200.00"), Some("100.00"))
    );
    // The contract counts as paid what the split released, not the milestone's amount.
    let contract_path = format!("/contracts/{}", contract["id"].as_str().unwrap_or_default());
    let seen = json_of(
        app.get_as(&contract_path, &client.session.access_token)
            .await,
    )
    .await;
    assert_eq!(
        (seen["paid"].as_str(), seen["escrow"].as_str()),
        (Some("200.00"), Some("0.00"))
    );
    books_balance(&app);
}

#[actix_web::test]
async fn an_unanswered_dispute_grants_the_openers_request_after_five_business_days() {
    let app = TestApp::spawn().await;
    let (mut client, mut freelancer, contract) = contract(&app).await;
    let first = milestone_id(&contract, 0);
    act(&app, &client, &first, "request-refund", json!({})).await;
    // The freelancer disputes the refund request: release everything to them.
    let dispute = json_of(open(&app, &freelancer, json!({"milestone_id": first, "reason": "The work is done, see the shared folder.", "requested_refund": "0.00"})).await).await;
    let respond_by: chrono::DateTime<chrono::Utc> = dispute["respond_by"]
        .as_str()
        .unwrap_or_default()
        .parse()
        .unwrap_or_default();
    assert!(respond_by - worklane_domain::Clock::now(app.clock.as_ref()) >= Duration::days(5));
    // The 7-day automatic refund no longer applies to a disputed milestone.
    let now = worklane_domain::Clock::now(app.clock.as_ref());
    app.advance_clock(respond_by - now - Duration::minutes(1));
    run_worker_passes(&app).await;
    client.fresh(&app).await;
    freelancer.fresh(&app).await;
    let path = format!("/disputes/{}", dispute["id"].as_str().unwrap_or_default());
    assert_eq!(
        json_of(app.get_as(&path, &client.session.access_token).await).await["status"],
        "awaiting_response"
    );
    app.advance_clock(Duration::minutes(2));
    run_worker_passes(&app).await;
    let lapsed = json_of(app.get_as(&path, &client.session.access_token).await).await;
    assert_eq!(
        (lapsed["status"].as_str(), lapsed["outcome"].as_str()),
        (Some("resolved"), Some("lapsed"))
    );
    assert_eq!(lapsed["release_amount"], "300.00");
    let money = wallet(&app, &freelancer.session.access_token).await;
    assert_eq!(money["pending"], "270.00");
    let response = post(
        &app,
        format!("{path}/respond"),
        &client.session.access_token,
        json!({"accept": false, "message": "late"}),
    )
    .await;
    expect_problem(response, 409, "dispute_not_awaiting_response").await;
    books_balance(&app);
}

#[actix_web::test]
async fn a_dispute_resolution_never_creates_or_loses_a_cent() {
    let app = TestApp::spawn().await;
    let admin = admin(&app).await;
    for (release, refund) in [
        ("0.00", "300.00"),
        ("300.00", "0.00"),
        ("0.01", "299.99"),
        ("133.33", "166.67"),
    ] {
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
        let dispute = json_of(open(&app, &client, json!({"milestone_id": first, "reason": "Not what we agreed.", "requested_refund": "300.00"})).await).await;
        let id = dispute["id"].as_str().unwrap_or_default();
        post(
            &app,
            format!("/disputes/{id}/respond"),
            &freelancer.session.access_token,
            json!({"accept": false, "message": "No."}),
        )
        .await;
        let resolved = post(
            &app,
            format!("/admin/disputes/{id}/resolve"),
            &admin.access_token,
            json!({"release_amount": release, "refund_amount": refund, "note": "Decided."}),
        )
        .await;
        assert_eq!(resolved.status(), 200, "{release}/{refund}");
        let seen = json_of(
            app.get_as(
                &format!("/contracts/{}", contract["id"].as_str().unwrap_or_default()),
                &client.session.access_token,
            )
            .await,
        )
        .await;
        assert_eq!(
            seen["milestones"][0]["escrow"], "0.00",
            "{release}/{refund}"
        );
        books_balance(&app);
    }
}
