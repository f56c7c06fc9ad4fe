//! Cursor pagination: `?limit=` (1–100, default 20) and an opaque `?cursor=` that
//! encodes the keyset position of the last row returned.

use crate::error::AppError;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use uuid::Uuid;

pub const DEFAULT_LIMIT: i64 = 20;
pub const MAX_LIMIT: i64 = 100;

pub fn limit(requested: Option<i64>) -> Result<i64, AppError> {
    match requested {
        None => Ok(DEFAULT_LIMIT),
        Some(n) if (1..=MAX_LIMIT).contains(&n) => Ok(n),
        Some(_) => Err(AppError::invalid_parameter(
            "limit",
            format!("must be between 1 and {MAX_LIMIT}"),
        )),
    }
}

/// Cuts a page from rows fetched with `limit + 1`: the extra row only says that
/// another page exists, and the cursor points after the last row kept.
pub fn page<T>(
    mut rows: Vec<T>,
    limit: i64,
    cursor_after: impl Fn(&T) -> String,
) -> (Vec<T>, Option<String>) {
    let limit = usize::try_from(limit).unwrap_or(0);
    if rows.len() > limit {
        rows.truncate(limit);
        let next = rows.last().map(cursor_after);
        (rows, next)
    } else {
        (rows, None)
    }
}

/// A position after a row ordered by (timestamp, id).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeIdCursor {
    pub at: DateTime<Utc>,
    pub id: Uuid,
}

impl TimeIdCursor {
    pub fn encode(&self) -> String {
        URL_SAFE_NO_PAD.encode(format!("{}|{}", self.at.timestamp_micros(), self.id))
    }

    pub fn decode(raw: &str) -> Result<Self, AppError> {
        let invalid =
            || AppError::invalid_parameter("cursor", "is not a cursor this endpoint issued");
        let bytes = URL_SAFE_NO_PAD.decode(raw).map_err(|_| invalid())?;
        let text = String::from_utf8(bytes).map_err(|_| invalid())?;
        let (micros, id) = text.split_once('|').ok_or_else(invalid)?;
        let micros: i64 = micros.parse().map_err(|_| invalid())?;
        let at = DateTime::from_timestamp_micros(micros).ok_or_else(invalid)?;
        let id = Uuid::parse_str(id).map_err(|_| invalid())?;
        Ok(Self { at, id })
    }
}

/// One page of rows ordered newest first by (timestamp, id): decodes the cursor,
/// fetches `limit + 1` rows after it and cuts the page.
pub fn newest_first<T, E>(
    cursor: Option<&str>,
    limit: Option<i64>,
    fetch: impl FnOnce(Option<(DateTime<Utc>, Uuid)>, i64) -> Result<Vec<T>, E>,
    key: impl Fn(&T) -> (DateTime<Utc>, Uuid),
) -> Result<(Vec<T>, Option<String>), AppError>
where
    AppError: From<E>,
{
    let limit = self::limit(limit)?;
    let after = cursor.map(TimeIdCursor::decode).transpose()?;
    let rows = fetch(after.map(|c| (c.at, c.id)), limit + 1)?;
    Ok(page(rows, limit, |row| {
        let (at, id) = key(row);
        TimeIdCursor { at, id }.encode()
    }))
}

/// A position in a short list sorted by something other than time (a job's
/// proposals by bid or match): how many rows came before, bound to the sort.
pub fn decode_offset(raw: &str, sort: &str) -> Result<i64, AppError> {
    let invalid = || AppError::invalid_parameter("cursor", "is not a cursor this endpoint issued");
    let bytes = URL_SAFE_NO_PAD.decode(raw).map_err(|_| invalid())?;
    let text = String::from_utf8(bytes).map_err(|_| invalid())?;
    let (tag, offset) = text.split_once('|').ok_or_else(invalid)?;
    if tag != sort {
        return Err(invalid());
    }
    offset
        .parse()
        .ok()
        .filter(|n: &i64| *n >= 0)
        .ok_or_else(invalid)
}

pub fn encode_offset(sort: &str, offset: i64) -> String {
    URL_SAFE_NO_PAD.encode(format!("{sort}|{offset}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_round_trips() -> Result<(), AppError> {
        let at = DateTime::from_timestamp_micros(1_800_000_000_123_456).unwrap_or_default();
        let cursor = TimeIdCursor {
            at,
            id: Uuid::new_v4(),
        };
        assert_eq!(TimeIdCursor::decode(&cursor.encode())?, cursor);
        Ok(())
    }

    #[test]
    fn a_page_keeps_limit_rows_and_points_after_the_last() {
        assert_eq!(
            page(vec![1, 2, 3], 2, |n| n.to_string()),
            (vec![1, 2], Some("2".to_owned()))
        );
        assert_eq!(page(vec![1, 2], 2, |n| n.to_string()), (vec![1, 2], None));
    }

    #[test]
    fn forged_cursors_and_limits_out_of_range_are_refused() {
        assert!(TimeIdCursor::decode("garbage!").is_err());
        assert!(TimeIdCursor::decode(&URL_SAFE_NO_PAD.encode("12|not-a-uuid")).is_err());
        assert!(limit(Some(0)).is_err());
        assert!(limit(Some(101)).is_err());
        assert_eq!(limit(None).ok(), Some(20));
        assert_eq!(limit(Some(100)).ok(), Some(100));
    }
}
