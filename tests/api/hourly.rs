//! SPEC §8 hourly contracts: time in 10-minute segments, the weekly limit, the
//! Monday 12:00 UTC invoice charged into escrow, the review window to Friday 23:59
//! UTC, release, and money available 10 days after the week ended — each deadline
//! tried just short of and just past. Rates, pausing and ending.

use crate::hiring::{
    Who, add_card, books_balance, json_of, post, posted_job, run_worker_passes, verified,
};
use chrono::{DateTime, Duration, Utc};
use serde_json::{Value, json};
use worklane_domain::hourly::{available_at, invoiced_at, review_until, week_of};
use worklane_tests::{TestApp, error_fields, expect_problem};

/// An active hourly contract at 45.00/h, 20 h a week; the client has a card on file
/// for the weekly charges.
async fn hourly_contract(app: &TestApp, manual: bool) -> (Who, Who, String) {
    let client = verified(app, "cli", &["client"]).await;
    let freelancer = verified(app, "fran", &["freelancer"]).await;
    let job = posted_job(
        app,
        &client,
        json!({"job_type": "hourly", "budget": null, "hourly_min": "30.00", "hourly_max": "50.00"}),
    )
    .await;
    let proposal = json_of(
        app.post_as(
            &format!("/jobs/{}/proposals", job["id"].as_str().unwrap_or_default()),
            &freelancer.session.access_token,
            &json!({"cover_letter": "I keep books for four studios and can start this week with a tidy reconciliation.",
                    "hourly_rate": "45.00", "estimated_duration": "1_to_3_months",
                    "answers": ["Four studios."]}),
        )
        .await,
    )
    .await;
    add_card(app, &client, "4242 4242 4242 4242").await;
    let offer = json_of(
        app.post_as(
            "/offers",
            &client.session.access_token,
            &json!({"proposal_id": proposal["id"], "contract_type": "hourly", "hourly_rate": "45.00",
                    "weekly_limit_hours": 20, "manual_time_allowed": manual}),
        )
        .await,
    )
    .await;
    let contract = json_of(
        app.post_as(
            &format!(
                "/offers/{}/accept",
                offer["id"].as_str().unwrap_or_default()
            ),
            &freelancer.session.access_token,
            &json!({}),
        )
        .await,
    )
    .await["contract"]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    (client, freelancer, contract)
}

fn now(app: &TestApp) -> DateTime<Utc> {
    worklane_domain::Clock::now(app.clock.as_ref())
}

/// Moves the clock to `at` (forward only).
fn move_to(app: &TestApp, at: DateTime<Utc>) {
    let by = at - now(app);
    assert!(by >= Duration::zero(), "the clock only moves forward");
    app.advance_clock(by);
}

async fn log(
    app: &TestApp,
    who: &Who,
    contract: &str,
    started_at: DateTime<Utc>,
    minutes: i32,
    kind: &str,
) -> reqwest::Response {
    post(
        app,
        format!("/contracts/{contract}/time-entries"),
        &who.session.access_token,
        json!({"started_at": started_at, "minutes": minutes, "memo": "Reconciled the card statements", "kind": kind}),
    )
    .await
}

async fn get(app: &TestApp, token: &str, path: &str) -> Value {
    json_of(app.get_as(path, token).await).await
}

#[actix_web::test]
async fn a_week_is_billed_up_to_its_limit_invoiced_monday_noon_and_released_after_friday() {
    let app = TestApp::spawn().await;
    let (mut client, mut freelancer, contract) = hourly_contract(&app, true).await;
    let start = now(&app);
    let week = week_of(start);

    // 25 hours logged in the week; the limit is 20.
    app.advance_clock(Duration::days(2));
    freelancer.fresh(&app).await;
    for (offset, minutes) in [(1, 720), (25, 720), (40, 60)] {
        let response = log(
            &app,
            &freelancer,
            &contract,
            start + Duration::hours(offset),
            minutes,
            "manual",
        )
        .await;
        assert_eq!(response.status(), 201, "entry at +{offset}h");
    }
    let sheet = get(
        &app,
        &freelancer.session.access_token,
        &format!("/contracts/{contract}/time-entries"),
    )
    .await;
    assert_eq!(sheet["logged_minutes"], 1500);
    assert_eq!(sheet["billed_minutes"], 1200);
    assert_eq!(sheet["amount"], "900.00");
    assert_eq!(sheet["invoice"], Value::Null);

    // Not a minute before Monday 12:00 UTC.
    move_to(&app, invoiced_at(week) - Duration::minutes(1));
    run_worker_passes(&app).await;
    client.fresh(&app).await;
    freelancer.fresh(&app).await;
    let invoices = get(
        &app,
        &client.session.access_token,
        &format!("/contracts/{contract}/invoices"),
    )
    .await;
    assert_eq!(invoices["data"], json!([]));
    move_to(&app, invoiced_at(week) + Duration::minutes(1));
    run_worker_passes(&app).await;
    let invoices = get(
        &app,
        &client.session.access_token,
        &format!("/contracts/{contract}/invoices"),
    )
    .await;
    let invoice = &invoices["data"][0];
    assert_eq!(invoice["status"], "in_review");
    assert_eq!(invoice["amount"], "900.00");
    assert_eq!(invoice["billed_minutes"], 1200);
    // The card covered 900.00 plus the 45.00 marketplace fee into escrow.
    let wallet = get(&app, &client.session.access_token, "/wallet").await;
    assert_eq!(wallet["escrow"], "900.00");
    // The contract counts the invoice in review as held, nothing paid yet.
    let shown = get(
        &app,
        &client.session.access_token,
        &format!("/contracts/{contract}"),
    )
    .await;
    assert_eq!(
        (shown["escrow"].as_str(), shown["paid"].as_str()),
        (Some("900.00"), Some("0.00"))
    );

    // The invoiced week's time is fixed now.
    let sheet = get(
        &app,
        &freelancer.session.access_token,
        &format!("/contracts/{contract}/time-entries?week={week}"),
    )
    .await;
    let entry = sheet["entries"][0]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let response = app
        .patch_as(
            &format!("/time-entries/{entry}"),
            &freelancer.session.access_token,
            &json!({"started_at": start + Duration::hours(1), "minutes": 60, "memo": "less", "kind": "manual"}),
        )
        .await;
    expect_problem(response, 409, "week_invoiced").await;
    // Ending waits for the money in review.
    let response = post(
        &app,
        format!("/contracts/{contract}/end"),
        &client.session.access_token,
        json!({}),
    )
    .await;
    expect_problem(response, 409, "escrow_outstanding").await;

    // Released after Friday 23:59:59 UTC, not before.
    move_to(&app, review_until(week) - Duration::minutes(1));
    run_worker_passes(&app).await;
    freelancer.fresh(&app).await;
    let invoices = get(
        &app,
        &freelancer.session.access_token,
        &format!("/contracts/{contract}/invoices"),
    )
    .await;
    assert_eq!(invoices["data"][0]["status"], "in_review");
    move_to(&app, review_until(week) + Duration::minutes(1));
    run_worker_passes(&app).await;
    let invoices = get(
        &app,
        &freelancer.session.access_token,
        &format!("/contracts/{contract}/invoices"),
    )
    .await;
    assert_eq!(invoices["data"][0]["status"], "released");
    // Released: paid on the contract, nothing held.
    let shown = get(
        &app,
        &freelancer.session.access_token,
        &format!("/contracts/{contract}"),
    )
    .await;
    assert_eq!(
        (shown["escrow"].as_str(), shown["paid"].as_str()),
        (Some("0.00"), Some("900.00"))
    );
    // The released hours count on the freelancer's public profile.
    let profile = json_of(app.get(&format!("/freelancers/{}", freelancer.id)).await).await;
    assert_eq!(profile["reputation"]["hours_worked"], 20);
    let money = get(&app, &freelancer.session.access_token, "/wallet").await;
    assert_eq!(
        (money["pending"].as_str(), money["available"].as_str()),
        (Some("810.00"), Some("0.00"))
    );

    // Available 10 days after the week ended.
    let policy = worklane_domain::hourly::HourlyPolicy::default();
    move_to(&app, available_at(week, &policy) - Duration::minutes(1));
    run_worker_passes(&app).await;
    freelancer.fresh(&app).await;
    assert_eq!(
        get(&app, &freelancer.session.access_token, "/wallet").await["available"],
        "0.00"
    );
    move_to(&app, available_at(week, &policy) + Duration::minutes(1));
    run_worker_passes(&app).await;
    assert_eq!(
        get(&app, &freelancer.session.access_token, "/wallet").await["available"],
        "810.00"
    );

    // Now either party can end it.
    client.fresh(&app).await;
    let ended = post(
        &app,
        format!("/contracts/{contract}/end"),
        &client.session.access_token,
        json!({"reason": "Books are in order"}),
    )
    .await;
    let ended = json_of(ended).await;
    assert_eq!(ended["status"], "ended");
    assert_eq!(ended["end_reason"], "Books are in order");
    // Ending opens the 14-day feedback window.
    let ended_at: chrono::DateTime<chrono::Utc> = serde_json::from_value(ended["ended_at"].clone())
        .unwrap_or_else(|e| panic!("ended_at: {e}"));
    let until: chrono::DateTime<chrono::Utc> =
        serde_json::from_value(ended["feedback_until"].clone())
            .unwrap_or_else(|e| panic!("feedback_until: {e}"));
    assert_eq!(until - ended_at, Duration::days(14));
    books_balance(&app);
}

#[actix_web::test]
async fn time_is_whole_segments_manual_only_when_allowed_and_never_while_paused() {
    let app = TestApp::spawn().await;
    let (mut client, mut freelancer, contract) = hourly_contract(&app, false).await;
    let start = now(&app);
    app.advance_clock(Duration::hours(5));
    client.fresh(&app).await;
    freelancer.fresh(&app).await;

    let response = log(
        &app,
        &freelancer,
        &contract,
        start + Duration::hours(1),
        15,
        "tracked",
    )
    .await;
    let problem = expect_problem(response, 422, "validation_failed").await;
    assert_eq!(error_fields(&problem), ["minutes"]);
    let response = log(
        &app,
        &freelancer,
        &contract,
        start + Duration::hours(1),
        60,
        "manual",
    )
    .await;
    let problem = expect_problem(response, 422, "validation_failed").await;
    assert_eq!(error_fields(&problem), ["kind"]);
    let response = log(
        &app,
        &freelancer,
        &contract,
        start + Duration::hours(9),
        60,
        "tracked",
    )
    .await;
    let problem = expect_problem(response, 422, "validation_failed").await;
    assert_eq!(error_fields(&problem), ["started_at"]);
    let response = log(
        &app,
        &freelancer,
        &contract,
        start - Duration::days(3),
        60,
        "tracked",
    )
    .await;
    let problem = expect_problem(response, 422, "validation_failed").await;
    assert_eq!(error_fields(&problem), ["started_at"]);
    let response = log(
        &app,
        &client,
        &contract,
        start + Duration::hours(1),
        60,
        "tracked",
    )
    .await;
    expect_problem(response, 403, "not_your_action").await;
    let stranger = verified(&app, "eve", &["client", "freelancer"]).await;
    let response = log(
        &app,
        &stranger,
        &contract,
        start + Duration::hours(1),
        60,
        "tracked",
    )
    .await;
    expect_problem(response, 404, "not_found").await;
    let response = app
        .get_as(
            &format!("/contracts/{contract}/time-entries"),
            &stranger.session.access_token,
        )
        .await;
    expect_problem(response, 404, "not_found").await;

    let entry = json_of(
        log(
            &app,
            &freelancer,
            &contract,
            start + Duration::hours(1),
            90,
            "tracked",
        )
        .await,
    )
    .await;
    assert_eq!(entry["kind"], "tracked");
    assert_eq!(entry["minutes"], 90);

    // Paused by the client: no time until resumed; the freelancer can't pause.
    let response = post(
        &app,
        format!("/contracts/{contract}/pause"),
        &freelancer.session.access_token,
        json!({}),
    )
    .await;
    expect_problem(response, 403, "not_your_action").await;
    let paused = json_of(
        post(
            &app,
            format!("/contracts/{contract}/pause"),
            &client.session.access_token,
            json!({}),
        )
        .await,
    )
    .await;
    assert_eq!(paused["status"], "paused");
    let response = log(
        &app,
        &freelancer,
        &contract,
        start + Duration::hours(3),
        60,
        "tracked",
    )
    .await;
    expect_problem(response, 409, "contract_paused").await;
    let resumed = json_of(
        post(
            &app,
            format!("/contracts/{contract}/resume"),
            &client.session.access_token,
            json!({}),
        )
        .await,
    )
    .await;
    assert_eq!(resumed["status"], "active");
    assert_eq!(
        log(
            &app,
            &freelancer,
            &contract,
            start + Duration::hours(3),
            60,
            "tracked"
        )
        .await
        .status(),
        201
    );
    books_balance(&app);
}

#[actix_web::test]
async fn the_client_raises_the_rate_and_only_the_freelancer_lowers_it() {
    let app = TestApp::spawn().await;
    let (client, freelancer, contract) = hourly_contract(&app, true).await;
    let path = format!("/contracts/{contract}");
    let raised = json_of(
        app.patch_as(
            &path,
            &client.session.access_token,
            &json!({"hourly_rate": "50.00", "weekly_limit_hours": 30}),
        )
        .await,
    )
    .await;
    assert_eq!(
        (
            raised["hourly_rate"].as_str(),
            raised["weekly_limit_hours"].as_i64()
        ),
        (Some("50.00"), Some(30))
    );
    let response = app
        .patch_as(
            &path,
            &client.session.access_token,
            &json!({"hourly_rate": "40.00"}),
        )
        .await;
    let problem = expect_problem(response, 422, "validation_failed").await;
    assert_eq!(error_fields(&problem), ["hourly_rate"]);
    let response = app
        .patch_as(
            &path,
            &freelancer.session.access_token,
            &json!({"hourly_rate": "60.00"}),
        )
        .await;
    expect_problem(response, 422, "validation_failed").await;
    let response = app
        .patch_as(
            &path,
            &freelancer.session.access_token,
            &json!({"weekly_limit_hours": 80}),
        )
        .await;
    expect_problem(response, 403, "not_your_action").await;
    let lowered = json_of(
        app.patch_as(
            &path,
            &freelancer.session.access_token,
            &json!({"hourly_rate": "48.00"}),
        )
        .await,
    )
    .await;
    assert_eq!(lowered["hourly_rate"], "48.00");
    let response = app
        .patch_as(
            &path,
            &client.session.access_token,
            &json!({"weekly_limit_hours": 81}),
        )
        .await;
    expect_problem(response, 422, "validation_failed").await;
}

#[actix_web::test]
async fn a_disputed_invoice_is_refunded_when_the_freelancer_accepts_and_not_disputable_after_friday()
 {
    let app = TestApp::spawn().await;
    let (mut client, mut freelancer, contract) = hourly_contract(&app, true).await;
    let start = now(&app);
    let week = week_of(start);
    app.advance_clock(Duration::hours(3));
    freelancer.fresh(&app).await;
    assert_eq!(
        log(
            &app,
            &freelancer,
            &contract,
            start + Duration::hours(1),
            120,
            "manual"
        )
        .await
        .status(),
        201
    );
    move_to(&app, invoiced_at(week) + Duration::minutes(1));
    run_worker_passes(&app).await;
    client.fresh(&app).await;
    freelancer.fresh(&app).await;
    let invoices = get(
        &app,
        &client.session.access_token,
        &format!("/contracts/{contract}/invoices"),
    )
    .await;
    let invoice = invoices["data"][0]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert_eq!(invoices["data"][0]["amount"], "90.00");

    let response = post(
        &app,
        "/disputes".to_owned(),
        &freelancer.session.access_token,
        json!({"invoice_id": invoice, "reason": "x", "requested_refund": "0.00"}),
    )
    .await;
    expect_problem(response, 403, "not_your_action").await;
    let dispute = json_of(post(&app, "/disputes".to_owned(), &client.session.access_token,
        json!({"invoice_id": invoice, "reason": "We agreed on one hour for this.", "requested_refund": "45.00"})).await).await;
    assert_eq!(dispute["amount"], "90.00");
    let accepted = json_of(
        post(
            &app,
            format!(
                "/disputes/{}/respond",
                dispute["id"].as_str().unwrap_or_default()
            ),
            &freelancer.session.access_token,
            json!({"accept": true, "message": "Fair, one hour."}),
        )
        .await,
    )
    .await;
    assert_eq!(
        (accepted["status"].as_str(), accepted["outcome"].as_str()),
        (Some("resolved"), Some("accepted"))
    );
    // 45.00 and its 2.25 fee back to the client; 45.00 less 10% pending for the freelancer.
    assert_eq!(
        get(&app, &client.session.access_token, "/wallet").await["available"],
        "47.25"
    );
    assert_eq!(
        get(&app, &freelancer.session.access_token, "/wallet").await["pending"],
        "40.50"
    );
    let invoices = get(
        &app,
        &client.session.access_token,
        &format!("/contracts/{contract}/invoices"),
    )
    .await;
    assert_eq!(invoices["data"][0]["status"], "released");

    // A second week's invoice can't be disputed after its review window.
    let second_week = week + Duration::days(7);
    move_to(&app, invoiced_at(week) + Duration::hours(3));
    freelancer.fresh(&app).await;
    assert_eq!(
        log(
            &app,
            &freelancer,
            &contract,
            invoiced_at(week) + Duration::hours(2),
            60,
            "manual"
        )
        .await
        .status(),
        201
    );
    move_to(&app, review_until(second_week) + Duration::minutes(1));
    run_worker_passes(&app).await;
    client.fresh(&app).await;
    let invoices = get(
        &app,
        &client.session.access_token,
        &format!("/contracts/{contract}/invoices"),
    )
    .await;
    let late = invoices["data"][0]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let response = post(
        &app,
        "/disputes".to_owned(),
        &client.session.access_token,
        json!({"invoice_id": late, "reason": "Too late?", "requested_refund": "1.00"}),
    )
    .await;
    expect_problem(response, 409, "cannot_dispute").await;
    books_balance(&app);
}
