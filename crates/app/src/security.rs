//! Account security: TOTP two-factor authentication with recovery codes, the
//! signed-in sessions (and signing out everywhere), and personal access tokens.

use crate::audit::{self, Event};
use crate::context::AppContext;
use crate::error::{AppError, AppResult};
use crate::secrets;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Duration, Utc};
use diesel::{Connection, PgConnection};
use totp_rs::{Builder, Secret, Totp};
use uuid::Uuid;
use worklane_db::security::{self as store, AccessToken};
use worklane_db::sessions::{self, Session};
use worklane_db::users::User;
use worklane_domain::access::Scope;

pub const ISSUER: &str = "Worklane";
pub const RECOVERY_CODES: usize = 10;
/// Personal access tokens start with this, so they are told apart from session
/// tokens (and found by secret scanners).
pub const TOKEN_PREFIX: &str = "wlp_";
pub const MAX_LIVE_TOKENS: i64 = 20;
pub const MAX_TOKEN_DAYS: i64 = 366;

// ---------- two-factor ----------

fn authenticator(secret_b32: &str, account: &str) -> AppResult<Totp> {
    let secret = Secret::try_from_base32(secret_b32)
        .map_err(|e| AppError::Internal(anyhow::anyhow!("stored TOTP secret unreadable: {e:?}")))?;
    Builder::new()
        .with_secret(secret)
        .with_account_name(account)
        .with_issuer(Some(ISSUER))
        .build()
        .map_err(|e| AppError::Internal(anyhow::anyhow!("TOTP setup failed: {e:?}")))
}

fn unix(at: DateTime<Utc>) -> u64 {
    u64::try_from(at.timestamp()).unwrap_or(0)
}

#[derive(Debug, Clone)]
pub struct TwoFactorStatus {
    pub enabled: bool,
    pub enabled_at: Option<DateTime<Utc>>,
    pub recovery_codes_left: i64,
}

pub fn status(conn: &mut PgConnection, user: &User) -> AppResult<TwoFactorStatus> {
    let totp = store::find_totp(conn, user.id)?.filter(|t| t.enabled_at.is_some());
    let left = if totp.is_some() {
        store::recovery_codes_left(conn, user.id)?
    } else {
        0
    };
    Ok(TwoFactorStatus {
        enabled: totp.is_some(),
        enabled_at: totp.and_then(|t| t.enabled_at),
        recovery_codes_left: left,
    })
}

/// A new authenticator for the person to scan; it takes effect once they confirm
/// a code from it ([`enable`]).
#[derive(Debug, Clone)]
pub struct Enrolment {
    pub secret: String,
    pub otpauth_url: String,
    /// The URL as a QR code, an SVG document.
    pub qr_svg: String,
}

fn already_enabled() -> AppError {
    AppError::Conflict {
        code: "two_factor_enabled",
        message:
            "Two-factor authentication is already on; turn it off first to change authenticator."
                .to_owned(),
        field: None,
    }
}

pub fn start(conn: &mut PgConnection, ctx: &AppContext, user: &User) -> AppResult<Enrolment> {
    let mut bytes = [0u8; 20];
    getrandom::fill(&mut bytes)
        .map_err(|e| AppError::Internal(anyhow::anyhow!("no randomness available: {e}")))?;
    let secret = Secret::new_stack(bytes).to_base32();
    let totp = authenticator(&secret, &user.email)?;
    let otpauth_url = totp
        .to_url()
        .map_err(|e| AppError::Internal(anyhow::anyhow!("otpauth URL: {e:?}")))?;
    let qr_svg = qrcode::QrCode::new(otpauth_url.as_bytes())
        .map_err(|e| AppError::Internal(anyhow::anyhow!("QR code: {e}")))?
        .render::<qrcode::render::svg::Color<'_>>()
        .min_dimensions(200, 200)
        .quiet_zone(true)
        .build();
    let now = ctx.clock.now();
    conn.transaction(|conn| {
        if store::lock_totp(conn, user.id)?.is_some_and(|t| t.enabled_at.is_some()) {
            return Err(already_enabled());
        }
        store::start_enrolment(conn, user.id, &secret, now)?;
        Ok(())
    })?;
    Ok(Enrolment {
        secret,
        otpauth_url,
        qr_svg,
    })
}

fn invalid_code(field: &'static str) -> AppError {
    AppError::field(
        field,
        "invalid_code",
        "That code is not right, or was already used: enter the current code from your authenticator app.",
    )
}

fn new_recovery_codes() -> AppResult<(Vec<String>, Vec<Vec<u8>>)> {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut codes = Vec::with_capacity(RECOVERY_CODES);
    for _ in 0..RECOVERY_CODES {
        let mut bytes = [0u8; 10];
        getrandom::fill(&mut bytes)
            .map_err(|e| AppError::Internal(anyhow::anyhow!("no randomness available: {e}")))?;
        let chars: String = bytes
            .iter()
            .map(|b| char::from(ALPHABET[usize::from(*b) % ALPHABET.len()]))
            .collect();
        codes.push(format!("{}-{}", &chars[..5], &chars[5..]));
    }
    let hashes = codes.iter().map(|c| recovery_hash(c)).collect();
    Ok((codes, hashes))
}

/// Recovery codes are compared without case, spaces or dashes.
fn recovery_hash(code: &str) -> Vec<u8> {
    let normal: String = code
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    secrets::token_hash(&normal)
}

/// Confirms the enrolment with a first code; gives the recovery codes, once.
pub fn enable(
    conn: &mut PgConnection,
    ctx: &AppContext,
    user: &User,
    code: &str,
) -> AppResult<Vec<String>> {
    let now = ctx.clock.now();
    let (codes, hashes) = new_recovery_codes()?;
    conn.transaction(|conn| {
        let totp = store::lock_totp(conn, user.id)?.ok_or_else(|| AppError::Conflict {
            code: "two_factor_not_started",
            message: "Start the setup first: scan the QR code, then enter a code.".to_owned(),
            field: None,
        })?;
        if totp.enabled_at.is_some() {
            return Err(already_enabled());
        }
        let step = authenticator(&totp.secret, &user.email)?
            .check(code.trim(), unix(now))
            .ok_or_else(|| invalid_code("code"))?;
        store::enable(conn, user.id, i64::try_from(step).unwrap_or(i64::MAX), now)?;
        store::replace_recovery_codes(conn, user.id, &hashes)?;
        audit::record(
            conn,
            now,
            Event::new("security.two_factor_enabled").target("user", user.id),
        )?;
        Ok(())
    })?;
    Ok(codes)
}

/// Checks a code against an enabled authenticator inside the caller's transaction:
/// a TOTP code (each time step once) or an unused recovery code. `Ok(false)` when it
/// is wrong or replayed.
pub(crate) fn accept_code(
    conn: &mut PgConnection,
    user: &User,
    code: &str,
    now: DateTime<Utc>,
) -> AppResult<bool> {
    let Some(totp) = store::lock_totp(conn, user.id)?.filter(|t| t.enabled_at.is_some()) else {
        return Ok(false);
    };
    let code = code.trim();
    let digits: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.len() == 6 && digits.bytes().all(|b| b.is_ascii_digit()) {
        let Some(step) = authenticator(&totp.secret, &user.email)?.check(&digits, unix(now)) else {
            return Ok(false);
        };
        let step = i64::try_from(step).unwrap_or(i64::MAX);
        if totp.last_used_step.is_some_and(|last| step <= last) {
            return Ok(false);
        }
        store::use_step(conn, user.id, step)?;
        return Ok(true);
    }
    let used = store::use_recovery_code(conn, user.id, &recovery_hash(code), now)?;
    if used {
        audit::record(
            conn,
            now,
            Event::new("security.recovery_code_used").target("user", user.id),
        )?;
    }
    Ok(used)
}

/// Whether sign-in needs a second factor from this user.
pub(crate) fn required(conn: &mut PgConnection, user_id: Uuid) -> AppResult<bool> {
    Ok(store::find_totp(conn, user_id)?.is_some_and(|t| t.enabled_at.is_some()))
}

fn not_enabled() -> AppError {
    AppError::Conflict {
        code: "two_factor_not_enabled",
        message: "Two-factor authentication is not on.".to_owned(),
        field: None,
    }
}

/// Turns two-factor off, with a current code (or a recovery code).
pub fn disable(
    conn: &mut PgConnection,
    ctx: &AppContext,
    user: &User,
    code: &str,
) -> AppResult<()> {
    let now = ctx.clock.now();
    conn.transaction(|conn| {
        if !required(conn, user.id)? {
            return Err(not_enabled());
        }
        if !accept_code(conn, user, code, now)? {
            return Err(invalid_code("code"));
        }
        store::remove(conn, user.id)?;
        audit::record(
            conn,
            now,
            Event::new("security.two_factor_disabled").target("user", user.id),
        )?;
        Ok(())
    })
}

/// New recovery codes (the old ones stop working), with a current code.
pub fn regenerate_recovery_codes(
    conn: &mut PgConnection,
    ctx: &AppContext,
    user: &User,
    code: &str,
) -> AppResult<Vec<String>> {
    let now = ctx.clock.now();
    let (codes, hashes) = new_recovery_codes()?;
    conn.transaction(|conn| {
        if !required(conn, user.id)? {
            return Err(not_enabled());
        }
        if !accept_code(conn, user, code, now)? {
            return Err(invalid_code("code"));
        }
        store::replace_recovery_codes(conn, user.id, &hashes)?;
        audit::record(
            conn,
            now,
            Event::new("security.recovery_codes_regenerated").target("user", user.id),
        )?;
        Ok(())
    })?;
    Ok(codes)
}

// ---------- sessions ----------

pub fn sessions(conn: &mut PgConnection, user: &User) -> AppResult<Vec<Session>> {
    Ok(sessions::live_of(conn, user.id)?)
}

pub fn revoke_session(
    conn: &mut PgConnection,
    ctx: &AppContext,
    user: &User,
    id: Uuid,
) -> AppResult<()> {
    let now = ctx.clock.now();
    conn.transaction(|conn| {
        if !sessions::revoke_own(conn, user.id, id, now)? {
            return Err(AppError::NotFound { what: "Session" });
        }
        audit::record(
            conn,
            now,
            Event::new("auth.session_revoked").target("session", id),
        )?;
        Ok(())
    })
}

/// Signs the user out on every device, this one included; their sockets close.
pub fn sign_out_everywhere(
    conn: &mut PgConnection,
    ctx: &AppContext,
    user: &User,
) -> AppResult<usize> {
    let now = ctx.clock.now();
    conn.transaction(|conn| {
        let revoked =
            crate::admin::sign_out_everywhere(conn, user.id, now, "signed_out_everywhere")?;
        audit::record(
            conn,
            now,
            Event::new("auth.signed_out_everywhere")
                .target("user", user.id)
                .details(serde_json::json!({ "sessions_revoked": revoked })),
        )?;
        Ok(revoked)
    })
}

// ---------- personal access tokens ----------

/// A token as created: the secret is in `token`, shown this once.
#[derive(Debug, Clone)]
pub struct CreatedToken {
    pub token: String,
    pub record: AccessToken,
}

pub fn create_token(
    conn: &mut PgConnection,
    ctx: &AppContext,
    user: &User,
    name: &str,
    scopes: &[Scope],
    expires_in_days: Option<i64>,
) -> AppResult<CreatedToken> {
    let name = name.trim();
    let mut errors = Vec::new();
    if name.is_empty() || name.chars().count() > 100 {
        errors.push(crate::FieldError::new(
            "name",
            "length",
            "1 to 100 characters",
        ));
    }
    if scopes.is_empty() {
        errors.push(crate::FieldError::new(
            "scopes",
            "required",
            "pick at least one of read, jobs, proposals, contracts, wallet",
        ));
    }
    if expires_in_days.is_some_and(|d| !(1..=MAX_TOKEN_DAYS).contains(&d)) {
        errors.push(crate::FieldError::new(
            "expires_in_days",
            "range",
            format!("between 1 and {MAX_TOKEN_DAYS} days, or leave it out for no expiry"),
        ));
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let mut scopes: Vec<Scope> = scopes.to_vec();
    scopes.sort();
    scopes.dedup();
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)
        .map_err(|e| AppError::Internal(anyhow::anyhow!("no randomness available: {e}")))?;
    let token = format!("{TOKEN_PREFIX}{}", URL_SAFE_NO_PAD.encode(bytes));
    let now = ctx.clock.now();
    let record = AccessToken {
        id: Uuid::now_v7(),
        user_id: user.id,
        name: name.to_owned(),
        token_hash: secrets::token_hash(&token),
        prefix: token.chars().take(TOKEN_PREFIX.len() + 6).collect(),
        scopes: scopes.iter().map(|s| s.as_str().to_owned()).collect(),
        created_at: now,
        last_used_at: None,
        expires_at: expires_in_days.map(|d| now + Duration::days(d)),
        revoked_at: None,
    };
    conn.transaction(|conn| {
        // Serialises token creation per user, so the cap holds under concurrency.
        worklane_db::admin::lock_user(conn, user.id)?;
        if store::live_token_count(conn, user.id, now)? >= MAX_LIVE_TOKENS {
            return Err(AppError::Conflict {
                code: "too_many_tokens",
                message: format!("You have {MAX_LIVE_TOKENS} live tokens; revoke one first."),
                field: None,
            });
        }
        store::insert_token(conn, &record)?;
        audit::record(
            conn,
            now,
            Event::new("security.token_created")
                .target("token", record.id)
                .details(serde_json::json!({ "name": record.name, "scopes": record.scopes })),
        )?;
        Ok(())
    })?;
    Ok(CreatedToken { token, record })
}

pub fn tokens(conn: &mut PgConnection, user: &User) -> AppResult<Vec<AccessToken>> {
    Ok(store::tokens_of(conn, user.id)?)
}

pub fn revoke_token(
    conn: &mut PgConnection,
    ctx: &AppContext,
    user: &User,
    id: Uuid,
) -> AppResult<()> {
    let now = ctx.clock.now();
    conn.transaction(|conn| {
        if !store::revoke_token(conn, user.id, id, now)? {
            // Revoking twice is fine; someone else's token is not found.
            if store::token_exists(conn, user.id, id)? {
                return Ok(());
            }
            return Err(AppError::NotFound { what: "Token" });
        }
        audit::record(
            conn,
            now,
            Event::new("security.token_revoked").target("token", id),
        )?;
        Ok(())
    })
}

/// The owner and scopes of a live personal access token.
pub fn authenticate_token(
    conn: &mut PgConnection,
    ctx: &AppContext,
    token: &str,
) -> AppResult<(User, AccessToken, Vec<Scope>)> {
    let now = ctx.clock.now();
    let invalid = || {
        AppError::unauthorized(
            "invalid_token",
            "This access token is invalid, expired or revoked.",
        )
    };
    let (record, user) =
        store::token_by_hash(conn, &secrets::token_hash(token))?.ok_or_else(invalid)?;
    if record.revoked_at.is_some() || record.expires_at.is_some_and(|at| at <= now) {
        return Err(invalid());
    }
    if user.suspended() {
        return Err(crate::auth::account_suspended(&user));
    }
    store::touch_token(conn, record.id, now)?;
    let scopes = record
        .scopes
        .iter()
        .filter_map(|s| Scope::parse(s))
        .collect();
    Ok((user, record, scopes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovery_codes_are_distinct_and_forgive_case_and_dashes() -> AppResult<()> {
        let (codes, hashes) = new_recovery_codes()?;
        assert_eq!(codes.len(), RECOVERY_CODES);
        let mut unique = hashes.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), RECOVERY_CODES);
        let code = &codes[0];
        assert_eq!(code.len(), 11);
        assert_eq!(
            recovery_hash(&code.to_uppercase().replace('-', " ")),
            hashes[0]
        );
        Ok(())
    }

    #[test]
    fn an_authenticator_accepts_its_own_codes_and_not_others() -> AppResult<()> {
        let secret = Secret::new_stack([7u8; 20]).to_base32();
        let totp = authenticator(&secret, "ada@example.com")?;
        let at = 1_795_000_000;
        let code = totp.generate(at).to_string();
        assert!(totp.check(&code, at).is_some());
        assert!(totp.check(&code, at + 30).is_some(), "one step of skew");
        assert!(totp.check(&code, at + 120).is_none());
        assert!(
            totp.to_url()
                .is_ok_and(|u| u.starts_with("otpauth://totp/Worklane:"))
        );
        Ok(())
    }
}
