//! SPEC §7 payment methods through the sandbox gateway: test cards behave like a
//! card network's test mode, only a token, brand and last four are kept, and a
//! client's first verified card earns the payment-verified badge.

use serde_json::{Value, json};
use worklane_tests::{TestApp, error_fields, expect_problem};

fn card(number: &str) -> Value {
    json!({ "card_number": number, "exp_month": 12, "exp_year": 2030, "cvc": "123" })
}

#[actix_web::test]
async fn a_client_adds_a_card_and_becomes_payment_verified() {
    let app = TestApp::spawn().await;
    let (client, session) = app.verified_client().await;
    let response = app
        .post_as(
            "/payment-methods",
            &session.access_token,
            &card("4242 4242 4242 4242"),
        )
        .await;
    assert_eq!(response.status(), 201);
    let method: Value = response.json().await.unwrap_or_default();
    assert_eq!(
        (method["brand"].as_str(), method["last4"].as_str()),
        (Some("visa"), Some("4242"))
    );
    assert!(method.get("gateway_token").is_none() && method.get("card_number").is_none());

    let list: Value = app
        .get_as("/payment-methods", &session.access_token)
        .await
        .json()
        .await
        .unwrap_or_default();
    assert_eq!(list["data"].as_array().map(Vec::len), Some(1));
    let card_page: Value = app
        .get(&format!("/clients/{}", client.id))
        .await
        .json()
        .await
        .unwrap_or_default();
    assert_eq!(card_page["stats"]["payment_verified"], true);
    // Nothing anywhere in the row holds the card number or the CVC.
    assert_eq!(app.count("SELECT count(*) AS n FROM payment_methods p WHERE p::text LIKE '%4242424242424242%' OR p::text LIKE '%123%4242%'"), 0);
}

#[actix_web::test]
async fn a_declined_card_is_refused_and_nothing_is_stored() {
    let app = TestApp::spawn().await;
    let (client, session) = app.verified_client().await;
    expect_problem(
        app.post_as(
            "/payment-methods",
            &session.access_token,
            &card("4000 0000 0000 0002"),
        )
        .await,
        402,
        "card_declined",
    )
    .await;
    assert_eq!(app.count("SELECT count(*) AS n FROM payment_methods"), 0);
    let card_page: Value = app
        .get(&format!("/clients/{}", client.id))
        .await
        .json()
        .await
        .unwrap_or_default();
    assert_eq!(card_page["stats"]["payment_verified"], false);
}

#[actix_web::test]
async fn a_card_with_insufficient_funds_still_verifies_with_zero() {
    let app = TestApp::spawn().await;
    let (_, session) = app.verified_client().await;
    let response = app
        .post_as(
            "/payment-methods",
            &session.access_token,
            &card("4000 0000 0000 9995"),
        )
        .await;
    assert_eq!(response.status(), 201);
}

#[actix_web::test]
async fn bad_card_details_are_named_without_echoing_them() {
    let app = TestApp::spawn().await;
    let (_, session) = app.verified_client().await;
    let token = session.access_token.as_str();
    let checksum = expect_problem(
        app.post_as("/payment-methods", token, &card("4242 4242 4242 4241"))
            .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(error_fields(&checksum), vec!["card_number"]);
    let mut expired = card("4242424242424242");
    expired["exp_year"] = json!(2025);
    let problem = expect_problem(
        app.post_as("/payment-methods", token, &expired).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(problem["errors"][0]["code"], "card_expired");
    let mut cvc = card("4242424242424242");
    cvc["cvc"] = json!("12a");
    let problem = expect_problem(
        app.post_as("/payment-methods", token, &cvc).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(error_fields(&problem), vec!["cvc"]);

    let mistyped = json!({ "card_number": 4242424242424242u64, "exp_month": 12, "exp_year": 2030, "cvc": "123" });
    let response = app.post_as("/payment-methods", token, &mistyped).await;
    let text = response.text().await.unwrap_or_default();
    assert!(
        text.contains("card_number") && !text.contains("4242424242424242"),
        "{text}"
    );
    assert_eq!(app.count("SELECT count(*) AS n FROM payment_methods"), 0);
}

#[actix_web::test]
async fn payment_methods_are_private_and_need_a_verified_email() {
    let app = TestApp::spawn().await;
    let (_, owner) = app.verified_client().await;
    let (_, other) = app.verified_client().await;
    app.post_as(
        "/payment-methods",
        &owner.access_token,
        &card("4242424242424242"),
    )
    .await;
    let theirs: Value = app
        .get_as("/payment-methods", &other.access_token)
        .await
        .json()
        .await
        .unwrap_or_default();
    assert_eq!(theirs["data"].as_array().map(Vec::len), Some(0));

    let unverified = app.signup_client().await;
    let token = app.sign_in(&unverified).await.access_token;
    expect_problem(
        app.post_as("/payment-methods", &token, &card("4242424242424242"))
            .await,
        403,
        "email_unverified",
    )
    .await;
}
