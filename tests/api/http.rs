//! The HTTP foundation: request ids, problem+json everywhere, health, CORS, the
//! OpenAPI document and reference, pagination parameters.

use serde_json::Value;
use worklane_tests::{TestApp, expect_problem, header};

#[actix_web::test]
async fn every_response_carries_a_request_id_and_honours_a_well_formed_one() {
    let app = TestApp::spawn().await;
    let response = app.get("/countries").await;
    let id = header(&response, "x-request-id").unwrap_or_default();
    assert_eq!(id.len(), 36);
    let with_id = |id: &'static str| {
        app.client
            .get(app.api("/me"))
            .header("x-request-id", id)
            .send()
    };
    let traced = with_id("trace-abc.123")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        header(&traced, "x-request-id").as_deref(),
        Some("trace-abc.123")
    );
    let body: Value = traced.json().await.unwrap_or_default();
    assert_eq!(body["request_id"], "trace-abc.123");
    let hostile = with_id("bad id\twith spaces")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_ne!(
        header(&hostile, "x-request-id").as_deref(),
        Some("bad id\twith spaces")
    );
}

#[actix_web::test]
async fn unknown_api_paths_are_problem_404s() {
    let app = TestApp::spawn().await;
    expect_problem(app.get("/no-such-thing").await, 404, "not_found").await;
    let outside = app
        .client
        .get(format!("{}/api/v2/jobs", app.address))
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    expect_problem(outside, 404, "not_found").await;
}

#[actix_web::test]
async fn health_reports_the_database() {
    let app = TestApp::spawn().await;
    let response = app
        .client
        .get(format!("{}/health", app.address))
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap_or_default();
    assert_eq!(body, serde_json::json!({"status": "ok", "database": "ok"}));
}

#[actix_web::test]
async fn health_is_503_and_requests_fail_cleanly_when_the_database_is_unreachable() {
    let app = TestApp::spawn_with(|config| {
        config.database_url = "postgres://nobody@127.0.0.1:9/none".to_owned();
        config.pool.connection_timeout = std::time::Duration::from_millis(300);
    })
    .await;
    let response = app
        .client
        .get(format!("{}/health", app.address))
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(response.status(), 503);
    let signup = app
        .post(
            "/auth/signup",
            &TestApp::signup_body("a@example.com", &["client"]),
        )
        .await;
    expect_problem(signup, 503, "service_unavailable").await;
}

#[actix_web::test]
async fn cross_origin_requests_are_allowed_in_development_and_test() {
    let app = TestApp::spawn().await;
    let preflight = app
        .client
        .request(reqwest::Method::OPTIONS, app.api("/auth/login"))
        .header("origin", "http://localhost:5173")
        .header("access-control-request-method", "POST")
        .header("access-control-request-headers", "content-type")
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(preflight.status().is_success());
    assert_eq!(
        preflight
            .headers()
            .get("access-control-allow-origin")
            .and_then(|v| v.to_str().ok()),
        Some("http://localhost:5173")
    );
}

#[actix_web::test]
async fn production_allows_only_configured_origins_and_has_no_mailbox() {
    let app = TestApp::spawn_with(|config| {
        config.env = worklane_api::Environment::Production;
        config.cors_origins = vec!["https://app.example.com".to_owned()];
    })
    .await;
    let foreign = app
        .client
        .get(app.api("/countries"))
        .header("origin", "https://evil.example.com")
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        foreign
            .headers()
            .get("access-control-allow-origin")
            .is_none()
    );
    expect_problem(app.get("/dev/mailbox").await, 404, "not_found").await;
}

#[actix_web::test]
async fn the_openapi_document_is_served_and_matches_the_committed_one() {
    let app = TestApp::spawn().await;
    let served = app
        .get("/openapi.json")
        .await
        .text()
        .await
        .unwrap_or_default();
    let committed = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../openapi/openapi.json"
    ))
    .unwrap_or_default();
    assert!(
        served == committed,
        "openapi/openapi.json is stale: run `make openapi`"
    );
    let doc: Value = serde_json::from_str(&served).unwrap_or_default();
    assert_eq!(doc["openapi"], "3.1.0");
    assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
    // Every `$ref` resolves: a dangling one breaks client generators.
    fn refs<'a>(value: &'a Value, out: &mut Vec<&'a str>) {
        match value {
            Value::Object(map) => {
                if let Some(Value::String(target)) = map.get("$ref") {
                    out.push(target);
                }
                map.values().for_each(|v| refs(v, out));
            }
            Value::Array(items) => items.iter().for_each(|v| refs(v, out)),
            _ => {}
        }
    }
    let mut targets = Vec::new();
    refs(&doc, &mut targets);
    let dangling: Vec<&str> = targets
        .into_iter()
        .filter(|t| doc.pointer(t.trim_start_matches('#')).is_none())
        .collect();
    assert!(dangling.is_empty(), "dangling $refs: {dangling:?}");
    let docs_page = app
        .client
        .get(format!("{}/api/docs/", app.address))
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(docs_page.status(), 200);
    assert!(
        docs_page
            .text()
            .await
            .unwrap_or_default()
            .contains("swagger")
    );
}

#[actix_web::test]
async fn every_operation_documents_its_errors_as_problems() {
    let doc: Value =
        serde_json::from_str(&worklane_api::openapi::document_json()).unwrap_or_default();
    for (path, item) in doc["paths"].as_object().cloned().unwrap_or_default() {
        for (method, operation) in item.as_object().cloned().unwrap_or_default() {
            let responses = operation["responses"]
                .as_object()
                .cloned()
                .unwrap_or_default();
            assert!(responses.contains_key("500"), "{method} {path} lacks 500");
            if operation.get("requestBody").is_some() {
                for status in ["400", "413", "415", "422"] {
                    assert!(
                        responses.contains_key(status),
                        "{method} {path} lacks {status}"
                    );
                }
            }
            if operation.get("security").is_some() {
                assert!(responses.contains_key("401"), "{method} {path} lacks 401");
            }
        }
    }
}

#[actix_web::test]
async fn the_mailbox_pages_with_a_cursor_and_refuses_bad_parameters() {
    let app = TestApp::spawn().await;
    let account = app.signup_client().await;
    let session = app.sign_in(&account).await;
    app.post_as(
        "/auth/resend-verification",
        &session.access_token,
        &serde_json::json!({}),
    )
    .await;
    app.mailbox(&account.email, 2).await;
    let first: Value = app
        .client
        .get(app.api("/dev/mailbox"))
        .query(&[("to", account.email.as_str()), ("limit", "1")])
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .json()
        .await
        .unwrap_or_default();
    assert_eq!(first["data"].as_array().map(Vec::len), Some(1));
    let cursor = first["next_cursor"].as_str().unwrap_or_default().to_owned();
    let second: Value = app
        .client
        .get(app.api("/dev/mailbox"))
        .query(&[
            ("to", account.email.as_str()),
            ("limit", "1"),
            ("cursor", &cursor),
        ])
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .json()
        .await
        .unwrap_or_default();
    assert_eq!(second["data"].as_array().map(Vec::len), Some(1));
    assert_ne!(second["data"][0]["id"], first["data"][0]["id"]);
    assert!(second["next_cursor"].is_null());

    for (query, field) in [
        ("limit=0", "limit"),
        ("limit=1000", "limit"),
        ("limit=ten", "limit"),
        ("cursor=forged", "cursor"),
    ] {
        app.expect_bad_parameter("/dev/mailbox", query, field).await;
    }
}

#[actix_web::test]
async fn countries_are_listed_for_forms() {
    let app = TestApp::spawn().await;
    let countries: Value = app.get("/countries").await.json().await.unwrap_or_default();
    let list = countries.as_array().cloned().unwrap_or_default();
    assert!(list.len() > 240);
    assert!(
        list.iter()
            .any(|c| c["code"] == "DE" && c["name"] == "Germany")
    );
}

#[actix_web::test]
async fn the_documented_enumerations_are_the_wire_values() {
    let doc: Value =
        serde_json::from_str(&worklane_api::openapi::document_json()).unwrap_or_default();
    let schemas = &doc["components"]["schemas"];
    let values = |name: &str| -> Vec<String> {
        schemas[name]["enum"]
            .as_array()
            .map(|v| {
                v.iter()
                    .filter_map(|s| s.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    };
    // shared/API.md, "Enumerations (wire values, fixed)".
    assert_eq!(values("Role"), ["client", "freelancer", "admin"]);
    assert_eq!(values("JobTypeName"), ["fixed", "hourly"]);
    assert_eq!(
        values("ExperienceLevel"),
        ["entry", "intermediate", "expert"]
    );
    assert_eq!(
        values("ProjectLengthName"),
        [
            "less_than_1_month",
            "1_to_3_months",
            "3_to_6_months",
            "more_than_6_months"
        ]
    );
    assert_eq!(values("HoursPerWeekName"), ["less_than_30", "30_plus"]);
    assert_eq!(values("Visibility"), ["public", "invite_only"]);
    assert_eq!(
        values("JobStatusName"),
        [
            "draft",
            "open",
            "filled",
            "closed",
            "cancelled",
            "expired",
            "removed"
        ]
    );
}
