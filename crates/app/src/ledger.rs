//! Posting money movements and checking the whole ledger.

use crate::error::{AppError, AppResult};
use chrono::{DateTime, Utc};
use diesel::PgConnection;
use uuid::Uuid;
use worklane_db::ledger;
use worklane_domain::ledger::{Posting, check_balanced};

/// Posts a balanced transaction. Unbalanced or malformed postings never reach the
/// database; an overdraft fails as `insufficient_funds` and writes nothing.
pub fn post(
    conn: &mut PgConnection,
    kind: &str,
    subject_id: Option<Uuid>,
    memo: &str,
    postings: &[Posting<Uuid>],
    now: DateTime<Utc>,
) -> AppResult<Uuid> {
    check_balanced(postings)
        .map_err(|problem| AppError::Internal(anyhow::anyhow!("refusing to post: {problem}")))?;
    let id = ledger::post(conn, kind, subject_id, memo, postings, now)?;
    let moved: rust_decimal::Decimal = postings
        .iter()
        .map(|p| p.amount)
        .filter(|a| a.is_sign_positive())
        .sum();
    let mut event = crate::audit::Event::new(kind).details(serde_json::json!({
        "transaction_id": id,
        "amount": moved.round_dp(2).to_string(),
        "memo": memo,
    }));
    if let Some(subject) = subject_id {
        event = event.target("ledger_subject", subject);
    }
    // Every money movement is in the audit log, in the transaction that moves it.
    let action = format!("money.{kind}");
    event.action = &action;
    crate::audit::record(conn, now, event)?;
    Ok(id)
}

/// `worklane ledger verify` and the admin check: every breach of a ledger invariant.
pub fn verify(conn: &mut PgConnection) -> AppResult<Vec<String>> {
    Ok(ledger::verify(conn)?)
}
