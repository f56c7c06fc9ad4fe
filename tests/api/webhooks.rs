//! SPEC §14 webhooks: an integrator's endpoint gets each subscribed event, signed,
//! from the webhook outbox; failures are retried with backoff until three days have
//! passed; deliveries are listed with their status. Webhooks never reach private
//! addresses (by URL, by name resolved at send time, or by redirect).

use crate::hiring::{Who, add_card, fixed_offer, json_of, proposal_on_a_job, verified};
use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use chrono::Duration;
use serde_json::{Value, json};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use worklane_tests::{TestApp, error_fields, expect_problem};

/// What the test receiver saw: each request's signature, event id and body.
#[derive(Debug, Clone)]
struct Received {
    signature: String,
    event_id: String,
    event_type: String,
    body: String,
}

#[derive(Clone, Default)]
struct Receiver {
    seen: Arc<Mutex<Vec<Received>>>,
    /// Answers in order; the last one repeats.
    answers: Arc<Mutex<Vec<u16>>>,
}

impl Receiver {
    fn seen(&self) -> Vec<Received> {
        self.seen.lock().map(|s| s.clone()).unwrap_or_default()
    }
}

async fn hook(req: HttpRequest, body: String, receiver: web::Data<Receiver>) -> HttpResponse {
    let header = |name: &str| {
        req.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    if let Ok(mut seen) = receiver.seen.lock() {
        seen.push(Received {
            signature: header("worklane-signature"),
            event_id: header("worklane-event-id"),
            event_type: header("worklane-event-type"),
            body,
        });
    }
    let status = receiver
        .answers
        .lock()
        .ok()
        .and_then(|mut answers| {
            if answers.len() > 1 {
                Some(answers.remove(0))
            } else {
                answers.first().copied()
            }
        })
        .unwrap_or(200);
    match status {
        302 => HttpResponse::Found()
            .insert_header(("Location", "http://127.0.0.1:9/internal"))
            .finish(),
        code => {
            HttpResponse::build(actix_web::http::StatusCode::from_u16(code).unwrap_or_default())
                .finish()
        }
    }
}

/// A receiver on a loopback port, answering with `answers` in turn.
fn receiver(answers: &[u16]) -> (Receiver, String) {
    let receiver = Receiver {
        seen: Arc::default(),
        answers: Arc::new(Mutex::new(answers.to_vec())),
    };
    let data = web::Data::new(receiver.clone());
    let listener = TcpListener::bind("127.0.0.1:0").unwrap_or_else(|e| panic!("bind: {e}"));
    let port = listener.local_addr().map(|a| a.port()).unwrap_or_default();
    let server = HttpServer::new(move || {
        App::new()
            .app_data(data.clone())
            .route("/hook", web::post().to(hook))
    })
    .workers(1)
    .listen(listener)
    .unwrap_or_else(|e| panic!("listen: {e}"))
    .run();
    actix_web::rt::spawn(server);
    (receiver, format!("http://127.0.0.1:{port}/hook"))
}

async fn wait_for(receiver: &Receiver, count: usize) -> Vec<Received> {
    for _ in 0..200 {
        let seen = receiver.seen();
        if seen.len() >= count {
            return seen;
        }
        actix_web::rt::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    panic!(
        "the receiver saw {} requests, not {count}",
        receiver.seen().len()
    );
}

async fn deliveries(app: &TestApp, who: &Who, webhook: &str) -> Vec<Value> {
    let page = json_of(
        app.get_as(
            &format!("/webhooks/{webhook}/deliveries"),
            &who.session.access_token,
        )
        .await,
    )
    .await;
    page["data"].as_array().cloned().unwrap_or_default()
}

async fn settled(app: &TestApp, who: &Who, webhook: &str, attempts: i64) -> Value {
    for _ in 0..200 {
        let list = deliveries(app, who, webhook).await;
        if let Some(first) = list.first()
            && first["attempts"].as_i64() == Some(attempts)
            && first["last_attempt_at"].is_string()
            && (first["last_status_code"].is_number() || first["last_error"].is_string())
        {
            return first.clone();
        }
        actix_web::rt::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    panic!("no delivery with {attempts} attempts recorded");
}

async fn register(app: &TestApp, who: &Who, url: &str, events: Value) -> reqwest::Response {
    app.post_as(
        "/webhooks",
        &who.session.access_token,
        &json!({"url": url, "events": events, "description": "Test receiver"}),
    )
    .await
}

async fn send_offer(app: &TestApp, client: &Who, proposal_id: &str) {
    let card = add_card(app, client, "4242 4242 4242 4242").await;
    let offer = app
        .post_as(
            "/offers",
            &client.session.access_token,
            &fixed_offer(proposal_id, Some(&card)),
        )
        .await;
    assert_eq!(offer.status(), 201);
}

fn local_app_config(config: &mut worklane_api::Config) {
    config.policy.webhooks.allow_private_targets = true;
}

#[actix_web::test]
async fn deliveries_are_signed_retried_with_backoff_and_listed() {
    let app = TestApp::spawn_with(local_app_config).await;
    let (client, freelancer, _job, proposal_id) = proposal_on_a_job(&app).await;
    let (receiver, url) = receiver(&[500, 503, 200]);
    let created = register(&app, &freelancer, &url, json!(["offer.received"])).await;
    assert_eq!(created.status(), 201);
    let created = json_of(created).await;
    let secret = created["secret"].as_str().unwrap_or_default().to_owned();
    assert!(secret.starts_with("whsec_"));
    let webhook = created["id"].as_str().unwrap_or_default().to_owned();

    send_offer(&app, &client, &proposal_id).await;

    // First attempt: refused with 500, scheduled again 30 s later.
    let first = &wait_for(&receiver, 1).await[0];
    let delivery = settled(&app, &freelancer, &webhook, 1).await;
    assert_eq!(delivery["status"], "pending");
    assert_eq!(delivery["last_status_code"], 500);
    assert_eq!(delivery["event_type"], "offer.received");
    // Nothing more until the backoff has passed.
    actix_web::rt::time::sleep(std::time::Duration::from_millis(200)).await;
    assert_eq!(receiver.seen().len(), 1);
    app.advance_clock(Duration::seconds(31));
    wait_for(&receiver, 2).await;
    let delivery = settled(&app, &freelancer, &webhook, 2).await;
    assert_eq!(delivery["last_status_code"], 503);
    app.advance_clock(Duration::seconds(61));
    let seen = wait_for(&receiver, 3).await;
    let delivery = settled(&app, &freelancer, &webhook, 3).await;
    assert_eq!(delivery["status"], "succeeded");
    assert_eq!(delivery["last_status_code"], 200);

    // Every attempt carries the same event id and a signature that verifies with the
    // endpoint's secret, and with no other.
    assert!(seen.iter().all(|r| r.event_id == first.event_id));
    assert!(seen.iter().all(|r| r.event_type == "offer.received"));
    let last = &seen[2];
    let now = worklane_domain::Clock::now(app.clock.as_ref());
    assert_eq!(
        worklane_app::webhooks::verify_signature(&last.signature, &secret, &last.body, now),
        Ok(())
    );
    assert_eq!(
        worklane_app::webhooks::verify_signature(&last.signature, "whsec_wrong", &last.body, now),
        Err(worklane_app::webhooks::SignatureProblem::Mismatch)
    );
    assert_eq!(
        worklane_app::webhooks::verify_signature(
            &last.signature,
            &secret,
            &last.body,
            now + Duration::minutes(10)
        ),
        Err(worklane_app::webhooks::SignatureProblem::Stale)
    );
    let event: Value = serde_json::from_str(&last.body).unwrap_or_default();
    assert_eq!(event["id"], first.event_id.as_str());
    assert_eq!(event["type"], "offer.received");
    assert_eq!(event["data"]["object"], "offer");
    assert!(event["data"]["object_id"].is_string());

    // The owner lists endpoints without their secret; nobody else sees them.
    let list = json_of(
        app.get_as("/webhooks", &freelancer.session.access_token)
            .await,
    )
    .await;
    assert_eq!(list["data"].as_array().map(Vec::len), Some(1));
    assert!(list["data"][0].get("secret").is_none());
    let theirs = app
        .get_as(
            &format!("/webhooks/{webhook}/deliveries"),
            &client.session.access_token,
        )
        .await;
    expect_problem(theirs, 404, "not_found").await;
    let theirs = app
        .client
        .delete(app.api(&format!("/webhooks/{webhook}")))
        .bearer_auth(&client.session.access_token)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    expect_problem(theirs, 404, "not_found").await;
}

#[actix_web::test]
async fn a_delivery_that_keeps_failing_is_given_up_after_three_days() {
    let app = TestApp::spawn_with(local_app_config).await;
    let (client, mut freelancer, _job, proposal_id) = proposal_on_a_job(&app).await;
    let (receiver, url) = receiver(&[500]);
    let created = json_of(register(&app, &freelancer, &url, json!(["offer.received"])).await).await;
    let webhook = created["id"].as_str().unwrap_or_default().to_owned();
    send_offer(&app, &client, &proposal_id).await;
    wait_for(&receiver, 1).await;
    settled(&app, &freelancer, &webhook, 1).await;
    app.advance_clock(Duration::days(3) + Duration::minutes(1));
    freelancer.fresh(&app).await;
    wait_for(&receiver, 2).await;
    let delivery = settled(&app, &freelancer, &webhook, 2).await;
    assert_eq!(delivery["status"], "failed");
    assert!(delivery["next_attempt_at"].is_null());
    app.advance_clock(Duration::days(1));
    actix_web::rt::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(
        receiver.seen().len(),
        2,
        "a failed delivery is not tried again"
    );
}

#[actix_web::test]
async fn redirects_are_not_followed() {
    let app = TestApp::spawn_with(local_app_config).await;
    let (client, freelancer, _job, proposal_id) = proposal_on_a_job(&app).await;
    let (receiver, url) = receiver(&[302]);
    let created = json_of(register(&app, &freelancer, &url, json!(["offer.received"])).await).await;
    let webhook = created["id"].as_str().unwrap_or_default().to_owned();
    send_offer(&app, &client, &proposal_id).await;
    wait_for(&receiver, 1).await;
    let delivery = settled(&app, &freelancer, &webhook, 1).await;
    assert_eq!(delivery["status"], "pending");
    assert!(
        delivery["last_error"]
            .as_str()
            .is_some_and(|e| e.contains("redirects are not followed")),
        "{delivery}"
    );
}

#[actix_web::test]
async fn webhooks_never_reach_private_addresses() {
    let app = TestApp::spawn().await;
    let who = verified(&app, "integrator", &["freelancer"]).await;
    for (url, code) in [
        ("http://93.184.216.34/hook", "invalid_url"),
        ("https://127.0.0.1/hook", "private_address"),
        ("https://localhost:8443/hook", "private_address"),
        (
            "https://169.254.169.254/latest/meta-data",
            "private_address",
        ),
        ("https://[::1]/hook", "private_address"),
        ("https://10.0.0.7/hook", "private_address"),
        ("https://user:secret@93.184.216.34/hook", "invalid_url"),
        ("ftp://93.184.216.34/hook", "invalid_url"),
        ("not a url", "invalid_url"),
    ] {
        let response = register(&app, &who, url, json!(["offer.received"])).await;
        let problem = expect_problem(response, 422, "validation_failed").await;
        assert_eq!(error_fields(&problem), vec!["url"], "{url}");
        assert_eq!(problem["errors"][0]["code"], code, "{url}");
    }
    let unknown = register(
        &app,
        &who,
        "https://93.184.216.34/hook",
        json!(["everything"]),
    )
    .await;
    let problem = expect_problem(unknown, 422, "validation_failed").await;
    assert_eq!(error_fields(&problem), vec!["events"]);
    let none = register(&app, &who, "https://93.184.216.34/hook", json!([])).await;
    assert_eq!(none.status(), 422);

    // A name that resolves inward at send time is refused by the sender's resolver:
    // stored directly, as if `localhost` had pointed elsewhere when it was registered.
    let (receiver, url) = receiver(&[200]);
    let sneaky = url.replace("127.0.0.1", "localhost");
    let id = uuid::Uuid::now_v7();
    {
        use diesel::RunQueryDsl;
        diesel::sql_query(
            "INSERT INTO webhook_endpoints (id, user_id, url, events, secret, created_at) \
             VALUES ($1, $2, $3, ARRAY['offer.received'], 'whsec_x', now())",
        )
        .bind::<diesel::sql_types::Uuid, _>(id)
        .bind::<diesel::sql_types::Uuid, _>(uuid::Uuid::parse_str(&who.id).unwrap_or_default())
        .bind::<diesel::sql_types::Text, _>(&sneaky)
        .execute(&mut app.db.connect())
        .unwrap_or_else(|e| panic!("{e}"));
    }
    let (client, _) = (verified(&app, "cli", &["client"]).await, ());
    let job = crate::hiring::posted_job(&app, &client, json!({})).await;
    let proposal =
        json_of(crate::hiring::propose(&app, &who, job["id"].as_str().unwrap_or_default()).await)
            .await;
    send_offer(&app, &client, proposal["id"].as_str().unwrap_or_default()).await;
    let delivery = settled(&app, &who, &id.to_string(), 1).await;
    assert_eq!(delivery["status"], "pending");
    assert!(
        delivery["last_error"]
            .as_str()
            .is_some_and(|e| e.contains("no public address")),
        "{delivery}"
    );
    assert!(
        receiver.seen().is_empty(),
        "nothing reached the private address"
    );
}

#[actix_web::test]
async fn deleting_an_endpoint_stops_its_deliveries_and_keeps_its_history() {
    let app = TestApp::spawn_with(local_app_config).await;
    let (client, freelancer, _job, proposal_id) = proposal_on_a_job(&app).await;
    let (receiver, url) = receiver(&[500]);
    let created = json_of(register(&app, &freelancer, &url, json!(["offer.received"])).await).await;
    let webhook = created["id"].as_str().unwrap_or_default().to_owned();
    send_offer(&app, &client, &proposal_id).await;
    wait_for(&receiver, 1).await;
    settled(&app, &freelancer, &webhook, 1).await;
    let deleted = app
        .client
        .delete(app.api(&format!("/webhooks/{webhook}")))
        .bearer_auth(&freelancer.session.access_token)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(deleted.status(), 204);
    app.advance_clock(Duration::minutes(5));
    actix_web::rt::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(receiver.seen().len(), 1);
    let history = deliveries(&app, &freelancer, &webhook).await;
    assert_eq!(history[0]["status"], "failed");
    let list = json_of(
        app.get_as("/webhooks", &freelancer.session.access_token)
            .await,
    )
    .await;
    assert_eq!(list["data"], json!([]));
    let types = json_of(app.get("/webhooks/event-types").await).await;
    assert_eq!(types["data"].as_array().map(Vec::len), Some(14));
}
