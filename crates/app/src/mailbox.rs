//! Reading the development mailbox.

use crate::error::AppResult;
use crate::pagination::{self, TimeIdCursor};
use diesel::PgConnection;
use worklane_db::mailbox::{self, DevMail};
use worklane_domain::account::normalize_email;

pub struct MailPage {
    pub mails: Vec<DevMail>,
    pub next_cursor: Option<String>,
}

pub fn list(
    conn: &mut PgConnection,
    to: Option<&str>,
    cursor: Option<&str>,
    limit: Option<i64>,
) -> AppResult<MailPage> {
    let limit = pagination::limit(limit)?;
    let after = cursor.map(TimeIdCursor::decode).transpose()?;
    let to = to.map(normalize_email);
    let rows = mailbox::list(conn, to.as_deref(), after.map(|c| (c.at, c.id)), limit + 1)?;
    let (mails, next_cursor) = pagination::page(rows, limit, |m| {
        TimeIdCursor {
            at: m.created_at,
            id: m.id,
        }
        .encode()
    });
    Ok(MailPage { mails, next_cursor })
}
