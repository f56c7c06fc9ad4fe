//! SPEC §2 profiles: a freelancer's profile with its limits and completeness, a
//! client's profile with derived stats, and the public pages.

use serde_json::{Value, json};
use worklane_tests::{TestApp, error_fields, expect_problem};

fn skill(slug: &str) -> String {
    worklane_db::taxonomy::stable_id("skill", slug).to_string()
}

pub(crate) fn profile_body() -> Value {
    json!({
        "title": "Full-stack developer for booking and payments",
        "overview": "Ten years of building web products for small businesses, from first sketch to launch.",
        "hourly_rate": "65",
        "skill_ids": [skill("rust"), skill("typescript"), skill("postgresql")],
        "availability": "less_than_30",
        "portfolio": [{"title": "Booking site for a climbing gym", "url": "https://example.com/climb", "completed_on": "2026-03-01"}],
        "employment": [{"company": "Acme", "title": "Senior engineer", "from": "2020-01-01"}],
        "education": [{"school": "TU Berlin", "degree": "MSc", "start_year": 2012, "end_year": 2014}],
        "certifications": [],
        "languages": [{"language": "English", "level": "fluent"}, {"language": "Spanish", "level": "native"}]
    })
}

async fn put(app: &TestApp, path: &str, token: &str, body: &Value) -> reqwest::Response {
    app.client
        .put(app.api(path))
        .bearer_auth(token)
        .json(body)
        .send()
        .await
        .unwrap_or_else(|e| panic!("PUT {path}: {e}"))
}

#[actix_web::test]
async fn a_freelancer_fills_in_a_profile_that_everyone_can_read() {
    let app = TestApp::spawn().await;
    let freelancer = app.signup_freelancer().await;
    let session = app.sign_in(&freelancer).await;
    let empty: Value = app
        .get_as("/me/freelancer-profile", &session.access_token)
        .await
        .json()
        .await
        .unwrap_or_default();
    assert_eq!(empty["completeness"], 0);

    // Unverified accounts may edit their profile.
    let response = put(
        &app,
        "/me/freelancer-profile",
        &session.access_token,
        &profile_body(),
    )
    .await;
    assert_eq!(response.status(), 200);
    let saved: Value = response.json().await.unwrap_or_default();
    assert_eq!(saved["hourly_rate"], "65.00");
    let skills: Vec<&str> = saved["skills"]
        .as_array()
        .map(|s| s.iter().filter_map(|k| k["name"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(skills, vec!["Rust", "TypeScript", "PostgreSQL"]);
    // Everything but a photo (10) and certifications (5).
    assert_eq!(saved["completeness"], 85);

    let public: Value = app
        .get(&format!("/freelancers/{}", freelancer.id))
        .await
        .json()
        .await
        .unwrap_or_default();
    assert_eq!(
        public["title"],
        "Full-stack developer for booking and payments"
    );
    assert_eq!(public["languages"][1]["level"], "native");
    assert_eq!(public["portfolio"][0]["url"], "https://example.com/climb");
    assert_eq!(public["reputation"]["total_earned_band"], "none_yet");
    assert!(
        public["reputation"]["rating"].is_null()
            && public["reputation"]["job_success_score"].is_null()
    );
    assert!(
        public.get("email").is_none(),
        "the public page never shows the email"
    );
}

async fn refused(app: &TestApp, token: &str, change: Value, field: &str) {
    let mut body = profile_body();
    for (key, value) in change.as_object().cloned().unwrap_or_default() {
        body[key] = value;
    }
    let problem = expect_problem(
        put(app, "/me/freelancer-profile", token, &body).await,
        422,
        "validation_failed",
    )
    .await;
    assert!(
        error_fields(&problem).contains(&field.to_owned()),
        "{change} -> {problem}"
    );
}

#[actix_web::test]
async fn profile_limits_are_enforced_and_nothing_is_written() {
    let app = TestApp::spawn().await;
    let freelancer = app.signup_freelancer().await;
    let token = app.sign_in(&freelancer).await.access_token;
    refused(&app, &token, json!({ "title": "x".repeat(101) }), "title").await;
    refused(
        &app,
        &token,
        json!({ "overview": "x".repeat(5001) }),
        "overview",
    )
    .await;
    refused(
        &app,
        &token,
        json!({ "hourly_rate": "2.99" }),
        "hourly_rate",
    )
    .await;
    refused(
        &app,
        &token,
        json!({ "hourly_rate": "12.345" }),
        "hourly_rate",
    )
    .await;
    refused(&app, &token, json!({ "skill_ids": [] }), "skill_ids").await;
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
    refused(&app, &token, json!({ "skill_ids": sixteen }), "skill_ids").await;
    refused(
        &app,
        &token,
        json!({ "skill_ids": [uuid::Uuid::new_v4()] }),
        "skill_ids",
    )
    .await;
    refused(
        &app,
        &token,
        json!({ "portfolio": [{"title": "Site", "url": "ftp://example.com"}] }),
        "portfolio.0.url",
    )
    .await;
    refused(
        &app,
        &token,
        json!({ "languages": [{"language": "English", "level": "guru"}] }),
        "languages.0.level",
    )
    .await;
    refused(
        &app,
        &token,
        json!({ "education": [{"school": "Old School", "start_year": 1800}] }),
        "education.0.start_year",
    )
    .await;
    refused(
        &app,
        &token,
        json!({ "employment": [{"company": "", "title": "Dev", "from": "2020-01-01"}] }),
        "employment.0.company",
    )
    .await;
    assert_eq!(
        app.count("SELECT count(*) AS n FROM freelancer_profiles"),
        0
    );
}

#[actix_web::test]
async fn each_profile_belongs_to_its_role() {
    let app = TestApp::spawn().await;
    let client = app.signup_client().await;
    let freelancer = app.signup_freelancer().await;
    let client_token = app.sign_in(&client).await.access_token;
    let freelancer_token = app.sign_in(&freelancer).await.access_token;
    expect_problem(
        app.get_as("/me/freelancer-profile", &client_token).await,
        403,
        "freelancer_role_required",
    )
    .await;
    expect_problem(
        put(
            &app,
            "/me/freelancer-profile",
            &client_token,
            &profile_body(),
        )
        .await,
        403,
        "freelancer_role_required",
    )
    .await;
    expect_problem(
        app.get_as("/me/client-profile", &freelancer_token).await,
        403,
        "client_role_required",
    )
    .await;
    expect_problem(
        app.get(&format!("/freelancers/{}", client.id)).await,
        404,
        "not_found",
    )
    .await;
    expect_problem(
        app.get(&format!("/clients/{}", freelancer.id)).await,
        404,
        "not_found",
    )
    .await;
    expect_problem(
        app.get(&format!("/freelancers/{}", uuid::Uuid::new_v4()))
            .await,
        404,
        "not_found",
    )
    .await;
    expect_problem(
        app.get("/me/freelancer-profile").await,
        401,
        "unauthenticated",
    )
    .await;
}

#[actix_web::test]
async fn a_clients_public_card_shows_its_company_and_derived_stats() {
    let app = TestApp::spawn().await;
    let (client, session) = app.verified_client().await;
    let body = json!({ "company_name": "Northwind Studio", "description": "A small design studio.", "company_size": "2_to_9", "website": "https://northwind.example" });
    let response = put(&app, "/me/client-profile", &session.access_token, &body).await;
    assert_eq!(response.status(), 200);
    let card: Value = app
        .get(&format!("/clients/{}", client.id))
        .await
        .json()
        .await
        .unwrap_or_default();
    assert_eq!(card["company_name"], "Northwind Studio");
    assert_eq!(card["company_size"], "2_to_9");
    assert_eq!(card["stats"]["jobs_posted"], 0);
    assert!(card["stats"]["hire_rate"].is_null());
    assert_eq!(card["stats"]["payment_verified"], false);

    app.post_job(&session, &TestApp::job_body()).await;
    let mut draft = TestApp::job_body();
    draft["draft"] = json!(true);
    app.post_job(&session, &draft).await;
    let card: Value = app
        .get(&format!("/clients/{}", client.id))
        .await
        .json()
        .await
        .unwrap_or_default();
    assert_eq!(
        card["stats"]["jobs_posted"], 1,
        "drafts are not posted jobs"
    );
    assert_eq!(card["stats"]["hire_rate"], 0);

    let bad = json!({ "website": "javascript:alert(1)" });
    let problem = expect_problem(
        put(&app, "/me/client-profile", &session.access_token, &bad).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(error_fields(&problem), vec!["website"]);
}

/// A real 1x1 PNG.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
    0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0xf0,
    0x1f, 0x00, 0x05, 0x00, 0x01, 0xff, 0x89, 0x99, 0x3d, 0x1d, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
    0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

async fn upload(
    app: &TestApp,
    token: &str,
    content_type: &str,
    bytes: Vec<u8>,
) -> reqwest::Response {
    app.client
        .put(app.api("/me/freelancer-profile/photo"))
        .bearer_auth(token)
        .header("content-type", content_type)
        .body(bytes)
        .send()
        .await
        .unwrap_or_else(|e| panic!("photo upload: {e}"))
}

#[actix_web::test]
async fn a_photo_is_stored_served_and_counted_in_completeness() {
    let app = TestApp::spawn().await;
    let freelancer = app.signup_freelancer().await;
    let token = app.sign_in(&freelancer).await.access_token;
    put(&app, "/me/freelancer-profile", &token, &profile_body()).await;

    // Declared as something else: the bytes decide.
    let response = upload(&app, &token, "application/octet-stream", PNG.to_vec()).await;
    assert_eq!(response.status(), 200);
    let profile: Value = response.json().await.unwrap_or_default();
    assert_eq!(profile["completeness"], 95);
    let url = profile["photo_url"].as_str().unwrap_or_default().to_owned();
    assert!(url.starts_with(&format!("/api/v1/freelancers/{}/photo", freelancer.id)));

    let photo = app
        .client
        .get(format!("{}{url}", app.address))
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(photo.status(), 200);
    assert_eq!(
        worklane_tests::header(&photo, "content-type").as_deref(),
        Some("image/png")
    );
    assert_eq!(
        photo.bytes().await.map(|b| b.to_vec()).unwrap_or_default(),
        PNG.to_vec()
    );

    // Replacing the profile keeps the photo.
    let again: Value = put(&app, "/me/freelancer-profile", &token, &profile_body())
        .await
        .json()
        .await
        .unwrap_or_default();
    assert_eq!(again["photo_url"], url.as_str());
}

#[actix_web::test]
async fn only_real_images_within_the_size_limit_become_photos() {
    let app = TestApp::spawn().await;
    let freelancer = app.signup_freelancer().await;
    let token = app.sign_in(&freelancer).await.access_token;
    let svg = b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>".to_vec();
    let problem = expect_problem(
        upload(&app, &token, "image/png", svg).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(problem["errors"][0]["code"], "not_an_image");
    let mut huge = PNG.to_vec();
    huge.resize(5 * 1024 * 1024 + 1, 0);
    expect_problem(
        upload(&app, &token, "image/png", huge).await,
        413,
        "payload_too_large",
    )
    .await;
    assert_eq!(app.count("SELECT count(*) AS n FROM attachments"), 0);
    expect_problem(
        app.get(&format!("/freelancers/{}/photo", freelancer.id))
            .await,
        404,
        "not_found",
    )
    .await;

    let client = app.signup_client().await;
    let client_token = app.sign_in(&client).await.access_token;
    expect_problem(
        upload(&app, &client_token, "image/png", PNG.to_vec()).await,
        403,
        "freelancer_role_required",
    )
    .await;
}
