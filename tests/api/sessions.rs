//! SPEC §1 sessions: refresh tokens rotate on every use; reusing a rotated token
//! revokes the whole family; signing out revokes the family.

use futures_util::future::join_all;
use serde_json::{Value, json};
use worklane_tests::{TestApp, expect_problem, session_of};

#[actix_web::test]
async fn a_refresh_token_rotates_into_a_new_pair() {
    let app = TestApp::spawn().await;
    let account = app.signup_client().await;
    let first = app.sign_in(&account).await;
    app.advance_clock(chrono::Duration::minutes(20));
    let response = app
        .post(
            "/auth/refresh",
            &json!({ "refresh_token": first.refresh_token }),
        )
        .await;
    assert_eq!(response.status(), 200);
    let second = session_of(response.json().await.unwrap_or_default());
    assert_ne!(second.refresh_token, first.refresh_token);
    assert_eq!(app.get_as("/me", &second.access_token).await.status(), 200);
    // The old access token has expired by now; the new one was issued "now".
    expect_problem(
        app.get_as("/me", &first.access_token).await,
        401,
        "token_expired",
    )
    .await;
}

#[actix_web::test]
async fn reusing_a_rotated_refresh_token_revokes_the_whole_family() {
    let app = TestApp::spawn().await;
    let account = app.signup_client().await;
    let first = app.sign_in(&account).await;
    let second: Value = app
        .post(
            "/auth/refresh",
            &json!({ "refresh_token": first.refresh_token }),
        )
        .await
        .json()
        .await
        .unwrap_or_default();
    let second = session_of(second);

    // An attacker replays the stolen, already-rotated token.
    let replay = app
        .post(
            "/auth/refresh",
            &json!({ "refresh_token": first.refresh_token }),
        )
        .await;
    expect_problem(replay, 401, "invalid_refresh_token").await;

    // Every token of the family is now dead: the newest refresh token and its access token.
    let refresh = app
        .post(
            "/auth/refresh",
            &json!({ "refresh_token": second.refresh_token }),
        )
        .await;
    expect_problem(refresh, 401, "invalid_refresh_token").await;
    expect_problem(
        app.get_as("/me", &second.access_token).await,
        401,
        "invalid_token",
    )
    .await;

    // Other sessions of the same user are untouched.
    let other = app.sign_in(&account).await;
    assert_eq!(app.get_as("/me", &other.access_token).await.status(), 200);
}

#[actix_web::test]
async fn concurrent_refreshes_of_one_token_let_at_most_one_through() {
    let app = TestApp::spawn().await;
    let account = app.signup_client().await;
    let session = app.sign_in(&account).await;
    let body = json!({ "refresh_token": session.refresh_token });
    let responses = join_all((0..5).map(|_| app.post("/auth/refresh", &body))).await;
    let ok = responses.iter().filter(|r| r.status() == 200).count();
    assert!(ok <= 1, "{ok} refreshes succeeded");
    assert!(
        responses
            .iter()
            .all(|r| r.status() == 200 || r.status() == 401)
    );
}

#[actix_web::test]
async fn a_refresh_token_expires_after_30_days() {
    let app = TestApp::spawn().await;
    let account = app.signup_client().await;
    let session = app.sign_in(&account).await;
    app.advance_clock(chrono::Duration::days(30));
    let response = app
        .post(
            "/auth/refresh",
            &json!({ "refresh_token": session.refresh_token }),
        )
        .await;
    expect_problem(response, 401, "invalid_refresh_token").await;
}

#[actix_web::test]
async fn an_unknown_refresh_token_is_refused() {
    let app = TestApp::spawn().await;
    let response = app
        .post("/auth/refresh", &json!({ "refresh_token": "never-issued" }))
        .await;
    expect_problem(response, 401, "invalid_refresh_token").await;
}

#[actix_web::test]
async fn signing_out_ends_the_session_for_refresh_and_access_tokens() {
    let app = TestApp::spawn().await;
    let account = app.signup_client().await;
    let session = app.sign_in(&account).await;
    let other_device = app.sign_in(&account).await;
    let response = app
        .post(
            "/auth/logout",
            &json!({ "refresh_token": session.refresh_token }),
        )
        .await;
    assert_eq!(response.status(), 204);
    expect_problem(
        app.get_as("/me", &session.access_token).await,
        401,
        "invalid_token",
    )
    .await;
    let refresh = app
        .post(
            "/auth/refresh",
            &json!({ "refresh_token": session.refresh_token }),
        )
        .await;
    expect_problem(refresh, 401, "invalid_refresh_token").await;
    // Signing out twice is harmless; the other device stays signed in.
    assert_eq!(
        app.post(
            "/auth/logout",
            &json!({ "refresh_token": session.refresh_token })
        )
        .await
        .status(),
        204
    );
    assert_eq!(
        app.get_as("/me", &other_device.access_token).await.status(),
        200
    );
}
