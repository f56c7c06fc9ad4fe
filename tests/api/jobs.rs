//! SPEC §3 jobs: fields and limits, the life cycle, who may see and change a job,
//! the Connects cost, and expiry after 30 days without activity.

use serde_json::{Value, json};
use worklane_tests::{TestApp, error_fields, expect_problem};

fn with(mut body: Value, changes: Value) -> Value {
    for (key, value) in changes.as_object().cloned().unwrap_or_default() {
        if value.is_null() {
            body.as_object_mut().map(|o| o.remove(&key));
        } else {
            body[key] = value;
        }
    }
    body
}

fn skill(slug: &str) -> String {
    worklane_db::taxonomy::stable_id("skill", slug).to_string()
}

#[actix_web::test]
async fn a_verified_client_posts_an_open_job_priced_in_connects() {
    let app = TestApp::spawn().await;
    let (client, session) = app.verified_client().await;
    let job = app.post_job(&session, &TestApp::job_body()).await;
    assert_eq!(job["status"], "open");
    assert_eq!(job["client_id"], client.id.as_str());
    assert_eq!(job["budget"], "750.00");
    assert!(job["hourly_min"].is_null());
    assert_eq!(job["connects_cost"], 6);
    let skills: Vec<&str> = job["skills"]
        .as_array()
        .map(|s| s.iter().filter_map(|k| k["name"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(skills, vec!["Copywriting", "SEO Writing"]);
    assert!(job["published_at"].is_string());
}

#[actix_web::test]
async fn the_connects_cost_rises_with_the_jobs_value() {
    let app = TestApp::spawn().await;
    let (_, session) = app.verified_client().await;
    for (budget, cost) in [
        ("5.00", 2),
        ("249.99", 4),
        ("999.99", 6),
        ("4999", 8),
        ("24999.99", 12),
        ("25000", 16),
    ] {
        let job = app
            .post_job(
                &session,
                &with(TestApp::job_body(), json!({ "budget": budget })),
            )
            .await;
        assert_eq!(job["connects_cost"], cost, "budget {budget}");
    }
    let hourly = with(
        TestApp::job_body(),
        json!({
            "job_type": "hourly", "budget": null, "hourly_min": "20", "hourly_max": "40",
            "project_length": "more_than_6_months", "hours_per_week": "30_plus"
        }),
    );
    let job = app.post_job(&session, &hourly).await;
    assert_eq!(
        (job["hourly_min"].as_str(), job["hourly_max"].as_str()),
        (Some("20.00"), Some("40.00"))
    );
    assert_eq!(job["connects_cost"], 16);
}

#[actix_web::test]
async fn the_cost_can_be_previewed_before_posting() {
    let app = TestApp::spawn().await;
    let cost = |query: &'static str| {
        let app = &app;
        async move { app.get_query("/jobs/connects-cost", query).await }
    };
    let fixed: Value = cost(
        "job_type=fixed&budget=999.99&project_length=less_than_1_month&hours_per_week=less_than_30",
    )
    .await
    .json()
    .await
    .unwrap_or_default();
    assert_eq!(fixed["connects_cost"], 6);
    let hourly: Value = cost("job_type=hourly&hourly_min=20&hourly_max=40&project_length=more_than_6_months&hours_per_week=30_plus").await.json().await.unwrap_or_default();
    assert_eq!(hourly["connects_cost"], 16);
    let problem = expect_problem(cost("job_type=fixed&budget=1.00&project_length=less_than_1_month&hours_per_week=less_than_30").await, 400, "invalid_parameter").await;
    assert_eq!(error_fields(&problem), vec!["budget"]);
    app.expect_bad_parameter(
        "/jobs/connects-cost",
        "job_type=barter&project_length=less_than_1_month&hours_per_week=less_than_30",
        "job_type",
    )
    .await;
}

#[actix_web::test]
async fn only_verified_clients_post_jobs() {
    let app = TestApp::spawn().await;
    let unverified = app.signup_client().await;
    let session = app.sign_in(&unverified).await;
    expect_problem(
        app.post_as("/jobs", &session.access_token, &TestApp::job_body())
            .await,
        403,
        "email_unverified",
    )
    .await;

    let freelancer = app.signup_freelancer().await;
    app.verify_email(&freelancer).await;
    let session = app.sign_in(&freelancer).await;
    expect_problem(
        app.post_as("/jobs", &session.access_token, &TestApp::job_body())
            .await,
        403,
        "client_role_required",
    )
    .await;
    expect_problem(
        app.post("/jobs", &TestApp::job_body()).await,
        401,
        "unauthenticated",
    )
    .await;
    assert_eq!(app.count("SELECT count(*) AS n FROM jobs"), 0);
}

async fn refused(app: &TestApp, token: &str, changes: Value, field: &str, code: &str) {
    let body = with(TestApp::job_body(), changes.clone());
    let problem = expect_problem(
        app.post_as("/jobs", token, &body).await,
        422,
        "validation_failed",
    )
    .await;
    let errors = problem["errors"].as_array().cloned().unwrap_or_default();
    assert!(
        errors
            .iter()
            .any(|e| e["field"] == field && e["code"] == code),
        "{changes} -> {problem}"
    );
}

#[actix_web::test]
async fn every_field_limit_is_enforced_and_nothing_is_written() {
    let app = TestApp::spawn().await;
    let (_, session) = app.verified_client().await;
    let token = session.access_token.as_str();
    refused(
        &app,
        token,
        json!({ "title": "Too short" }),
        "title",
        "length",
    )
    .await;
    refused(
        &app,
        token,
        json!({ "title": "x".repeat(121) }),
        "title",
        "length",
    )
    .await;
    refused(
        &app,
        token,
        json!({ "title": "          a" }),
        "title",
        "too_short",
    )
    .await;
    refused(
        &app,
        token,
        json!({ "description": "Needs more words than this." }),
        "description",
        "length",
    )
    .await;
    refused(
        &app,
        token,
        json!({ "skill_ids": [] }),
        "skill_ids",
        "length",
    )
    .await;
    let sixteen: Vec<String> = [
        "python",
        "rust",
        "go",
        "java",
        "php",
        "ruby-on-rails",
        "swift",
        "kotlin",
        "c",
        "scala",
        "elixir",
        "haskell",
        "dart",
        "flutter",
        "django",
        "flask",
    ]
    .iter()
    .map(|s| skill(s))
    .collect();
    refused(
        &app,
        token,
        json!({ "skill_ids": sixteen }),
        "skill_ids",
        "length",
    )
    .await;
    refused(
        &app,
        token,
        json!({ "skill_ids": [uuid::Uuid::new_v4()] }),
        "skill_ids",
        "unknown_skill",
    )
    .await;
    refused(
        &app,
        token,
        json!({ "category_id": uuid::Uuid::new_v4() }),
        "category_id",
        "unknown_category",
    )
    .await;
    refused(
        &app,
        token,
        json!({ "budget": "4.99" }),
        "budget",
        "below_minimum",
    )
    .await;
    refused(
        &app,
        token,
        json!({ "budget": "-10.00" }),
        "budget",
        "negative_amount",
    )
    .await;
    refused(
        &app,
        token,
        json!({ "budget": "12.345" }),
        "budget",
        "too_precise",
    )
    .await;
    refused(
        &app,
        token,
        json!({ "budget": "1e9" }),
        "budget",
        "invalid_amount",
    )
    .await;
    refused(
        &app,
        token,
        json!({ "budget": "10000000000" }),
        "budget",
        "amount_too_large",
    )
    .await;
    refused(&app, token, json!({ "budget": null }), "budget", "required").await;
    refused(
        &app,
        token,
        json!({ "hourly_min": "10.00" }),
        "hourly_min",
        "not_applicable",
    )
    .await;
    let hourly =
        json!({ "job_type": "hourly", "budget": null, "hourly_min": "50", "hourly_max": "40" });
    refused(&app, token, hourly, "hourly_max", "max_below_min").await;
    let cheap =
        json!({ "job_type": "hourly", "budget": null, "hourly_min": "2.99", "hourly_max": "40" });
    refused(&app, token, cheap, "hourly_min", "below_minimum").await;
    refused(
        &app,
        token,
        json!({ "job_type": "hourly" }),
        "budget",
        "not_applicable",
    )
    .await;
    refused(
        &app,
        token,
        json!({ "screening_questions": ["1", "2", "3", "4", "5", "6"] }),
        "screening_questions",
        "length",
    )
    .await;
    refused(
        &app,
        token,
        json!({ "screening_questions": ["   "] }),
        "screening_questions.0",
        "length",
    )
    .await;
    refused(
        &app,
        token,
        json!({ "experience_level": "guru" }),
        "experience_level",
        "invalid_type",
    )
    .await;
    refused(
        &app,
        token,
        json!({ "budget": 750 }),
        "budget",
        "invalid_type",
    )
    .await;
    assert_eq!(app.count("SELECT count(*) AS n FROM jobs"), 0);
    assert_eq!(app.count("SELECT count(*) AS n FROM job_skills"), 0);
}

#[actix_web::test]
async fn a_draft_is_private_until_published() {
    let app = TestApp::spawn().await;
    let (_, owner) = app.verified_client().await;
    let (_, other) = app.verified_client().await;
    let draft = app
        .post_job(&owner, &with(TestApp::job_body(), json!({ "draft": true })))
        .await;
    assert_eq!(draft["status"], "draft");
    assert!(draft["published_at"].is_null());
    let path = format!("/jobs/{}", draft["id"].as_str().unwrap_or_default());
    expect_problem(
        app.get_as(&path, &other.access_token).await,
        404,
        "not_found",
    )
    .await;
    expect_problem(app.get(&path).await, 404, "not_found").await;
    assert_eq!(app.get_as(&path, &owner.access_token).await.status(), 200);

    let published: Value = app
        .post_as(&format!("{path}/publish"), &owner.access_token, &json!({}))
        .await
        .json()
        .await
        .unwrap_or_default();
    assert_eq!(published["status"], "open");
    assert_eq!(
        app.get(&path).await.status(),
        200,
        "anyone may read a published public job"
    );
    expect_problem(
        app.post_as(&format!("{path}/publish"), &owner.access_token, &json!({}))
            .await,
        409,
        "invalid_job_state",
    )
    .await;
}

#[actix_web::test]
async fn invite_only_jobs_are_hidden_from_everyone_but_their_owner() {
    let app = TestApp::spawn().await;
    let (_, owner) = app.verified_client().await;
    let (_, other) = app.verified_client().await;
    let job = app
        .post_job(
            &owner,
            &with(TestApp::job_body(), json!({ "visibility": "invite_only" })),
        )
        .await;
    let path = format!("/jobs/{}", job["id"].as_str().unwrap_or_default());
    expect_problem(
        app.get_as(&path, &other.access_token).await,
        404,
        "not_found",
    )
    .await;
    assert_eq!(app.get_as(&path, &owner.access_token).await.status(), 200);
}

#[actix_web::test]
async fn another_users_job_cannot_be_edited_closed_or_cancelled() {
    let app = TestApp::spawn().await;
    let (_, owner) = app.verified_client().await;
    let (_, intruder) = app.verified_client().await;
    let job = app.post_job(&owner, &TestApp::job_body()).await;
    let path = format!("/jobs/{}", job["id"].as_str().unwrap_or_default());
    expect_problem(
        app.patch_as(
            &path,
            &intruder.access_token,
            &json!({ "title": "Hijacked job title here" }),
        )
        .await,
        404,
        "not_found",
    )
    .await;
    for action in ["close", "cancel", "publish"] {
        expect_problem(
            app.post_as(
                &format!("{path}/{action}"),
                &intruder.access_token,
                &json!({}),
            )
            .await,
            404,
            "not_found",
        )
        .await;
    }
    let unchanged: Value = app.get(&path).await.json().await.unwrap_or_default();
    assert_eq!(
        (unchanged["title"].clone(), unchanged["status"].clone()),
        (job["title"].clone(), json!("open"))
    );
}

#[actix_web::test]
async fn ids_that_do_not_exist_or_do_not_parse_are_404() {
    let app = TestApp::spawn().await;
    let (_, session) = app.verified_client().await;
    expect_problem(
        app.get(&format!("/jobs/{}", uuid::Uuid::new_v4())).await,
        404,
        "not_found",
    )
    .await;
    expect_problem(app.get("/jobs/not-a-uuid").await, 404, "not_found").await;
    expect_problem(
        app.post_as("/jobs/not-a-uuid/close", &session.access_token, &json!({}))
            .await,
        404,
        "not_found",
    )
    .await;
}

#[actix_web::test]
async fn the_owner_edits_an_open_job_and_the_price_follows() {
    let app = TestApp::spawn().await;
    let (_, session) = app.verified_client().await;
    let job = app.post_job(&session, &TestApp::job_body()).await;
    let path = format!("/jobs/{}", job["id"].as_str().unwrap_or_default());
    let change = json!({ "job_type": "hourly", "hourly_min": "30", "hourly_max": "60", "skill_ids": [skill("technical-writing")] });
    let response = app.patch_as(&path, &session.access_token, &change).await;
    assert_eq!(response.status(), 200);
    let edited: Value = response.json().await.unwrap_or_default();
    assert_eq!(edited["job_type"], "hourly");
    assert!(edited["budget"].is_null());
    assert_eq!(edited["hourly_max"], "60.00");
    // 60/h x 20 h x 3 weeks = 3,600 -> 8 Connects.
    assert_eq!(edited["connects_cost"], 8);
    assert_eq!(edited["skills"][0]["name"], "Technical Writing");

    let bad = app
        .patch_as(&path, &session.access_token, &json!({ "hourly_max": "10" }))
        .await;
    let problem = expect_problem(bad, 422, "validation_failed").await;
    assert_eq!(error_fields(&problem), vec!["hourly_max"]);
    let unchanged: Value = app.get(&path).await.json().await.unwrap_or_default();
    assert_eq!(unchanged["hourly_max"], "60.00");
}

#[actix_web::test]
async fn closed_and_cancelled_jobs_are_final() {
    let app = TestApp::spawn().await;
    let (_, session) = app.verified_client().await;
    let job = app.post_job(&session, &TestApp::job_body()).await;
    let path = format!("/jobs/{}", job["id"].as_str().unwrap_or_default());
    let closed: Value = app
        .post_as(&format!("{path}/close"), &session.access_token, &json!({}))
        .await
        .json()
        .await
        .unwrap_or_default();
    assert_eq!(closed["status"], "closed");
    expect_problem(
        app.post_as(&format!("{path}/close"), &session.access_token, &json!({}))
            .await,
        409,
        "invalid_job_state",
    )
    .await;
    expect_problem(
        app.post_as(&format!("{path}/cancel"), &session.access_token, &json!({}))
            .await,
        409,
        "invalid_job_state",
    )
    .await;
    expect_problem(
        app.patch_as(
            &path,
            &session.access_token,
            &json!({ "title": "A fresh new title for it" }),
        )
        .await,
        409,
        "job_not_editable",
    )
    .await;

    let other = app
        .post_job(
            &session,
            &with(TestApp::job_body(), json!({ "draft": true })),
        )
        .await;
    let cancelled: Value = app
        .post_as(
            &format!("/jobs/{}/cancel", other["id"].as_str().unwrap_or_default()),
            &session.access_token,
            &json!({}),
        )
        .await
        .json()
        .await
        .unwrap_or_default();
    assert_eq!(cancelled["status"], "cancelled");
}

#[actix_web::test]
async fn my_jobs_lists_only_mine_newest_first_with_filters_and_pages() {
    let app = TestApp::spawn().await;
    let (_, me) = app.verified_client().await;
    let (_, someone) = app.verified_client().await;
    app.post_job(&someone, &TestApp::job_body()).await;
    let mut mine = Vec::new();
    for i in 0..3 {
        app.advance_clock(chrono::Duration::minutes(1));
        let draft = i == 1;
        mine.push(
            app.post_job(&me, &with(TestApp::job_body(), json!({ "draft": draft })))
                .await["id"]
                .clone(),
        );
    }
    let page: Value = app
        .get_as("/me/jobs?limit=2", &me.access_token)
        .await
        .json()
        .await
        .unwrap_or_default();
    let ids: Vec<Value> = page["data"]
        .as_array()
        .map(|d| d.iter().map(|j| j["id"].clone()).collect())
        .unwrap_or_default();
    assert_eq!(ids, vec![mine[2].clone(), mine[1].clone()]);
    let cursor = page["next_cursor"].as_str().unwrap_or_default().to_owned();
    let rest: Value = app
        .get_as(
            &format!("/me/jobs?limit=2&cursor={cursor}"),
            &me.access_token,
        )
        .await
        .json()
        .await
        .unwrap_or_default();
    assert_eq!(rest["data"][0]["id"], mine[0]);
    assert!(rest["next_cursor"].is_null());
    let drafts: Value = app
        .get_as("/me/jobs?status=draft", &me.access_token)
        .await
        .json()
        .await
        .unwrap_or_default();
    assert_eq!(drafts["data"].as_array().map(Vec::len), Some(1));
    expect_problem(
        app.get_as("/me/jobs?status=bogus", &me.access_token).await,
        400,
        "invalid_parameter",
    )
    .await;
    expect_problem(
        app.get_as("/me/jobs?limit=0", &me.access_token).await,
        400,
        "invalid_parameter",
    )
    .await;
}

/// Reads the (public) job until the worker has moved it to `expected`.
async fn status_after_worker(app: &TestApp, path: &str, expected: &str) -> bool {
    for _ in 0..100 {
        let job: Value = app.get(path).await.json().await.unwrap_or_default();
        if job["status"] == expected {
            return true;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    false
}

#[actix_web::test]
async fn an_open_job_expires_after_30_days_without_activity() {
    let app = TestApp::spawn().await;
    let (client, session) = app.verified_client().await;
    let idle = app.post_job(&session, &TestApp::job_body()).await;
    let busy = app.post_job(&session, &TestApp::job_body()).await;
    let idle_path = format!("/jobs/{}", idle["id"].as_str().unwrap_or_default());
    let busy_path = format!("/jobs/{}", busy["id"].as_str().unwrap_or_default());

    app.advance_clock(chrono::Duration::days(10));
    let later = app.sign_in(&client).await;
    let edit = app
        .patch_as(
            &busy_path,
            &later.access_token,
            &json!({ "budget": "800.00" }),
        )
        .await;
    assert_eq!(edit.status(), 200);
    app.advance_clock(chrono::Duration::days(20) - chrono::Duration::minutes(1));
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    assert_eq!(
        app.get(&idle_path)
            .await
            .json::<Value>()
            .await
            .unwrap_or_default()["status"],
        "open"
    );

    app.advance_clock(chrono::Duration::minutes(2));
    assert!(
        status_after_worker(&app, &idle_path, "expired").await,
        "idle job did not expire"
    );
    let busy_now: Value = app.get(&busy_path).await.json().await.unwrap_or_default();
    assert_eq!(
        busy_now["status"], "open",
        "activity 10 days in restarts the 30 days"
    );
    app.advance_clock(chrono::Duration::days(10));
    assert!(status_after_worker(&app, &busy_path, "expired").await);
}

#[actix_web::test]
async fn an_edit_through_one_instance_shows_at_once_through_another() {
    // Job pages are cached per instance for seconds; a change announces itself on the
    // realtime channel so every other instance drops its copy.
    let app = TestApp::spawn().await;
    let other = app.sibling();
    let (_, client) = app.verified_client().await;
    let job = app.post_job(&client, &TestApp::job_body()).await;
    let id = job["id"].as_str().unwrap_or_default().to_owned();
    let http = reqwest::Client::new();
    let title_through = |base: String| {
        let (http, id) = (http.clone(), id.clone());
        async move {
            let body: Value = http
                .get(format!("{base}/api/v1/jobs/{id}"))
                .send()
                .await
                .unwrap_or_else(|e| panic!("job page: {e}"))
                .json()
                .await
                .unwrap_or_default();
            body["title"].as_str().unwrap_or_default().to_owned()
        }
    };
    let before = title_through(other.clone()).await;
    assert_eq!(
        before,
        job["title"].as_str().unwrap_or_default(),
        "cached on the other instance"
    );

    let edited = app
        .patch_as(
            &format!("/jobs/{id}"),
            &client.access_token,
            &json!({"title": "Rename the quarterly newsletter"}),
        )
        .await;
    assert_eq!(edited.status(), 200);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(2);
    loop {
        let now = title_through(other.clone()).await;
        if now == "Rename the quarterly newsletter" {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the other instance still shows {now:?}"
        );
        actix_web::rt::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}
