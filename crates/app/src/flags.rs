//! Flags: anyone signed in can report a job, a profile or a message; admins work
//! the queue and resolve every open flag on a target with one decision.

use crate::audit::{self, Event};
use crate::context::AppContext;
use crate::error::{AppError, AppResult};
use crate::identity::require_admin;
use crate::pagination;
use diesel::{Connection, PgConnection};
use std::collections::HashMap;
use uuid::Uuid;
use worklane_db::flags::{self as store, Flag};
use worklane_db::users::User;

pub const MAX_REASON_CHARS: usize = 1000;
pub const MAX_NOTE_CHARS: usize = 1000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetType {
    Job,
    Profile,
    Message,
}

impl TargetType {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Job => "job",
            Self::Profile => "profile",
            Self::Message => "message",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing wrong was found.
    Dismissed,
    /// Action was taken (a removal, a suspension, a warning).
    Actioned,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Dismissed => "dismissed",
            Self::Actioned => "actioned",
        }
    }
}

fn own_content() -> AppError {
    AppError::Conflict {
        code: "own_content",
        message: "You can't flag your own content.".to_owned(),
        field: None,
    }
}

/// The target must exist and be visible to the reporter, and not be theirs.
fn check_target(
    conn: &mut PgConnection,
    ctx: &AppContext,
    reporter: &User,
    target: TargetType,
    id: Uuid,
) -> AppResult<()> {
    match target {
        TargetType::Job => {
            let view = crate::jobs::get(conn, ctx, Some(reporter), id)?;
            if view.job.client_id == reporter.id {
                return Err(own_content());
            }
        }
        TargetType::Profile => {
            let user = worklane_db::users::find(conn, id)?
                .filter(|u| u.is_freelancer || u.is_client)
                .ok_or(AppError::NotFound { what: "Profile" })?;
            if user.id == reporter.id {
                return Err(own_content());
            }
        }
        TargetType::Message => {
            let missing = || AppError::NotFound { what: "Message" };
            let message = worklane_db::messaging::find_message(conn, id)?.ok_or_else(missing)?;
            worklane_db::messaging::member(conn, message.conversation_id, reporter.id)?
                .ok_or_else(missing)?;
            if message.sender_id == reporter.id {
                return Err(own_content());
            }
        }
    }
    Ok(())
}

/// Raises a flag; flagging the same target again while the first is open answers
/// with the first (`false`).
pub fn raise(
    conn: &mut PgConnection,
    ctx: &AppContext,
    reporter: &User,
    target: TargetType,
    target_id: Uuid,
    reason: &str,
) -> AppResult<(Flag, bool)> {
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > MAX_REASON_CHARS {
        return Err(AppError::field(
            "reason",
            "length",
            format!("say what is wrong in 1 to {MAX_REASON_CHARS} characters"),
        ));
    }
    check_target(conn, ctx, reporter, target, target_id)?;
    let now = ctx.clock.now();
    conn.transaction(|conn| {
        let (flag, created) = store::raise(
            conn,
            &Flag {
                id: Uuid::now_v7(),
                reporter_id: reporter.id,
                target_type: target.as_str().to_owned(),
                target_id,
                reason: reason.to_owned(),
                status: "open".to_owned(),
                created_at: now,
                resolved_at: None,
                resolved_by: None,
                resolution_note: None,
            },
        )?;
        if created {
            audit::record(
                conn,
                now,
                Event::new("flag.raised")
                    .target(target.as_str(), target_id)
                    .details(serde_json::json!({ "flag_id": flag.id })),
            )?;
        }
        Ok((flag, created))
    })
}

/// A flag in the admins' queue, with what it points at.
#[derive(Debug, Clone)]
pub struct QueuedFlag {
    pub flag: Flag,
    pub reporter_name: String,
    /// The job's title, the person's name, or the message's text.
    pub target_label: Option<String>,
    /// Whose content it is: the job's client, the profile's owner, the sender.
    pub target_owner: Option<(Uuid, String)>,
    /// For a message: the conversation it is in.
    pub conversation_id: Option<Uuid>,
    /// Open flags on the same target (this one included while it is open).
    pub open_on_target: i64,
}

pub fn queue(
    conn: &mut PgConnection,
    admin: &User,
    status: Option<&str>,
    cursor: Option<&str>,
    limit: Option<i64>,
) -> AppResult<(Vec<QueuedFlag>, Option<String>)> {
    require_admin(admin)?;
    let status = status.unwrap_or("open");
    let (found, next) = pagination::newest_first(
        cursor,
        limit,
        |after, n| store::queue(conn, status, after, n),
        |flag| (flag.created_at, flag.id),
    )?;
    let ids_of = |kind: &str| -> Vec<Uuid> {
        found
            .iter()
            .filter(|f| f.target_type == kind)
            .map(|f| f.target_id)
            .collect()
    };
    let jobs: HashMap<Uuid, (String, Uuid)> = store::job_titles(conn, &ids_of("job"))?
        .into_iter()
        .map(|(id, title, owner)| (id, (title, owner)))
        .collect();
    let messages: HashMap<Uuid, (String, Uuid, Uuid)> =
        store::message_briefs(conn, &ids_of("message"))?
            .into_iter()
            .map(|(id, body, sender, conversation)| (id, (body, sender, conversation)))
            .collect();
    let mut people: Vec<Uuid> = found.iter().map(|f| f.reporter_id).collect();
    people.extend(ids_of("profile"));
    people.extend(jobs.values().map(|(_, owner)| *owner));
    people.extend(messages.values().map(|(_, sender, _)| *sender));
    let names: HashMap<Uuid, String> = store::names(conn, &people)?.into_iter().collect();
    let targets: Vec<Uuid> = found.iter().map(|f| f.target_id).collect();
    let open: HashMap<Uuid, i64> = store::open_counts(conn, &targets)?.into_iter().collect();
    let name = |id: Uuid| names.get(&id).cloned().unwrap_or_default();
    let queued = found
        .into_iter()
        .map(|flag| {
            let (label, owner, conversation) = match flag.target_type.as_str() {
                "job" => jobs
                    .get(&flag.target_id)
                    .map_or((None, None, None), |(title, owner)| {
                        (Some(title.clone()), Some((*owner, name(*owner))), None)
                    }),
                "profile" => {
                    let who = name(flag.target_id);
                    (Some(who.clone()), Some((flag.target_id, who)), None)
                }
                _ => messages.get(&flag.target_id).map_or(
                    (None, None, None),
                    |(body, sender, conversation)| {
                        (
                            Some(body.clone()),
                            Some((*sender, name(*sender))),
                            Some(*conversation),
                        )
                    },
                ),
            };
            QueuedFlag {
                reporter_name: name(flag.reporter_id),
                target_label: label,
                target_owner: owner,
                conversation_id: conversation,
                open_on_target: open.get(&flag.target_id).copied().unwrap_or(0),
                flag,
            }
        })
        .collect();
    Ok((queued, next))
}

/// Resolves the flag and every other open flag on its target.
pub fn resolve(
    conn: &mut PgConnection,
    ctx: &AppContext,
    admin: &User,
    id: Uuid,
    outcome: Outcome,
    note: &str,
) -> AppResult<Vec<Flag>> {
    require_admin(admin)?;
    let note = note.trim();
    if note.chars().count() > MAX_NOTE_CHARS {
        return Err(AppError::field(
            "note",
            "length",
            format!("at most {MAX_NOTE_CHARS} characters"),
        ));
    }
    let now = ctx.clock.now();
    conn.transaction(|conn| {
        let flag = store::lock(conn, id)?.ok_or(AppError::NotFound { what: "Flag" })?;
        if flag.status != "open" {
            return Err(AppError::Conflict {
                code: "flag_resolved",
                message: format!("This flag was already {}.", flag.status),
                field: None,
            });
        }
        let resolved = store::resolve_target(
            conn,
            &flag.target_type,
            flag.target_id,
            outcome.as_str(),
            admin.id,
            note,
            now,
        )?;
        audit::record(
            conn,
            now,
            Event::new("admin.flag_resolved")
                .target(&flag.target_type, flag.target_id)
                .details(serde_json::json!({
                    "outcome": outcome.as_str(),
                    "note": note,
                    "flags": resolved.iter().map(|f| f.id).collect::<Vec<_>>(),
                })),
        )?;
        Ok(resolved)
    })
}
