//! The admin console (SPEC §12): people and their standing, job removal, the flag
//! queue, platform figures and the audit log; and `POST /flags`, open to everyone
//! signed in. Every admin route answers 403 to anyone else, and the attempt is audited.

use crate::extract::{AdminUser, AuthUser, ValidJson, ValidQuery};
use crate::problem::{ApiError, Problem};
use crate::routes::jobs::Job;
use crate::routes::money;
use crate::routes::users::Role;
use crate::state::AppState;
use actix_web::{HttpResponse, get, post, web};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use utoipa::{IntoParams, OpenApi, ToSchema};
use uuid::Uuid;
use validator::Validate;
use worklane_app::flags::{Outcome, TargetType};
use worklane_app::{admin as use_cases, audit, flags};
use worklane_db::admin::StandingFilter;
use worklane_db::users::User as UserRow;

#[derive(OpenApi)]
#[openapi(paths(
    list_users,
    get_user,
    suspend_user,
    reinstate_user,
    remove_job,
    raise_flag,
    flag_queue,
    resolve_flag,
    platform_stats,
    audit_log
))]
pub struct AdminApi;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(list_users)
        .service(get_user)
        .service(suspend_user)
        .service(reinstate_user)
        .service(remove_job)
        .service(raise_flag)
        .service(flag_queue)
        .service(resolve_flag)
        .service(platform_stats)
        .service(audit_log);
}

wire_enum!(
    /// An account's standing.
    Standing {
        Active = "active",
        Suspended = "suspended",
    }
);

/// A person as the admin console lists them.
#[derive(Debug, Serialize, ToSchema)]
pub struct AdminUserSummary {
    pub id: Uuid,
    pub email: String,
    pub full_name: String,
    pub country: String,
    pub timezone: String,
    pub roles: Vec<Role>,
    pub email_verified: bool,
    pub payment_verified: bool,
    pub identity_verified: bool,
    pub status: Standing,
    pub suspended_at: Option<DateTime<Utc>>,
    /// Why the account is suspended (shown to the user when they try to sign in).
    pub suspension_reason: Option<String>,
    pub created_at: DateTime<Utc>,
}

impl From<&UserRow> for AdminUserSummary {
    fn from(u: &UserRow) -> Self {
        Self {
            id: u.id,
            email: u.email.clone(),
            full_name: u.full_name.clone(),
            country: u.country.clone(),
            timezone: u.timezone.clone(),
            roles: u
                .capabilities()
                .roles()
                .into_iter()
                .map(Role::from)
                .collect(),
            email_verified: u.email_verified(),
            payment_verified: u.payment_verified_at.is_some(),
            identity_verified: u.identity_verified_at.is_some(),
            status: if u.suspended() {
                Standing::Suspended
            } else {
                Standing::Active
            },
            suspended_at: u.suspended_at,
            suspension_reason: u.suspension_reason.clone(),
            created_at: u.created_at,
        }
    }
}

/// What a person is doing on the platform.
#[derive(Debug, Serialize, ToSchema)]
pub struct UserActivity {
    pub open_jobs: i64,
    /// Contracts not yet ended, on either side.
    pub active_contracts: i64,
    /// Open flags on their profile.
    pub open_flags: i64,
    pub live_sessions: i64,
    pub last_sign_in_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AdminUserDetail {
    pub user: AdminUserSummary,
    pub activity: UserActivity,
}

impl From<use_cases::AdminUserView> for AdminUserDetail {
    fn from(view: use_cases::AdminUserView) -> Self {
        let f = view.figures;
        Self {
            user: AdminUserSummary::from(&view.user),
            activity: UserActivity {
                open_jobs: f.open_jobs,
                active_contracts: f.active_contracts,
                open_flags: f.open_flags,
                live_sessions: f.live_sessions,
                last_sign_in_at: f.last_sign_in_at,
            },
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AdminUserPage {
    pub data: Vec<AdminUserSummary>,
    pub next_cursor: Option<String>,
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UsersQuery {
    /// A fragment of the name or email, or a user id.
    #[validate(length(max = 200))]
    #[param(max_length = 200, example = "ada")]
    pub q: Option<String>,
    pub status: Option<Standing>,
    #[validate(length(min = 1, max = 200))]
    #[param(min_length = 1, max_length = 200)]
    pub cursor: Option<String>,
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
}

/// Find people (admins)
///
/// Newest accounts first; `q` matches a name or email fragment, or an id.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    params(UsersQuery),
    responses(
        (status = 200, description = "A page of people", body = AdminUserPage),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/admin/users")]
pub async fn list_users(
    state: web::Data<AppState>,
    AdminUser(admin): AdminUser,
    ValidQuery(query): ValidQuery<UsersQuery>,
) -> Result<HttpResponse, ApiError> {
    let standing = query.status.map(|s| match s {
        Standing::Active => StandingFilter::Active,
        Standing::Suspended => StandingFilter::Suspended,
    });
    let (users, next_cursor) = state
        .db(move |conn, _| {
            use_cases::users(
                conn,
                &admin,
                query.q.as_deref(),
                standing,
                query.cursor.as_deref(),
                query.limit,
            )
        })
        .await?;
    Ok(HttpResponse::Ok().json(AdminUserPage {
        data: users.iter().map(AdminUserSummary::from).collect(),
        next_cursor,
    }))
}

/// One person, with their activity (admins)
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The user")),
    responses(
        (status = 200, description = "The person", body = AdminUserDetail),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such user", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/admin/users/{id}")]
pub async fn get_user(
    state: web::Data<AppState>,
    AdminUser(admin): AdminUser,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let view = state
        .db(move |conn, _| use_cases::user(conn, &admin, id))
        .await?;
    Ok(HttpResponse::Ok().json(AdminUserDetail::from(view)))
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct Reason {
    /// Why; the person is told.
    #[validate(length(min = 1, max = 500))]
    #[schema(
        example = "Asking freelancers to pay outside Worklane.",
        min_length = 1,
        max_length = 500
    )]
    pub reason: String,
}

/// Suspend an account (admins)
///
/// The person is signed out everywhere and can't sign in; their open jobs and
/// profile leave search, their withdrawals are held, and the other party on each
/// of their contracts sees the suspension.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The user")),
    request_body = Reason,
    responses(
        (status = 200, description = "Suspended", body = AdminUserDetail),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such user", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`already_suspended` or `cannot_suspend_self`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/admin/users/{id}/suspend")]
pub async fn suspend_user(
    state: web::Data<AppState>,
    AdminUser(admin): AdminUser,
    path: web::Path<Uuid>,
    ValidJson(body): ValidJson<Reason>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let view = state
        .db(move |conn, ctx| use_cases::suspend(conn, ctx, &admin, id, &body.reason))
        .await?;
    Ok(HttpResponse::Ok().json(AdminUserDetail::from(view)))
}

/// Reinstate a suspended account (admins)
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The user")),
    responses(
        (status = 200, description = "Active again", body = AdminUserDetail),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such user", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`not_suspended`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/admin/users/{id}/reinstate")]
pub async fn reinstate_user(
    state: web::Data<AppState>,
    AdminUser(admin): AdminUser,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let view = state
        .db(move |conn, ctx| use_cases::reinstate(conn, ctx, &admin, id))
        .await?;
    Ok(HttpResponse::Ok().json(AdminUserDetail::from(view)))
}

/// Remove a job post (admins)
///
/// The post leaves search and its page, pending offers on it are withdrawn, and
/// every freelancer who spent Connects on it gets them back. Contracts already
/// under way go on.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The job")),
    request_body = Reason,
    responses(
        (status = 200, description = "Removed", body = Job),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such job", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`already_removed`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/admin/jobs/{id}/remove")]
pub async fn remove_job(
    state: web::Data<AppState>,
    AdminUser(admin): AdminUser,
    path: web::Path<Uuid>,
    ValidJson(body): ValidJson<Reason>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let job = state
        .db(move |conn, ctx| use_cases::remove_job(conn, ctx, &admin, id, &body.reason))
        .await?;
    Ok(HttpResponse::Ok().json(Job::from(job)))
}

// ---------- flags ----------

wire_enum!(
    /// What a flag points at: a job, a person's profile (the user id) or a message.
    FlagTarget {
        Job = "job",
        Profile = "profile",
        Message = "message",
    }
);

wire_enum!(
    /// `open` until an admin decides: `dismissed` (nothing wrong) or `actioned`.
    FlagStatus {
        Open = "open",
        Dismissed = "dismissed",
        Actioned = "actioned",
    }
);

wire_enum!(
    /// An admin's decision on a flag.
    FlagOutcome {
        Dismissed = "dismissed",
        Actioned = "actioned",
    }
);

#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct NewFlag {
    pub target_type: FlagTarget,
    /// The job's, the person's or the message's id.
    pub target_id: Uuid,
    #[validate(length(min = 1, max = 1000))]
    #[schema(
        example = "Asks for payment by bank transfer outside Worklane.",
        min_length = 1,
        max_length = 1000
    )]
    pub reason: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Flag {
    pub id: Uuid,
    pub target_type: FlagTarget,
    pub target_id: Uuid,
    pub reason: String,
    pub status: FlagStatus,
    pub created_at: DateTime<Utc>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub resolution_note: Option<String>,
}

impl From<&worklane_db::flags::Flag> for Flag {
    fn from(f: &worklane_db::flags::Flag) -> Self {
        Self {
            id: f.id,
            target_type: FlagTarget::from_wire(&f.target_type).unwrap_or(FlagTarget::Job),
            target_id: f.target_id,
            reason: f.reason.clone(),
            status: FlagStatus::from_wire(&f.status).unwrap_or(FlagStatus::Open),
            created_at: f.created_at,
            resolved_at: f.resolved_at,
            resolution_note: f.resolution_note.clone(),
        }
    }
}

/// Flag a job, a profile or a message
///
/// For anyone signed in who can see it (not their own). Flagging the same thing
/// again while the first flag is open answers 200 with that flag.
#[utoipa::path(
    tag = "trust",
    security(("bearer" = [])),
    request_body = NewFlag,
    responses(
        (status = 201, description = "Queued for the admins", body = Flag),
        (status = 200, description = "You already flagged it; the open flag", body = Flag),
        (status = 404, description = "Nothing you can see has that id", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`own_content`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/flags")]
pub async fn raise_flag(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    ValidJson(body): ValidJson<NewFlag>,
) -> Result<HttpResponse, ApiError> {
    let target = match body.target_type {
        FlagTarget::Job => TargetType::Job,
        FlagTarget::Profile => TargetType::Profile,
        FlagTarget::Message => TargetType::Message,
    };
    let (flag, created) = state
        .db(move |conn, ctx| flags::raise(conn, ctx, &user, target, body.target_id, &body.reason))
        .await?;
    let dto = Flag::from(&flag);
    Ok(if created {
        HttpResponse::Created().json(dto)
    } else {
        HttpResponse::Ok().json(dto)
    })
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PersonRef {
    pub id: Uuid,
    pub full_name: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FlaggedTarget {
    /// The job's title, the person's name or the message's text (gone if deleted).
    pub label: Option<String>,
    /// Whose content it is.
    pub owner: Option<PersonRef>,
    /// For a message: its conversation.
    pub conversation_id: Option<Uuid>,
    /// Open flags on this target, from anyone.
    pub open_flags: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct QueuedFlag {
    #[serde(flatten)]
    pub flag: Flag,
    pub reporter: PersonRef,
    pub target: FlaggedTarget,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FlagPage {
    pub data: Vec<QueuedFlag>,
    pub next_cursor: Option<String>,
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FlagQueueQuery {
    /// Default `open` (oldest first); resolved flags come newest first.
    pub status: Option<FlagStatus>,
    #[validate(length(min = 1, max = 200))]
    #[param(min_length = 1, max_length = 200)]
    pub cursor: Option<String>,
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
}

/// The flag queue (admins)
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    params(FlagQueueQuery),
    responses(
        (status = 200, description = "A page of flags", body = FlagPage),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/admin/flags")]
pub async fn flag_queue(
    state: web::Data<AppState>,
    AdminUser(admin): AdminUser,
    ValidQuery(query): ValidQuery<FlagQueueQuery>,
) -> Result<HttpResponse, ApiError> {
    let status = query.status.unwrap_or(FlagStatus::Open).as_str();
    let (queued, next_cursor) = state
        .db(move |conn, _| {
            flags::queue(
                conn,
                &admin,
                Some(status),
                query.cursor.as_deref(),
                query.limit,
            )
        })
        .await?;
    Ok(HttpResponse::Ok().json(FlagPage {
        data: queued
            .into_iter()
            .map(|q| QueuedFlag {
                flag: Flag::from(&q.flag),
                reporter: PersonRef {
                    id: q.flag.reporter_id,
                    full_name: q.reporter_name,
                },
                target: FlaggedTarget {
                    label: q.target_label,
                    owner: q
                        .target_owner
                        .map(|(id, full_name)| PersonRef { id, full_name }),
                    conversation_id: q.conversation_id,
                    open_flags: q.open_on_target,
                },
            })
            .collect(),
        next_cursor,
    }))
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct FlagResolution {
    pub outcome: FlagOutcome,
    /// What was done, for the record.
    #[validate(length(max = 1000))]
    #[schema(example = "Job removed; client warned.", max_length = 1000)]
    pub note: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ResolvedFlags {
    /// This flag and every other open flag on the same target.
    pub data: Vec<Flag>,
}

/// Resolve a flag (admins)
///
/// Resolves every open flag on the same target with one decision.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The flag")),
    request_body = FlagResolution,
    responses(
        (status = 200, description = "Resolved", body = ResolvedFlags),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such flag", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`flag_resolved`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/admin/flags/{id}/resolve")]
pub async fn resolve_flag(
    state: web::Data<AppState>,
    AdminUser(admin): AdminUser,
    path: web::Path<Uuid>,
    ValidJson(body): ValidJson<FlagResolution>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let outcome = match body.outcome {
        FlagOutcome::Dismissed => Outcome::Dismissed,
        FlagOutcome::Actioned => Outcome::Actioned,
    };
    let resolved = state
        .db(move |conn, ctx| {
            flags::resolve(
                conn,
                ctx,
                &admin,
                id,
                outcome,
                body.note.as_deref().unwrap_or(""),
            )
        })
        .await?;
    Ok(HttpResponse::Ok().json(ResolvedFlags {
        data: resolved.iter().map(Flag::from).collect(),
    }))
}

// ---------- figures ----------

#[derive(Debug, Serialize, ToSchema)]
pub struct DayCount {
    #[schema(value_type = String, format = Date, example = "2026-11-26")]
    pub date: NaiveDate,
    pub count: i64,
}

/// The platform's figures, from the ledger and the live tables.
#[derive(Debug, Serialize, ToSchema)]
pub struct PlatformStats {
    #[schema(example = "USD")]
    pub currency: String,
    /// Gross volume: everything clients ever funded into escrow (fees apart).
    #[schema(example = "125000.00")]
    pub gmv_total: String,
    /// The same over the last 30 days.
    #[schema(example = "9800.00")]
    pub gmv_30d: String,
    /// Service and marketplace fees kept, net of refunds.
    #[schema(example = "18750.00")]
    pub fees_earned: String,
    /// In escrow right now.
    #[schema(example = "4200.00")]
    pub escrow_held: String,
    /// Disputes not yet resolved.
    pub open_disputes: i64,
    pub users_total: i64,
    pub suspended_users: i64,
    pub open_flags: i64,
    pub pending_identity_documents: i64,
    /// Sign-ups per UTC day over the last 30 days, oldest first.
    pub signups_per_day: Vec<DayCount>,
}

/// Platform figures (admins)
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The figures", body = PlatformStats),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/admin/stats")]
pub async fn platform_stats(
    state: web::Data<AppState>,
    AdminUser(admin): AdminUser,
) -> Result<HttpResponse, ApiError> {
    let figures = state
        .db(move |conn, ctx| use_cases::stats(conn, ctx, &admin))
        .await?;
    Ok(HttpResponse::Ok().json(PlatformStats {
        currency: "USD".to_owned(),
        gmv_total: money(figures.gmv_total),
        gmv_30d: money(figures.gmv_30d),
        fees_earned: money(figures.fees_earned),
        escrow_held: money(figures.escrow_held),
        open_disputes: figures.open_disputes,
        users_total: figures.users_total,
        suspended_users: figures.suspended_users,
        open_flags: figures.open_flags,
        pending_identity_documents: figures.pending_identity_documents,
        signups_per_day: figures
            .signups_per_day
            .into_iter()
            .map(|d| DayCount {
                date: d.day,
                count: d.count,
            })
            .collect(),
    }))
}

// ---------- audit log ----------

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// Who acted.
    pub actor_id: Option<Uuid>,
    /// What it was done to.
    pub target_id: Option<Uuid>,
    /// Actions starting with this (`admin.`, `auth.sign_in`, `money.`, `POST /api/v1/jobs`).
    #[validate(length(min = 1, max = 200))]
    #[param(min_length = 1, max_length = 200, example = "admin.")]
    pub action: Option<String>,
    #[validate(length(min = 1, max = 64))]
    #[param(min_length = 1, max_length = 64)]
    pub request_id: Option<String>,
    #[validate(length(min = 1, max = 64))]
    #[param(min_length = 1, max_length = 64, example = "203.0.113.7")]
    pub ip: Option<String>,
    /// From this moment (included).
    pub since: Option<DateTime<Utc>>,
    /// Up to this moment (excluded).
    pub until: Option<DateTime<Utc>>,
    #[validate(length(min = 1, max = 200))]
    #[param(min_length = 1, max_length = 200)]
    pub cursor: Option<String>,
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
}

wire_enum!(
    /// Who acted: a person, an admin, a personal access token, the platform itself,
    /// or nobody signed in.
    ActorKind {
        User = "user",
        Admin = "admin",
        Token = "token",
        System = "system",
        Anonymous = "anonymous",
    }
);

#[derive(Debug, Serialize, ToSchema)]
pub struct AuditEntry {
    pub id: Uuid,
    pub occurred_at: DateTime<Utc>,
    pub actor_kind: ActorKind,
    pub actor: Option<PersonRef>,
    /// `auth.sign_in`, `money.fund_escrow`, `admin.user_suspended`,
    /// `POST /api/v1/jobs/{id}/proposals`, ...
    #[schema(example = "admin.user_suspended")]
    pub action: String,
    pub target_type: Option<String>,
    pub target_id: Option<Uuid>,
    pub request_id: Option<String>,
    pub ip: Option<String>,
    /// The HTTP status, for request entries.
    pub status: Option<i16>,
    #[schema(value_type = Object)]
    pub details: serde_json::Value,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AuditPage {
    pub data: Vec<AuditEntry>,
    pub next_cursor: Option<String>,
}

/// Search the audit log (admins)
///
/// Newest first. Sign-ins, money movements, state changes and admin actions, with
/// the actor, time, request id and address.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    params(AuditQuery),
    responses(
        (status = 200, description = "A page of entries", body = AuditPage),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/admin/audit-log")]
pub async fn audit_log(
    state: web::Data<AppState>,
    AdminUser(admin): AdminUser,
    ValidQuery(query): ValidQuery<AuditQuery>,
) -> Result<HttpResponse, ApiError> {
    let filter = worklane_db::audit::Filter {
        actor_id: query.actor_id,
        target_id: query.target_id,
        action_prefix: query.action.clone(),
        request_id: query.request_id.clone(),
        ip: query.ip.clone(),
        since: query.since,
        until: query.until,
    };
    let (entries, names, next_cursor) = state
        .db(move |conn, _| {
            let (entries, next) =
                audit::search(conn, &admin, &filter, query.cursor.as_deref(), query.limit)?;
            let ids: Vec<Uuid> = entries.iter().filter_map(|e| e.actor_id).collect();
            let names: HashMap<Uuid, String> =
                worklane_db::flags::names(conn, &ids)?.into_iter().collect();
            Ok((entries, names, next))
        })
        .await?;
    Ok(HttpResponse::Ok().json(AuditPage {
        data: entries
            .into_iter()
            .map(|e| AuditEntry {
                id: e.id,
                occurred_at: e.occurred_at,
                actor_kind: ActorKind::from_wire(&e.actor_kind).unwrap_or(ActorKind::System),
                actor: e.actor_id.map(|id| PersonRef {
                    id,
                    full_name: names.get(&id).cloned().unwrap_or_default(),
                }),
                action: e.action,
                target_type: e.target_type,
                target_id: e.target_id,
                request_id: e.request_id,
                ip: e.ip,
                status: e.status,
                details: e.details,
            })
            .collect(),
        next_cursor,
    }))
}
