//! SPEC §1 and §14 account security: two-factor sign-in with an authenticator app
//! (wrong, replayed and recovery codes), sessions and signing out everywhere, and
//! personal access tokens held to their scopes on every route.

use crate::disputes::admin;
use crate::hiring::{Who, json_of, verified};
use chrono::Duration;
use serde_json::{Value, json};
use totp_rs::{Builder, Secret};
use worklane_tests::{TestApp, error_fields, expect_problem, session_of};

/// The code an authenticator app with this key shows at the server's clock.
fn code(app: &TestApp, secret: &str) -> String {
    let totp = Builder::new()
        .with_secret(Secret::try_from_base32(secret).unwrap_or_else(|e| panic!("{e:?}")))
        .with_account_name("x")
        .build()
        .unwrap_or_else(|e| panic!("{e:?}"));
    let now = worklane_domain::Clock::now(app.clock.as_ref());
    totp.generate(u64::try_from(now.timestamp()).unwrap_or(0))
        .to_string()
}

async fn login_with(app: &TestApp, who: &Who, totp_code: Option<&str>) -> reqwest::Response {
    let mut body = json!({"email": who.account.email, "password": who.account.password});
    if let Some(code) = totp_code {
        body["totp_code"] = json!(code);
    }
    app.post("/auth/login", &body).await
}

async fn enable_two_factor(app: &TestApp, who: &Who) -> (String, Vec<String>) {
    let token = &who.session.access_token;
    let setup = json_of(app.post_as("/me/two-factor/setup", token, &json!({})).await).await;
    let secret = setup["secret"].as_str().unwrap_or_default().to_owned();
    assert!(
        setup["otpauth_url"]
            .as_str()
            .is_some_and(|u| u.starts_with("otpauth://totp/Worklane:"))
    );
    assert!(setup["qr_svg"].as_str().is_some_and(|s| s.contains("<svg")));
    let enabled = app
        .post_as(
            "/me/two-factor/enable",
            token,
            &json!({"code": code(app, &secret)}),
        )
        .await;
    assert_eq!(enabled.status(), 200);
    let codes: Vec<String> = json_of(enabled).await["recovery_codes"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| c.as_str().map(str::to_owned))
        .collect();
    (secret, codes)
}

#[actix_web::test]
async fn with_two_factor_on_signing_in_needs_a_fresh_code_or_a_recovery_code() {
    let app = TestApp::spawn().await;
    let who = verified(&app, "careful", &["client"]).await;
    let token = who.session.access_token.clone();

    // A wrong first code does not turn it on.
    let setup = json_of(
        app.post_as("/me/two-factor/setup", &token, &json!({}))
            .await,
    )
    .await;
    let wrong = app
        .post_as("/me/two-factor/enable", &token, &json!({"code": "000000"}))
        .await;
    let problem = expect_problem(wrong, 422, "validation_failed").await;
    assert_eq!(error_fields(&problem), vec!["code"]);
    let status = json_of(app.get_as("/me/two-factor", &token).await).await;
    assert_eq!(status["enabled"], false);
    assert!(setup["secret"].is_string());

    let (secret, recovery) = enable_two_factor(&app, &who).await;
    assert_eq!(recovery.len(), 10);
    let status = json_of(app.get_as("/me/two-factor", &token).await).await;
    assert_eq!(status["enabled"], true);
    assert_eq!(status["recovery_codes_left"], 10);
    let again = app
        .post_as("/me/two-factor/setup", &token, &json!({}))
        .await;
    expect_problem(again, 409, "two_factor_enabled").await;

    // The password alone is not enough; a wrong code is refused.
    expect_problem(login_with(&app, &who, None).await, 401, "totp_required").await;
    expect_problem(
        login_with(&app, &who, Some("123456")).await,
        401,
        "invalid_totp_code",
    )
    .await;
    // The code used to enable is spent: the next step's code signs in, once.
    app.advance_clock(Duration::seconds(30));
    let fresh = code(&app, &secret);
    assert_eq!(login_with(&app, &who, Some(&fresh)).await.status(), 200);
    expect_problem(
        login_with(&app, &who, Some(&fresh)).await,
        401,
        "invalid_totp_code",
    )
    .await;
    // A recovery code works once, whatever its case.
    let upper = recovery[0].to_uppercase();
    assert_eq!(login_with(&app, &who, Some(&upper)).await.status(), 200);
    expect_problem(
        login_with(&app, &who, Some(&recovery[0])).await,
        401,
        "invalid_totp_code",
    )
    .await;
    let status = json_of(app.get_as("/me/two-factor", &token).await).await;
    assert_eq!(status["recovery_codes_left"], 9);

    // Turning it off needs a current code.
    let off = app
        .post_as("/me/two-factor/disable", &token, &json!({"code": "654321"}))
        .await;
    expect_problem(off, 422, "validation_failed").await;
    app.advance_clock(Duration::seconds(30));
    let off = app
        .post_as(
            "/me/two-factor/disable",
            &token,
            &json!({"code": code(&app, &secret)}),
        )
        .await;
    assert_eq!(off.status(), 204);
    assert_eq!(login_with(&app, &who, None).await.status(), 200);
    let off = app
        .post_as("/me/two-factor/disable", &token, &json!({"code": "123456"}))
        .await;
    expect_problem(off, 409, "two_factor_not_enabled").await;
}

#[actix_web::test]
async fn guessing_codes_locks_the_account_like_guessing_passwords() {
    let app = TestApp::spawn().await;
    let who = verified(&app, "guessed", &["client"]).await;
    enable_two_factor(&app, &who).await;
    let mut last = 0;
    for guess in 0..12 {
        let response = login_with(&app, &who, Some(&format!("{:06}", 100_000 + guess))).await;
        last = response.status().as_u16();
        if last == 429 {
            break;
        }
        assert_eq!(last, 401);
    }
    assert_eq!(last, 429, "the tenth wrong code locks the account");
}

#[actix_web::test]
async fn sessions_are_listed_and_signed_out_one_by_one_or_everywhere() {
    let app = TestApp::spawn().await;
    let who = verified(&app, "traveller", &["client"]).await;
    let laptop = session_of(json_of(login_with(&app, &who, None).await).await);
    let phone = session_of(json_of(login_with(&app, &who, None).await).await);

    let list = json_of(app.get_as("/me/sessions", &laptop.access_token).await).await;
    let sessions = list["data"].as_array().cloned().unwrap_or_default();
    assert_eq!(sessions.len(), 3);
    assert_eq!(sessions.iter().filter(|s| s["current"] == true).count(), 1);
    assert!(sessions.iter().all(|s| s["ip"] == "127.0.0.1"));

    // The laptop signs the phone out.
    let phone_id = {
        let seen = json_of(app.get_as("/me/sessions", &phone.access_token).await).await;
        seen["data"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|s| s["current"] == true)
            .map(|s| s["id"].clone())
            .unwrap_or(Value::Null)
    };
    let out = app
        .client
        .delete(app.api(&format!(
            "/me/sessions/{}",
            phone_id.as_str().unwrap_or_default()
        )))
        .bearer_auth(&laptop.access_token)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status(), 204);
    expect_problem(
        app.get_as("/me", &phone.access_token).await,
        401,
        "invalid_token",
    )
    .await;
    // Someone else's session is not found.
    let stranger = verified(&app, "stranger", &["client"]).await;
    let theirs = app
        .client
        .delete(app.api(&format!(
            "/me/sessions/{}",
            phone_id.as_str().unwrap_or_default()
        )))
        .bearer_auth(&stranger.session.access_token)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    expect_problem(theirs, 404, "not_found").await;

    // Everywhere: every session ends, this one too.
    let everywhere = app
        .client
        .delete(app.api("/me/sessions"))
        .bearer_auth(&laptop.access_token)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(everywhere.status(), 200);
    assert_eq!(json_of(everywhere).await["sessions_revoked"], 2);
    expect_problem(
        app.get_as("/me", &laptop.access_token).await,
        401,
        "invalid_token",
    )
    .await;
    expect_problem(
        app.get_as("/me", &who.session.access_token).await,
        401,
        "invalid_token",
    )
    .await;
    let refreshed = app
        .post(
            "/auth/refresh",
            &json!({"refresh_token": laptop.refresh_token}),
        )
        .await;
    expect_problem(refreshed, 401, "invalid_refresh_token").await;
}

async fn new_token(app: &TestApp, who: &Who, scopes: Value, expires: Option<i64>) -> String {
    let mut body = json!({"name": "CI sync", "scopes": scopes});
    if let Some(days) = expires {
        body["expires_in_days"] = json!(days);
    }
    let created = app
        .post_as("/me/tokens", &who.session.access_token, &body)
        .await;
    assert_eq!(created.status(), 201);
    let created = json_of(created).await;
    let token = created["token"].as_str().unwrap_or_default().to_owned();
    assert!(token.starts_with("wlp_"));
    assert!(token.starts_with(created["prefix"].as_str().unwrap_or("?")));
    token
}

#[actix_web::test]
async fn access_tokens_are_held_to_their_scopes_on_every_route() {
    let app = TestApp::spawn().await;
    let client = verified(&app, "integrator", &["client"]).await;
    let read = new_token(&app, &client, json!(["read"]), None).await;
    let jobs = new_token(&app, &client, json!(["jobs"]), Some(30)).await;

    // read: reads anything, writes nothing.
    assert_eq!(app.get_as("/wallet", &read).await.status(), 200);
    assert_eq!(app.get_as("/me/jobs", &read).await.status(), 200);
    let refused = app.post_as("/jobs", &read, &TestApp::job_body()).await;
    let problem = expect_problem(refused, 403, "insufficient_scope").await;
    assert!(
        problem["detail"]
            .as_str()
            .unwrap_or_default()
            .contains("`jobs`")
    );

    // jobs: posts and reads jobs, nothing about money.
    let posted = app.post_as("/jobs", &jobs, &TestApp::job_body()).await;
    assert_eq!(posted.status(), 201);
    expect_problem(
        app.get_as("/wallet", &jobs).await,
        403,
        "insufficient_scope",
    )
    .await;
    let deposit = app
        .post_as("/wallet/deposits", &jobs, &json!({"amount": "10.00"}))
        .await;
    expect_problem(deposit, 403, "insufficient_scope").await;

    // Never for account security, messages or admin work, and never to make tokens.
    for (path, body) in [
        ("/me/tokens", json!({"name": "more", "scopes": ["read"]})),
        ("/me/two-factor/setup", json!({})),
        (
            "/flags",
            json!({"target_type": "job", "target_id": uuid::Uuid::now_v7(), "reason": "x"}),
        ),
    ] {
        let response = app.post_as(path, &read, &body).await;
        expect_problem(response, 403, "session_required").await;
    }
    expect_problem(
        app.get_as("/me/tokens", &read).await,
        403,
        "session_required",
    )
    .await;
    expect_problem(
        app.get_as("/me/sessions", &jobs).await,
        403,
        "session_required",
    )
    .await;

    // An admin's token is no way into the admin console.
    let admin_session = admin(&app).await;
    let admin_me = json_of(app.get_as("/me", &admin_session.access_token).await).await;
    let admin_who = Who {
        id: admin_me["id"].as_str().unwrap_or_default().to_owned(),
        account: client.account.clone(),
        session: admin_session.clone(),
    };
    let admin_token = new_token(&app, &admin_who, json!(["read"]), None).await;
    expect_problem(
        app.get_as("/admin/stats", &admin_token).await,
        403,
        "session_required",
    )
    .await;

    // The list never shows a secret; revoking works at once; others' ids are unknown.
    let listed = json_of(app.get_as("/me/tokens", &client.session.access_token).await).await;
    let listed = listed["data"].as_array().cloned().unwrap_or_default();
    assert_eq!(listed.len(), 2);
    assert!(listed.iter().all(|t| t.get("token").is_none()));
    let jobs_id = listed
        .iter()
        .find(|t| t["scopes"] == json!(["jobs"]))
        .map(|t| t["id"].as_str().unwrap_or_default().to_owned())
        .unwrap_or_default();
    assert!(listed.iter().any(|t| t["last_used_at"].is_string()));
    let stranger = verified(&app, "stranger", &["client"]).await;
    let theirs = app
        .client
        .delete(app.api(&format!("/me/tokens/{jobs_id}")))
        .bearer_auth(&stranger.session.access_token)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    expect_problem(theirs, 404, "not_found").await;
    let revoked = app
        .client
        .delete(app.api(&format!("/me/tokens/{jobs_id}")))
        .bearer_auth(&client.session.access_token)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(revoked.status(), 204);
    expect_problem(app.get_as("/me/jobs", &jobs).await, 401, "invalid_token").await;

    // What a token does is audited as the token, for its owner.
    let entries = json_of(
        app.get_as(
            &format!(
                "/admin/audit-log?actor_id={}&action=POST%20/api/v1/jobs",
                client.id
            ),
            &admin_session.access_token,
        )
        .await,
    )
    .await;
    assert_eq!(entries["data"][0]["actor_kind"], "token");

    // Expired tokens and forged ones are refused.
    let short = new_token(&app, &client, json!(["read"]), Some(1)).await;
    app.advance_clock(Duration::days(1) + Duration::seconds(1));
    expect_problem(app.get_as("/me", &short).await, 401, "invalid_token").await;
    expect_problem(app.get_as("/me", "wlp_forged").await, 401, "invalid_token").await;
    assert_eq!(app.get_as("/me", &read).await.status(), 200);
}

#[actix_web::test]
async fn bad_token_requests_name_their_field() {
    let app = TestApp::spawn().await;
    let who = verified(&app, "careless", &["client"]).await;
    let token = &who.session.access_token;
    for (body, field) in [
        (json!({"name": "", "scopes": ["read"]}), "name"),
        (json!({"name": "x", "scopes": []}), "scopes"),
        (json!({"name": "x", "scopes": ["admin"]}), "scopes"),
        (
            json!({"name": "x", "scopes": ["read"], "expires_in_days": 0}),
            "expires_in_days",
        ),
        (
            json!({"name": "x", "scopes": ["read"], "expires_in_days": 9999}),
            "expires_in_days",
        ),
    ] {
        let response = app.post_as("/me/tokens", token, &body).await;
        assert_eq!(response.status(), 422, "{body}");
        let problem: Value = response.json().await.unwrap_or_default();
        assert!(
            error_fields(&problem).iter().any(|f| f.starts_with(field)),
            "{body}: {problem}"
        );
    }
    for _ in 0..20 {
        let ok = app
            .post_as(
                "/me/tokens",
                token,
                &json!({"name": "one of many", "scopes": ["read"]}),
            )
            .await;
        assert_eq!(ok.status(), 201);
    }
    let over = app
        .post_as(
            "/me/tokens",
            token,
            &json!({"name": "one too many", "scopes": ["read"]}),
        )
        .await;
    expect_problem(over, 409, "too_many_tokens").await;
}
