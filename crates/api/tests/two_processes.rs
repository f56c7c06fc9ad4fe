//! Real-time fan-out across server processes (SPEC §11): two `worklane serve`
//! processes on one PostgreSQL database; a message sent through one reaches a
//! WebSocket connected to the other within a second, by LISTEN/NOTIFY.

use awc::ws::Frame;
use diesel::{Connection, PgConnection, RunQueryDsl};
use futures_util::StreamExt;
use serde_json::{Value, json};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_worklane");
const SECRET: &str = "two-processes-test-secret-0123456789abcdef";

/// The URL with another database name (`postgres://user@host/NAME?params`).
fn with_database(url: &str, name: &str) -> String {
    let authority = url.find("://").map_or(0, |i| i + 3);
    let slash = url[authority..]
        .find('/')
        .map_or(url.len(), |i| authority + i);
    let end = url[slash..].find('?').map_or(url.len(), |i| slash + i);
    format!("{}/{name}{}", &url[..slash], &url[end..])
}

/// A database of its own, dropped at the end.
struct Database {
    admin_url: String,
    name: String,
    url: String,
}

impl Database {
    fn create() -> Self {
        let base = std::env::var("DATABASE_URL")
            .unwrap_or_else(|_| panic!("DATABASE_URL must point at the test cluster"));
        let name = format!("worklane_two_processes_{}", uuid::Uuid::new_v4().simple());
        let admin_url = with_database(&base, "postgres");
        let mut admin =
            PgConnection::establish(&admin_url).unwrap_or_else(|e| panic!("admin: {e}"));
        diesel::sql_query(format!("CREATE DATABASE {name}"))
            .execute(&mut admin)
            .unwrap_or_else(|e| panic!("create: {e}"));
        Self {
            url: with_database(&base, &name),
            admin_url,
            name,
        }
    }
}

impl Drop for Database {
    fn drop(&mut self) {
        if let Ok(mut admin) = PgConnection::establish(&self.admin_url) {
            let _ = diesel::sql_query(format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ))
            .execute(&mut admin);
        }
    }
}

/// A `worklane serve` process, killed at the end.
struct Server {
    child: Child,
    base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or_else(|e| panic!("a free port: {e}"))
}

fn worklane(db: &Database, data_dir: &std::path::Path) -> Command {
    let mut command = Command::new(BIN);
    command
        .env("DATABASE_URL", &db.url)
        .env("WORKLANE_ENV", "test")
        .env("WORKLANE_JWT_SECRET", SECRET)
        .env("WORKLANE_DATA_DIR", data_dir)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null());
    command
}

fn run(db: &Database, args: &[&str]) {
    let data = std::env::temp_dir().join(format!("worklane-cmd-{}", uuid::Uuid::new_v4().simple()));
    let status = worklane(db, &data)
        .args(args)
        .status()
        .unwrap_or_else(|e| panic!("{args:?}: {e}"));
    assert!(status.success(), "worklane {args:?} failed");
}

async fn serve(db: &Database) -> Server {
    let port = free_port();
    let data = std::env::temp_dir().join(format!(
        "worklane-two-{port}-{}",
        uuid::Uuid::new_v4().simple()
    ));
    let child = worklane(db, &data)
        .arg("serve")
        .env("WORKLANE_ADDR", format!("127.0.0.1:{port}"))
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("serve: {e}"));
    let server = Server {
        child,
        base: format!("http://127.0.0.1:{port}"),
    };
    let client = reqwest::Client::new();
    for _ in 0..150 {
        if client
            .get(format!("{}/health", server.base))
            .send()
            .await
            .is_ok_and(|r| r.status().is_success())
        {
            return server;
        }
        actix_web::rt::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{} did not become healthy", server.base);
}

async fn sign_in(base: &str, email: &str) -> String {
    let body: Value = reqwest::Client::new()
        .post(format!("{base}/api/v1/auth/login"))
        .json(&json!({"email": email, "password": "worklane-demo-pass"}))
        .send()
        .await
        .unwrap_or_else(|e| panic!("login: {e}"))
        .json()
        .await
        .unwrap_or_else(|e| panic!("login body: {e}"));
    body["access_token"]
        .as_str()
        .unwrap_or_else(|| panic!("no token: {body}"))
        .to_owned()
}

#[actix_web::test]
async fn a_message_sent_through_one_process_reaches_a_websocket_on_another() {
    // reqwest's HTTPS stack needs a crypto provider before any client is built.
    worklane_api::webhook_sender::install_crypto();
    let db = Database::create();
    run(&db, &["migrate"]);
    run(&db, &["seed", "--demo"]);
    let (one, other) = (serve(&db).await, serve(&db).await);

    // The demo freelancer's proposal to the demo client has its conversation.
    let client_token = sign_in(&one.base, "client@demo.worklane.test").await;
    let freelancer_token = sign_in(&other.base, "freelancer@demo.worklane.test").await;
    let http = reqwest::Client::new();
    let inbox: Value = http
        .get(format!("{}/api/v1/conversations", one.base))
        .bearer_auth(&client_token)
        .send()
        .await
        .unwrap_or_else(|e| panic!("inbox: {e}"))
        .json()
        .await
        .unwrap_or_default();
    let conversation = inbox["data"][0]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("no conversation: {inbox}"))
        .to_owned();

    // The freelancer listens on the second process; the client writes through the first.
    let url = format!(
        "{}/api/v1/ws?token={freelancer_token}",
        other.base.replacen("http://", "ws://", 1)
    );
    let (_, mut socket) = awc::Client::new()
        .ws(url)
        .connect()
        .await
        .unwrap_or_else(|e| panic!("ws: {e}"));
    actix_web::rt::time::sleep(Duration::from_millis(200)).await;
    let started = Instant::now();
    let sent: Value = http
        .post(format!(
            "{}/api/v1/conversations/{conversation}/messages",
            one.base
        ))
        .bearer_auth(&client_token)
        .json(&json!({"body": "Hello from the other instance"}))
        .send()
        .await
        .unwrap_or_else(|e| panic!("send: {e}"))
        .json()
        .await
        .unwrap_or_default();
    let event = loop {
        match actix_web::rt::time::timeout(Duration::from_secs(1), socket.next()).await {
            Ok(Some(Ok(Frame::Text(bytes)))) => {
                break serde_json::from_slice::<Value>(&bytes).unwrap_or_default();
            }
            Ok(Some(Ok(Frame::Ping(_)))) => continue,
            other => panic!("nothing arrived within a second: {other:?}"),
        }
    };
    let latency = started.elapsed();
    assert_eq!(event["type"], "message");
    assert_eq!(event["message"]["id"], sent["id"]);
    assert_eq!(event["message"]["body"], "Hello from the other instance");
    assert!(latency < Duration::from_secs(1), "took {latency:?}");
    eprintln!("cross-process delivery: {latency:?}");
}
