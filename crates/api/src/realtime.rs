//! Real-time delivery: every server instance LISTENs on PostgreSQL's `worklane_events`
//! channel, and pushes each event to the WebSockets its own users have open. The use
//! cases NOTIFY inside their transactions, so an event goes out exactly when its
//! message or notification is committed, whichever instance wrote it.

use crate::routes::messaging::{Message as MessageDto, NotificationDto};
use diesel::{Connection, PgConnection, RunQueryDsl};
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::mpsc;
use uuid::Uuid;

pub const CHANNEL: &str = "worklane_events";

type Sender = mpsc::UnboundedSender<String>;

/// Not JSON, so never confused with an event: tells a socket to close (1008) with
/// the rest of the text as its reason.
const CLOSE_PREFIX: &str = "\u{0}close:";

/// The open WebSockets of this instance, by user.
#[derive(Default)]
pub struct Hub {
    next_id: AtomicU64,
    sessions: Mutex<HashMap<Uuid, Vec<(u64, Sender)>>>,
}

impl Hub {
    /// Registers a socket for the user; events for them arrive on the receiver.
    pub fn join(&self, user_id: Uuid) -> (u64, mpsc::UnboundedReceiver<String>) {
        let (tx, rx) = mpsc::unbounded_channel();
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        if let Ok(mut sessions) = self.sessions.lock() {
            sessions.entry(user_id).or_default().push((id, tx));
        }
        (id, rx)
    }

    pub fn leave(&self, user_id: Uuid, id: u64) {
        if let Ok(mut sessions) = self.sessions.lock()
            && let Some(list) = sessions.get_mut(&user_id)
        {
            list.retain(|(sid, _)| *sid != id);
            if list.is_empty() {
                sessions.remove(&user_id);
            }
        }
    }

    fn connected(&self, user_id: Uuid) -> bool {
        self.sessions
            .lock()
            .map(|s| s.contains_key(&user_id))
            .unwrap_or(false)
    }

    fn send(&self, user_id: Uuid, text: &str) {
        if let Ok(sessions) = self.sessions.lock() {
            for (_, tx) in sessions.get(&user_id).into_iter().flatten() {
                let _ = tx.send(text.to_owned());
            }
        }
    }

    /// How many sockets are open on this instance.
    pub fn open_sockets(&self) -> usize {
        self.sessions
            .lock()
            .map(|s| s.values().map(Vec::len).sum())
            .unwrap_or(0)
    }
}

#[derive(Debug, Deserialize)]
struct Event {
    #[serde(rename = "type")]
    kind: String,
    id: Uuid,
    to: Vec<Uuid>,
}

/// This instance's cached job pages, which another instance's change makes stale.
pub type JobPages = Arc<worklane_app::cache::TtlCache<Uuid, Arc<worklane_app::jobs::JobView>>>;

/// Turns one NOTIFY payload into the JSON each connected recipient is sent.
fn deliver(conn: &mut PgConnection, hub: &Hub, job_pages: &JobPages, payload: &str) {
    let Ok(event) = serde_json::from_str::<Event>(payload) else {
        tracing::warn!(payload, "unreadable realtime event");
        return;
    };
    if event.kind == "job_changed" {
        job_pages.remove(&event.id);
        return;
    }
    let here: Vec<Uuid> = event.to.into_iter().filter(|u| hub.connected(*u)).collect();
    if here.is_empty() {
        return;
    }
    let result: Result<(), worklane_app::AppError> = (|| {
        match event.kind.as_str() {
            "message" => {
                let Some(message) = worklane_db::messaging::find_message(conn, event.id)? else {
                    return Ok(());
                };
                for user in here {
                    let views =
                        worklane_app::messaging::message_views(conn, user, vec![message.clone()])?;
                    for view in views {
                        let json = serde_json::json!({"type": "message", "message": MessageDto::from(view)});
                        hub.send(user, &json.to_string());
                    }
                }
            }
            "notification" => {
                let Some(notification) = worklane_db::notifications::find(conn, event.id)? else {
                    return Ok(());
                };
                let user = notification.user_id;
                let unread = worklane_db::notifications::unread_count(conn, user)?;
                let json = serde_json::json!({
                    "type": "notification",
                    "notification": NotificationDto::from(notification),
                    "unread_count": unread,
                });
                hub.send(user, &json.to_string());
            }
            "signed_out" => {
                for user in here {
                    hub.send(user, &format!("{CLOSE_PREFIX}signed out"));
                }
            }
            other => tracing::warn!(kind = other, "unknown realtime event"),
        }
        Ok(())
    })();
    if let Err(error) = result {
        tracing::warn!(%error, "realtime event not delivered");
    }
}

/// Listens for events on a dedicated connection (reconnecting when it drops) and
/// fans them out to this instance's sockets. Runs on its own thread.
pub fn listen(database_url: String, hub: Arc<Hub>, job_pages: JobPages) {
    std::thread::Builder::new()
        .name("realtime-listener".to_owned())
        .spawn(move || {
            let mut backoff = Duration::from_millis(200);
            loop {
                match PgConnection::establish(&database_url) {
                    Ok(mut conn) => {
                        backoff = Duration::from_millis(200);
                        if let Err(error) =
                            diesel::sql_query(format!("LISTEN {CHANNEL}")).execute(&mut conn)
                        {
                            tracing::warn!(%error, "LISTEN failed");
                        } else {
                            tracing::info!("realtime listener ready");
                            pump(&mut conn, &hub, &job_pages);
                        }
                    }
                    Err(error) => {
                        tracing::warn!(%error, "realtime listener can't connect; retrying")
                    }
                }
                std::thread::sleep(backoff);
                backoff = (backoff * 2).min(Duration::from_secs(5));
            }
        })
        .map(drop)
        .unwrap_or_else(|error| tracing::error!(%error, "realtime listener not started"));
}

/// Drains notifications every 20 ms until the connection fails. Reading them is a
/// non-blocking socket read; the event's rows are loaded on this same connection.
fn pump(conn: &mut PgConnection, hub: &Hub, job_pages: &JobPages) {
    loop {
        let mut payloads = Vec::new();
        for notification in conn.notifications_iter() {
            match notification {
                Ok(n) if n.channel == CHANNEL => payloads.push(n.payload),
                Ok(_) => {}
                Err(error) => {
                    tracing::warn!(%error, "realtime listener lost its connection");
                    return;
                }
            }
        }
        for payload in payloads {
            deliver(conn, hub, job_pages, &payload);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Runs one WebSocket: closes it at once for a bad token; otherwise pushes the user's
/// events, answers pings, pings the client every 30 s (closing a silent one), and
/// closes it when the token expires.
pub async fn serve_socket(
    state: Arc<crate::state::AppState>,
    auth: Result<
        (worklane_db::users::User, chrono::DateTime<chrono::Utc>),
        crate::problem::ApiError,
    >,
    mut session: actix_ws::Session,
    mut stream: actix_ws::MessageStream,
) {
    use actix_ws::{CloseCode, CloseReason, Message};
    use futures_util::StreamExt;
    let policy_close = |description: &str| {
        Some(CloseReason {
            code: CloseCode::Policy,
            description: Some(description.to_owned()),
        })
    };
    let (user, expires) = match auth {
        Ok(found) => found,
        Err(error) => {
            let reason = match &error {
                crate::problem::ApiError::App(worklane_app::AppError::Unauthorized {
                    message,
                    ..
                }) => message.clone(),
                _ => "The access token was not accepted.".to_owned(),
            };
            let _ = session.close(policy_close(&reason)).await;
            return;
        }
    };
    let hub = state.hub.clone();
    let (id, mut events) = hub.join(user.id);
    let until_expiry = (expires - state.ctx.clock.now())
        .to_std()
        .unwrap_or(Duration::ZERO);
    let expiry = actix_web::rt::time::sleep(until_expiry);
    tokio::pin!(expiry);
    let mut heartbeat = actix_web::rt::time::interval_at(
        actix_web::rt::time::Instant::now() + Duration::from_secs(30),
        Duration::from_secs(30),
    );
    let mut last_heard = std::time::Instant::now();
    let reason = loop {
        tokio::select! {
            event = events.recv() => match event {
                Some(text) => {
                    if let Some(reason) = text.strip_prefix(CLOSE_PREFIX) {
                        break policy_close(reason);
                    }
                    if session.text(text).await.is_err() {
                        break None;
                    }
                }
                None => break None,
            },
            frame = stream.next() => match frame {
                Some(Ok(Message::Ping(bytes))) => {
                    last_heard = std::time::Instant::now();
                    if session.pong(&bytes).await.is_err() {
                        break None;
                    }
                }
                Some(Ok(Message::Close(_))) | None | Some(Err(_)) => break None,
                Some(Ok(_)) => last_heard = std::time::Instant::now(),
            },
            _ = heartbeat.tick() => {
                if last_heard.elapsed() > Duration::from_secs(75) {
                    break Some(CloseReason { code: CloseCode::Away, description: Some("no answer to pings".to_owned()) });
                }
                if session.ping(b"").await.is_err() {
                    break None;
                }
            },
            () = &mut expiry => break policy_close("token expired"),
        }
    };
    hub.leave(user.id, id);
    let _ = session.close(reason).await;
}
