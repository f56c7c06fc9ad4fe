//! SPEC §7 fees: 10% service fee from each freelancer payment, 5% marketplace fee on
//! top of client funding, exact to the cent, shown before anyone commits.

use serde_json::{Value, json};
use worklane_tests::TestApp;

#[actix_web::test]
async fn the_fee_preview_splits_any_amount_exactly() {
    let app = TestApp::spawn().await;
    let freelancer: Value = app
        .get_query("/fees/preview", "amount=125.50&side=freelancer")
        .await
        .json()
        .await
        .unwrap_or_default();
    assert_eq!(
        freelancer,
        json!({"side": "freelancer", "amount": "125.50", "fee_percent": "10", "fee": "12.55", "net": "112.95", "total": null, "currency": "USD"})
    );
    let client: Value = app
        .get_query("/fees/preview", "amount=500&side=client")
        .await
        .json()
        .await
        .unwrap_or_default();
    assert_eq!(
        (client["fee"].as_str(), client["total"].as_str()),
        (Some("25.00"), Some("525.00"))
    );
    let tiny: Value = app
        .get_query("/fees/preview", "amount=0.05&side=freelancer")
        .await
        .json()
        .await
        .unwrap_or_default();
    assert_eq!(
        (tiny["fee"].as_str(), tiny["net"].as_str()),
        (Some("0.01"), Some("0.04"))
    );
}

#[actix_web::test]
async fn fee_percentages_are_policy() {
    let app = TestApp::spawn_with(|config| {
        config.policy.fees.freelancer_fee_percent = rust_decimal::Decimal::new(75, 1)
    })
    .await;
    let preview: Value = app
        .get_query("/fees/preview", "amount=200&side=freelancer")
        .await
        .json()
        .await
        .unwrap_or_default();
    assert_eq!(
        (preview["fee_percent"].as_str(), preview["fee"].as_str()),
        (Some("7.5"), Some("15.00"))
    );
}

#[actix_web::test]
async fn bad_amounts_and_sides_are_named() {
    let app = TestApp::spawn().await;
    for query in [
        "amount=-5&side=client",
        "amount=1.234&side=client",
        "amount=abc&side=client",
        "amount=1e5&side=client",
        "side=client",
    ] {
        app.expect_bad_parameter("/fees/preview", query, "amount")
            .await;
    }
    app.expect_bad_parameter("/fees/preview", "amount=10&side=platform", "side")
        .await;
}
