//! SPEC §12 trust and safety: suspending and reinstating accounts, removing job
//! posts with Connects refunded, the flag queue, platform figures, the append-only
//! audit log, admin routes closed to everyone else, and the request rate limits.

use crate::delivery::{contract, milestone_id};
use crate::disputes::admin;
use crate::hiring::{Who, books_balance, connects, json_of, posted_job, propose, verified};
use serde_json::{Value, json};
use worklane_tests::{TestApp, error_fields, expect_problem, header};

async fn audit(app: &TestApp, admin_token: &str, query: &str) -> Vec<Value> {
    let response = app
        .client
        .get(app.api("/admin/audit-log"))
        .query(&query_pairs(query))
        .bearer_auth(admin_token)
        .send()
        .await
        .unwrap_or_else(|e| panic!("audit-log: {e}"));
    assert_eq!(response.status(), 200, "audit-log?{query}");
    json_of(response).await["data"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn query_pairs(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
}

fn actions(entries: &[Value]) -> Vec<String> {
    entries
        .iter()
        .filter_map(|e| e["action"].as_str().map(str::to_owned))
        .collect()
}

async fn job_titles_found(app: &TestApp, q: &str) -> Vec<String> {
    let page = json_of(app.get_query("/jobs", &format!("q={q}")).await).await;
    page["data"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|j| j["title"].as_str().map(str::to_owned))
        .collect()
}

#[actix_web::test]
async fn a_suspended_user_is_signed_out_everywhere_hidden_and_reinstated() {
    let app = TestApp::spawn().await;
    let (client, freelancer, contract) = contract(&app).await;
    let open_job = posted_job(
        &app,
        &client,
        json!({"title": "Zeppelin mural for a workshop wall"}),
    )
    .await;
    let job_id = open_job["id"].as_str().unwrap_or_default().to_owned();
    assert_eq!(job_titles_found(&app, "zeppelin").await.len(), 1);
    let admin = admin(&app).await;

    let suspended = app
        .post_as(
            &format!("/admin/users/{}/suspend", client.id),
            &admin.access_token,
            &json!({"reason": "Asked freelancers to pay outside Worklane"}),
        )
        .await;
    assert_eq!(suspended.status(), 200);
    let suspended = json_of(suspended).await;
    assert_eq!(suspended["user"]["status"], "suspended");
    assert_eq!(suspended["activity"]["live_sessions"], 0);

    // Every token stops working, and signing in again is refused with the reason.
    let old = app.get_as("/me", &client.session.access_token).await;
    expect_problem(old, 401, "invalid_token").await;
    let refreshed = app
        .post(
            "/auth/refresh",
            &json!({"refresh_token": client.session.refresh_token}),
        )
        .await;
    expect_problem(refreshed, 401, "invalid_refresh_token").await;
    let login = app
        .login(&client.account.email, &client.account.password)
        .await;
    let problem = expect_problem(login, 403, "account_suspended").await;
    assert!(
        problem["detail"]
            .as_str()
            .unwrap_or_default()
            .contains("outside Worklane"),
        "{problem}"
    );
    let mail = app
        .mail_about(&client.account.email, "account is suspended")
        .await;
    assert!(
        mail["text_body"]
            .as_str()
            .is_some_and(|b| b.contains("Asked freelancers to pay outside Worklane"))
    );

    // Their open job leaves search and its page; proposals to it find nothing.
    assert!(job_titles_found(&app, "zeppelin").await.is_empty());
    let page = app
        .get_as(&format!("/jobs/{job_id}"), &freelancer.session.access_token)
        .await;
    expect_problem(page, 404, "not_found").await;
    expect_problem(propose(&app, &freelancer, &job_id).await, 404, "not_found").await;
    // Admins still see it.
    let page = app
        .get_as(&format!("/jobs/{job_id}"), &admin.access_token)
        .await;
    assert_eq!(page.status(), 200);

    // The other party sees the suspension on their contract.
    let seen = json_of(
        app.get_as(
            &format!("/contracts/{}", contract["id"].as_str().unwrap_or_default()),
            &freelancer.session.access_token,
        )
        .await,
    )
    .await;
    assert_eq!(seen["client"]["suspended"], true);
    assert_eq!(seen["freelancer"]["suspended"], false);

    // Admins find them by standing; a second suspension is a conflict.
    let listed = json_of(
        app.get_as("/admin/users?status=suspended", &admin.access_token)
            .await,
    )
    .await;
    assert_eq!(listed["data"].as_array().map(Vec::len), Some(1));
    assert_eq!(listed["data"][0]["id"], client.id.as_str());
    let again = app
        .post_as(
            &format!("/admin/users/{}/suspend", client.id),
            &admin.access_token,
            &json!({"reason": "again"}),
        )
        .await;
    expect_problem(again, 409, "already_suspended").await;

    // The audit log has the action, by the admin, with the request's id and address.
    let entries = audit(
        &app,
        &admin.access_token,
        &format!("target_id={}&action=admin.", client.id),
    )
    .await;
    assert_eq!(actions(&entries), vec!["admin.user_suspended"]);
    assert_eq!(entries[0]["actor_kind"], "admin");
    assert_eq!(entries[0]["ip"], "127.0.0.1");
    assert!(
        entries[0]["request_id"]
            .as_str()
            .is_some_and(|r| !r.is_empty())
    );
    assert_eq!(entries[0]["details"]["sessions_revoked"], 1);

    // Reinstated: they sign in again and their job is back in search.
    let back = app
        .post_as(
            &format!("/admin/users/{}/reinstate", client.id),
            &admin.access_token,
            &json!({}),
        )
        .await;
    assert_eq!(back.status(), 200);
    let login = app
        .login(&client.account.email, &client.account.password)
        .await;
    assert_eq!(login.status(), 200);
    assert_eq!(job_titles_found(&app, "zeppelin").await.len(), 1);
    let again = app
        .post_as(
            &format!("/admin/users/{}/reinstate", client.id),
            &admin.access_token,
            &json!({}),
        )
        .await;
    expect_problem(again, 409, "not_suspended").await;
    books_balance(&app);
}

#[actix_web::test]
async fn suspension_needs_a_reason_and_never_targets_yourself_or_nobody() {
    let app = TestApp::spawn().await;
    let admin_session = admin(&app).await;
    let me = json_of(app.get_as("/me", &admin_session.access_token).await).await;
    let someone = verified(&app, "someone", &["client"]).await;
    let blank = app
        .post_as(
            &format!("/admin/users/{}/suspend", someone.id),
            &admin_session.access_token,
            &json!({"reason": "   "}),
        )
        .await;
    let problem = expect_problem(blank, 422, "validation_failed").await;
    assert_eq!(error_fields(&problem), vec!["reason"]);
    let missing = app
        .post_as(
            &format!("/admin/users/{}/suspend", someone.id),
            &admin_session.access_token,
            &json!({}),
        )
        .await;
    assert_eq!(missing.status(), 422);
    let own = app
        .post_as(
            &format!(
                "/admin/users/{}/suspend",
                me["id"].as_str().unwrap_or_default()
            ),
            &admin_session.access_token,
            &json!({"reason": "testing"}),
        )
        .await;
    expect_problem(own, 409, "cannot_suspend_self").await;
    let nobody = app
        .post_as(
            &format!("/admin/users/{}/suspend", uuid::Uuid::now_v7()),
            &admin_session.access_token,
            &json!({"reason": "testing"}),
        )
        .await;
    expect_problem(nobody, 404, "not_found").await;
}

#[actix_web::test]
async fn everyone_but_admins_gets_403_on_admin_routes_and_is_audited() {
    let app = TestApp::spawn().await;
    let user = verified(&app, "curious", &["client", "freelancer"]).await;
    let id = uuid::Uuid::now_v7();
    let token = &user.session.access_token;
    for path in [
        "/admin/users".to_owned(),
        format!("/admin/users/{id}"),
        "/admin/flags".to_owned(),
        "/admin/stats".to_owned(),
        "/admin/audit-log".to_owned(),
        "/admin/disputes".to_owned(),
        "/admin/identity-documents".to_owned(),
        "/admin/ledger/verify".to_owned(),
    ] {
        expect_problem(app.get_as(&path, token).await, 403, "admin_only").await;
    }
    for path in [
        format!("/admin/users/{id}/suspend"),
        format!("/admin/users/{id}/reinstate"),
        format!("/admin/jobs/{id}/remove"),
        format!("/admin/flags/{id}/resolve"),
        format!("/admin/disputes/{id}/resolve"),
        format!("/admin/identity-documents/{id}/approve"),
    ] {
        let response = app.post_as(&path, token, &json!({"reason": "x"})).await;
        expect_problem(response, 403, "admin_only").await;
    }
    // Without a token it is 401, as everywhere.
    expect_problem(app.get("/admin/stats").await, 401, "unauthenticated").await;

    let admin = admin(&app).await;
    let entries = audit(
        &app,
        &admin.access_token,
        &format!("actor_id={}&action=admin.forbidden&limit=100", user.id),
    )
    .await;
    assert_eq!(entries.len(), 14);
    assert!(
        entries
            .iter()
            .all(|e| e["status"] == 403 && e["actor_kind"] == "user")
    );
    assert!(
        entries
            .iter()
            .any(|e| e["details"]["route"] == "POST /api/v1/admin/users/{id}/suspend")
    );
}

#[actix_web::test]
async fn removing_a_job_gives_every_proposal_its_connects_back() {
    let app = TestApp::spawn().await;
    let client = verified(&app, "client", &["client"]).await;
    let first = verified(&app, "first", &["freelancer"]).await;
    let second = verified(&app, "second", &["freelancer"]).await;
    let job = posted_job(&app, &client, json!({})).await;
    let job_id = job["id"].as_str().unwrap_or_default().to_owned();
    let before: Vec<Value> = vec![connects(&app, &first).await, connects(&app, &second).await];
    for who in [&first, &second] {
        assert_eq!(propose(&app, who, &job_id).await.status(), 201);
    }
    assert_ne!(
        connects(&app, &first).await["balance"],
        before[0]["balance"]
    );
    let admin = admin(&app).await;

    let no_reason = app
        .post_as(
            &format!("/admin/jobs/{job_id}/remove"),
            &admin.access_token,
            &json!({}),
        )
        .await;
    assert_eq!(no_reason.status(), 422);
    let removed = app
        .post_as(
            &format!("/admin/jobs/{job_id}/remove"),
            &admin.access_token,
            &json!({"reason": "Spam: the same post under five accounts"}),
        )
        .await;
    assert_eq!(removed.status(), 200);
    assert_eq!(json_of(removed).await["status"], "removed");

    for (who, was) in [(&first, &before[0]), (&second, &before[1])] {
        assert_eq!(connects(&app, who).await["balance"], was["balance"]);
    }
    let page = app
        .get_as(&format!("/jobs/{job_id}"), &first.session.access_token)
        .await;
    expect_problem(page, 404, "not_found").await;
    let own = json_of(
        app.get_as(&format!("/jobs/{job_id}"), &client.session.access_token)
            .await,
    )
    .await;
    assert_eq!(own["status"], "removed");
    let again = app
        .post_as(
            &format!("/admin/jobs/{job_id}/remove"),
            &admin.access_token,
            &json!({"reason": "again"}),
        )
        .await;
    expect_problem(again, 409, "already_removed").await;
    app.mail_about(&client.account.email, "was removed").await;
    books_balance(&app);
}

async fn flag(app: &TestApp, who: &Who, body: Value) -> reqwest::Response {
    app.post_as("/flags", &who.session.access_token, &body)
        .await
}

#[actix_web::test]
async fn flags_queue_for_admins_and_one_decision_resolves_them_all() {
    let app = TestApp::spawn().await;
    let client = verified(&app, "client", &["client"]).await;
    let first = verified(&app, "first", &["freelancer"]).await;
    let second = verified(&app, "second", &["freelancer"]).await;
    let job = posted_job(&app, &client, json!({})).await;
    let job_id = job["id"].as_str().unwrap_or_default().to_owned();
    let body = |reason: &str| json!({"target_type": "job", "target_id": job_id, "reason": reason});

    let raised = flag(&app, &first, body("Asks for payment by wire transfer")).await;
    assert_eq!(raised.status(), 201);
    let raised = json_of(raised).await;
    assert_eq!(raised["status"], "open");
    // Flagging again answers with the open flag.
    let again = flag(&app, &first, body("Still there")).await;
    assert_eq!(again.status(), 200);
    assert_eq!(json_of(again).await["id"], raised["id"]);
    assert_eq!(flag(&app, &second, body("Scam")).await.status(), 201);

    // Bad flags: your own job, something that isn't there, a blank reason, a bad type.
    expect_problem(flag(&app, &client, body("mine")).await, 409, "own_content").await;
    let unknown =
        json!({"target_type": "message", "target_id": uuid::Uuid::now_v7(), "reason": "x"});
    expect_problem(flag(&app, &first, unknown).await, 404, "not_found").await;
    let problem =
        expect_problem(flag(&app, &first, body("")).await, 422, "validation_failed").await;
    assert_eq!(error_fields(&problem), vec!["reason"]);
    let wrong = json!({"target_type": "contract", "target_id": job_id, "reason": "x"});
    assert_eq!(flag(&app, &first, wrong).await.status(), 422);
    let profile =
        json!({"target_type": "profile", "target_id": client.id, "reason": "Fake company"});
    assert_eq!(flag(&app, &first, profile).await.status(), 201);

    let admin = admin(&app).await;
    let queue = json_of(app.get_as("/admin/flags", &admin.access_token).await).await;
    let data = queue["data"].as_array().cloned().unwrap_or_default();
    assert_eq!(data.len(), 3, "{queue}");
    assert_eq!(data[0]["target"]["label"], job["title"]);
    assert_eq!(data[0]["target"]["owner"]["id"], client.id.as_str());
    assert_eq!(data[0]["target"]["open_flags"], 2);
    assert_eq!(data[0]["reporter"]["id"], first.id.as_str());

    let resolved = app
        .post_as(
            &format!(
                "/admin/flags/{}/resolve",
                raised["id"].as_str().unwrap_or_default()
            ),
            &admin.access_token,
            &json!({"outcome": "actioned", "note": "Job removed"}),
        )
        .await;
    assert_eq!(resolved.status(), 200);
    let resolved = json_of(resolved).await;
    assert_eq!(resolved["data"].as_array().map(Vec::len), Some(2));
    assert!(
        resolved["data"]
            .as_array()
            .into_iter()
            .flatten()
            .all(|f| f["status"] == "actioned")
    );
    let open = json_of(app.get_as("/admin/flags", &admin.access_token).await).await;
    assert_eq!(open["data"].as_array().map(Vec::len), Some(1));
    let done = json_of(
        app.get_as("/admin/flags?status=actioned", &admin.access_token)
            .await,
    )
    .await;
    assert_eq!(done["data"].as_array().map(Vec::len), Some(2));
    let twice = app
        .post_as(
            &format!(
                "/admin/flags/{}/resolve",
                raised["id"].as_str().unwrap_or_default()
            ),
            &admin.access_token,
            &json!({"outcome": "dismissed"}),
        )
        .await;
    expect_problem(twice, 409, "flag_resolved").await;
}

#[actix_web::test]
async fn only_a_conversations_members_can_flag_its_messages() {
    let app = TestApp::spawn().await;
    let (client, freelancer, contract) = contract(&app).await;
    let outsider = verified(&app, "outsider", &["freelancer"]).await;
    let conversations = json_of(
        app.get_as(
            &format!(
                "/conversations?subject_id={}",
                contract["id"].as_str().unwrap_or_default()
            ),
            &client.session.access_token,
        )
        .await,
    )
    .await;
    let conversation = conversations["data"][0].clone();
    let sent = json_of(
        app.post_as(
            &format!(
                "/conversations/{}/messages",
                conversation["id"].as_str().unwrap_or_default()
            ),
            &client.session.access_token,
            &json!({"body": "Pay me in gift cards instead"}),
        )
        .await,
    )
    .await;
    let body = json!({"target_type": "message", "target_id": sent["id"], "reason": "Off-platform payment"});
    expect_problem(flag(&app, &outsider, body.clone()).await, 404, "not_found").await;
    expect_problem(flag(&app, &client, body.clone()).await, 409, "own_content").await;
    assert_eq!(flag(&app, &freelancer, body).await.status(), 201);
    let admin = admin(&app).await;
    let queue = json_of(app.get_as("/admin/flags", &admin.access_token).await).await;
    assert_eq!(
        queue["data"][0]["target"]["label"],
        "Pay me in gift cards instead"
    );
    assert_eq!(
        queue["data"][0]["target"]["conversation_id"],
        conversation["id"]
    );
}

#[actix_web::test]
async fn platform_figures_come_from_the_ledger() {
    let app = TestApp::spawn().await;
    let (_client, _freelancer, contract) = contract(&app).await;
    assert_eq!(contract["milestones"][0]["status"], "funded");
    let admin = admin(&app).await;
    let stats = json_of(app.get_as("/admin/stats", &admin.access_token).await).await;
    assert_eq!(stats["gmv_total"], "300.00", "{stats}");
    assert_eq!(stats["gmv_30d"], "300.00");
    assert_eq!(stats["escrow_held"], "300.00");
    // The client's 5% marketplace fee on the funding.
    assert_eq!(stats["fees_earned"], "15.00");
    assert_eq!(stats["open_disputes"], 0);
    assert_eq!(stats["users_total"], 3);
    let days = stats["signups_per_day"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(days.len(), 30);
    let total: i64 = days.iter().filter_map(|d| d["count"].as_i64()).sum();
    assert_eq!(total, 3);
    assert!(milestone_id(&contract, 0).len() > 10);
}

#[actix_web::test]
async fn the_audit_log_records_sign_ins_money_and_changes_and_is_append_only() {
    let app = TestApp::spawn().await;
    let (client, _freelancer, _contract) = contract(&app).await;
    let admin = admin(&app).await;

    // A failed sign-in and a good one, under a request id we choose.
    let failed = app
        .login(&client.account.email, "not the password at all")
        .await;
    assert_eq!(failed.status(), 401);
    let signed_in = app
        .client
        .post(app.api("/auth/login"))
        .header("X-Request-Id", "audit-trail-check-1")
        .json(&json!({"email": client.account.email, "password": client.account.password}))
        .send()
        .await
        .unwrap_or_else(|e| panic!("login: {e}"));
    assert_eq!(signed_in.status(), 200);
    let entries = audit(&app, &admin.access_token, "request_id=audit-trail-check-1").await;
    assert_eq!(actions(&entries), vec!["auth.sign_in"]);
    assert_eq!(entries[0]["actor"]["id"], client.id.as_str());
    assert_eq!(entries[0]["ip"], "127.0.0.1");
    let failures = audit(
        &app,
        &admin.access_token,
        &format!("target_id={}&action=auth.sign_in_failed", client.id),
    )
    .await;
    assert_eq!(failures.len(), 1);

    // Funding the contract moved money and changed state: both are there, by the client.
    let theirs = actions(
        &audit(
            &app,
            &admin.access_token,
            &format!("actor_id={}&limit=100", client.id),
        )
        .await,
    );
    assert!(theirs.iter().any(|a| a.starts_with("money.")), "{theirs:?}");
    assert!(
        theirs.contains(&"POST /api/v1/jobs".to_owned()),
        "{theirs:?}"
    );
    assert!(
        theirs.contains(&"POST /api/v1/offers".to_owned()),
        "{theirs:?}"
    );

    // Nobody rewrites history, not even with SQL.
    let mut conn = app.db.connect();
    use diesel::RunQueryDsl;
    let update = diesel::sql_query("UPDATE audit_log SET action = 'nothing'").execute(&mut conn);
    assert!(update.is_err());
    let delete = diesel::sql_query("DELETE FROM audit_log").execute(&mut conn);
    assert!(delete.is_err());

    // Pages, filters and bad parameters.
    let page = json_of(
        app.get_as("/admin/audit-log?limit=2", &admin.access_token)
            .await,
    )
    .await;
    assert_eq!(page["data"].as_array().map(Vec::len), Some(2));
    let cursor = page["next_cursor"].as_str().unwrap_or_default().to_owned();
    let next = audit(
        &app,
        &admin.access_token,
        &format!("limit=2&cursor={cursor}"),
    )
    .await;
    assert_ne!(next[0]["id"], page["data"][0]["id"]);
    let bad = app
        .get_as("/admin/audit-log?since=yesterday", &admin.access_token)
        .await;
    let problem = expect_problem(bad, 400, "invalid_parameter").await;
    assert_eq!(error_fields(&problem), vec!["since"]);
}

#[actix_web::test]
async fn sign_ups_sign_ins_proposals_and_messages_are_rate_limited() {
    let app = TestApp::spawn_with(|config| {
        config.policy.rate_limits = worklane_domain::rate_limit::RateLimits::none()
            .apply("signup_per_ip=3/1h,sign_in_per_account=2/1m,proposals_per_user=1/1h")
            .unwrap_or_else(|e| panic!("{e}"));
    })
    .await;
    let accounts = [
        app.signup("one", &["client"]).await,
        app.signup("two", &["freelancer"]).await,
    ];
    app.verify_email(&accounts[0]).await;
    app.verify_email(&accounts[1]).await;
    assert_eq!(
        app.post(
            "/auth/signup",
            &TestApp::signup_body(&worklane_tests::unique_email("three"), &["client"])
        )
        .await
        .status(),
        201
    );
    let fourth = app
        .post(
            "/auth/signup",
            &TestApp::signup_body(&worklane_tests::unique_email("four"), &["client"]),
        )
        .await;
    assert_eq!(fourth.status(), 429);
    let retry: i64 = header(&fourth, "retry-after")
        .and_then(|v| v.parse().ok())
        .unwrap_or_default();
    assert!((1..=3600).contains(&retry), "Retry-After {retry}");
    assert_eq!(
        header(&fourth, "ratelimit-policy").as_deref(),
        Some("\"signup_per_ip\";q=3;w=3600")
    );
    assert_eq!(
        header(&fourth, "ratelimit"),
        Some(format!("\"signup_per_ip\";r=0;t={retry}"))
    );
    expect_problem(fourth, 429, "rate_limited").await;

    // Two sign-ins a minute per account; the third is refused even with the right password.
    let client = &accounts[0];
    let session = app.sign_in(client).await;
    assert_eq!(
        app.login(&client.email, &client.password).await.status(),
        200
    );
    expect_problem(
        app.login(&client.email, &client.password).await,
        429,
        "rate_limited",
    )
    .await;
    app.advance_clock(chrono::Duration::minutes(1));
    let session = {
        let _ = session;
        app.sign_in(client).await
    };

    // One proposal an hour for this freelancer.
    let freelancer_session = app.sign_in(&accounts[1]).await;
    let freelancer = Who {
        id: accounts[1].id.clone(),
        account: accounts[1].clone(),
        session: freelancer_session,
    };
    let client = Who {
        id: client.id.clone(),
        account: client.clone(),
        session,
    };
    let one = posted_job(&app, &client, json!({})).await;
    let two = posted_job(&app, &client, json!({})).await;
    assert_eq!(
        propose(&app, &freelancer, one["id"].as_str().unwrap_or_default())
            .await
            .status(),
        201
    );
    let refused = propose(&app, &freelancer, two["id"].as_str().unwrap_or_default()).await;
    assert_eq!(
        header(&refused, "ratelimit-policy").as_deref(),
        Some("\"proposals_per_user\";q=1;w=3600")
    );
    expect_problem(refused, 429, "rate_limited").await;
    // Refused attempts spent no Connects and wrote nothing.
    books_balance(&app);
}
