//! The signed-in user's account: read and edit (allowed before verification).

use serde_json::{Value, json};
use worklane_tests::{TestApp, error_fields, expect_problem};

async fn patch_me(app: &TestApp, token: &str, body: &Value) -> reqwest::Response {
    app.client
        .patch(app.api("/me"))
        .bearer_auth(token)
        .json(body)
        .send()
        .await
        .unwrap_or_else(|e| panic!("PATCH /me: {e}"))
}

#[actix_web::test]
async fn an_unverified_user_can_edit_their_account() {
    let app = TestApp::spawn().await;
    let account = app.signup_freelancer().await;
    let session = app.sign_in(&account).await;
    let response = patch_me(
        &app,
        &session.access_token,
        &json!({ "full_name": "Ada King", "timezone": "Europe/Paris" }),
    )
    .await;
    assert_eq!(response.status(), 200);
    let user: Value = response.json().await.unwrap_or_default();
    assert_eq!(user["full_name"], "Ada King");
    assert_eq!(user["timezone"], "Europe/Paris");
    assert_eq!(user["country"], "GB");
}

#[actix_web::test]
async fn account_edits_follow_the_sign_up_rules_and_write_nothing_when_invalid() {
    let app = TestApp::spawn().await;
    let account = app.signup_freelancer().await;
    let session = app.sign_in(&account).await;
    let response = patch_me(
        &app,
        &session.access_token,
        &json!({ "full_name": "Ada King", "country": "ZZ" }),
    )
    .await;
    let problem = expect_problem(response, 422, "validation_failed").await;
    assert_eq!(error_fields(&problem), vec!["country"]);
    let me: Value = app
        .get_as("/me", &session.access_token)
        .await
        .json()
        .await
        .unwrap_or_default();
    assert_eq!(me["full_name"], "Ada Lovelace");
}

#[actix_web::test]
async fn the_account_fields_that_are_not_editable_stay_put() {
    let app = TestApp::spawn().await;
    let account = app.signup_freelancer().await;
    let session = app.sign_in(&account).await;
    // Mass assignment: the request DTO has no such fields, so they are ignored.
    let body = json!({ "email": "evil@example.com", "roles": ["admin"], "email_verified": true });
    let user: Value = patch_me(&app, &session.access_token, &body)
        .await
        .json()
        .await
        .unwrap_or_default();
    assert_eq!(user["email"], account.email);
    assert_eq!(user["roles"], json!(["freelancer"]));
    assert_eq!(user["email_verified"], false);
}

#[actix_web::test]
async fn create_admin_makes_a_verified_admin_or_promotes_an_existing_account() {
    let app = TestApp::spawn().await;
    let state = worklane_api::server::build_command_state(app.config.clone(), app.clock.clone());
    let mut conn = app.db.connect();
    let admin = worklane_app::auth::create_admin(
        &mut conn,
        &state.ctx,
        "Root@Example.com",
        "violet tugboat marmalade",
        "Root",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(admin.is_admin && admin.email_verified());
    assert_eq!(admin.email, "root@example.com");

    let member = app.signup_client().await;
    let promoted = worklane_app::auth::create_admin(
        &mut conn,
        &state.ctx,
        &member.email,
        "ignored password",
        "x",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(promoted.is_admin && promoted.is_client);
    let session = app.sign_in(&member).await;
    let me: Value = app
        .get_as("/me", &session.access_token)
        .await
        .json()
        .await
        .unwrap_or_default();
    assert_eq!(me["roles"], json!(["client", "admin"]));
}

#[actix_web::test]
async fn the_demo_seed_is_idempotent_and_its_accounts_sign_in() {
    let app = TestApp::spawn().await;
    let state = worklane_api::server::build_command_state(app.config.clone(), app.clock.clone());
    let mut conn = app.db.connect();
    let first =
        worklane_api::seed::seed_demo(&mut conn, &state.ctx).unwrap_or_else(|e| panic!("{e}"));
    let second =
        worklane_api::seed::seed_demo(&mut conn, &state.ctx).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((first, second), (3, 0));
    for demo in worklane_api::seed::DEMO_ACCOUNTS {
        assert_eq!(
            app.login(demo.email, worklane_api::seed::DEMO_PASSWORD)
                .await
                .status(),
            200
        );
    }
    // The demo client has jobs of their own: two open, one draft, added once.
    assert_eq!(
        app.count("SELECT count(*) AS n FROM jobs WHERE status = 'open'"),
        2
    );
    assert_eq!(
        app.count("SELECT count(*) AS n FROM jobs WHERE status = 'draft'"),
        1
    );
}
