//! SPEC §5 and §6: Connects, proposals, invitations and offers that become
//! contracts — with too few Connects, concurrent submits and accepts, declined cards,
//! other users' tokens and bad terms. After every money scenario the ledger verifies
//! and every Connects balance is the sum of its lines.

use chrono::Duration;
use futures_util::future::join_all;
use serde_json::{Value, json};
use worklane_app::AppContext;
use worklane_tests::{Session, TestApp, error_fields, expect_problem};

pub(crate) struct Who {
    pub(crate) id: String,
    pub(crate) account: worklane_tests::Account,
    pub(crate) session: Session,
}

impl Who {
    /// Signs in again: access tokens expire while the test moves the clock on.
    pub(crate) async fn fresh(&mut self, app: &TestApp) {
        self.session = app.sign_in(&self.account).await;
    }
}

pub(crate) async fn verified(app: &TestApp, who: &str, roles: &[&str]) -> Who {
    let account = app.signup(who, roles).await;
    app.verify_email(&account).await;
    let session = app.sign_in(&account).await;
    Who {
        id: account.id.clone(),
        account,
        session,
    }
}

pub(crate) fn ctx(app: &TestApp) -> AppContext {
    worklane_api::server::build_command_state(app.config.clone(), app.clock.clone()).ctx
}

pub(crate) fn books_balance(app: &TestApp) {
    let mut conn = app.db.connect();
    let breaches =
        worklane_app::ledger::verify(&mut conn).unwrap_or_else(|e| panic!("verify: {e}"));
    assert!(breaches.is_empty(), "ledger breaches: {breaches:?}");
    let mismatched = worklane_db::connects::mismatched_accounts(&mut conn)
        .unwrap_or_else(|e| panic!("connects check: {e}"));
    assert!(
        mismatched.is_empty(),
        "connects balances off their lines: {mismatched:?}"
    );
}

/// The worker's timed passes, as the clock stands. The server's own worker polls
/// with the same clock and may hold a due row (skipped here) for a moment: wait for
/// it, then pass again (twice), so the test sees every due rule applied.
pub(crate) async fn run_worker_passes(app: &TestApp) {
    let ctx = ctx(app);
    let mut conn = app.db.connect();
    // A third round, later, for a loaded machine where the server's worker holds a
    // row longer.
    for round in 0..3 {
        if round > 0 {
            actix_web::rt::time::sleep(std::time::Duration::from_millis(150 * round)).await;
        }
        worklane_app::offers::expire_due(&mut conn, &ctx).unwrap_or_else(|e| panic!("offers: {e}"));
        worklane_app::connects::run_due(&mut conn, &ctx)
            .unwrap_or_else(|e| panic!("connects: {e}"));
        worklane_app::delivery::run_due(&mut conn, &ctx)
            .unwrap_or_else(|e| panic!("delivery: {e}"));
        worklane_app::hourly::run_due(&mut conn, &ctx).unwrap_or_else(|e| panic!("hourly: {e}"));
        worklane_app::disputes::lapse_due(&mut conn, &ctx)
            .unwrap_or_else(|e| panic!("disputes: {e}"));
        worklane_app::feedback::reveal_due(&mut conn, &ctx)
            .unwrap_or_else(|e| panic!("feedback: {e}"));
        worklane_app::escrow::mature_due(&mut conn, &ctx).unwrap_or_else(|e| panic!("mature: {e}"));
        worklane_app::plans::renew_due(&mut conn, &ctx).unwrap_or_else(|e| panic!("plans: {e}"));
    }
}

/// A POST owning its arguments, for futures that run side by side.
pub(crate) async fn post(
    app: &TestApp,
    path: String,
    token: &str,
    body: Value,
) -> reqwest::Response {
    app.post_as(&path, token, &body).await
}

pub(crate) async fn json_of(response: reqwest::Response) -> Value {
    response.json().await.unwrap_or_default()
}

pub(crate) async fn connects(app: &TestApp, who: &Who) -> Value {
    let response = app.get_as("/me/connects", &who.session.access_token).await;
    assert_eq!(response.status(), 200);
    json_of(response).await
}

pub(crate) fn proposal_body(answers: &[&str]) -> Value {
    json!({
        "cover_letter": "I have written copy for three bike shops and a cafe in town; I can start on Monday and deliver drafts within a week.",
        "bid_amount": "700.00",
        "milestones": [{"title": "Draft", "amount": "300.00"}, {"title": "Final copy", "amount": "400.00"}],
        "estimated_duration": "less_than_1_month",
        "answers": answers,
    })
}

/// A small fixed-price job (6 Connects at the default policy... whatever it costs).
pub(crate) async fn posted_job(app: &TestApp, client: &Who, overrides: Value) -> Value {
    let mut body = TestApp::job_body();
    if let (Some(body), Some(extra)) = (body.as_object_mut(), overrides.as_object()) {
        for (k, v) in extra {
            body.insert(k.clone(), v.clone());
        }
    }
    app.post_job(&client.session, &body).await
}

pub(crate) async fn propose(app: &TestApp, freelancer: &Who, job_id: &str) -> reqwest::Response {
    app.post_as(
        &format!("/jobs/{job_id}/proposals"),
        &freelancer.session.access_token,
        &proposal_body(&["Two bike shops and the Corner Cafe."]),
    )
    .await
}

pub(crate) async fn add_card(app: &TestApp, who: &Who, number: &str) -> String {
    let response = app
        .post_as(
            "/payment-methods",
            &who.session.access_token,
            &json!({ "card_number": number, "exp_month": 12, "exp_year": 2030, "cvc": "123" }),
        )
        .await;
    assert_eq!(response.status(), 201);
    json_of(response).await["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

pub(crate) fn fixed_offer(proposal_id: &str, card: Option<&str>) -> Value {
    json!({
        "proposal_id": proposal_id,
        "contract_type": "fixed",
        "message": "Happy to work with you.",
        "milestones": [
            {"title": "Draft", "amount": "300.00", "due_date": "2026-12-10"},
            {"title": "Final copy", "amount": "400.00"}
        ],
        "payment_method_id": card,
    })
}

#[actix_web::test]
async fn a_freelancer_gets_ten_connects_a_month_rolling_over_up_to_two_hundred() {
    let app = TestApp::spawn().await;
    let mut freelancer = verified(&app, "fran", &["freelancer"]).await;
    let first = connects(&app, &freelancer).await;
    assert_eq!(first["balance"], 10);
    assert_eq!(first["granted"], 10);
    assert_eq!(first["monthly_grant"], 10);
    assert_eq!(first["data"][0]["kind"], "grant");
    assert_eq!(first["data"][0]["balance_after"], 10);

    // A month later the worker grants again; two years later the pool stops at 200.
    app.advance_clock(Duration::days(31));
    run_worker_passes(&app).await;
    freelancer.fresh(&app).await;
    assert_eq!(connects(&app, &freelancer).await["balance"], 20);
    for _ in 0..24 {
        app.advance_clock(Duration::days(31));
        run_worker_passes(&app).await;
    }
    freelancer.fresh(&app).await;
    let capped = connects(&app, &freelancer).await;
    assert_eq!(capped["balance"], 200);
    assert_eq!(capped["granted"], 200);
    books_balance(&app);

    // Clients have no Connects.
    let client = verified(&app, "cli", &["client"]).await;
    let response = app
        .get_as("/me/connects", &client.session.access_token)
        .await;
    expect_problem(response, 403, "freelancer_role_required").await;
}

#[actix_web::test]
async fn bought_connects_are_paid_once_per_key_and_expire_after_twelve_months() {
    let app = TestApp::spawn().await;
    let mut freelancer = verified(&app, "fran", &["freelancer"]).await;
    // No earnings yet and no card: refused, nothing bought.
    let response = app
        .post_as(
            "/me/connects/purchase",
            &freelancer.session.access_token,
            &json!({"bundle": 20}),
        )
        .await;
    expect_problem(response, 409, "insufficient_funds").await;
    let response = app
        .post_as(
            "/me/connects/purchase",
            &freelancer.session.access_token,
            &json!({"bundle": 15}),
        )
        .await;
    let problem = expect_problem(response, 422, "validation_failed").await;
    assert_eq!(error_fields(&problem), ["bundle"]);

    let card = add_card(&app, &freelancer, "4242 4242 4242 4242").await;
    let buy = || {
        app.client
            .post(app.api("/me/connects/purchase"))
            .bearer_auth(&freelancer.session.access_token)
            .header("Idempotency-Key", "buy-20")
            .json(&json!({"bundle": 20, "payment_method_id": card}))
            .send()
    };
    let first = buy().await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(first.status(), 201);
    let first = json_of(first).await;
    assert_eq!(first["price"], "3.00");
    assert_eq!(first["balance"], 30);
    let retry = buy().await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(retry.status(), 201);
    assert_eq!(json_of(retry).await, first);
    let summary = connects(&app, &freelancer).await;
    assert_eq!(summary["balance"], 30);
    assert_eq!(summary["purchased"], 20);
    assert_eq!(
        app.count("SELECT count(*) AS n FROM ledger_transactions WHERE kind = 'connects_purchase'"),
        1
    );

    // Twelve months on, the bought 20 are gone; the grants stay.
    app.advance_clock(Duration::days(366));
    run_worker_passes(&app).await;
    freelancer.fresh(&app).await;
    let later = connects(&app, &freelancer).await;
    assert_eq!(later["purchased"], 0);
    let kinds: Vec<&str> = later["data"].as_array().map_or_else(Vec::new, |l| {
        l.iter().filter_map(|l| l["kind"].as_str()).collect()
    });
    assert!(kinds.contains(&"expiry"), "{kinds:?}");
    assert_eq!(later["balance"], later["granted"]);
    books_balance(&app);
}

#[actix_web::test]
async fn a_proposal_spends_connects_and_the_client_reviews_it() {
    let app = TestApp::spawn().await;
    let client = verified(&app, "cli", &["client"]).await;
    let freelancer = verified(&app, "fran", &["freelancer"]).await;
    let job = posted_job(&app, &client, json!({})).await;
    let job_id = job["id"].as_str().unwrap_or_default();
    let cost = job["connects_cost"].as_i64().unwrap_or_default();
    assert!(cost > 0 && cost <= 10, "cost {cost}");

    let response = propose(&app, &freelancer, job_id).await;
    assert_eq!(response.status(), 201);
    let proposal = json_of(response).await;
    let proposal_id = proposal["id"].as_str().unwrap_or_default().to_owned();
    assert_eq!(proposal["status"], "submitted");
    assert_eq!(proposal["connects_spent"], cost);
    assert_eq!(proposal["fee"], "70.00");
    assert_eq!(proposal["net"], "630.00");
    assert_eq!(proposal["milestones"][1]["amount"], "400.00");
    assert_eq!(connects(&app, &freelancer).await["balance"], 10 - cost);
    let page = json_of(app.get(&format!("/jobs/{job_id}")).await).await;
    assert_eq!(page["proposals_count"], 1);

    // One active proposal per job.
    let again = propose(&app, &freelancer, job_id).await;
    expect_problem(again, 409, "already_proposed").await;

    // The client's review screen.
    let path = format!("/jobs/{job_id}/proposals?status=submitted&sort=best_match");
    let list = json_of(app.get_as(&path, &client.session.access_token).await).await;
    assert_eq!(list["data"][0]["id"], proposal_id.as_str());
    assert_eq!(list["counts"]["submitted"], 1);
    assert_eq!(list["counts"]["all"], 1);
    let shortlisted = app
        .post_as(
            &format!("/proposals/{proposal_id}/shortlist"),
            &client.session.access_token,
            &json!({}),
        )
        .await;
    assert_eq!(json_of(shortlisted).await["status"], "shortlisted");
    let twice = app
        .post_as(
            &format!("/proposals/{proposal_id}/shortlist"),
            &client.session.access_token,
            &json!({}),
        )
        .await;
    expect_problem(twice, 409, "invalid_proposal_state").await;

    // Only the two parties see it; the freelancer can't act for the client.
    let stranger = verified(&app, "eve", &["client", "freelancer"]).await;
    let response = app
        .get_as(
            &format!("/proposals/{proposal_id}"),
            &stranger.session.access_token,
        )
        .await;
    expect_problem(response, 404, "not_found").await;
    let response = app
        .get_as(
            &format!("/jobs/{job_id}/proposals"),
            &stranger.session.access_token,
        )
        .await;
    expect_problem(response, 404, "not_found").await;
    let response = app
        .post_as(
            &format!("/proposals/{proposal_id}/archive"),
            &stranger.session.access_token,
            &json!({}),
        )
        .await;
    expect_problem(response, 404, "not_found").await;
    let response = app
        .post_as(
            &format!("/proposals/{proposal_id}/decline"),
            &freelancer.session.access_token,
            &json!({}),
        )
        .await;
    expect_problem(response, 403, "not_your_action").await;

    // The freelancer withdraws; Connects are not refunded.
    let withdrawn = app
        .post_as(
            &format!("/proposals/{proposal_id}/withdraw"),
            &freelancer.session.access_token,
            &json!({"reason": "Booked elsewhere"}),
        )
        .await;
    let withdrawn = json_of(withdrawn).await;
    assert_eq!(withdrawn["status"], "withdrawn");
    assert_eq!(withdrawn["decline_reason"], "Booked elsewhere");
    let mine = json_of(
        app.get_as(
            "/me/proposals?status=withdrawn",
            &freelancer.session.access_token,
        )
        .await,
    )
    .await;
    assert_eq!(mine["data"].as_array().map(Vec::len), Some(1));
    assert_eq!(connects(&app, &freelancer).await["balance"], 10 - cost);
    books_balance(&app);
}

#[actix_web::test]
async fn proposals_that_break_a_rule_write_nothing() {
    let app = TestApp::spawn().await;
    let client = verified(&app, "cli", &["client", "freelancer"]).await;
    let freelancer = verified(&app, "fran", &["freelancer"]).await;
    let job = posted_job(&app, &client, json!({})).await;
    let job_id = job["id"].as_str().unwrap_or_default();
    let path = format!("/jobs/{job_id}/proposals");
    let token = &freelancer.session.access_token;

    let mut uneven = proposal_body(&["Two bike shops."]);
    uneven["milestones"][1]["amount"] = json!("399.99");
    let problem = expect_problem(
        app.post_as(&path, token, &uneven).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(error_fields(&problem), ["milestones"]);

    let unanswered = proposal_body(&[]);
    let problem = expect_problem(
        app.post_as(&path, token, &unanswered).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(error_fields(&problem), ["answers"]);

    let mut hourly = proposal_body(&["Two bike shops."]);
    hourly["hourly_rate"] = json!("40.00");
    let problem = expect_problem(
        app.post_as(&path, token, &hourly).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(error_fields(&problem), ["hourly_rate"]);

    let mut short = proposal_body(&["Two bike shops."]);
    short["cover_letter"] = json!("Hire me.");
    let problem = expect_problem(
        app.post_as(&path, token, &short).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(error_fields(&problem), ["cover_letter"]);

    for bad in ["-5.00", "abc", "1e9", "0.001"] {
        let mut body = proposal_body(&["Two bike shops."]);
        body["bid_amount"] = json!(bad);
        body["milestones"] = json!([]);
        let response = app.post_as(&path, token, &body).await;
        let problem = expect_problem(response, 422, "validation_failed").await;
        assert_eq!(error_fields(&problem), ["bid_amount"], "{bad}");
    }
    let mut wrong_type = proposal_body(&["Two bike shops."]);
    wrong_type["answers"] = json!("not a list");
    let response = app.post_as(&path, token, &wrong_type).await;
    assert_eq!(response.status(), 422);

    // Your own job, and an unknown job.
    let own = app
        .post_as(
            &path,
            &client.session.access_token,
            &proposal_body(&["Mine."]),
        )
        .await;
    expect_problem(own, 403, "own_job").await;
    let unknown = app
        .post_as(
            &format!("/jobs/{}/proposals", uuid::Uuid::new_v4()),
            token,
            &proposal_body(&["x"]),
        )
        .await;
    expect_problem(unknown, 404, "not_found").await;

    // A closed job takes no proposals.
    let closed = app
        .post_as(
            &format!("/jobs/{job_id}/close"),
            &client.session.access_token,
            &json!({}),
        )
        .await;
    assert_eq!(closed.status(), 200);
    let response = propose(&app, &freelancer, job_id).await;
    expect_problem(response, 409, "job_not_open").await;

    assert_eq!(app.count("SELECT count(*) AS n FROM proposals"), 0);
    assert_eq!(connects(&app, &freelancer).await["balance"], 10);
    books_balance(&app);
}

#[actix_web::test]
async fn without_enough_connects_nothing_is_spent_and_concurrent_submits_spend_once() {
    let app = TestApp::spawn().await;
    let client = verified(&app, "cli", &["client"]).await;
    let freelancer = verified(&app, "fran", &["freelancer"]).await;
    // A large, long hourly job costs the most Connects: more than the 10 granted.
    let dear = posted_job(
        &app,
        &client,
        json!({"job_type": "hourly", "budget": null, "hourly_min": "80.00", "hourly_max": "150.00",
               "project_length": "more_than_6_months", "hours_per_week": "30_plus"}),
    )
    .await;
    assert!(
        dear["connects_cost"].as_i64().unwrap_or_default() > 10,
        "{dear}"
    );
    let mut body = proposal_body(&["Two bike shops."]);
    body["bid_amount"] = Value::Null;
    body["milestones"] = json!([]);
    body["hourly_rate"] = json!("90.00");
    let response = app
        .post_as(
            &format!(
                "/jobs/{}/proposals",
                dear["id"].as_str().unwrap_or_default()
            ),
            &freelancer.session.access_token,
            &body,
        )
        .await;
    expect_problem(response, 402, "not_enough_connects").await;
    assert_eq!(app.count("SELECT count(*) AS n FROM proposals"), 0);
    assert_eq!(connects(&app, &freelancer).await["balance"], 10);

    // Five identical submits at once: one proposal, one spend.
    let job = posted_job(&app, &client, json!({})).await;
    let job_id = job["id"].as_str().unwrap_or_default();
    let cost = job["connects_cost"].as_i64().unwrap_or_default();
    let results = join_all((0..5).map(|_| propose(&app, &freelancer, job_id))).await;
    let created = results.iter().filter(|r| r.status() == 201).count();
    let conflicts = results.iter().filter(|r| r.status() == 409).count();
    assert_eq!((created, conflicts), (1, 4));
    assert_eq!(connects(&app, &freelancer).await["balance"], 10 - cost);
    assert_eq!(
        app.count("SELECT count(*) AS n FROM connects_lines WHERE kind = 'spend'"),
        1
    );
    books_balance(&app);
}

#[actix_web::test]
async fn an_invitation_admits_a_freelancer_to_an_invite_only_job_for_free() {
    let app = TestApp::spawn().await;
    let client = verified(&app, "cli", &["client"]).await;
    let freelancer = verified(&app, "fran", &["freelancer"]).await;
    let other = verified(&app, "olga", &["freelancer"]).await;
    let job = posted_job(&app, &client, json!({"visibility": "invite_only"})).await;
    let job_id = job["id"].as_str().unwrap_or_default();

    // Not invited: the job is out of sight.
    let response = propose(&app, &other, job_id).await;
    expect_problem(response, 404, "not_found").await;

    let invite = |who: &Who| {
        post(
            &app,
            format!("/jobs/{job_id}/invitations"),
            &client.session.access_token,
            json!({"freelancer_id": who.id, "message": "Your portfolio is lovely; would you write ours?"}),
        )
    };
    let response = invite(&freelancer).await;
    assert_eq!(response.status(), 201);
    let invitation = json_of(response).await;
    let invitation_id = invitation["id"].as_str().unwrap_or_default().to_owned();
    assert_eq!(invitation["status"], "pending");
    expect_problem(invite(&freelancer).await, 409, "already_invited").await;
    // Invited, yet the paid route stays closed on an invite-only job.
    expect_problem(
        propose(&app, &freelancer, job_id).await,
        403,
        "invitation_required",
    )
    .await;

    let received = json_of(
        app.get_as("/me/invitations", &freelancer.session.access_token)
            .await,
    )
    .await;
    assert_eq!(received["data"][0]["id"], invitation_id.as_str());
    let sent = json_of(
        app.get_as(
            &format!("/jobs/{job_id}/invitations"),
            &client.session.access_token,
        )
        .await,
    )
    .await;
    assert_eq!(sent["data"][0]["freelancer"]["id"], freelancer.id.as_str());
    let response = app
        .get_as(
            &format!("/invitations/{invitation_id}"),
            &other.session.access_token,
        )
        .await;
    expect_problem(response, 404, "not_found").await;

    let accepted = app
        .post_as(
            &format!("/invitations/{invitation_id}/accept"),
            &freelancer.session.access_token,
            &proposal_body(&["Two bike shops."]),
        )
        .await;
    assert_eq!(accepted.status(), 201);
    let proposal = json_of(accepted).await;
    assert_eq!(proposal["connects_spent"], 0);
    assert_eq!(proposal["invitation_id"], invitation_id.as_str());
    assert_eq!(connects(&app, &freelancer).await["balance"], 10);
    let answered = app
        .post_as(
            &format!("/invitations/{invitation_id}/decline"),
            &freelancer.session.access_token,
            &json!({}),
        )
        .await;
    expect_problem(answered, 409, "invitation_answered").await;

    // The other freelancer declines theirs with a reason.
    let second = json_of(invite(&other).await).await;
    let declined = app
        .post_as(
            &format!(
                "/invitations/{}/decline",
                second["id"].as_str().unwrap_or_default()
            ),
            &other.session.access_token,
            &json!({"reason": "Fully booked until March"}),
        )
        .await;
    let declined = json_of(declined).await;
    assert_eq!(declined["status"], "declined");
    assert_eq!(declined["decline_reason"], "Fully booked until March");
    books_balance(&app);
}

/// A client with a posted job and a freelancer's proposal to it.
pub(crate) async fn proposal_on_a_job(app: &TestApp) -> (Who, Who, String, String) {
    let client = verified(app, "cli", &["client"]).await;
    let freelancer = verified(app, "fran", &["freelancer"]).await;
    let job = posted_job(app, &client, json!({})).await;
    let job_id = job["id"].as_str().unwrap_or_default().to_owned();
    let proposal = json_of(propose(app, &freelancer, &job_id).await).await;
    let proposal_id = proposal["id"].as_str().unwrap_or_default().to_owned();
    (client, freelancer, job_id, proposal_id)
}

#[actix_web::test]
async fn a_funded_fixed_offer_becomes_a_contract_with_its_first_milestone_in_escrow() {
    let app = TestApp::spawn().await;
    let (client, freelancer, job_id, proposal_id) = proposal_on_a_job(&app).await;
    let card = add_card(&app, &client, "4242 4242 4242 4242").await;

    let response = app
        .client
        .post(app.api("/offers"))
        .bearer_auth(&client.session.access_token)
        .header("Idempotency-Key", "offer-1")
        .json(&fixed_offer(&proposal_id, Some(&card)))
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(response.status(), 201);
    let offer = json_of(response).await;
    let offer_id = offer["id"].as_str().unwrap_or_default().to_owned();
    assert_eq!(offer["status"], "pending");
    assert_eq!(offer["total"], "700.00");
    assert_eq!(offer["milestones"][0]["status"], "funded");
    assert_eq!(offer["milestones"][0]["escrow"], "300.00");
    assert_eq!(offer["milestones"][1]["escrow"], "0.00");
    // The card covered 300.00 plus the 5% marketplace fee.
    let wallet = json_of(app.get_as("/wallet", &client.session.access_token).await).await;
    assert_eq!(wallet["escrow"], "300.00");
    assert_eq!(wallet["available"], "0.00");
    // A retry with the same key funds nothing twice.
    let retry = app
        .client
        .post(app.api("/offers"))
        .bearer_auth(&client.session.access_token)
        .header("Idempotency-Key", "offer-1")
        .json(&fixed_offer(&proposal_id, Some(&card)))
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(json_of(retry).await["id"], offer_id.as_str());
    assert_eq!(app.count("SELECT count(*) AS n FROM offers"), 1);
    // A second offer on the same proposal waits for this one.
    let another = app
        .post_as(
            "/offers",
            &client.session.access_token,
            &fixed_offer(&proposal_id, Some(&card)),
        )
        .await;
    expect_problem(another, 409, "offer_pending").await;

    // Only the parties see it; only the freelancer answers it.
    let stranger = verified(&app, "eve", &["client", "freelancer"]).await;
    let response = app
        .get_as(
            &format!("/offers/{offer_id}"),
            &stranger.session.access_token,
        )
        .await;
    expect_problem(response, 404, "not_found").await;
    let response = app
        .post_as(
            &format!("/offers/{offer_id}/accept"),
            &stranger.session.access_token,
            &json!({}),
        )
        .await;
    expect_problem(response, 404, "not_found").await;
    let response = app
        .post_as(
            &format!("/offers/{offer_id}/accept"),
            &client.session.access_token,
            &json!({}),
        )
        .await;
    expect_problem(response, 403, "not_your_action").await;
    let received = json_of(
        app.get_as("/me/offers", &freelancer.session.access_token)
            .await,
    )
    .await;
    assert_eq!(received["data"][0]["id"], offer_id.as_str());

    let accepted = app
        .post_as(
            &format!("/offers/{offer_id}/accept"),
            &freelancer.session.access_token,
            &json!({}),
        )
        .await;
    assert_eq!(accepted.status(), 200);
    let contract = json_of(accepted).await["contract"].clone();
    let contract_id = contract["id"].as_str().unwrap_or_default().to_owned();
    assert_eq!(contract["status"], "active");
    assert_eq!(contract["escrow"], "300.00");
    assert_eq!(contract["milestones"].as_array().map(Vec::len), Some(2));
    let again = app
        .post_as(
            &format!("/offers/{offer_id}/accept"),
            &freelancer.session.access_token,
            &json!({}),
        )
        .await;
    expect_problem(again, 409, "offer_not_pending").await;

    // Both parties see the contract; nobody else does.
    for who in [&client, &freelancer] {
        let seen = json_of(
            app.get_as(
                &format!("/contracts/{contract_id}"),
                &who.session.access_token,
            )
            .await,
        )
        .await;
        assert_eq!(seen["milestones"][0]["status"], "funded");
        assert_eq!(seen["client"]["id"], client.id.as_str());
        assert_eq!(seen["freelancer"]["id"], freelancer.id.as_str());
        let list = json_of(
            app.get_as("/contracts?status=active", &who.session.access_token)
                .await,
        )
        .await;
        assert_eq!(list["data"][0]["id"], contract_id.as_str());
    }
    let response = app
        .get_as(
            &format!("/contracts/{contract_id}"),
            &stranger.session.access_token,
        )
        .await;
    expect_problem(response, 404, "not_found").await;
    let proposal = json_of(
        app.get_as(
            &format!("/proposals/{proposal_id}"),
            &client.session.access_token,
        )
        .await,
    )
    .await;
    assert_eq!(proposal["status"], "hired");
    let job = json_of(
        app.get_as(&format!("/jobs/{job_id}"), &client.session.access_token)
            .await,
    )
    .await;
    assert_eq!(job["status"], "filled");
    books_balance(&app);
}

#[actix_web::test]
async fn a_card_that_fails_sends_no_offer_and_bad_terms_are_refused() {
    let app = TestApp::spawn().await;
    let (client, _freelancer, _job_id, proposal_id) = proposal_on_a_job(&app).await;
    // A card that verified but has no funds for the charge.
    let empty = add_card(&app, &client, "4000 0000 0000 9995").await;
    let response = app
        .post_as(
            "/offers",
            &client.session.access_token,
            &fixed_offer(&proposal_id, Some(&empty)),
        )
        .await;
    expect_problem(response, 402, "insufficient_funds").await;
    // No card and an empty wallet: nothing to fund with.
    let response = app
        .post_as(
            "/offers",
            &client.session.access_token,
            &fixed_offer(&proposal_id, None),
        )
        .await;
    expect_problem(response, 409, "insufficient_funds").await;
    assert_eq!(app.count("SELECT count(*) AS n FROM offers"), 0);
    assert_eq!(app.count("SELECT count(*) AS n FROM milestones"), 0);

    let mut small = fixed_offer(&proposal_id, None);
    small["milestones"][1]["amount"] = json!("4.99");
    let problem = expect_problem(
        app.post_as("/offers", &client.session.access_token, &small)
            .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(error_fields(&problem), ["milestones.1.amount"]);
    let hourly = json!({"proposal_id": proposal_id, "contract_type": "hourly", "hourly_rate": "2.00", "weekly_limit_hours": 100});
    let problem = expect_problem(
        app.post_as("/offers", &client.session.access_token, &hourly)
            .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(
        error_fields(&problem),
        ["hourly_rate", "weekly_limit_hours"]
    );

    // Someone else's proposal, or one that doesn't exist.
    let other = verified(&app, "other", &["client"]).await;
    let response = app
        .post_as(
            "/offers",
            &other.session.access_token,
            &fixed_offer(&proposal_id, None),
        )
        .await;
    expect_problem(response, 404, "not_found").await;
    let response = app
        .post_as(
            "/offers",
            &client.session.access_token,
            &fixed_offer(&uuid::Uuid::new_v4().to_string(), None),
        )
        .await;
    expect_problem(response, 404, "not_found").await;
    books_balance(&app);
}

#[actix_web::test]
async fn withdrawn_declined_and_expired_offers_give_the_escrow_back() {
    let app = TestApp::spawn().await;
    let (client, freelancer, _job_id, proposal_id) = proposal_on_a_job(&app).await;
    let card = add_card(&app, &client, "4242 4242 4242 4242").await;
    let send = || {
        post(
            &app,
            "/offers".to_owned(),
            &client.session.access_token,
            fixed_offer(&proposal_id, Some(&card)),
        )
    };
    let wallet =
        || async { json_of(app.get_as("/wallet", &client.session.access_token).await).await };

    let offer = json_of(send().await).await;
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
    let withdrawn = json_of(withdrawn).await;
    assert_eq!(withdrawn["status"], "withdrawn");
    assert_eq!(withdrawn["milestones"][0]["escrow"], "0.00");
    // The 300.00 and its 15.00 fee are back in the wallet.
    assert_eq!(wallet().await["available"], "315.00");
    assert_eq!(wallet().await["escrow"], "0.00");

    let offer = json_of(send().await).await;
    let declined = app
        .post_as(
            &format!(
                "/offers/{}/decline",
                offer["id"].as_str().unwrap_or_default()
            ),
            &freelancer.session.access_token,
            &json!({"reason": "The timeline doesn't suit me"}),
        )
        .await;
    let declined = json_of(declined).await;
    assert_eq!(declined["status"], "declined");
    assert_eq!(declined["decline_reason"], "The timeline doesn't suit me");
    assert_eq!(wallet().await["available"], "315.00");

    // Thirty days without an answer: expired by the worker, escrow refunded.
    let offer = json_of(send().await).await;
    let offer_id = offer["id"].as_str().unwrap_or_default().to_owned();
    app.advance_clock(Duration::days(30) - Duration::minutes(1));
    run_worker_passes(&app).await;
    let client_now = app.sign_in(&client.account).await.access_token;
    let still = json_of(
        app.get_as(&format!("/offers/{offer_id}"), &client_now)
            .await,
    )
    .await;
    assert_eq!(still["status"], "pending");
    app.advance_clock(Duration::minutes(2));
    run_worker_passes(&app).await;
    let expired = json_of(
        app.get_as(&format!("/offers/{offer_id}"), &client_now)
            .await,
    )
    .await;
    assert_eq!(expired["status"], "expired");
    let wallet = json_of(app.get_as("/wallet", &client_now).await).await;
    assert_eq!(
        (wallet["escrow"].as_str(), wallet["available"].as_str()),
        (Some("0.00"), Some("315.00"))
    );
    let freelancer_now = app.sign_in(&freelancer.account).await.access_token;
    let response = app
        .post_as(
            &format!("/offers/{offer_id}/accept"),
            &freelancer_now,
            &json!({}),
        )
        .await;
    expect_problem(response, 409, "offer_not_pending").await;
    books_balance(&app);
}

#[actix_web::test]
async fn accepting_and_withdrawing_at_the_same_moment_has_exactly_one_winner() {
    let app = TestApp::spawn().await;
    for round in 0..4 {
        let (client, freelancer, _job_id, proposal_id) = proposal_on_a_job(&app).await;
        let card = add_card(&app, &client, "4242 4242 4242 4242").await;
        let offer = json_of(
            app.post_as(
                "/offers",
                &client.session.access_token,
                &fixed_offer(&proposal_id, Some(&card)),
            )
            .await,
        )
        .await;
        let offer_id = offer["id"].as_str().unwrap_or_default();
        let accept = post(
            &app,
            format!("/offers/{offer_id}/accept"),
            &freelancer.session.access_token,
            json!({}),
        );
        let accept_again = post(
            &app,
            format!("/offers/{offer_id}/accept"),
            &freelancer.session.access_token,
            json!({}),
        );
        let withdraw = post(
            &app,
            format!("/offers/{offer_id}/withdraw"),
            &client.session.access_token,
            json!({}),
        );
        let (a, b, w) = futures_util::join!(accept, accept_again, withdraw);
        let wins = [a.status(), b.status(), w.status()]
            .iter()
            .filter(|s| s.as_u16() == 200)
            .count();
        assert_eq!(wins, 1, "round {round}");
        let wallet = json_of(app.get_as("/wallet", &client.session.access_token).await).await;
        let contracts = app.count(&format!(
            "SELECT count(*) AS n FROM contracts WHERE offer_id = '{offer_id}'"
        ));
        if w.status() == 200 {
            assert_eq!((contracts, wallet["escrow"].as_str()), (0, Some("0.00")));
        } else {
            assert_eq!((contracts, wallet["escrow"].as_str()), (1, Some("300.00")));
        }
    }
    books_balance(&app);
}

#[actix_web::test]
async fn cancelling_a_job_before_any_hire_refunds_every_proposals_connects() {
    let app = TestApp::spawn().await;
    let client = verified(&app, "cli", &["client"]).await;
    let job = posted_job(&app, &client, json!({})).await;
    let job_id = job["id"].as_str().unwrap_or_default();
    let mut freelancers = Vec::new();
    for name in ["ann", "bob", "cat"] {
        let who = verified(&app, name, &["freelancer"]).await;
        assert_eq!(propose(&app, &who, job_id).await.status(), 201);
        freelancers.push(who);
    }
    // One proposal withdrawn first still gets its Connects back with the rest.
    let mine = json_of(
        app.get_as("/me/proposals", &freelancers[0].session.access_token)
            .await,
    )
    .await;
    let first = mine["data"][0]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    app.post_as(
        &format!("/proposals/{first}/withdraw"),
        &freelancers[0].session.access_token,
        &json!({}),
    )
    .await;

    // A pending offer holds the cancellation back.
    let second = json_of(
        app.get_as("/me/proposals", &freelancers[1].session.access_token)
            .await,
    )
    .await;
    let card = add_card(&app, &client, "4242 4242 4242 4242").await;
    let offer = json_of(
        app.post_as(
            "/offers",
            &client.session.access_token,
            &fixed_offer(
                second["data"][0]["id"].as_str().unwrap_or_default(),
                Some(&card),
            ),
        )
        .await,
    )
    .await;
    let cancel = || {
        post(
            &app,
            format!("/jobs/{job_id}/cancel"),
            &client.session.access_token,
            json!({}),
        )
    };
    expect_problem(cancel().await, 409, "offer_pending").await;
    app.post_as(
        &format!(
            "/offers/{}/withdraw",
            offer["id"].as_str().unwrap_or_default()
        ),
        &client.session.access_token,
        &json!({}),
    )
    .await;

    assert_eq!(cancel().await.status(), 200);
    for who in &freelancers {
        let summary = connects(&app, who).await;
        assert_eq!(summary["balance"], 10, "{summary}");
        assert_eq!(summary["data"][0]["kind"], "refund");
    }
    books_balance(&app);
}

pub(crate) async fn upload(
    app: &TestApp,
    who: &Who,
    name: &str,
    bytes: &[u8],
) -> reqwest::Response {
    let part = reqwest::multipart::Part::bytes(bytes.to_vec()).file_name(name.to_owned());
    app.client
        .post(app.api("/attachments"))
        .bearer_auth(&who.session.access_token)
        .multipart(reqwest::multipart::Form::new().part("file", part))
        .send()
        .await
        .unwrap_or_else(|e| panic!("upload: {e}"))
}

#[actix_web::test]
async fn proposal_attachments_reach_the_client_and_nobody_else() {
    let app = TestApp::spawn().await;
    let client = verified(&app, "cli", &["client"]).await;
    let freelancer = verified(&app, "fran", &["freelancer"]).await;
    let stranger = verified(&app, "eve", &["client", "freelancer"]).await;
    let job = posted_job(&app, &client, json!({})).await;
    let job_id = job["id"].as_str().unwrap_or_default();

    let response = upload(
        &app,
        &freelancer,
        "../portfolio \"2026\".pdf",
        b"%PDF-1.7\n%...",
    )
    .await;
    assert_eq!(response.status(), 201);
    let file = json_of(response).await;
    assert_eq!(file["filename"], "portfolio 2026.pdf");
    assert_eq!(file["content_type"], "application/pdf");
    let file_id = file["id"].as_str().unwrap_or_default().to_owned();

    // Markup a browser would run, and executables, are refused whatever their name.
    for (name, bytes) in [
        ("page.html", &b"<html><script>alert(1)</script>"[..]),
        ("logo.svg", &b"<svg onload=alert(1)>"[..]),
        ("cv.pdf", &b"MZ\x90\0 not a pdf"[..]),
        ("empty.txt", &b""[..]),
    ] {
        let response = upload(&app, &freelancer, name, bytes).await;
        let problem = expect_problem(response, 422, "validation_failed").await;
        assert_eq!(error_fields(&problem), ["file"], "{name}");
    }
    // Files (for proposals, deliveries and messages) may be 25 MB (SPEC §11 policy).
    let just_fits = vec![b'a'; 25 * 1024 * 1024];
    assert_eq!(
        upload(&app, &freelancer, "big.txt", &just_fits)
            .await
            .status(),
        201
    );
    let too_big = vec![b'a'; 25 * 1024 * 1024 + 1];
    let response = upload(&app, &freelancer, "big.txt", &too_big).await;
    assert_eq!(response.status(), 413);
    let response = app
        .post_as(
            "/attachments",
            &freelancer.session.access_token,
            &json!({"file": "x"}),
        )
        .await;
    expect_problem(response, 400, "invalid_upload").await;

    // Someone else's upload can't be attached.
    let theirs = json_of(upload(&app, &stranger, "notes.txt", b"hello").await).await;
    let mut body = proposal_body(&["Two bike shops."]);
    body["attachment_ids"] = json!([theirs["id"]]);
    let path = format!("/jobs/{job_id}/proposals");
    let problem = expect_problem(
        app.post_as(&path, &freelancer.session.access_token, &body)
            .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(error_fields(&problem), ["attachment_ids"]);

    body["attachment_ids"] = json!([file_id]);
    let proposal = json_of(
        app.post_as(&path, &freelancer.session.access_token, &body)
            .await,
    )
    .await;
    assert_eq!(proposal["attachment_ids"][0], file_id.as_str());
    assert_eq!(proposal["attachments"][0]["id"], file_id.as_str());
    assert!(proposal["attachments"][0]["filename"].is_string());
    assert!(
        proposal["attachments"][0]["size"]
            .as_i64()
            .is_some_and(|n| n > 0)
    );

    // The job's owner downloads it; a stranger gets 404.
    let download = |who: &Who| {
        app.client
            .get(app.api(&format!("/attachments/{file_id}")))
            .bearer_auth(who.session.access_token.clone())
            .send()
    };
    let response = download(&client).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(response.status(), 200);
    assert_eq!(
        response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("application/pdf")
    );
    assert!(
        response
            .headers()
            .get("content-disposition")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("attachment;"))
    );
    assert_eq!(
        response.bytes().await.unwrap_or_default().as_ref(),
        b"%PDF-1.7\n%..."
    );
    let response = download(&stranger).await.unwrap_or_else(|e| panic!("{e}"));
    expect_problem(response, 404, "not_found").await;
}

#[actix_web::test]
async fn an_hourly_offer_starts_an_hourly_contract_and_search_learns_the_client_hires() {
    let app = TestApp::spawn().await;
    let client = verified(&app, "cli", &["client"]).await;
    let freelancer = verified(&app, "fran", &["freelancer"]).await;
    let hourly = posted_job(
        &app,
        &client,
        json!({"job_type": "hourly", "budget": null, "hourly_min": "30.00", "hourly_max": "50.00"}),
    )
    .await;
    let other = posted_job(
        &app,
        &client,
        json!({"title": "Product descriptions for a bike shop"}),
    )
    .await;
    let mut body = proposal_body(&["Two bike shops."]);
    body["bid_amount"] = Value::Null;
    body["milestones"] = json!([]);
    body["hourly_rate"] = json!("45.00");
    let proposal = json_of(
        app.post_as(
            &format!(
                "/jobs/{}/proposals",
                hourly["id"].as_str().unwrap_or_default()
            ),
            &freelancer.session.access_token,
            &body,
        )
        .await,
    )
    .await;
    assert_eq!(proposal["fee"], "4.50");
    assert_eq!(proposal["net"], "40.50");
    let proposal_id = proposal["id"].as_str().unwrap_or_default();

    let offer = json!({"proposal_id": proposal_id, "contract_type": "hourly", "hourly_rate": "45.00",
                       "weekly_limit_hours": 20, "manual_time_allowed": true});
    let response = app
        .post_as("/offers", &client.session.access_token, &offer)
        .await;
    assert_eq!(response.status(), 201);
    let offer = json_of(response).await;
    assert_eq!(offer["total"], Value::Null);
    assert_eq!(offer["milestones"], json!([]));
    // Nothing is funded up front, and the proposal can't be declined under the offer.
    let wallet = json_of(app.get_as("/wallet", &client.session.access_token).await).await;
    assert_eq!(wallet["escrow"], "0.00");
    let response = app
        .post_as(
            &format!("/proposals/{proposal_id}/decline"),
            &client.session.access_token,
            &json!({}),
        )
        .await;
    expect_problem(response, 409, "offer_pending").await;

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
    assert_eq!(contract["contract_type"], "hourly");
    assert_eq!(contract["hourly_rate"], "45.00");
    assert_eq!(contract["weekly_limit_hours"], 20);
    assert_eq!(contract["manual_time_allowed"], true);
    assert_eq!(contract["total"], Value::Null);

    // The client's other open job now says the client hires.
    let found = json_of(app.get("/jobs?client_has_hires=true").await).await;
    let ids: Vec<&str> = found["data"].as_array().map_or_else(Vec::new, |d| {
        d.iter().filter_map(|j| j["id"].as_str()).collect()
    });
    assert_eq!(ids, [other["id"].as_str().unwrap_or_default()]);
    books_balance(&app);
}
