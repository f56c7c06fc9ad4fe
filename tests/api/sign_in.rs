//! SPEC §1 sign-in and access tokens: 15-minute JWTs, checked on every request.

use base64::Engine as _;
use serde_json::Value;
use worklane_tests::{TestApp, expect_problem};

#[actix_web::test]
async fn signing_in_returns_a_bearer_pair_and_the_user() {
    let app = TestApp::spawn().await;
    let account = app.signup_client().await;
    let response = app.login(&account.email, &account.password).await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response
            .headers()
            .get("cache-control")
            .and_then(|v| v.to_str().ok()),
        Some("no-store")
    );
    let body: Value = response.json().await.unwrap_or_default();
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 900);
    assert_eq!(body["user"]["email"], account.email);
    let me: Value = app
        .get_as("/me", body["access_token"].as_str().unwrap_or_default())
        .await
        .json()
        .await
        .unwrap_or_default();
    assert_eq!(me["id"], account.id.as_str());
}

#[actix_web::test]
async fn emails_are_matched_whatever_their_case() {
    let app = TestApp::spawn().await;
    let account = app.signup_client().await;
    assert_eq!(
        app.login(&account.email.to_uppercase(), &account.password)
            .await
            .status(),
        200
    );
}

#[actix_web::test]
async fn a_wrong_password_and_an_unknown_email_get_the_same_generic_answer() {
    let app = TestApp::spawn().await;
    let account = app.signup_client().await;
    let wrong = expect_problem(
        app.login(&account.email, "not the password at all").await,
        401,
        "invalid_credentials",
    )
    .await;
    let unknown = expect_problem(
        app.login("nobody@example.com", "not the password at all")
            .await,
        401,
        "invalid_credentials",
    )
    .await;
    assert_eq!(wrong["detail"], unknown["detail"]);
}

#[actix_web::test]
async fn an_access_token_expires_after_15_minutes() {
    let app = TestApp::spawn().await;
    let account = app.signup_client().await;
    let session = app.sign_in(&account).await;
    app.advance_clock(chrono::Duration::minutes(14));
    assert_eq!(app.get_as("/me", &session.access_token).await.status(), 200);
    app.advance_clock(chrono::Duration::minutes(1));
    let response = app.get_as("/me", &session.access_token).await;
    let challenge = response
        .headers()
        .get("www-authenticate")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(
        challenge.starts_with("Bearer error=\"invalid_token\""),
        "{challenge}"
    );
    expect_problem(response, 401, "token_expired").await;
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

#[actix_web::test]
async fn a_token_signed_with_another_key_is_refused() {
    let app = TestApp::spawn().await;
    let account = app.signup_client().await;
    let session = app.sign_in(&account).await;
    // Same claims, re-signed with a key that is not the server's.
    let parts: Vec<&str> = session.access_token.split('.').collect();
    let keys = worklane_app::tokens::TokenKeys::from_secret(b"an attacker's secret, long enough..");
    let claims: Value = serde_json::from_slice(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(parts[1])
            .unwrap_or_default(),
    )
    .unwrap_or_default();
    let forged = keys
        .issue(
            claims["sub"]
                .as_str()
                .unwrap_or_default()
                .parse()
                .unwrap_or_default(),
            claims["sid"]
                .as_str()
                .unwrap_or_default()
                .parse()
                .unwrap_or_default(),
            worklane_tests::start_of_test_time(),
            chrono::Duration::minutes(15),
        )
        .unwrap_or_default();
    expect_problem(app.get_as("/me", &forged).await, 401, "invalid_token").await;
}

#[actix_web::test]
async fn an_unsigned_alg_none_token_is_refused() {
    let app = TestApp::spawn().await;
    let account = app.signup_client().await;
    let session = app.sign_in(&account).await;
    let claims = session
        .access_token
        .split('.')
        .nth(1)
        .unwrap_or_default()
        .to_owned();
    let header = b64(br#"{"alg":"none","typ":"JWT"}"#);
    expect_problem(
        app.get_as("/me", &format!("{header}.{claims}.")).await,
        401,
        "invalid_token",
    )
    .await;
}

#[actix_web::test]
async fn requests_without_a_usable_bearer_token_are_unauthenticated() {
    let app = TestApp::spawn().await;
    expect_problem(app.get("/me").await, 401, "unauthenticated").await;
    let basic = app
        .client
        .get(app.api("/me"))
        .header("authorization", "Basic YWRhOnB3")
        .send()
        .await;
    expect_problem(
        basic.unwrap_or_else(|e| panic!("{e}")),
        401,
        "invalid_token",
    )
    .await;
    expect_problem(app.get_as("/me", "garbage").await, 401, "invalid_token").await;
}

#[actix_web::test]
async fn a_bad_sign_in_body_is_refused_by_field() {
    let app = TestApp::spawn().await;
    let response = app
        .post(
            "/auth/login",
            &serde_json::json!({ "email": "a@example.com" }),
        )
        .await;
    let problem = expect_problem(response, 422, "validation_failed").await;
    assert_eq!(worklane_tests::error_fields(&problem), vec!["password"]);
}
