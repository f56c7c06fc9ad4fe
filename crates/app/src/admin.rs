//! The admin console's use cases: finding people, suspending and reinstating them,
//! removing job posts, and the platform's figures. Every action is audited, in the
//! transaction that takes it.

use crate::audit::{self, Event};
use crate::context::AppContext;
use crate::error::{AppError, AppResult};
use crate::identity::require_admin;
use crate::pagination;
use crate::search::{self, SearchChange};
use chrono::{DateTime, Utc};
use diesel::{Connection, PgConnection};
use uuid::Uuid;
use worklane_db::admin::{self as store, PlatformFigures, StandingFilter, UserFigures};
use worklane_db::outbox::{self, Email};
use worklane_db::users::User;
use worklane_db::{notifications, sessions, users};

pub const MAX_REASON_CHARS: usize = 500;

/// One person as the admin console shows them.
#[derive(Debug, Clone)]
pub struct AdminUserView {
    pub user: User,
    pub figures: UserFigures,
}

pub fn users(
    conn: &mut PgConnection,
    admin: &User,
    q: Option<&str>,
    standing: Option<StandingFilter>,
    cursor: Option<&str>,
    limit: Option<i64>,
) -> AppResult<(Vec<User>, Option<String>)> {
    require_admin(admin)?;
    pagination::newest_first(
        cursor,
        limit,
        |after, n| store::search_users(conn, q, standing, after, n),
        |user| (user.created_at, user.id),
    )
}

pub fn user(conn: &mut PgConnection, admin: &User, id: Uuid) -> AppResult<AdminUserView> {
    require_admin(admin)?;
    let user = users::find(conn, id)?.ok_or(AppError::NotFound { what: "User" })?;
    let figures = store::user_figures(conn, id)?;
    Ok(AdminUserView { user, figures })
}

fn checked_reason(reason: &str) -> AppResult<&str> {
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > MAX_REASON_CHARS {
        return Err(AppError::field(
            "reason",
            "length",
            format!("give a reason of 1 to {MAX_REASON_CHARS} characters"),
        ));
    }
    Ok(reason)
}

/// Closes the user's live sockets on every instance (they reconnect only with a
/// valid session).
fn sign_out_sockets(conn: &mut PgConnection, user_id: Uuid) -> AppResult<()> {
    let payload = serde_json::json!({"type": "signed_out", "id": user_id, "to": [user_id]});
    notifications::publish(conn, &payload.to_string())?;
    Ok(())
}

/// Ends every session of the user: all their refresh and access tokens stop working
/// and their open sockets close.
pub(crate) fn sign_out_everywhere(
    conn: &mut PgConnection,
    user_id: Uuid,
    now: DateTime<Utc>,
    reason: &str,
) -> AppResult<usize> {
    let revoked = sessions::revoke_all(conn, user_id, now, reason)?;
    sign_out_sockets(conn, user_id)?;
    Ok(revoked)
}

/// Their jobs and profile are re-judged for search.
fn standing_changed(conn: &mut PgConnection, user_id: Uuid, now: DateTime<Utc>) -> AppResult<()> {
    search::changed(conn, SearchChange::Client(user_id), now)?;
    search::changed(conn, SearchChange::Freelancer(user_id), now)?;
    Ok(())
}

fn after_standing_change(conn: &mut PgConnection, ctx: &AppContext, user_id: Uuid) {
    match store::job_ids_of(conn, user_id) {
        Ok(ids) => {
            for id in ids {
                crate::jobs::forget_page(conn, ctx, id);
            }
        }
        Err(error) => tracing::warn!(%error, "cached job pages not evicted"),
    }
    ctx.search.sync_after_commit(conn);
}

/// Suspends the account: sign-in and every token stop working, open jobs and the
/// profile leave search, withdrawals are held, and the other party on each contract
/// sees the suspension.
pub fn suspend(
    conn: &mut PgConnection,
    ctx: &AppContext,
    admin: &User,
    id: Uuid,
    reason: &str,
) -> AppResult<AdminUserView> {
    require_admin(admin)?;
    let reason = checked_reason(reason)?;
    if id == admin.id {
        return Err(AppError::Conflict {
            code: "cannot_suspend_self",
            message: "You can't suspend your own account.".to_owned(),
            field: None,
        });
    }
    let now = ctx.clock.now();
    conn.transaction(|conn| {
        let user = store::lock_user(conn, id)?.ok_or(AppError::NotFound { what: "User" })?;
        if user.suspended() {
            return Err(AppError::Conflict {
                code: "already_suspended",
                message: "This account is already suspended.".to_owned(),
                field: None,
            });
        }
        let user = store::set_suspension(conn, id, Some((now, reason)), now)?;
        let revoked = sign_out_everywhere(conn, id, now, "suspended")?;
        standing_changed(conn, id, now)?;
        outbox::enqueue_email(
            conn,
            &Email {
                to: user.email.clone(),
                subject: "Your Worklane account is suspended".to_owned(),
                text_body: format!(
                    "Hi {},\n\nYour Worklane account has been suspended: {reason}\n\nWhile it \
                     is suspended you can't sign in, your job posts are hidden and \
                     withdrawals are on hold. Money in escrow stays protected. Reply to \
                     this email to contact support.\n\n— Worklane\n",
                    user.full_name
                ),
            },
            now,
        )?;
        audit::record(
            conn,
            now,
            Event::new("admin.user_suspended")
                .target("user", id)
                .details(serde_json::json!({ "reason": reason, "sessions_revoked": revoked })),
        )?;
        tracing::info!(user_id = %id, admin_id = %admin.id, "account suspended");
        Ok(())
    })?;
    after_standing_change(conn, ctx, id);
    user(conn, admin, id)
}

pub fn reinstate(
    conn: &mut PgConnection,
    ctx: &AppContext,
    admin: &User,
    id: Uuid,
) -> AppResult<AdminUserView> {
    require_admin(admin)?;
    let now = ctx.clock.now();
    conn.transaction(|conn| {
        let user = store::lock_user(conn, id)?.ok_or(AppError::NotFound { what: "User" })?;
        if !user.suspended() {
            return Err(AppError::Conflict {
                code: "not_suspended",
                message: "This account is not suspended.".to_owned(),
                field: None,
            });
        }
        let user = store::set_suspension(conn, id, None, now)?;
        standing_changed(conn, id, now)?;
        outbox::enqueue_email(
            conn,
            &Email {
                to: user.email.clone(),
                subject: "Your Worklane account is active again".to_owned(),
                text_body: format!(
                    "Hi {},\n\nYour Worklane account has been reinstated: you can sign in \
                     again, and your open job posts and profile are back in search.\n\n— \
                     Worklane\n",
                    user.full_name
                ),
            },
            now,
        )?;
        audit::record(
            conn,
            now,
            Event::new("admin.user_reinstated").target("user", id),
        )?;
        tracing::info!(user_id = %id, admin_id = %admin.id, "account reinstated");
        Ok(())
    })?;
    after_standing_change(conn, ctx, id);
    user(conn, admin, id)
}

/// Takes a job post down: it leaves search and its page, pending offers on it are
/// withdrawn, and every freelancer who spent Connects on it gets them back.
pub fn remove_job(
    conn: &mut PgConnection,
    ctx: &AppContext,
    admin: &User,
    id: Uuid,
    reason: &str,
) -> AppResult<crate::jobs::JobView> {
    require_admin(admin)?;
    let reason = checked_reason(reason)?;
    let now = ctx.clock.now();
    conn.transaction(|conn| {
        let job = store::lock_job(conn, id)?.ok_or(AppError::NotFound { what: "Job" })?;
        if job.status == "removed" {
            return Err(AppError::Conflict {
                code: "already_removed",
                message: "This job post is already removed.".to_owned(),
                field: None,
            });
        }
        for offer in store::pending_offers_of_job(conn, id)? {
            worklane_db::hiring::finish_offer(
                conn,
                offer,
                "withdrawn",
                Some("The job post was removed by Worklane."),
                None,
                now,
            )?;
        }
        let refunded = crate::proposals::refund_connects_for_job(
            conn,
            ctx,
            id,
            &format!(
                "Refund: \u{201c}{}\u{201d} was removed by Worklane",
                job.title
            ),
        )?;
        worklane_db::jobs::set_status(conn, id, "removed", now, false, true)?;
        search::changed(conn, SearchChange::Job(id), now)?;
        if let Some(client) = users::find(conn, job.client_id)? {
            outbox::enqueue_email(
                conn,
                &Email {
                    to: client.email,
                    subject: format!("Your job post \u{201c}{}\u{201d} was removed", job.title),
                    text_body: format!(
                        "Hi {},\n\nWe removed your job post \u{201c}{}\u{201d}: {reason}\n\n\
                         Contracts already under way are not affected. Reply to this email \
                         to contact support.\n\n— Worklane\n",
                        client.full_name, job.title
                    ),
                },
                now,
            )?;
        }
        audit::record(
            conn,
            now,
            Event::new("admin.job_removed")
                .target("job", id)
                .details(serde_json::json!({ "reason": reason, "proposals_refunded": refunded })),
        )?;
        tracing::info!(job_id = %id, admin_id = %admin.id, refunded, "job removed");
        Ok(())
    })?;
    crate::jobs::forget_page(conn, ctx, id);
    ctx.search.sync_after_commit(conn);
    crate::jobs::get(conn, ctx, Some(admin), id)
}

pub fn stats(
    conn: &mut PgConnection,
    ctx: &AppContext,
    admin: &User,
) -> AppResult<PlatformFigures> {
    require_admin(admin)?;
    Ok(store::platform_figures(conn, ctx.clock.now())?)
}
