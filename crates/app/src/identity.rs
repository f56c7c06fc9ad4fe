//! Identity verification (SPEC §1): a freelancer uploads an ID document; an admin
//! approves it (the `identity_verified` badge, needed to withdraw) or rejects it
//! with a reason.

use crate::context::AppContext;
use crate::error::{AppError, AppResult};
use crate::search::{self, SearchChange};
use diesel::{Connection, PgConnection};
use uuid::Uuid;
use worklane_db::attachments::{self, Attachment};
use worklane_db::identity::{self as store, IdentityDocument, QueueItem};
use worklane_db::users::User;

fn sniff_document(bytes: &[u8]) -> Option<&'static str> {
    worklane_domain::files::sniff_image(bytes)
        .or_else(|| bytes.starts_with(b"%PDF-").then_some("application/pdf"))
}

pub fn upload(
    conn: &mut PgConnection,
    ctx: &AppContext,
    user: &User,
    bytes: &[u8],
) -> AppResult<IdentityDocument> {
    if !user.is_freelancer {
        return Err(AppError::forbidden(
            "not_a_freelancer",
            "Identity verification is for freelancer accounts.",
        ));
    }
    if bytes.len() > ctx.policy.max_identity_document_bytes {
        return Err(AppError::field(
            "document",
            "too_large",
            format!(
                "must be at most {} MB",
                ctx.policy.max_identity_document_bytes / (1024 * 1024)
            ),
        ));
    }
    let content_type = sniff_document(bytes).ok_or_else(|| {
        AppError::field(
            "document",
            "unsupported_type",
            "must be a PNG, JPEG, WebP or GIF image or a PDF",
        )
    })?;
    let now = ctx.clock.now();
    let attachment = Attachment {
        id: Uuid::now_v7(),
        owner_id: user.id,
        purpose: "identity_document".to_owned(),
        content_type: content_type.to_owned(),
        size_bytes: bytes.len() as i64,
        sha256: crate::secrets::sha256(bytes),
        created_at: now,
        filename: None,
    };
    ctx.attachments
        .put(attachment.id, bytes)
        .map_err(|e| AppError::Internal(anyhow::anyhow!("storing a document failed: {e}")))?;
    let result = conn.transaction(|conn| {
        let fresh =
            worklane_db::users::find(conn, user.id)?.ok_or(AppError::NotFound { what: "User" })?;
        if fresh.identity_verified_at.is_some() {
            return Err(AppError::Conflict {
                code: "already_verified",
                message: "Your identity is already verified.".to_owned(),
                field: None,
            });
        }
        if store::has_pending(conn, user.id)? {
            return Err(AppError::Conflict {
                code: "review_pending",
                message: "A document is already waiting for review.".to_owned(),
                field: None,
            });
        }
        attachments::insert(conn, &attachment)?;
        let document = IdentityDocument {
            id: Uuid::now_v7(),
            user_id: user.id,
            attachment_id: attachment.id,
            status: "pending".to_owned(),
            reason: None,
            reviewed_by: None,
            reviewed_at: None,
            created_at: now,
        };
        store::insert(conn, &document)?;
        Ok(document)
    });
    if result.is_err() {
        let _ = ctx.attachments.delete(attachment.id);
    }
    result
}

pub fn mine(conn: &mut PgConnection, user: &User) -> AppResult<Vec<IdentityDocument>> {
    Ok(store::of_user(conn, user.id)?)
}

pub fn require_admin(user: &User) -> AppResult<()> {
    if user.is_admin {
        Ok(())
    } else {
        Err(AppError::forbidden(
            "admin_only",
            "This is for administrators.",
        ))
    }
}

pub fn queue(
    conn: &mut PgConnection,
    admin: &User,
    status: &str,
    cursor: Option<&str>,
    limit: Option<i64>,
) -> AppResult<(Vec<QueueItem>, Option<String>)> {
    use crate::pagination::{self, TimeIdCursor};
    require_admin(admin)?;
    let limit = pagination::limit(limit)?;
    let after = cursor.map(TimeIdCursor::decode).transpose()?;
    let rows = store::queue(conn, status, after.map(|c| (c.at, c.id)), limit + 1)?;
    Ok(pagination::page(rows, limit, |item| {
        TimeIdCursor {
            at: item.document.created_at,
            id: item.document.id,
        }
        .encode()
    }))
}

/// The document's bytes, for the reviewing admin.
pub fn file(
    conn: &mut PgConnection,
    ctx: &AppContext,
    admin: &User,
    id: Uuid,
) -> AppResult<(String, Vec<u8>)> {
    require_admin(admin)?;
    let document = store::find(conn, id)?.ok_or(AppError::NotFound { what: "Document" })?;
    let attachment = attachments::find(conn, document.attachment_id)?
        .ok_or(AppError::NotFound { what: "Document" })?;
    let bytes = ctx
        .attachments
        .get(attachment.id)
        .map_err(|e| AppError::Internal(anyhow::anyhow!("reading a document failed: {e}")))?;
    Ok((attachment.content_type, bytes))
}

/// Approves (`reason` None) or rejects a pending document.
pub fn review(
    conn: &mut PgConnection,
    ctx: &AppContext,
    admin: &User,
    id: Uuid,
    approve: bool,
    reason: Option<&str>,
) -> AppResult<IdentityDocument> {
    require_admin(admin)?;
    let reason = reason.map(str::trim).filter(|r| !r.is_empty());
    if !approve && reason.is_none_or(|r| r.chars().count() > 500) {
        return Err(AppError::field(
            "reason",
            "required",
            "say why, in 1 to 500 characters",
        ));
    }
    let now = ctx.clock.now();
    let reviewed = conn.transaction(|conn| {
        let document = store::lock(conn, id)?.ok_or(AppError::NotFound { what: "Document" })?;
        if document.status != "pending" {
            return Err(AppError::Conflict {
                code: "already_reviewed",
                message: format!("This document was already {}.", document.status),
                field: None,
            });
        }
        let status = if approve { "approved" } else { "rejected" };
        store::review(conn, id, status, reason, admin.id, now)?;
        if approve {
            store::mark_verified(conn, document.user_id, now)?;
            crate::reputation::recompute(conn, ctx, document.user_id)?;
            search::changed(conn, SearchChange::Freelancer(document.user_id), now)?;
        }
        crate::audit::record(
            conn,
            now,
            crate::audit::Event::new(if approve {
                "admin.identity_approved"
            } else {
                "admin.identity_rejected"
            })
            .target("user", document.user_id)
            .details(serde_json::json!({ "document_id": id, "reason": reason })),
        )?;
        tracing::info!(admin_id = %admin.id, document_id = %id, status, "identity document reviewed");
        store::find(conn, id)?.ok_or(AppError::NotFound { what: "Document" })
    })?;
    ctx.search.sync_after_commit(conn);
    Ok(reviewed)
}
