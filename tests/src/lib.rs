//! The test harness: a real Worklane server on a free port, backed by its own
//! PostgreSQL database, with a clock the test controls and helpers that read like
//! the product.

use actix_web::{HttpResponse, web};
use chrono::{DateTime, Duration, Utc};
use reqwest::{Response, StatusCode};
use serde_json::{Value, json};
use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use worklane_api::config::Config;
use worklane_api::extract::VerifiedUser;
use worklane_api::server::{build_state, spawn_server};
use worklane_db::test_db::TestDatabase;
use worklane_domain::ManualClock;

pub const PASSWORD: &str = "violet tugboat marmalade";

/// Probe routes for rules whose real endpoints arrive with later features: a route
/// behind the verified-email gate, as posting a job or moving money will be.
fn probes(cfg: &mut web::ServiceConfig) {
    cfg.route(
        "/__probe/verified-only",
        web::post().to(|_: VerifiedUser| async { HttpResponse::NoContent().finish() }),
    );
}

pub struct TestApp {
    /// `http://127.0.0.1:<port>`
    pub address: String,
    pub client: reqwest::Client,
    pub clock: Arc<ManualClock>,
    pub db: TestDatabase,
    pub config: Config,
    /// Dropping this stops the background worker; kept for the test's lifetime.
    _worker_switch: tokio::sync::watch::Sender<bool>,
}

#[derive(Debug, Clone)]
pub struct Account {
    pub id: String,
    pub email: String,
    pub password: String,
}

#[derive(Debug, Clone)]
pub struct Session {
    pub access_token: String,
    pub refresh_token: String,
}

static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// A unique email for this test process.
pub fn unique_email(who: &str) -> String {
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    format!("{who}.{n}.{}@example.com", uuid::Uuid::new_v4().simple())
}

pub fn start_of_test_time() -> DateTime<Utc> {
    DateTime::from_timestamp(1_795_000_000, 0).unwrap_or_default()
}

impl TestApp {
    pub async fn spawn() -> Self {
        Self::spawn_with(|_| {}).await
    }

    /// Starts a server with a configuration the test adjusts first.
    pub async fn spawn_with(adjust: impl FnOnce(&mut Config)) -> Self {
        if std::env::var_os("RUST_LOG").is_some() {
            worklane_api::telemetry::init(false);
        }
        let db = TestDatabase::new();
        // Every installation runs `worklane seed`; so does every test database.
        worklane_db::taxonomy::seed(&mut db.connect(), worklane_domain::taxonomy::CATEGORIES)
            .unwrap_or_else(|e| panic!("seeding the taxonomy: {e}"));
        let mut config = Config::for_tests(db.url().to_owned());
        // Each test's uploads in their own folder.
        config.data_dir =
            std::env::temp_dir().join(format!("worklane-test-{}", uuid::Uuid::new_v4().simple()));
        adjust(&mut config);
        let clock = Arc::new(ManualClock::new(start_of_test_time()));
        let state = build_state(config.clone(), clock.clone());
        let listener = TcpListener::bind("127.0.0.1:0").unwrap_or_else(|e| panic!("bind: {e}"));
        let running =
            spawn_server(state, listener, probes).unwrap_or_else(|e| panic!("server: {e}"));
        let address = format!("http://127.0.0.1:{}", running.port);
        actix_web::rt::spawn(running.server);
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap_or_else(|e| panic!("client: {e}"));
        Self {
            address,
            client,
            clock,
            db,
            config,
            _worker_switch: running.shutdown_worker,
        }
    }

    pub fn api(&self, path: &str) -> String {
        format!("{}/api/v1{path}", self.address)
    }

    pub async fn post(&self, path: &str, body: &Value) -> Response {
        self.client
            .post(self.api(path))
            .json(body)
            .send()
            .await
            .unwrap_or_else(|e| panic!("POST {path}: {e}"))
    }

    pub async fn post_as(&self, path: &str, token: &str, body: &Value) -> Response {
        self.client
            .post(self.api(path))
            .bearer_auth(token)
            .json(body)
            .send()
            .await
            .unwrap_or_else(|e| panic!("POST {path}: {e}"))
    }

    pub async fn get_as(&self, path: &str, token: &str) -> Response {
        self.client
            .get(self.api(path))
            .bearer_auth(token)
            .send()
            .await
            .unwrap_or_else(|e| panic!("GET {path}: {e}"))
    }

    /// GET an API path with a raw query string (`"limit=0&cursor=x"`).
    pub async fn get_query(&self, path: &str, query: &str) -> Response {
        let url = format!("{}?{query}", self.api(path));
        self.client
            .get(url)
            .send()
            .await
            .unwrap_or_else(|e| panic!("GET {path}?{query}: {e}"))
    }

    /// Asserts that `query` on `path` is refused as a bad parameter naming `field`.
    pub async fn expect_bad_parameter(&self, path: &str, query: &str, field: &str) {
        let problem =
            expect_problem(self.get_query(path, query).await, 400, "invalid_parameter").await;
        assert_eq!(error_fields(&problem), vec![field], "{path}?{query}");
    }

    pub async fn get(&self, path: &str) -> Response {
        self.client
            .get(self.api(path))
            .send()
            .await
            .unwrap_or_else(|e| panic!("GET {path}: {e}"))
    }

    pub fn signup_body(email: &str, roles: &[&str]) -> Value {
        json!({
            "email": email,
            "password": PASSWORD,
            "full_name": "Ada Lovelace",
            "country": "GB",
            "timezone": "Europe/London",
            "roles": roles,
        })
    }

    pub async fn signup(&self, who: &str, roles: &[&str]) -> Account {
        let email = unique_email(who);
        let response = self
            .post("/auth/signup", &Self::signup_body(&email, roles))
            .await;
        assert_eq!(response.status(), StatusCode::CREATED, "signup failed");
        let user: Value = response.json().await.unwrap_or_default();
        Account {
            id: user["id"].as_str().unwrap_or_default().to_owned(),
            email,
            password: PASSWORD.to_owned(),
        }
    }

    pub async fn signup_client(&self) -> Account {
        self.signup("client", &["client"]).await
    }

    pub async fn signup_freelancer(&self) -> Account {
        self.signup("freelancer", &["freelancer"]).await
    }

    /// The mail sent to `to`, newest first, waiting (briefly) for the worker to
    /// deliver at least `at_least` of them.
    pub async fn mailbox(&self, to: &str, at_least: usize) -> Vec<Value> {
        for _ in 0..250 {
            let page: Value = self
                .client
                .get(self.api("/dev/mailbox"))
                .query(&[("to", to)])
                .send()
                .await
                .unwrap_or_else(|e| panic!("mailbox: {e}"))
                .json()
                .await
                .unwrap_or_default();
            let mails = page["data"].as_array().cloned().unwrap_or_default();
            if mails.len() >= at_least {
                return mails;
            }
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        panic!("no mail for {to} after 5 s");
    }

    /// The newest mail to `to` whose subject contains `needle`, waiting (briefly) for
    /// the worker to deliver it.
    pub async fn mail_about(&self, to: &str, needle: &str) -> Value {
        for _ in 0..250 {
            let mails = self.mailbox(to, 1).await;
            if let Some(mail) = mails
                .into_iter()
                .find(|m| m["subject"].as_str().is_some_and(|s| s.contains(needle)))
            {
                return mail;
            }
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        panic!("no mail about {needle:?} for {to} after 5 s");
    }

    /// The token in the newest verification link sent to `to`.
    pub async fn verification_token(&self, to: &str, nth_mail: usize) -> String {
        let mails = self.mailbox(to, nth_mail).await;
        let body = mails[0]["text_body"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        let start = body
            .find("token=")
            .unwrap_or_else(|| panic!("no link in {body}"))
            + "token=".len();
        body[start..]
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_owned()
    }

    pub async fn verify_email(&self, account: &Account) {
        let token = self.verification_token(&account.email, 1).await;
        let response = self
            .post("/auth/verify-email", &json!({ "token": token }))
            .await;
        assert_eq!(response.status(), StatusCode::OK, "verification failed");
    }

    pub async fn login(&self, email: &str, password: &str) -> Response {
        self.post(
            "/auth/login",
            &json!({ "email": email, "password": password }),
        )
        .await
    }

    pub async fn sign_in(&self, account: &Account) -> Session {
        let response = self.login(&account.email, &account.password).await;
        assert_eq!(response.status(), StatusCode::OK, "sign-in failed");
        session_of(response.json().await.unwrap_or_default())
    }

    pub async fn verified_client(&self) -> (Account, Session) {
        let account = self.signup_client().await;
        self.verify_email(&account).await;
        let session = self.sign_in(&account).await;
        (account, session)
    }

    /// A valid fixed-price job body (Writing / Copywriting skills); tests override fields.
    pub fn job_body() -> Value {
        let skill = |slug: &str| worklane_db::taxonomy::stable_id("skill", slug).to_string();
        json!({
            "title": "Landing page copy for a bike repair shop",
            "description": "We are opening a second workshop and need clear, friendly copy for a one-page site: services, prices and booking.",
            "category_id": worklane_db::taxonomy::stable_id("category", "writing").to_string(),
            "skill_ids": [skill("copywriting"), skill("seo-writing")],
            "job_type": "fixed",
            "budget": "750.00",
            "experience_level": "intermediate",
            "project_length": "less_than_1_month",
            "hours_per_week": "less_than_30",
            "visibility": "public",
            "screening_questions": ["Which local businesses have you written for?"]
        })
    }

    /// Posts a job as `session`'s user; panics unless it was created.
    pub async fn post_job(&self, session: &Session, body: &Value) -> Value {
        let response = self.post_as("/jobs", &session.access_token, body).await;
        assert_eq!(
            response.status(),
            StatusCode::CREATED,
            "posting a job failed"
        );
        response.json().await.unwrap_or_default()
    }

    pub async fn put_as(&self, path: &str, token: &str, body: &Value) -> Response {
        self.client
            .put(self.api(path))
            .bearer_auth(token)
            .json(body)
            .send()
            .await
            .unwrap_or_else(|e| panic!("PUT {path}: {e}"))
    }

    pub async fn patch_as(&self, path: &str, token: &str, body: &Value) -> Response {
        self.client
            .patch(self.api(path))
            .bearer_auth(token)
            .json(body)
            .send()
            .await
            .unwrap_or_else(|e| panic!("PATCH {path}: {e}"))
    }

    /// A second server instance on the same database and clock (its own worker, its
    /// own WebSocket hub and LISTEN connection), as a second process behind a load
    /// balancer would be. Returns its address; it runs until the test ends.
    pub fn sibling(&self) -> String {
        let state = build_state(self.config.clone(), self.clock.clone());
        let listener = TcpListener::bind("127.0.0.1:0").unwrap_or_else(|e| panic!("bind: {e}"));
        let running =
            spawn_server(state, listener, probes).unwrap_or_else(|e| panic!("server: {e}"));
        actix_web::rt::spawn(running.server);
        std::mem::forget(running.shutdown_worker);
        format!("http://127.0.0.1:{}", running.port)
    }

    /// The WebSocket URL of this (or a sibling's) address for a token.
    pub fn ws_url(address: &str, token: &str) -> String {
        format!(
            "{}/api/v1/ws?token={token}",
            address.replacen("http://", "ws://", 1)
        )
    }

    pub fn advance_clock(&self, by: Duration) {
        self.clock.advance(by);
    }

    /// Runs SQL against the test's database (for assertions on what was written).
    pub fn count(&self, sql: &str) -> i64 {
        use diesel::RunQueryDsl;
        #[derive(diesel::QueryableByName)]
        struct Count {
            #[diesel(sql_type = diesel::sql_types::BigInt)]
            n: i64,
        }
        let mut conn = self.db.connect();
        diesel::sql_query(sql)
            .get_result::<Count>(&mut conn)
            .map(|c| c.n)
            .unwrap_or_else(|e| panic!("{sql}: {e}"))
    }
}

pub fn session_of(body: Value) -> Session {
    Session {
        access_token: body["access_token"].as_str().unwrap_or_default().to_owned(),
        refresh_token: body["refresh_token"]
            .as_str()
            .unwrap_or_default()
            .to_owned(),
    }
}

/// A response header as text.
pub fn header(response: &Response, name: &str) -> Option<String> {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

/// Asserts a problem+json response and returns its body.
pub async fn expect_problem(response: Response, status: u16, code: &str) -> Value {
    assert_eq!(response.status().as_u16(), status, "unexpected status");
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert_eq!(content_type, "application/problem+json");
    assert!(response.headers().contains_key("x-request-id"));
    let body: Value = response.json().await.unwrap_or_default();
    assert_eq!(body["code"], code, "problem was {body}");
    assert_eq!(body["status"], status);
    assert!(body["request_id"].is_string());
    body
}

/// The field names in a problem's `errors`.
pub fn error_fields(problem: &Value) -> Vec<String> {
    problem["errors"]
        .as_array()
        .map(|errors| {
            errors
                .iter()
                .filter_map(|e| e["field"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

impl Drop for TestApp {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.config.data_dir);
    }
}
