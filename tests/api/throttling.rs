//! SPEC §1 brute-force protection: failed sign-ins are throttled per account and per
//! IP, with a temporary lock-out and a generic message.

use worklane_tests::{TestApp, expect_problem};

#[actix_web::test]
async fn twenty_wrong_passwords_lock_the_account_until_the_lock_expires() {
    let app = TestApp::spawn().await;
    let account = app.signup_client().await;
    let mut statuses = Vec::new();
    for _ in 0..20 {
        statuses.push(
            app.login(&account.email, "wrong password, again")
                .await
                .status()
                .as_u16(),
        );
    }
    // The tenth failure locks the account; everything after is refused outright.
    assert!(statuses[..9].iter().all(|s| *s == 401), "{statuses:?}");
    assert!(statuses[9..].iter().all(|s| *s == 429), "{statuses:?}");

    // The right password is refused while the lock lasts, with Retry-After.
    let locked = app.login(&account.email, &account.password).await;
    let retry_after: i64 = locked
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .unwrap_or_default();
    assert!(
        retry_after > 0 && retry_after <= 15 * 60,
        "Retry-After {retry_after}"
    );
    let problem = expect_problem(locked, 429, "too_many_attempts").await;
    assert!(
        !problem["detail"]
            .as_str()
            .unwrap_or_default()
            .contains(&account.email)
    );

    app.advance_clock(chrono::Duration::minutes(14));
    expect_problem(
        app.login(&account.email, &account.password).await,
        429,
        "too_many_attempts",
    )
    .await;
    app.advance_clock(chrono::Duration::minutes(1));
    assert_eq!(
        app.login(&account.email, &account.password).await.status(),
        200
    );
}

#[actix_web::test]
async fn a_successful_sign_in_resets_the_account_count() {
    let app = TestApp::spawn().await;
    let account = app.signup_client().await;
    for _ in 0..9 {
        assert_eq!(
            app.login(&account.email, "wrong password, again")
                .await
                .status(),
            401
        );
    }
    assert_eq!(
        app.login(&account.email, &account.password).await.status(),
        200
    );
    for _ in 0..9 {
        assert_eq!(
            app.login(&account.email, "wrong password, again")
                .await
                .status(),
            401
        );
    }
}

#[actix_web::test]
async fn unknown_emails_are_throttled_like_real_ones() {
    let app = TestApp::spawn().await;
    for _ in 0..10 {
        app.login("nobody@example.com", "wrong password, again")
            .await;
    }
    expect_problem(
        app.login("nobody@example.com", "wrong password, again")
            .await,
        429,
        "too_many_attempts",
    )
    .await;
}

#[actix_web::test]
async fn one_address_guessing_across_many_accounts_is_locked_out() {
    let app =
        TestApp::spawn_with(|config| config.policy.ip_sign_in_throttle.max_failures = 5).await;
    let victim = app.signup_client().await;
    for i in 0..5 {
        let status = app
            .login(&format!("guess{i}@example.com"), "wrong password, again")
            .await
            .status();
        assert!(status == 401 || status == 429);
    }
    // The address is locked: even a real account's right password is refused from it.
    expect_problem(
        app.login(&victim.email, &victim.password).await,
        429,
        "too_many_attempts",
    )
    .await;
    app.advance_clock(chrono::Duration::minutes(15));
    assert_eq!(
        app.login(&victim.email, &victim.password).await.status(),
        200
    );
}
