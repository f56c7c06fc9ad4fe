//! SPEC §1 sign-up: email, password, full name, country, time zone and roles.

use futures_util::future::join_all;
use reqwest::StatusCode;
use serde_json::{Value, json};
use worklane_tests::{TestApp, error_fields, expect_problem, unique_email};

async fn rejected(app: &TestApp, body: Value, field: &str, code: &str) {
    let problem = expect_problem(
        app.post("/auth/signup", &body).await,
        422,
        "validation_failed",
    )
    .await;
    let errors = problem["errors"].as_array().cloned().unwrap_or_default();
    assert!(
        errors
            .iter()
            .any(|e| e["field"] == field && e["code"] == code),
        "expected {field}/{code} in {problem}"
    );
}

#[actix_web::test]
async fn signing_up_creates_an_unverified_account_with_the_chosen_roles() {
    let app = TestApp::spawn().await;
    let email = unique_email("ada");
    let response = app
        .post(
            "/auth/signup",
            &TestApp::signup_body(&email, &["client", "freelancer"]),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let user: Value = response.json().await.unwrap_or_default();
    assert_eq!(user["email"], email);
    assert_eq!(user["roles"], json!(["client", "freelancer"]));
    assert_eq!(user["email_verified"], false);
    assert_eq!(user["country"], "GB");
    assert_eq!(user["timezone"], "Europe/London");
    assert!(user.get("password_hash").is_none() && user.get("password").is_none());
}

#[actix_web::test]
async fn passwords_are_stored_as_argon2id_hashes() {
    let app = TestApp::spawn().await;
    app.signup_client().await;
    assert_eq!(app.count("SELECT count(*) AS n FROM users WHERE password_hash LIKE '$argon2id$v=19$m=19456,t=2,p=1$%'"), 1);
}

#[actix_web::test]
async fn signing_up_sends_a_verification_email_through_the_outbox() {
    let app = TestApp::spawn().await;
    let account = app.signup_freelancer().await;
    let mails = app.mailbox(&account.email, 1).await;
    assert_eq!(mails[0]["subject"], "Verify your email for Worklane");
    assert!(
        mails[0]["text_body"]
            .as_str()
            .unwrap_or_default()
            .contains("/verify-email?token=")
    );
    assert_eq!(
        app.count("SELECT count(*) AS n FROM outbox WHERE delivered_at IS NOT NULL"),
        1
    );
}

#[actix_web::test]
async fn an_email_can_hold_only_one_account_whatever_its_case() {
    let app = TestApp::spawn().await;
    let account = app.signup_client().await;
    let again = TestApp::signup_body(&account.email.to_uppercase(), &["freelancer"]);
    let problem = expect_problem(app.post("/auth/signup", &again).await, 409, "email_taken").await;
    assert_eq!(error_fields(&problem), vec!["email"]);
    assert_eq!(app.count("SELECT count(*) AS n FROM users"), 1);
}

#[actix_web::test]
async fn concurrent_sign_ups_with_one_email_create_one_account() {
    let app = TestApp::spawn().await;
    let email = unique_email("race");
    let body = TestApp::signup_body(&email, &["client"]);
    let attempts = (0..4).map(|_| app.post("/auth/signup", &body));
    let statuses: Vec<u16> = join_all(attempts)
        .await
        .iter()
        .map(|r| r.status().as_u16())
        .collect();
    assert_eq!(
        statuses.iter().filter(|s| **s == 201).count(),
        1,
        "{statuses:?}"
    );
    assert!(
        statuses.iter().all(|s| *s == 201 || *s == 409),
        "{statuses:?}"
    );
    assert_eq!(app.count("SELECT count(*) AS n FROM users"), 1);
}

#[actix_web::test]
async fn an_invalid_email_is_refused_by_name() {
    let app = TestApp::spawn().await;
    for email in ["not-an-email", "ada@example", "ada@@example.com"] {
        rejected(
            &app,
            TestApp::signup_body(email, &["client"]),
            "email",
            "email",
        )
        .await;
    }
    assert_eq!(app.count("SELECT count(*) AS n FROM users"), 0);
}

#[actix_web::test]
async fn a_password_shorter_than_ten_characters_is_refused() {
    let app = TestApp::spawn().await;
    let mut body = TestApp::signup_body(&unique_email("short"), &["client"]);
    body["password"] = json!("Xk9#mQ2!p");
    rejected(&app, body, "password", "too_short").await;
}

#[actix_web::test]
async fn a_common_password_is_refused() {
    let app = TestApp::spawn().await;
    for common in ["password123", "qwertyuiop", "1234567890"] {
        let mut body = TestApp::signup_body(&unique_email("common"), &["client"]);
        body["password"] = json!(common);
        rejected(&app, body, "password", "common_password").await;
    }
}

#[actix_web::test]
async fn missing_and_mistyped_fields_are_named() {
    let app = TestApp::spawn().await;
    let mut missing = TestApp::signup_body(&unique_email("m"), &["client"]);
    missing.as_object_mut().map(|o| o.remove("full_name"));
    rejected(&app, missing, "full_name", "required").await;

    let mut mistyped = TestApp::signup_body(&unique_email("m"), &["client"]);
    mistyped["roles"] = json!("client");
    rejected(&app, mistyped, "roles", "invalid_type").await;

    let mut unknown_role = TestApp::signup_body(&unique_email("m"), &["client"]);
    unknown_role["roles"] = json!(["admin"]);
    rejected(&app, unknown_role, "roles.0", "invalid_type").await;

    let problem = expect_problem(
        app.post(
            "/auth/signup",
            &TestApp::signup_body(&unique_email("m"), &[]),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(problem["errors"][0]["field"], "roles");
    assert_eq!(
        problem["errors"][0]["message"],
        "must be between 1 and 2 items"
    );
}

#[actix_web::test]
async fn countries_and_time_zones_must_be_real() {
    let app = TestApp::spawn().await;
    let mut body = TestApp::signup_body(&unique_email("geo"), &["client"]);
    body["country"] = json!("XX");
    body["timezone"] = json!("Mars/Olympus_Mons");
    let problem = expect_problem(
        app.post("/auth/signup", &body).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(error_fields(&problem), vec!["country", "timezone"]);
}

#[actix_web::test]
async fn nul_characters_are_refused_not_stored() {
    let app = TestApp::spawn().await;
    let mut body = TestApp::signup_body(&unique_email("nul"), &["client"]);
    body["full_name"] = json!("Ada\u{0}Lovelace");
    rejected(&app, body, "full_name", "invalid_character").await;
}

#[actix_web::test]
async fn malformed_json_wrong_content_type_and_oversized_bodies_are_refused() {
    let app = TestApp::spawn().await;
    let url = app.api("/auth/signup");
    let malformed = app
        .client
        .post(&url)
        .header("content-type", "application/json")
        .body("{\"email\":")
        .send()
        .await;
    expect_problem(
        malformed.unwrap_or_else(|e| panic!("{e}")),
        400,
        "malformed_json",
    )
    .await;

    let form = app
        .client
        .post(&url)
        .header("content-type", "application/x-www-form-urlencoded")
        .body("email=a")
        .send()
        .await;
    expect_problem(
        form.unwrap_or_else(|e| panic!("{e}")),
        415,
        "unsupported_media_type",
    )
    .await;

    let mut huge = TestApp::signup_body(&unique_email("huge"), &["client"]);
    huge["full_name"] = json!("x".repeat(100 * 1024));
    let oversized = app.client.post(&url).json(&huge).send().await;
    expect_problem(
        oversized.unwrap_or_else(|e| panic!("{e}")),
        413,
        "payload_too_large",
    )
    .await;

    let not_an_object = app.client.post(&url).json(&json!([1, 2])).send().await;
    expect_problem(
        not_an_object.unwrap_or_else(|e| panic!("{e}")),
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(app.count("SELECT count(*) AS n FROM users"), 0);
    assert_eq!(app.count("SELECT count(*) AS n FROM outbox"), 0);
}
