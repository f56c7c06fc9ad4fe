//! General file uploads (proposal attachments and delivered work; message
//! attachments later): checked
//! by their bytes, stored in the attachment store, and served only to the people
//! the file was shared with.

use crate::context::AppContext;
use crate::error::{AppError, AppResult};
use diesel::PgConnection;
use std::collections::HashMap;
use uuid::Uuid;
use worklane_db::attachments::{self, Attachment};
use worklane_db::users::User;
use worklane_domain::files::{clean_filename, sniff_file};

/// Stores an upload the user can then attach to a proposal.
pub fn upload(
    conn: &mut PgConnection,
    ctx: &AppContext,
    user: &User,
    filename: &str,
    bytes: &[u8],
) -> AppResult<Attachment> {
    let filename = clean_filename(filename);
    if bytes.is_empty() {
        return Err(AppError::field("file", "empty", "is empty"));
    }
    let content_type = sniff_file(bytes, &filename).ok_or_else(|| {
        AppError::field(
            "file",
            "unsupported_file_type",
            "must be an image, PDF, Word/Excel/PowerPoint document, zip archive, or .txt/.md/.csv text",
        )
    })?;
    let attachment = Attachment {
        id: Uuid::now_v7(),
        owner_id: user.id,
        purpose: "file".to_owned(),
        content_type: content_type.to_owned(),
        size_bytes: i64::try_from(bytes.len()).unwrap_or(i64::MAX),
        sha256: crate::secrets::sha256(bytes),
        created_at: ctx.clock.now(),
        filename: Some(filename),
    };
    ctx.attachments
        .put(attachment.id, bytes)
        .map_err(|e| AppError::Internal(anyhow::anyhow!("storing an upload failed: {e}")))?;
    attachments::insert(conn, &attachment)?;
    tracing::info!(attachment_id = %attachment.id, user_id = %user.id, content_type, size = bytes.len(), "file uploaded");
    Ok(attachment)
}

/// A file and its bytes, for its uploader or a party of a proposal that lists it;
/// 404 for anyone else.
pub fn download(
    conn: &mut PgConnection,
    ctx: &AppContext,
    user: &User,
    id: Uuid,
) -> AppResult<(Attachment, Vec<u8>)> {
    let not_found = || AppError::NotFound { what: "Attachment" };
    let attachment = attachments::find(conn, id)?
        .filter(|a| a.purpose == "file")
        .ok_or_else(not_found)?;
    let party = |pairs: Vec<(Uuid, Uuid)>| {
        pairs
            .iter()
            .any(|(freelancer, client)| *freelancer == user.id || *client == user.id)
    };
    let shared = attachment.owner_id == user.id
        || party(attachments::proposal_parties(conn, id)?)
        || party(worklane_db::delivery::submission_parties(conn, id)?)
        || worklane_db::messaging::file_readers(conn, id)?.contains(&user.id);
    if !shared {
        return Err(not_found());
    }
    let bytes = ctx
        .attachments
        .get(id)
        .map_err(|e| AppError::Internal(anyhow::anyhow!("reading an upload failed: {e}")))?;
    Ok((attachment, bytes))
}

/// The records of these files, by id: one query for every file a page lists.
pub fn by_id(
    conn: &mut PgConnection,
    ids: impl Iterator<Item = Uuid>,
) -> AppResult<HashMap<Uuid, Attachment>> {
    let mut ids: Vec<Uuid> = ids.collect();
    ids.sort_unstable();
    ids.dedup();
    Ok(attachments::find_many(conn, &ids)?
        .into_iter()
        .map(|a| (a.id, a))
        .collect())
}

/// The records of `ids`, in their order (a file whose record is gone is left out).
pub fn listed(files: &HashMap<Uuid, Attachment>, ids: &[Uuid]) -> Vec<Attachment> {
    ids.iter().filter_map(|id| files.get(id).cloned()).collect()
}
