//! Conversations and messages (SPEC §11): one conversation per proposal, offer,
//! contract and dispute, for its two parties only. Every new or edited message is
//! published to the server instances (PostgreSQL NOTIFY, sent when the transaction
//! commits), which push it to the members' open WebSockets.

use crate::context::AppContext;
use crate::error::{AppError, AppResult};
use chrono::{DateTime, Duration, Utc};
use diesel::{Connection, PgConnection};
use std::collections::HashMap;
use uuid::Uuid;
use worklane_db::attachments::Attachment;
use worklane_db::hiring::{self as hiring_store, Party};
use worklane_db::messaging::{self as store, Conversation, Member, Message};
use worklane_db::users::User;
use worklane_domain::messaging::off_platform_flags;

fn not_found() -> AppError {
    AppError::NotFound {
        what: "Conversation",
    }
}

/// What a conversation is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    Proposal,
    Offer,
    Contract,
    Dispute,
}

impl Subject {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Proposal => "proposal",
            Self::Offer => "offer",
            Self::Contract => "contract",
            Self::Dispute => "dispute",
        }
    }
}

/// Opens the conversation of a new subject (inside the transaction creating it).
pub fn open_for(
    conn: &mut PgConnection,
    subject: Subject,
    subject_id: Uuid,
    title: &str,
    client_id: Uuid,
    freelancer_id: Uuid,
    now: DateTime<Utc>,
) -> AppResult<Conversation> {
    let title: String = title.chars().take(300).collect();
    Ok(store::open(
        conn,
        &Conversation {
            id: Uuid::now_v7(),
            kind: subject.as_str().to_owned(),
            subject_id,
            title,
            client_id,
            freelancer_id,
            created_at: now,
            last_message_at: None,
        },
    )?)
}

/// A message as one reader sees it: the off-platform warnings are the sender's alone.
#[derive(Debug, Clone)]
pub struct MessageView {
    pub message: Message,
    pub attachments: Vec<Attachment>,
    pub warnings: Vec<String>,
}

pub fn message_views(
    conn: &mut PgConnection,
    reader: Uuid,
    messages: Vec<Message>,
) -> AppResult<Vec<MessageView>> {
    let files = crate::files::by_id(
        conn,
        messages
            .iter()
            .flat_map(|m| m.attachment_ids.iter().copied()),
    )?;
    Ok(messages
        .into_iter()
        .map(|message| MessageView {
            attachments: crate::files::listed(&files, &message.attachment_ids),
            warnings: if message.sender_id == reader {
                message.warnings.clone()
            } else {
                Vec::new()
            },
            message,
        })
        .collect())
}

#[derive(Debug, Clone)]
pub struct ConversationView {
    pub conversation: Conversation,
    pub member: Member,
    pub client: Party,
    pub freelancer: Party,
    /// Each party's IANA time zone, by user id.
    pub timezones: HashMap<Uuid, String>,
    pub last_message: Option<MessageView>,
}

fn conversation_views(
    conn: &mut PgConnection,
    reader: Uuid,
    rows: Vec<(Member, Conversation)>,
) -> AppResult<Vec<ConversationView>> {
    let people: Vec<Uuid> = rows
        .iter()
        .flat_map(|(_, c)| [c.client_id, c.freelancer_id])
        .collect();
    let parties: HashMap<Uuid, Party> = hiring_store::parties(conn, &people)?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let timezones: HashMap<Uuid, String> = worklane_db::users::timezones(conn, &people)?
        .into_iter()
        .collect();
    let ids: Vec<Uuid> = rows.iter().map(|(_, c)| c.id).collect();
    let latest = store::latest_messages(conn, &ids)?;
    let mut latest: HashMap<Uuid, MessageView> = message_views(conn, reader, latest)?
        .into_iter()
        .map(|v| (v.message.conversation_id, v))
        .collect();
    rows.into_iter()
        .map(|(member, conversation)| {
            let party = |id: Uuid| parties.get(&id).cloned().ok_or_else(not_found);
            Ok(ConversationView {
                client: party(conversation.client_id)?,
                freelancer: party(conversation.freelancer_id)?,
                timezones: [conversation.client_id, conversation.freelancer_id]
                    .into_iter()
                    .filter_map(|id| timezones.get(&id).map(|tz| (id, tz.clone())))
                    .collect(),
                last_message: latest.remove(&conversation.id),
                conversation,
                member,
            })
        })
        .collect()
}

/// The conversation, if the user is one of its two members.
fn membership(conn: &mut PgConnection, user: &User, id: Uuid) -> AppResult<(Member, Conversation)> {
    let conversation = store::find(conn, id)?.ok_or_else(not_found)?;
    let member = store::member(conn, id, user.id)?.ok_or_else(not_found)?;
    Ok((member, conversation))
}

pub struct Inbox {
    pub conversations: Vec<ConversationView>,
    pub next_cursor: Option<String>,
    /// Unread messages across all the user's conversations.
    pub unread_total: i64,
}

/// The user's conversations, latest activity first; or the one of a subject.
pub fn inbox(
    conn: &mut PgConnection,
    user: &User,
    unread_only: bool,
    subject_id: Option<Uuid>,
    cursor: Option<&str>,
    limit: Option<i64>,
) -> AppResult<Inbox> {
    let (rows, next_cursor) = match subject_id {
        Some(subject_id) => {
            // One subject has one or two conversations: no pages, but the paging
            // parameters are still checked.
            crate::pagination::limit(limit)?;
            cursor
                .map(crate::pagination::TimeIdCursor::decode)
                .transpose()?;
            let mut rows = Vec::new();
            for conversation in store::of_subjects(conn, &[subject_id])? {
                if let Some(member) = store::member(conn, conversation.id, user.id)? {
                    rows.push((member, conversation));
                }
            }
            (rows, None)
        }
        None => crate::pagination::newest_first(
            cursor,
            limit,
            |after, n| store::inbox(conn, user.id, unread_only, after, n),
            |(m, _)| (m.activity_at, m.conversation_id),
        )?,
    };
    Ok(Inbox {
        conversations: conversation_views(conn, user.id, rows)?,
        next_cursor,
        unread_total: store::unread_total(conn, user.id)?,
    })
}

pub fn get(conn: &mut PgConnection, user: &User, id: Uuid) -> AppResult<ConversationView> {
    let row = membership(conn, user, id)?;
    conversation_views(conn, user.id, vec![row])?
        .pop()
        .ok_or_else(not_found)
}

/// A conversation's messages, newest first, optionally only those containing `q`.
pub fn messages(
    conn: &mut PgConnection,
    user: &User,
    id: Uuid,
    q: Option<&str>,
    cursor: Option<&str>,
    limit: Option<i64>,
) -> AppResult<(Vec<MessageView>, Option<String>)> {
    membership(conn, user, id)?;
    let q = q.map(str::trim).filter(|q| !q.is_empty());
    if q.is_some_and(|q| q.chars().count() > 200) {
        return Err(AppError::invalid_parameter(
            "q",
            "is longer than 200 characters",
        ));
    }
    let (rows, next) = crate::pagination::newest_first(
        cursor,
        limit,
        |after, n| store::page(conn, id, q, after, n),
        |m| (m.created_at, m.id),
    )?;
    Ok((message_views(conn, user.id, rows)?, next))
}

fn body_of(ctx: &AppContext, raw: &str) -> AppResult<String> {
    let body = raw.trim();
    let max = ctx.policy.messaging.max_body_chars;
    if body.is_empty() {
        return Err(AppError::field("body", "required", "Write a message."));
    }
    if body.chars().count() > max {
        return Err(AppError::field(
            "body",
            "too_long",
            format!("A message is at most {max} characters."),
        ));
    }
    Ok(body.to_owned())
}

/// The off-platform flags for a message, unless the two already have a contract.
fn screen(
    conn: &mut PgConnection,
    conversation: &Conversation,
    body: &str,
) -> AppResult<Vec<String>> {
    let flags = off_platform_flags(body);
    if flags.is_empty()
        || store::have_contract(conn, conversation.client_id, conversation.freelancer_id)?
    {
        return Ok(Vec::new());
    }
    Ok(flags.into_iter().map(|f| f.as_str().to_owned()).collect())
}

/// Tells the instances that these users have a new or changed message.
fn publish_message(
    conn: &mut PgConnection,
    message: &Message,
    conversation: &Conversation,
) -> AppResult<()> {
    let payload = serde_json::json!({
        "type": "message",
        "id": message.id,
        "to": [conversation.client_id, conversation.freelancer_id],
    });
    worklane_db::notifications::publish(conn, &payload.to_string())?;
    Ok(())
}

/// Writes a message into a conversation (for members, and for admins in a dispute's
/// thread) and publishes it. Call inside a transaction.
pub fn deliver(
    conn: &mut PgConnection,
    conversation: &Conversation,
    sender_id: Uuid,
    body: String,
    attachment_ids: Vec<Uuid>,
    warnings: Vec<String>,
    now: DateTime<Utc>,
) -> AppResult<Message> {
    let message = Message {
        id: Uuid::now_v7(),
        conversation_id: conversation.id,
        sender_id,
        body,
        attachment_ids,
        warnings,
        created_at: now,
        edited_at: None,
    };
    store::post(conn, &message)?;
    publish_message(conn, &message, conversation)?;
    Ok(message)
}

/// A member sends a message: checked, screened for contact details before a contract,
/// limited to a number per minute, stored and pushed to both members.
pub fn send(
    conn: &mut PgConnection,
    ctx: &AppContext,
    user: &User,
    id: Uuid,
    body: &str,
    attachment_ids: &[Uuid],
) -> AppResult<MessageView> {
    let policy = &ctx.policy.messaging;
    crate::rate_limits::check(
        conn,
        ctx,
        &[crate::rate_limits::Check {
            name: "messages_per_ip",
            limit: ctx.policy.rate_limits.messages_per_ip,
            subject: crate::rate_limits::Subject::Ip,
            what: "messages from this address",
        }],
    )?;
    let body = body_of(ctx, body);
    let files = if attachment_ids.len() > policy.max_attachments {
        Err(AppError::field(
            "attachment_ids",
            "too_many",
            format!("Attach at most {} files.", policy.max_attachments),
        ))
    } else {
        let owned = worklane_db::attachments::owned_by(conn, user.id, attachment_ids)?;
        match attachment_ids.iter().find(|id| !owned.contains(id)) {
            Some(missing) => Err(AppError::field(
                "attachment_ids",
                "unknown_attachment",
                format!("{missing} is not a file you uploaded."),
            )),
            None => Ok(attachment_ids.to_vec()),
        }
    };
    let (body, files) = crate::error::both(body, files)?;
    let (_, conversation) = membership(conn, user, id)?;
    let now = ctx.clock.now();
    let sent = store::sent_since(conn, user.id, now - Duration::minutes(1))?;
    if sent >= policy.max_per_minute {
        return Err(AppError::TooManyRequests {
            code: "too_many_messages",
            message: format!(
                "You can send {} messages a minute; wait a moment.",
                policy.max_per_minute
            ),
            retry_after_secs: 60,
            policy: Some(crate::error::LimitPolicy {
                name: "messages_per_user",
                max: u32::try_from(policy.max_per_minute).unwrap_or(u32::MAX),
                window_secs: 60,
            }),
        });
    }
    let warnings = screen(conn, &conversation, &body)?;
    let message =
        conn.transaction(|conn| deliver(conn, &conversation, user.id, body, files, warnings, now))?;
    message_views(conn, user.id, vec![message])?
        .pop()
        .ok_or_else(not_found)
}

/// The sender corrects a message within the edit window.
pub fn edit(
    conn: &mut PgConnection,
    ctx: &AppContext,
    user: &User,
    message_id: Uuid,
    body: &str,
) -> AppResult<MessageView> {
    let body = body_of(ctx, body)?;
    let now = ctx.clock.now();
    let message = conn.transaction(|conn| {
        let message = store::lock_message(conn, message_id)?
            .filter(|m| m.sender_id == user.id)
            .ok_or(AppError::NotFound { what: "Message" })?;
        let conversation = store::find(conn, message.conversation_id)?.ok_or_else(not_found)?;
        if !conversation.has_member(user.id) {
            return Err(AppError::NotFound { what: "Message" });
        }
        let window = Duration::minutes(ctx.policy.messaging.edit_window_minutes);
        if now > message.created_at + window {
            return Err(AppError::Conflict {
                code: "edit_window_closed",
                message: format!(
                    "A message can be edited for {} minutes after it is sent.",
                    ctx.policy.messaging.edit_window_minutes
                ),
                field: None,
            });
        }
        let warnings = screen(conn, &conversation, &body)?;
        let edited = store::edit_message(conn, message.id, &body, &warnings, now)?;
        publish_message(conn, &edited, &conversation)?;
        Ok::<_, AppError>(edited)
    })?;
    message_views(conn, user.id, vec![message])?
        .pop()
        .ok_or(AppError::NotFound { what: "Message" })
}

/// Moves the reader's marker to a message (default: the latest); returns what is still
/// unread in the conversation and across all of the user's conversations.
pub fn mark_read(
    conn: &mut PgConnection,
    ctx: &AppContext,
    user: &User,
    id: Uuid,
    up_to: Option<Uuid>,
) -> AppResult<(i32, i64)> {
    membership(conn, user, id)?;
    let at = match up_to {
        Some(message_id) => {
            store::find_message(conn, message_id)?
                .filter(|m| m.conversation_id == id)
                .ok_or_else(|| {
                    AppError::field(
                        "message_id",
                        "unknown_message",
                        "is not a message of this conversation",
                    )
                })?
                .created_at
        }
        None => store::latest_messages(conn, &[id])?
            .pop()
            .map_or_else(|| ctx.clock.now(), |m| m.created_at.max(ctx.clock.now())),
    };
    let unread = store::mark_read(conn, id, user.id, at)?;
    Ok((unread, store::unread_total(conn, user.id)?))
}
