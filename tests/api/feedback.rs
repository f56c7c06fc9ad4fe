//! SPEC §10 feedback and §2 reputation: each party of an ended contract leaves a public
//! rating with a comment and a private score within 14 days; nothing shows until both
//! wrote or the window closed; public feedback shows on profiles only for contracts that
//! paid at least 1.00; the Job Success Score and Top Rated follow from revealed feedback.

use crate::delivery::{act, contract};
use crate::hiring::{
    Who, add_card, json_of, post, posted_job, proposal_body, run_worker_passes, verified,
};
use chrono::Duration;
use serde_json::{Value, json};
use worklane_tests::{TestApp, error_fields, expect_problem};

fn id_of(value: &Value) -> String {
    value["id"].as_str().unwrap_or_default().to_owned()
}

async fn end(app: &TestApp, who: &Who, contract_id: &str) -> reqwest::Response {
    post(
        app,
        format!("/contracts/{contract_id}/end"),
        &who.session.access_token,
        json!({}),
    )
    .await
}

async fn leave(app: &TestApp, who: &Who, contract_id: &str, body: Value) -> reqwest::Response {
    post(
        app,
        format!("/contracts/{contract_id}/feedback"),
        &who.session.access_token,
        body,
    )
    .await
}

async fn feedback(app: &TestApp, who: &Who, contract_id: &str) -> Value {
    json_of(
        app.get_as(
            &format!("/contracts/{contract_id}/feedback"),
            &who.session.access_token,
        )
        .await,
    )
    .await
}

fn good(rating: i64) -> Value {
    json!({"rating": rating, "comment": "Clear brief, quick answers and paid on time.", "private_score": 9})
}

/// A contract with its first milestone (300.00) approved, ended by the client.
async fn paid_and_ended(app: &TestApp) -> (Who, Who, String) {
    let (client, freelancer, contract) = contract(app).await;
    let id = id_of(&contract);
    let first = contract["milestones"][0]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    act(
        app,
        &freelancer,
        &first,
        "submit",
        json!({"message": "Done."}),
    )
    .await;
    act(app, &client, &first, "approve", json!({})).await;
    // Feedback waits for the end.
    expect_problem(
        leave(app, &client, &id, good(5)).await,
        409,
        "contract_not_ended",
    )
    .await;
    assert_eq!(end(app, &client, &id).await.status(), 200);
    (client, freelancer, id)
}

#[actix_web::test]
async fn feedback_is_double_blind_until_both_parties_have_written() {
    let app = TestApp::spawn().await;
    let (client, freelancer, id) = paid_and_ended(&app).await;
    let stranger = verified(&app, "stranger", &["client"]).await;
    expect_problem(leave(&app, &stranger, &id, good(5)).await, 404, "not_found").await;
    expect_problem(
        app.get_as(
            &format!("/contracts/{id}/feedback"),
            &stranger.session.access_token,
        )
        .await,
        404,
        "not_found",
    )
    .await;

    // Out-of-range numbers, wrong types and no comment are refused, naming the fields.
    let problem = expect_problem(
        leave(
            &app,
            &client,
            &id,
            json!({"rating": 6, "comment": "ok", "private_score": 11}),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(error_fields(&problem), ["rating", "private_score"]);
    let problem = expect_problem(
        leave(
            &app,
            &client,
            &id,
            json!({"rating": 0, "comment": "ok", "private_score": -1}),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(error_fields(&problem), ["rating", "private_score"]);
    expect_problem(
        leave(
            &app,
            &client,
            &id,
            json!({"rating": "five", "comment": "ok", "private_score": 9}),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    expect_problem(
        leave(
            &app,
            &client,
            &id,
            json!({"rating": 4.5, "comment": "ok", "private_score": 9}),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    let problem = expect_problem(
        leave(
            &app,
            &client,
            &id,
            json!({"rating": 5, "comment": "", "private_score": 9}),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(error_fields(&problem), ["comment"]);
    assert_eq!(app.count("SELECT count(*) AS n FROM contract_feedback"), 0);

    let window = feedback(&app, &client, &id).await;
    assert_eq!(window["can_leave"], true);
    assert!(window["window_closes_at"].is_string());

    // The client writes: they see their own (with the private score); the freelancer
    // learns only that it exists; nothing is public yet.
    let mine = leave(&app, &client, &id, good(5)).await;
    assert_eq!(mine.status(), 201);
    let mine = json_of(mine).await;
    assert_eq!(
        (
            mine["revealed"].as_bool(),
            mine["mine"]["private_score"].as_i64()
        ),
        (Some(false), Some(9))
    );
    expect_problem(
        leave(&app, &client, &id, good(1)).await,
        409,
        "feedback_already_given",
    )
    .await;
    let theirs = feedback(&app, &freelancer, &id).await;
    assert_eq!(
        (
            theirs["theirs_written"].as_bool(),
            theirs["theirs"].is_null()
        ),
        (Some(true), true)
    );
    let profile = format!("/freelancers/{}", freelancer.id);
    assert_eq!(
        json_of(app.get(&format!("{profile}/reviews")).await).await["data"],
        json!([])
    );
    assert!(json_of(app.get(&profile).await).await["reputation"]["rating"].is_null());

    // The freelancer writes: both are revealed, the private scores stay private.
    let revealed = json_of(
        leave(
            &app,
            &freelancer,
            &id,
            json!({"rating": 4, "comment": "Friendly <b>client</b>.", "private_score": 7}),
        )
        .await,
    )
    .await;
    assert_eq!(revealed["revealed"], true);
    assert_eq!(revealed["theirs"]["rating"], 5);
    assert!(revealed["theirs"]["private_score"].is_null());
    let client_view = feedback(&app, &client, &id).await;
    assert_eq!(client_view["theirs"]["comment"], "Friendly <b>client</b>.");
    assert_eq!(client_view["can_leave"], false);

    let reviews = json_of(app.get(&format!("{profile}/reviews")).await).await;
    assert_eq!(reviews["data"][0]["rating"], 5);
    assert_eq!(reviews["data"][0]["author"]["role"], "client");
    assert!(reviews["data"][0].get("private_score").is_none());
    let about_client = json_of(app.get(&format!("/clients/{}/reviews", client.id)).await).await;
    assert_eq!(about_client["data"][0]["rating"], 4);
    let reputation = &json_of(app.get(&profile).await).await["reputation"];
    assert_eq!(
        (
            reputation["rating"].as_str(),
            reputation["reviews"].as_i64()
        ),
        (Some("5.00"), Some(1))
    );
    assert!(
        reputation["job_success_score"].is_null(),
        "one contract is not enough for a score"
    );
    assert_eq!(reputation["total_earned_band"], "under_1k");
    let client_profile = json_of(app.get(&format!("/clients/{}", client.id)).await).await;
    assert_eq!(client_profile["stats"]["rating"], "4.00");
    assert_eq!(client_profile["stats"]["total_spent"], "300.00");
    assert_eq!(client_profile["stats"]["hire_rate"], 100);

    // Each side was told.
    for who in [&client, &freelancer] {
        let notes = json_of(
            app.get_as("/notifications", &who.session.access_token)
                .await,
        )
        .await;
        assert_eq!(notes["data"][0]["kind"], "feedback_received");
    }
}

#[actix_web::test]
async fn the_window_closes_fourteen_days_after_the_end_and_reveals_what_was_written() {
    let app = TestApp::spawn().await;
    let (mut client, mut freelancer, id) = paid_and_ended(&app).await;
    assert_eq!(leave(&app, &client, &id, good(5)).await.status(), 201);

    app.advance_clock(Duration::days(14) - Duration::minutes(1));
    run_worker_passes(&app).await;
    freelancer.fresh(&app).await;
    let view = feedback(&app, &freelancer, &id).await;
    assert_eq!(
        (view["revealed"].as_bool(), view["can_leave"].as_bool()),
        (Some(false), Some(true))
    );

    app.advance_clock(Duration::minutes(2));
    freelancer.fresh(&app).await;
    expect_problem(
        leave(&app, &freelancer, &id, good(5)).await,
        409,
        "feedback_window_closed",
    )
    .await;
    run_worker_passes(&app).await;
    client.fresh(&app).await;
    let view = feedback(&app, &freelancer, &id).await;
    assert_eq!(view["revealed"], true);
    assert_eq!(view["theirs"]["rating"], 5);
    assert!(feedback(&app, &client, &id).await["theirs"].is_null());
    let reviews = json_of(
        app.get(&format!("/freelancers/{}/reviews", freelancer.id))
            .await,
    )
    .await;
    assert_eq!(reviews["data"].as_array().map(Vec::len), Some(1));
}

#[actix_web::test]
async fn feedback_on_a_contract_that_paid_nothing_stays_off_profiles() {
    let app = TestApp::spawn().await;
    let (client, freelancer, contract) = contract(&app).await;
    let id = id_of(&contract);
    let first = contract["milestones"][0]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    // The funded milestone goes back to the client, so nothing was paid.
    act(
        &app,
        &client,
        &first,
        "request-refund",
        json!({"message": "Plans changed."}),
    )
    .await;
    act(&app, &freelancer, &first, "agree-refund", json!({})).await;
    assert_eq!(end(&app, &freelancer, &id).await.status(), 200);
    leave(&app, &client, &id, good(5)).await;
    let both = json_of(leave(&app, &freelancer, &id, good(5)).await).await;
    assert_eq!(both["revealed"], true);
    assert_eq!(
        json_of(
            app.get(&format!("/freelancers/{}/reviews", freelancer.id))
                .await
        )
        .await["data"],
        json!([])
    );
    assert_eq!(
        json_of(app.get(&format!("/clients/{}/reviews", client.id)).await).await["data"],
        json!([])
    );
    assert!(json_of(app.get(&format!("/freelancers/{}", freelancer.id)).await).await["reputation"]["rating"].is_null());
}

/// A one-milestone contract between these two, paid and ended, rated by both.
async fn rated_contract(app: &TestApp, client: &Who, freelancer: &Who, amount: &str, rating: i64) {
    let job = posted_job(app, client, json!({"visibility": "invite_only"})).await;
    let invitation = json_of(
        post(
            app,
            format!("/jobs/{}/invitations", id_of(&job)),
            &client.session.access_token,
            json!({"freelancer_id": freelancer.id, "message": "Again?"}),
        )
        .await,
    )
    .await;
    let mut body = proposal_body(&["Yes."]);
    body["bid_amount"] = json!(amount);
    body["milestones"] = json!([{"title": "All of it", "amount": amount}]);
    let proposal = json_of(
        post(
            app,
            format!("/invitations/{}/accept", id_of(&invitation)),
            &freelancer.session.access_token,
            body,
        )
        .await,
    )
    .await;
    let card = add_card(app, client, "4242 4242 4242 4242").await;
    let offer = json_of(
        post(
            app,
            "/offers".to_owned(),
            &client.session.access_token,
            json!({
        "proposal_id": proposal["id"], "contract_type": "fixed", "payment_method_id": card,
        "milestones": [{"title": "All of it", "amount": amount}]}),
        )
        .await,
    )
    .await;
    let contract = json_of(
        post(
            app,
            format!("/offers/{}/accept", id_of(&offer)),
            &freelancer.session.access_token,
            json!({}),
        )
        .await,
    )
    .await["contract"]
        .clone();
    let milestone = contract["milestones"][0]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    act(
        app,
        freelancer,
        &milestone,
        "submit",
        json!({"message": "Done."}),
    )
    .await;
    act(app, client, &milestone, "approve", json!({})).await;
    let id = id_of(&contract);
    assert_eq!(end(app, client, &id).await.status(), 200);
    assert_eq!(leave(app, client, &id, good(rating)).await.status(), 201);
    assert_eq!(leave(app, freelancer, &id, good(5)).await.status(), 201);
}

#[actix_web::test]
async fn three_good_contracts_with_two_clients_earn_a_score_top_rated_and_a_place_in_search() {
    let app = TestApp::spawn().await;
    let first = verified(&app, "first", &["client"]).await;
    let second = verified(&app, "second", &["client"]).await;
    let freelancer = verified(&app, "pro", &["freelancer"]).await;
    let saved = app
        .put_as(
            "/me/freelancer-profile",
            &freelancer.session.access_token,
            &crate::profiles::profile_body(),
        )
        .await;
    assert_eq!(saved.status(), 200);
    let profile = format!("/freelancers/{}", freelancer.id);

    rated_contract(&app, &first, &freelancer, "400.00", 5).await;
    rated_contract(&app, &second, &freelancer, "400.00", 5).await;
    assert!(json_of(app.get(&profile).await).await["reputation"]["job_success_score"].is_null());
    rated_contract(&app, &first, &freelancer, "400.00", 4).await;
    let reputation = json_of(app.get(&profile).await).await["reputation"].clone();
    assert_eq!(reputation["job_success_score"], 100);
    assert_eq!(reputation["badges"], json!(["top_rated"]));
    assert_eq!(reputation["rating"], "4.67");
    assert_eq!(reputation["total_earned_band"], "1k_plus");

    // Talent search filters and sorts by it (the index follows within a moment).
    let mut found = Value::Null;
    for _ in 0..50 {
        found = json_of(app.get("/freelancers?min_jss=90&sort=jss").await).await;
        if found["data"][0]["id"] == freelancer.id.as_str() {
            break;
        }
        actix_web::rt::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(found["data"][0]["id"], freelancer.id.as_str(), "{found}");
    assert_eq!(found["data"][0]["jss"], 100);
    assert_eq!(found["data"][0]["badges"], json!(["top_rated"]));
}
