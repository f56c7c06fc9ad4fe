//! The audit log: who did what, when, from where, under which request.
//!
//! The HTTP layer runs every use case inside [`in_request`], so whatever a use case
//! records carries the request id, the caller's address and the signed-in actor
//! without threading them through every signature. Work with no request behind it
//! (the worker, commands) is recorded as the system.

use crate::error::AppResult;
use crate::pagination;
use chrono::{DateTime, Utc};
use diesel::PgConnection;
use std::cell::RefCell;
use uuid::Uuid;
use worklane_db::audit::{self as store, Entry, Filter, NewEntry};
use worklane_db::users::User;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActorKind {
    User,
    Admin,
    /// A personal access token acting for its owner.
    Token,
    System,
    Anonymous,
}

impl ActorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::User => "user",
            Self::Admin => "admin",
            Self::Token => "token",
            Self::System => "system",
            Self::Anonymous => "anonymous",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Actor {
    pub id: Option<Uuid>,
    pub kind: ActorKind,
}

impl Actor {
    pub const SYSTEM: Self = Self {
        id: None,
        kind: ActorKind::System,
    };
    pub const ANONYMOUS: Self = Self {
        id: None,
        kind: ActorKind::Anonymous,
    };

    /// A signed-in person: admins are recorded as admins.
    pub fn user(user: &User) -> Self {
        Self {
            id: Some(user.id),
            kind: if user.is_admin {
                ActorKind::Admin
            } else {
                ActorKind::User
            },
        }
    }
}

/// Where the work in progress came from.
#[derive(Debug, Clone, Default)]
pub struct RequestMeta {
    pub request_id: Option<String>,
    pub ip: Option<String>,
    pub actor: Option<Actor>,
}

thread_local! {
    static CURRENT: RefCell<Option<RequestMeta>> = const { RefCell::new(None) };
}

/// Runs `f` with `meta` as the current request on this thread.
pub fn in_request<T>(meta: Option<RequestMeta>, f: impl FnOnce() -> T) -> T {
    struct Restore(Option<RequestMeta>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let previous = self.0.take();
            CURRENT.with(|current| *current.borrow_mut() = previous);
        }
    }
    let previous = CURRENT.with(|current| current.replace(meta));
    let _restore = Restore(previous);
    f()
}

pub fn current() -> Option<RequestMeta> {
    CURRENT.with(|current| current.borrow().clone())
}

/// One thing to record. The actor defaults to the request's (or the system).
#[derive(Debug, Clone)]
pub struct Event<'a> {
    pub action: &'a str,
    pub target: Option<(&'a str, Uuid)>,
    pub details: serde_json::Value,
    pub actor: Option<Actor>,
    pub status: Option<u16>,
}

impl<'a> Event<'a> {
    pub fn new(action: &'a str) -> Self {
        Self {
            action,
            target: None,
            details: serde_json::Value::Object(serde_json::Map::new()),
            actor: None,
            status: None,
        }
    }

    pub fn target(mut self, kind: &'a str, id: Uuid) -> Self {
        self.target = Some((kind, id));
        self
    }

    pub fn details(mut self, details: serde_json::Value) -> Self {
        self.details = details;
        self
    }

    pub fn by(mut self, actor: Actor) -> Self {
        self.actor = Some(actor);
        self
    }

    pub fn status(mut self, status: u16) -> Self {
        self.status = Some(status);
        self
    }
}

/// Appends `event`, in the caller's transaction when there is one.
pub fn record(conn: &mut PgConnection, at: DateTime<Utc>, event: Event<'_>) -> AppResult<()> {
    let meta = current().unwrap_or_default();
    let actor = event
        .actor
        .or(meta.actor)
        .unwrap_or(if meta.request_id.is_some() {
            Actor::ANONYMOUS
        } else {
            Actor::SYSTEM
        });
    store::insert(
        conn,
        &NewEntry {
            id: Uuid::now_v7(),
            occurred_at: at,
            actor_id: actor.id,
            actor_kind: actor.kind.as_str(),
            action: event.action,
            target_type: event.target.map(|(kind, _)| kind),
            target_id: event.target.map(|(_, id)| id),
            request_id: meta.request_id.as_deref(),
            ip: meta.ip.as_deref(),
            status: event.status.and_then(|s| i16::try_from(s).ok()),
            details: event.details,
        },
    )?;
    Ok(())
}

/// A page of the log for an admin, newest first.
pub fn search(
    conn: &mut PgConnection,
    admin: &User,
    filter: &Filter,
    cursor: Option<&str>,
    limit: Option<i64>,
) -> AppResult<(Vec<Entry>, Option<String>)> {
    crate::identity::require_admin(admin)?;
    pagination::newest_first(
        cursor,
        limit,
        |after, n| store::search(conn, filter, after.map(|(_, id)| id), n),
        |entry| (entry.occurred_at, entry.id),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_request_is_current_only_inside_its_scope() {
        assert!(current().is_none());
        let meta = RequestMeta {
            request_id: Some("r-1".to_owned()),
            ip: Some("203.0.113.9".to_owned()),
            actor: Some(Actor::SYSTEM),
        };
        let seen = in_request(Some(meta), || current().and_then(|m| m.request_id));
        assert_eq!(seen.as_deref(), Some("r-1"));
        assert!(current().is_none());
    }

    #[test]
    fn a_panicking_use_case_does_not_leak_its_request_to_the_next() {
        let caught = std::panic::catch_unwind(|| {
            in_request(Some(RequestMeta::default()), || panic!("boom"))
        });
        assert!(caught.is_err());
        assert!(current().is_none());
    }
}
