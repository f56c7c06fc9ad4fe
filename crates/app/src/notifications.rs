//! Notifications (SPEC §11): stored for the in-app list, pushed live to the user's
//! open WebSockets, and emailed through the outbox unless the user turned that kind off.
//! Written inside the transaction of the event they announce, so they exist exactly
//! when the event does.

use crate::context::AppContext;
use crate::error::{AppError, AppResult};
use diesel::PgConnection;
use uuid::Uuid;
use worklane_db::notifications::{self as store, Notification};
use worklane_db::outbox::{self, Email};
use worklane_db::users::User;

/// Every event a user is told about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    ProposalReceived,
    InvitationReceived,
    OfferReceived,
    OfferAnswered,
    MilestoneFunded,
    MilestoneSubmitted,
    MilestoneApproved,
    ChangesRequested,
    InvoiceIssued,
    PaymentReleased,
    DisputeOpened,
    DisputeUpdated,
    DisputeResolved,
    FeedbackReceived,
}

impl Kind {
    pub const ALL: [Kind; 14] = [
        Kind::ProposalReceived,
        Kind::InvitationReceived,
        Kind::OfferReceived,
        Kind::OfferAnswered,
        Kind::MilestoneFunded,
        Kind::MilestoneSubmitted,
        Kind::MilestoneApproved,
        Kind::ChangesRequested,
        Kind::InvoiceIssued,
        Kind::PaymentReleased,
        Kind::DisputeOpened,
        Kind::DisputeUpdated,
        Kind::DisputeResolved,
        Kind::FeedbackReceived,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::ProposalReceived => "proposal_received",
            Kind::InvitationReceived => "invitation_received",
            Kind::OfferReceived => "offer_received",
            Kind::OfferAnswered => "offer_answered",
            Kind::MilestoneFunded => "milestone_funded",
            Kind::MilestoneSubmitted => "milestone_submitted",
            Kind::MilestoneApproved => "milestone_approved",
            Kind::ChangesRequested => "changes_requested",
            Kind::InvoiceIssued => "invoice_issued",
            Kind::PaymentReleased => "payment_released",
            Kind::DisputeOpened => "dispute_opened",
            Kind::DisputeUpdated => "dispute_updated",
            Kind::DisputeResolved => "dispute_resolved",
            Kind::FeedbackReceived => "feedback_received",
        }
    }

    /// The webhook event type the notification is also sent as.
    pub fn event_type(self) -> &'static str {
        match self {
            Kind::ProposalReceived => "proposal.received",
            Kind::InvitationReceived => "invitation.received",
            Kind::OfferReceived => "offer.received",
            Kind::OfferAnswered => "offer.answered",
            Kind::MilestoneFunded => "milestone.funded",
            Kind::MilestoneSubmitted => "milestone.submitted",
            Kind::MilestoneApproved => "milestone.approved",
            Kind::ChangesRequested => "milestone.changes_requested",
            Kind::InvoiceIssued => "invoice.issued",
            Kind::PaymentReleased => "payment.released",
            Kind::DisputeOpened => "dispute.opened",
            Kind::DisputeUpdated => "dispute.updated",
            Kind::DisputeResolved => "dispute.resolved",
            Kind::FeedbackReceived => "feedback.received",
        }
    }

    pub fn parse(raw: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == raw)
    }
}

/// Tells a user about an event: in the app, live, and by email if they want it.
pub fn notify(
    conn: &mut PgConnection,
    ctx: &AppContext,
    user_id: Uuid,
    kind: Kind,
    title: impl Into<String>,
    body: impl Into<String>,
    link: impl Into<String>,
) -> AppResult<()> {
    let now = ctx.clock.now();
    let notification = Notification {
        id: Uuid::now_v7(),
        user_id,
        kind: kind.as_str().to_owned(),
        title: title.into(),
        body: body.into(),
        link: link.into(),
        created_at: now,
        read_at: None,
    };
    store::insert(conn, &notification)?;
    crate::webhooks::emit(
        conn,
        user_id,
        kind.event_type(),
        webhook_data(ctx, &notification),
        now,
    )?;
    let payload =
        serde_json::json!({"type": "notification", "id": notification.id, "to": [user_id]});
    store::publish(conn, &payload.to_string())?;
    if store::wants_email(conn, user_id, kind.as_str())?
        && let Some(user) = worklane_db::users::find(conn, user_id)?
    {
        let base = ctx.policy.public_url.trim_end_matches('/');
        outbox::enqueue_email(
            conn,
            &Email {
                to: user.email,
                subject: notification.title.clone(),
                text_body: format!(
                    "Hi {},\n\n{}\n\n{base}{}\n\nChoose which emails you get: {base}/settings/notifications\n",
                    user.full_name, notification.body, notification.link
                ),
            },
            now,
        )?;
    }
    Ok(())
}

/// What a webhook says about the event: the object it concerns (from the link,
/// `/contracts/<id>` -> `contract`), the words the notification uses, and where to
/// see it.
fn webhook_data(ctx: &AppContext, notification: &Notification) -> serde_json::Value {
    let mut parts = notification.link.trim_start_matches('/').split('/');
    let object = parts.next().map(|kind| kind.trim_end_matches('s'));
    let id = parts.next().and_then(|id| Uuid::parse_str(id).ok());
    serde_json::json!({
        "object": id.and(object),
        "object_id": id,
        "title": notification.title,
        "body": notification.body,
        "url": format!("{}{}", ctx.policy.public_url.trim_end_matches('/'), notification.link),
    })
}

pub struct Page {
    pub notifications: Vec<Notification>,
    pub next_cursor: Option<String>,
    pub unread_count: i64,
}

pub fn list(
    conn: &mut PgConnection,
    user: &User,
    unread_only: bool,
    cursor: Option<&str>,
    limit: Option<i64>,
) -> AppResult<Page> {
    let (notifications, next_cursor) = crate::pagination::newest_first(
        cursor,
        limit,
        |after, n| store::page(conn, user.id, unread_only, after, n),
        |n| (n.created_at, n.id),
    )?;
    Ok(Page {
        notifications,
        next_cursor,
        unread_count: store::unread_count(conn, user.id)?,
    })
}

pub fn find_for(
    conn: &mut PgConnection,
    user_id: Uuid,
    id: Uuid,
) -> AppResult<Option<Notification>> {
    Ok(store::find(conn, id)?.filter(|n| n.user_id == user_id))
}

/// Marks these (or all) of the user's notifications read; returns the unread count left.
pub fn mark_read(
    conn: &mut PgConnection,
    ctx: &AppContext,
    user: &User,
    ids: Option<&[Uuid]>,
) -> AppResult<i64> {
    if ids.is_some_and(|ids| ids.len() > 100) {
        return Err(AppError::field(
            "ids",
            "too_many",
            "Mark at most 100 at a time.",
        ));
    }
    store::mark_read(conn, user.id, ids, ctx.clock.now())?;
    Ok(store::unread_count(conn, user.id)?)
}

/// The kinds the user gets by email (all but those turned off).
pub fn email_kinds(conn: &mut PgConnection, user: &User) -> AppResult<Vec<(Kind, bool)>> {
    let off = store::email_opt_outs(conn, user.id)?;
    Ok(Kind::ALL
        .into_iter()
        .map(|k| (k, !off.iter().any(|o| o == k.as_str())))
        .collect())
}

pub fn set_email_kinds(
    conn: &mut PgConnection,
    user: &User,
    off: &[Kind],
) -> AppResult<Vec<(Kind, bool)>> {
    let mut kinds: Vec<String> = off.iter().map(|k| k.as_str().to_owned()).collect();
    kinds.sort();
    kinds.dedup();
    store::set_email_opt_outs(conn, user.id, &kinds)?;
    email_kinds(conn, user)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_notification_is_a_webhook_event_and_every_event_a_notification() {
        let mut sent: Vec<&str> = Kind::ALL.iter().map(|k| k.event_type()).collect();
        sent.sort_unstable();
        let mut known = worklane_domain::webhooks::EVENT_TYPES.to_vec();
        known.sort_unstable();
        assert_eq!(sent, known);
    }
}
