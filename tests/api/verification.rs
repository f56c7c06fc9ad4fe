//! SPEC §1 email verification: a single-use token through the outbox; unverified
//! accounts can sign in and edit their account but not post, propose or move money.

use serde_json::{Value, json};
use worklane_tests::{TestApp, expect_problem};

#[actix_web::test]
async fn the_link_in_the_email_verifies_the_account() {
    let app = TestApp::spawn().await;
    let account = app.signup_client().await;
    let token = app.verification_token(&account.email, 1).await;
    let response = app
        .post("/auth/verify-email", &json!({ "token": token }))
        .await;
    assert_eq!(response.status(), 200);
    let user: Value = response.json().await.unwrap_or_default();
    assert_eq!(user["email_verified"], true);
    let session = app.sign_in(&account).await;
    let me: Value = app
        .get_as("/me", &session.access_token)
        .await
        .json()
        .await
        .unwrap_or_default();
    assert_eq!(me["email_verified"], true);
}

#[actix_web::test]
async fn a_verification_link_works_once() {
    let app = TestApp::spawn().await;
    let account = app.signup_client().await;
    let token = app.verification_token(&account.email, 1).await;
    assert_eq!(
        app.post("/auth/verify-email", &json!({ "token": token }))
            .await
            .status(),
        200
    );
    expect_problem(
        app.post("/auth/verify-email", &json!({ "token": token }))
            .await,
        400,
        "invalid_token",
    )
    .await;
}

#[actix_web::test]
async fn a_verification_link_expires_after_48_hours() {
    let app = TestApp::spawn().await;
    let account = app.signup_client().await;
    let token = app.verification_token(&account.email, 1).await;
    app.advance_clock(chrono::Duration::hours(48));
    expect_problem(
        app.post("/auth/verify-email", &json!({ "token": token }))
            .await,
        400,
        "invalid_token",
    )
    .await;
    assert_eq!(
        app.count("SELECT count(*) AS n FROM users WHERE email_verified_at IS NOT NULL"),
        0
    );
}

#[actix_web::test]
async fn a_made_up_token_verifies_nothing() {
    let app = TestApp::spawn().await;
    app.signup_client().await;
    expect_problem(
        app.post("/auth/verify-email", &json!({ "token": "made-up" }))
            .await,
        400,
        "invalid_token",
    )
    .await;
    expect_problem(
        app.post("/auth/verify-email", &json!({ "token": "" }))
            .await,
        422,
        "validation_failed",
    )
    .await;
}

#[actix_web::test]
async fn an_unverified_account_can_sign_in_but_not_use_restricted_endpoints() {
    let app = TestApp::spawn().await;
    let account = app.signup_freelancer().await;
    let session = app.sign_in(&account).await;
    let problem = expect_problem(
        app.post_as("/__probe/verified-only", &session.access_token, &json!({}))
            .await,
        403,
        "email_unverified",
    )
    .await;
    assert!(
        problem["detail"]
            .as_str()
            .unwrap_or_default()
            .contains("Verify your email")
    );

    app.verify_email(&account).await;
    let allowed = app
        .post_as("/__probe/verified-only", &session.access_token, &json!({}))
        .await;
    assert_eq!(allowed.status(), 204);
}

#[actix_web::test]
async fn an_unverified_user_can_ask_for_a_new_link_and_either_link_works() {
    let app = TestApp::spawn().await;
    let account = app.signup_client().await;
    let session = app.sign_in(&account).await;
    let response = app
        .post_as(
            "/auth/resend-verification",
            &session.access_token,
            &json!({}),
        )
        .await;
    assert_eq!(response.status(), 202);
    let token = app.verification_token(&account.email, 2).await;
    assert_eq!(
        app.post("/auth/verify-email", &json!({ "token": token }))
            .await
            .status(),
        200
    );
    let again = app
        .post_as(
            "/auth/resend-verification",
            &session.access_token,
            &json!({}),
        )
        .await;
    expect_problem(again, 409, "already_verified").await;
}
