//! Conversations, messages, notifications and the real-time WebSocket.

use crate::extract::{AuthUser, OptionalJson, ValidJson, ValidQuery};
use crate::problem::{ApiError, Problem};
use crate::routes::files::AttachmentInfo;
use crate::routes::hiring::Party;
use crate::state::AppState;
use actix_web::{HttpRequest, HttpResponse, get, patch, post, put, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};
use uuid::Uuid;
use validator::Validate;
use worklane_app::messaging::{self, ConversationView, MessageView};
use worklane_app::notifications::{self, Kind};

#[derive(OpenApi)]
#[openapi(paths(
    list_conversations,
    get_conversation,
    list_messages,
    send_message,
    edit_message,
    mark_conversation_read,
    list_notifications,
    mark_notifications_read,
    get_notification_preferences,
    put_notification_preferences,
    websocket,
))]
pub struct MessagingApi;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(list_conversations)
        .service(get_conversation)
        .service(list_messages)
        .service(send_message)
        .service(edit_message)
        .service(mark_conversation_read)
        .service(list_notifications)
        .service(mark_notifications_read)
        .service(get_notification_preferences)
        .service(put_notification_preferences)
        .service(websocket);
}

wire_enum!(ConversationKind {
    Proposal = "proposal",
    Offer = "offer",
    Contract = "contract",
    Dispute = "dispute",
});

wire_enum!(
    /// What a message shares that could take the work (and its payment) off the platform.
    OffPlatformFlag {
        Email = "email",
        Phone = "phone",
        PaymentHandle = "payment_handle",
    }
);

wire_enum!(NotificationKind {
    ProposalReceived = "proposal_received",
    InvitationReceived = "invitation_received",
    OfferReceived = "offer_received",
    OfferAnswered = "offer_answered",
    MilestoneFunded = "milestone_funded",
    MilestoneSubmitted = "milestone_submitted",
    MilestoneApproved = "milestone_approved",
    ChangesRequested = "changes_requested",
    InvoiceIssued = "invoice_issued",
    PaymentReleased = "payment_released",
    DisputeOpened = "dispute_opened",
    DisputeUpdated = "dispute_updated",
    DisputeResolved = "dispute_resolved",
    FeedbackReceived = "feedback_received",
});

#[derive(Debug, Serialize, ToSchema)]
pub struct Message {
    pub id: Uuid,
    pub conversation_id: Uuid,
    pub sender_id: Uuid,
    pub body: String,
    pub attachments: Vec<AttachmentInfo>,
    /// For the sender only, before a contract exists: contact details or payment
    /// handles this message shares. It was still delivered.
    pub warnings: Vec<OffPlatformFlag>,
    pub created_at: DateTime<Utc>,
    /// Set once the sender edited it (within 15 minutes of sending).
    pub edited_at: Option<DateTime<Utc>>,
}

impl From<MessageView> for Message {
    fn from(v: MessageView) -> Self {
        let m = v.message;
        Self {
            id: m.id,
            conversation_id: m.conversation_id,
            sender_id: m.sender_id,
            body: m.body,
            attachments: v
                .attachments
                .into_iter()
                .map(AttachmentInfo::from)
                .collect(),
            warnings: v
                .warnings
                .iter()
                .filter_map(|w| OffPlatformFlag::from_wire(w))
                .collect(),
            created_at: m.created_at,
            edited_at: m.edited_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Participant {
    #[serde(flatten)]
    pub party: Party,
    /// `client` or `freelancer` in this conversation.
    pub role: String,
    /// IANA time zone, for showing their local time.
    #[schema(example = "Europe/Lisbon")]
    pub timezone: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Conversation {
    pub id: Uuid,
    pub kind: ConversationKind,
    /// The proposal, offer, contract or dispute it belongs to.
    pub subject_id: Uuid,
    pub title: String,
    /// Where the subject is in the SPA, e.g. `/contracts/{id}`.
    pub link: String,
    pub participants: Vec<Participant>,
    /// Messages from the other party after your read marker.
    pub unread_count: i32,
    pub last_read_at: Option<DateTime<Utc>>,
    pub last_message: Option<Message>,
    pub last_message_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

impl From<ConversationView> for Conversation {
    fn from(v: ConversationView) -> Self {
        let c = v.conversation;
        let kind = ConversationKind::from_wire(&c.kind).unwrap_or(ConversationKind::Proposal);
        let link = format!(
            "/{}/{}",
            match kind {
                ConversationKind::Proposal => "proposals",
                ConversationKind::Offer => "offers",
                ConversationKind::Contract => "contracts",
                ConversationKind::Dispute => "disputes",
            },
            c.subject_id
        );
        let participant = |party: &worklane_db::hiring::Party, role: &str| Participant {
            party: Party::from(party),
            role: role.to_owned(),
            timezone: v
                .timezones
                .get(&party.id)
                .cloned()
                .unwrap_or_else(|| "UTC".to_owned()),
        };
        Self {
            id: c.id,
            kind,
            subject_id: c.subject_id,
            title: c.title,
            link,
            participants: vec![
                participant(&v.client, "client"),
                participant(&v.freelancer, "freelancer"),
            ],
            unread_count: v.member.unread,
            last_read_at: v.member.last_read_at,
            last_message: v.last_message.map(Message::from),
            last_message_at: c.last_message_at,
            created_at: c.created_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ConversationPage {
    pub data: Vec<Conversation>,
    pub next_cursor: Option<String>,
    /// Unread messages across all your conversations.
    pub unread_total: i64,
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ConversationsQuery {
    /// Only conversations with unread messages.
    pub unread: Option<bool>,
    /// The conversation(s) of one proposal, offer, contract or dispute.
    pub subject_id: Option<Uuid>,
    #[validate(length(min = 1, max = 200))]
    #[param(min_length = 1, max_length = 200)]
    pub cursor: Option<String>,
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
}

/// Your conversations, latest activity first
#[utoipa::path(
    tag = "messages",
    security(("bearer" = [])),
    params(ConversationsQuery),
    responses(
        (status = 200, description = "Latest activity first, with unread counts", body = ConversationPage),
        (status = 400, description = "A bad cursor or limit", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/conversations")]
pub async fn list_conversations(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    ValidQuery(query): ValidQuery<ConversationsQuery>,
) -> Result<HttpResponse, ApiError> {
    let inbox = state
        .db(move |conn, _| {
            messaging::inbox(
                conn,
                &user,
                query.unread.unwrap_or(false),
                query.subject_id,
                query.cursor.as_deref(),
                query.limit,
            )
        })
        .await?;
    Ok(HttpResponse::Ok().json(ConversationPage {
        data: inbox
            .conversations
            .into_iter()
            .map(Conversation::from)
            .collect(),
        next_cursor: inbox.next_cursor,
        unread_total: inbox.unread_total,
    }))
}

/// One of your conversations
#[utoipa::path(
    tag = "messages",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The conversation's id")),
    responses(
        (status = 200, description = "The conversation", body = Conversation),
        (status = 404, description = "No such conversation of yours", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/conversations/{id}")]
pub async fn get_conversation(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let view = state
        .db(move |conn, _| messaging::get(conn, &user, id))
        .await?;
    Ok(HttpResponse::Ok().json(Conversation::from(view)))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MessagePage {
    /// Newest first.
    pub data: Vec<Message>,
    pub next_cursor: Option<String>,
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MessagesQuery {
    /// Only messages containing this text (any case).
    #[validate(length(max = 200))]
    #[param(max_length = 200)]
    pub q: Option<String>,
    #[validate(length(min = 1, max = 200))]
    #[param(min_length = 1, max_length = 200)]
    pub cursor: Option<String>,
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
}

/// A conversation's messages, newest first (members only)
#[utoipa::path(
    tag = "messages",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The conversation's id"), MessagesQuery),
    responses(
        (status = 200, description = "Newest first; follow next_cursor for older ones", body = MessagePage),
        (status = 400, description = "A bad cursor, limit or search", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such conversation of yours", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/conversations/{id}/messages")]
pub async fn list_messages(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    id: web::Path<Uuid>,
    ValidQuery(query): ValidQuery<MessagesQuery>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let (rows, next_cursor) = state
        .db(move |conn, _| {
            messaging::messages(
                conn,
                &user,
                id,
                query.q.as_deref(),
                query.cursor.as_deref(),
                query.limit,
            )
        })
        .await?;
    Ok(HttpResponse::Ok().json(MessagePage {
        data: rows.into_iter().map(Message::from).collect(),
        next_cursor,
    }))
}

#[derive(Debug, Serialize, Deserialize, Validate, ToSchema)]
pub struct SendMessage {
    #[validate(length(min = 1, max = 5000))]
    pub body: String,
    /// Files uploaded with `POST /attachments` (up to 10).
    #[validate(length(max = 10))]
    pub attachment_ids: Option<Vec<Uuid>>,
}

/// Send a message (members only)
///
/// Before the two have a contract, a message sharing an email address, a phone number
/// or a payment handle is still delivered, and `warnings` tells the sender.
#[utoipa::path(
    tag = "messages",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The conversation's id")),
    request_body = SendMessage,
    responses(
        (status = 201, description = "Sent and pushed to both members", body = Message),
        (status = 404, description = "No such conversation of yours", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An empty or too long body, or files that aren't yours", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "More than 20 messages a minute (`too_many_messages`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/conversations/{id}/messages")]
pub async fn send_message(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    id: web::Path<Uuid>,
    ValidJson(body): ValidJson<SendMessage>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let view = state
        .db(move |conn, ctx| {
            messaging::send(
                conn,
                ctx,
                &user,
                id,
                &body.body,
                body.attachment_ids.as_deref().unwrap_or_default(),
            )
        })
        .await?;
    Ok(HttpResponse::Created().json(Message::from(view)))
}

#[derive(Debug, Serialize, Deserialize, Validate, ToSchema)]
pub struct EditMessage {
    #[validate(length(min = 1, max = 5000))]
    pub body: String,
}

/// Edit your message (within 15 minutes of sending)
#[utoipa::path(
    tag = "messages",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The message's id")),
    request_body = EditMessage,
    responses(
        (status = 200, description = "The edited message", body = Message),
        (status = 404, description = "No such message of yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Too late to edit (`edit_window_closed`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An empty or too long body", body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/messages/{id}")]
pub async fn edit_message(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    id: web::Path<Uuid>,
    ValidJson(body): ValidJson<EditMessage>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let view = state
        .db(move |conn, ctx| messaging::edit(conn, ctx, &user, id, &body.body))
        .await?;
    Ok(HttpResponse::Ok().json(Message::from(view)))
}

#[derive(Debug, Default, Serialize, Deserialize, Validate, ToSchema)]
pub struct ReadMarker {
    /// Read up to and including this message; the latest when absent.
    pub message_id: Option<Uuid>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReadState {
    /// Still unread in this conversation.
    pub unread_count: i32,
    /// Still unread across all your conversations.
    pub unread_total: i64,
}

/// Move your read marker
#[utoipa::path(
    tag = "messages",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The conversation's id")),
    request_body(content = Option<ReadMarker>, description = "Optional: up to which message"),
    responses(
        (status = 200, description = "What is still unread", body = ReadState),
        (status = 404, description = "No such conversation of yours", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A message of another conversation", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/conversations/{id}/read")]
pub async fn mark_conversation_read(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    id: web::Path<Uuid>,
    body: OptionalJson<ReadMarker>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let up_to = body.0.and_then(|b| b.message_id);
    let (unread_count, unread_total) = state
        .db(move |conn, ctx| messaging::mark_read(conn, ctx, &user, id, up_to))
        .await?;
    Ok(HttpResponse::Ok().json(ReadState {
        unread_count,
        unread_total,
    }))
}

// ---------- notifications ----------

#[derive(Debug, Serialize, ToSchema)]
pub struct NotificationDto {
    pub id: Uuid,
    pub kind: NotificationKind,
    pub title: String,
    pub body: String,
    /// Where it takes the reader in the SPA.
    #[schema(example = "/contracts/0193a0c8-7f3e-7c1a-9d7e-2f1b8c4d5e6f")]
    pub link: String,
    pub created_at: DateTime<Utc>,
    pub read_at: Option<DateTime<Utc>>,
}

impl From<worklane_db::notifications::Notification> for NotificationDto {
    fn from(n: worklane_db::notifications::Notification) -> Self {
        Self {
            id: n.id,
            kind: NotificationKind::from_wire(&n.kind).unwrap_or(NotificationKind::DisputeUpdated),
            title: n.title,
            body: n.body,
            link: n.link,
            created_at: n.created_at,
            read_at: n.read_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NotificationPage {
    pub data: Vec<NotificationDto>,
    pub next_cursor: Option<String>,
    pub unread_count: i64,
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct NotificationsQuery {
    /// Only unread ones.
    pub unread: Option<bool>,
    #[validate(length(min = 1, max = 200))]
    #[param(min_length = 1, max_length = 200)]
    pub cursor: Option<String>,
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
}

/// Your notifications, newest first
#[utoipa::path(
    tag = "notifications",
    security(("bearer" = [])),
    params(NotificationsQuery),
    responses(
        (status = 200, description = "Newest first, with the unread count", body = NotificationPage),
        (status = 400, description = "A bad cursor or limit", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/notifications")]
pub async fn list_notifications(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    ValidQuery(query): ValidQuery<NotificationsQuery>,
) -> Result<HttpResponse, ApiError> {
    let page = state
        .db(move |conn, _| {
            notifications::list(
                conn,
                &user,
                query.unread.unwrap_or(false),
                query.cursor.as_deref(),
                query.limit,
            )
        })
        .await?;
    Ok(HttpResponse::Ok().json(NotificationPage {
        data: page
            .notifications
            .into_iter()
            .map(NotificationDto::from)
            .collect(),
        next_cursor: page.next_cursor,
        unread_count: page.unread_count,
    }))
}

#[derive(Debug, Default, Serialize, Deserialize, Validate, ToSchema)]
pub struct MarkNotificationsRead {
    /// These notifications (up to 100); all of yours when absent.
    #[validate(length(max = 100))]
    pub ids: Option<Vec<Uuid>>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UnreadCount {
    pub unread_count: i64,
}

/// Mark notifications read
#[utoipa::path(
    tag = "notifications",
    security(("bearer" = [])),
    request_body(content = Option<MarkNotificationsRead>, description = "Optional: which ones"),
    responses(
        (status = 200, description = "The unread count left", body = UnreadCount),
        (status = 422, description = "More than 100 ids", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/notifications/read")]
pub async fn mark_notifications_read(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    body: OptionalJson<MarkNotificationsRead>,
) -> Result<HttpResponse, ApiError> {
    let ids = body.0.and_then(|b| b.ids);
    let unread_count = state
        .db(move |conn, ctx| notifications::mark_read(conn, ctx, &user, ids.as_deref()))
        .await?;
    Ok(HttpResponse::Ok().json(UnreadCount { unread_count }))
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct EmailPreference {
    pub kind: NotificationKind,
    /// Whether this kind is also emailed (in-app notifications are always kept).
    pub email: bool,
}

#[derive(Debug, Serialize, Deserialize, Validate, ToSchema)]
pub struct NotificationPreferences {
    /// One entry per kind; kinds left out keep email on.
    #[validate(length(max = 50))]
    pub email: Vec<EmailPreference>,
}

fn preferences(kinds: Vec<(Kind, bool)>) -> NotificationPreferences {
    NotificationPreferences {
        email: kinds
            .into_iter()
            .filter_map(|(k, email)| {
                NotificationKind::from_wire(k.as_str()).map(|kind| EmailPreference { kind, email })
            })
            .collect(),
    }
}

/// Which notifications you also get by email
#[utoipa::path(
    tag = "notifications",
    security(("bearer" = [])),
    responses((status = 200, description = "Every kind with its email switch", body = NotificationPreferences))
)]
#[get("/me/notification-preferences")]
pub async fn get_notification_preferences(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
) -> Result<HttpResponse, ApiError> {
    let kinds = state
        .db(move |conn, _| notifications::email_kinds(conn, &user))
        .await?;
    Ok(HttpResponse::Ok().json(preferences(kinds)))
}

/// Choose which notifications are emailed
#[utoipa::path(
    tag = "notifications",
    security(("bearer" = [])),
    request_body = NotificationPreferences,
    responses(
        (status = 200, description = "Saved", body = NotificationPreferences),
        (status = 422, description = "Malformed preferences", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/me/notification-preferences")]
pub async fn put_notification_preferences(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    ValidJson(body): ValidJson<NotificationPreferences>,
) -> Result<HttpResponse, ApiError> {
    let off: Vec<Kind> = body
        .email
        .iter()
        .filter(|p| !p.email)
        .filter_map(|p| Kind::parse(p.kind.as_str()))
        .collect();
    let kinds = state
        .db(move |conn, _| notifications::set_email_kinds(conn, &user, &off))
        .await?;
    Ok(HttpResponse::Ok().json(preferences(kinds)))
}

// ---------- the WebSocket ----------

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct WsQuery {
    /// Your access token (browsers can't set headers on a WebSocket).
    #[param(max_length = 4096)]
    pub token: Option<String>,
}

/// Real-time events (WebSocket)
///
/// Upgrade with `?token=<access token>`. The server pushes JSON text frames:
/// `{"type":"message","message":Message}` for new and edited messages of your
/// conversations, and `{"type":"notification","notification":Notification,"unread_count":n}`.
/// A bad or expired token gets the socket closed with code 1008 and the reason; the
/// socket is also closed (1008, "token expired") when the token expires, so the client
/// reconnects with a fresh one. Without the upgrade headers the answer is 400.
#[utoipa::path(
    tag = "messages",
    params(WsQuery),
    responses(
        (status = 101, description = "Switched to the WebSocket protocol"),
        (status = 400, description = "Not a WebSocket upgrade request", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/ws")]
pub async fn websocket(
    req: HttpRequest,
    body: web::Payload,
    state: web::Data<AppState>,
    query: web::Query<WsQuery>,
) -> Result<HttpResponse, ApiError> {
    let (response, session, stream) = actix_ws::handle(&req, body).map_err(|e| {
        ApiError::http(
            actix_web::http::StatusCode::BAD_REQUEST,
            "not_a_websocket",
            format!("Open this with a WebSocket client: {e}"),
        )
    })?;
    let token = query.into_inner().token.unwrap_or_default();
    let auth = state
        .db(move |conn, ctx| worklane_app::auth::authenticate_until(conn, ctx, &token))
        .await;
    actix_web::rt::spawn(crate::realtime::serve_socket(
        state.into_inner(),
        auth,
        session,
        stream,
    ));
    Ok(response)
}
