//! Conversations, their members' read markers and unread counts, and messages.

use crate::schema::{contracts, conversation_members, conversations, messages};
use chrono::{DateTime, Utc};
use diesel::dsl::{count_star, sql};
use diesel::prelude::*;
use diesel::sql_types::{Bool, Text};
use uuid::Uuid;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = conversations, check_for_backend(diesel::pg::Pg))]
pub struct Conversation {
    pub id: Uuid,
    pub kind: String,
    pub subject_id: Uuid,
    pub title: String,
    pub client_id: Uuid,
    pub freelancer_id: Uuid,
    pub created_at: DateTime<Utc>,
    pub last_message_at: Option<DateTime<Utc>>,
}

impl Conversation {
    pub fn has_member(&self, user_id: Uuid) -> bool {
        self.client_id == user_id || self.freelancer_id == user_id
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = conversation_members, check_for_backend(diesel::pg::Pg))]
pub struct Member {
    pub conversation_id: Uuid,
    pub user_id: Uuid,
    pub last_read_at: Option<DateTime<Utc>>,
    pub unread: i32,
    pub activity_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = messages, check_for_backend(diesel::pg::Pg))]
pub struct Message {
    pub id: Uuid,
    pub conversation_id: Uuid,
    pub sender_id: Uuid,
    pub body: String,
    pub attachment_ids: Vec<Uuid>,
    pub warnings: Vec<String>,
    pub created_at: DateTime<Utc>,
    pub edited_at: Option<DateTime<Utc>>,
}

/// Opens the conversation of a subject with both its parties as members; a subject
/// that already has one keeps it. Returns the subject's conversation.
pub fn open(conn: &mut PgConnection, conversation: &Conversation) -> QueryResult<Conversation> {
    let inserted = diesel::insert_into(conversations::table)
        .values(conversation)
        .on_conflict((conversations::kind, conversations::subject_id))
        .do_nothing()
        .execute(conn)?;
    if inserted == 1 {
        let members = [conversation.client_id, conversation.freelancer_id].map(|user_id| {
            (
                conversation_members::conversation_id.eq(conversation.id),
                conversation_members::user_id.eq(user_id),
                conversation_members::activity_at.eq(conversation.created_at),
            )
        });
        diesel::insert_into(conversation_members::table)
            .values(&members[..])
            .execute(conn)?;
    }
    conversations::table
        .filter(conversations::kind.eq(&conversation.kind))
        .filter(conversations::subject_id.eq(conversation.subject_id))
        .select(Conversation::as_select())
        .first(conn)
}

pub fn find(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<Conversation>> {
    conversations::table
        .find(id)
        .select(Conversation::as_select())
        .first(conn)
        .optional()
}

pub fn of_subject(
    conn: &mut PgConnection,
    kind: &str,
    subject_id: Uuid,
) -> QueryResult<Option<Conversation>> {
    conversations::table
        .filter(conversations::kind.eq(kind))
        .filter(conversations::subject_id.eq(subject_id))
        .select(Conversation::as_select())
        .first(conn)
        .optional()
}

/// The conversations of these subjects, by kind and subject (one query).
pub fn of_subjects(
    conn: &mut PgConnection,
    subject_ids: &[Uuid],
) -> QueryResult<Vec<Conversation>> {
    conversations::table
        .filter(conversations::subject_id.eq_any(subject_ids))
        .select(Conversation::as_select())
        .load(conn)
}

pub fn member(
    conn: &mut PgConnection,
    conversation_id: Uuid,
    user_id: Uuid,
) -> QueryResult<Option<Member>> {
    conversation_members::table
        .find((conversation_id, user_id))
        .select(Member::as_select())
        .first(conn)
        .optional()
}

/// A member's conversations, latest activity first, optionally only unread ones.
pub fn inbox(
    conn: &mut PgConnection,
    user_id: Uuid,
    unread_only: bool,
    after: Option<(DateTime<Utc>, Uuid)>,
    limit: i64,
) -> QueryResult<Vec<(Member, Conversation)>> {
    let mut query = conversation_members::table
        .inner_join(conversations::table)
        .filter(conversation_members::user_id.eq(user_id))
        .order((
            conversation_members::activity_at.desc(),
            conversation_members::conversation_id.desc(),
        ))
        .limit(limit)
        .select((Member::as_select(), Conversation::as_select()))
        .into_boxed();
    if unread_only {
        query = query.filter(conversation_members::unread.gt(0));
    }
    if let Some((at, id)) = after {
        query = query.filter(
            conversation_members::activity_at
                .lt(at)
                .or(conversation_members::activity_at
                    .eq(at)
                    .and(conversation_members::conversation_id.lt(id))),
        );
    }
    query.load(conn)
}

/// Unread messages across all of a user's conversations.
pub fn unread_total(conn: &mut PgConnection, user_id: Uuid) -> QueryResult<i64> {
    conversation_members::table
        .filter(conversation_members::user_id.eq(user_id))
        .filter(conversation_members::unread.gt(0))
        .select(diesel::dsl::sum(conversation_members::unread))
        .first::<Option<i64>>(conn)
        .map(Option::unwrap_or_default)
}

/// The latest message of each of these conversations (one query).
pub fn latest_messages(
    conn: &mut PgConnection,
    conversation_ids: &[Uuid],
) -> QueryResult<Vec<Message>> {
    messages::table
        .filter(messages::conversation_id.eq_any(conversation_ids))
        .distinct_on(messages::conversation_id)
        .order((
            messages::conversation_id,
            messages::created_at.desc(),
            messages::id.desc(),
        ))
        .select(Message::as_select())
        .load(conn)
}

/// Stores a message and moves the conversation along: the others' unread counts go up,
/// the sender has read everything up to it.
pub fn post(conn: &mut PgConnection, message: &Message) -> QueryResult<()> {
    diesel::insert_into(messages::table)
        .values(message)
        .execute(conn)?;
    diesel::update(conversations::table.find(message.conversation_id))
        .set(conversations::last_message_at.eq(message.created_at))
        .execute(conn)?;
    diesel::update(
        conversation_members::table
            .filter(conversation_members::conversation_id.eq(message.conversation_id))
            .filter(conversation_members::user_id.ne(message.sender_id)),
    )
    .set((
        conversation_members::unread.eq(conversation_members::unread + 1),
        conversation_members::activity_at.eq(message.created_at),
    ))
    .execute(conn)?;
    diesel::update(conversation_members::table.find((message.conversation_id, message.sender_id)))
        .set((
            conversation_members::unread.eq(0),
            conversation_members::last_read_at.eq(message.created_at),
            conversation_members::activity_at.eq(message.created_at),
        ))
        .execute(conn)
        .map(drop)
}

/// Moves a member's read marker to `up_to` and recounts what is still unread after it.
pub fn mark_read(
    conn: &mut PgConnection,
    conversation_id: Uuid,
    user_id: Uuid,
    up_to: DateTime<Utc>,
) -> QueryResult<i32> {
    let still_unread: i64 = messages::table
        .filter(messages::conversation_id.eq(conversation_id))
        .filter(messages::sender_id.ne(user_id))
        .filter(messages::created_at.gt(up_to))
        .select(count_star())
        .first(conn)?;
    let still_unread = i32::try_from(still_unread).unwrap_or(i32::MAX);
    diesel::update(conversation_members::table.find((conversation_id, user_id)))
        .set((
            conversation_members::last_read_at.eq(up_to),
            conversation_members::unread.eq(still_unread),
        ))
        .execute(conn)?;
    Ok(still_unread)
}

/// A conversation's messages, newest first; `q` keeps those containing it (any case).
pub fn page(
    conn: &mut PgConnection,
    conversation_id: Uuid,
    q: Option<&str>,
    after: Option<(DateTime<Utc>, Uuid)>,
    limit: i64,
) -> QueryResult<Vec<Message>> {
    let mut query = messages::table
        .filter(messages::conversation_id.eq(conversation_id))
        .order((messages::created_at.desc(), messages::id.desc()))
        .limit(limit)
        .select(Message::as_select())
        .into_boxed();
    if let Some(q) = q {
        let pattern = format!("%{}%", escape_like(q));
        query = query.filter(
            sql::<Bool>("body ILIKE ")
                .bind::<Text, _>(pattern)
                .sql(" ESCAPE '\\'"),
        );
    }
    if let Some((at, id)) = after {
        query = query.filter(
            messages::created_at
                .lt(at)
                .or(messages::created_at.eq(at).and(messages::id.lt(id))),
        );
    }
    query.load(conn)
}

fn escape_like(raw: &str) -> String {
    raw.chars()
        .flat_map(|c| match c {
            '%' | '_' | '\\' => vec!['\\', c],
            c => vec![c],
        })
        .collect()
}

/// A conversation's messages, oldest first (for a dispute's thread).
pub fn thread(
    conn: &mut PgConnection,
    conversation_id: Uuid,
    limit: i64,
) -> QueryResult<Vec<Message>> {
    messages::table
        .filter(messages::conversation_id.eq(conversation_id))
        .order((messages::created_at, messages::id))
        .limit(limit)
        .select(Message::as_select())
        .load(conn)
}

pub fn find_message(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<Message>> {
    messages::table
        .find(id)
        .select(Message::as_select())
        .first(conn)
        .optional()
}

pub fn lock_message(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<Message>> {
    messages::table
        .find(id)
        .for_update()
        .select(Message::as_select())
        .first(conn)
        .optional()
}

pub fn edit_message(
    conn: &mut PgConnection,
    id: Uuid,
    body: &str,
    warnings: &[String],
    at: DateTime<Utc>,
) -> QueryResult<Message> {
    diesel::update(messages::table.find(id))
        .set((
            messages::body.eq(body),
            messages::warnings.eq(warnings),
            messages::edited_at.eq(at),
        ))
        .returning(Message::as_returning())
        .get_result(conn)
}

/// How many messages the user sent since `since` (the flood limit).
pub fn sent_since(
    conn: &mut PgConnection,
    sender_id: Uuid,
    since: DateTime<Utc>,
) -> QueryResult<i64> {
    messages::table
        .filter(messages::sender_id.eq(sender_id))
        .filter(messages::created_at.gt(since))
        .select(count_star())
        .first(conn)
}

/// Whether the two have a contract (then contact details are no longer screened).
pub fn have_contract(
    conn: &mut PgConnection,
    client_id: Uuid,
    freelancer_id: Uuid,
) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        contracts::table
            .filter(contracts::client_id.eq(client_id))
            .filter(contracts::freelancer_id.eq(freelancer_id)),
    ))
    .get_result(conn)
}

/// The people who can read a file through messages: the members of every conversation
/// with a message that lists it.
pub fn file_readers(conn: &mut PgConnection, attachment_id: Uuid) -> QueryResult<Vec<Uuid>> {
    conversation_members::table
        .filter(
            conversation_members::conversation_id.eq_any(
                messages::table
                    .filter(messages::attachment_ids.ne(Vec::<Uuid>::new()))
                    .filter(messages::attachment_ids.contains(vec![attachment_id]))
                    .select(messages::conversation_id),
            ),
        )
        .select(conversation_members::user_id)
        .load(conn)
}
