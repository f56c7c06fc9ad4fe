//! Sign-up, email verification, sign-in with throttling, refresh-token rotation with
//! reuse detection, sign-out, and resolving an access token to its user.

use crate::audit::{self, Actor, ActorKind, Event};
use crate::context::AppContext;
use crate::error::{AppError, AppResult, FieldError};
use crate::rate_limits::{self, Check, Subject};
use crate::secrets;
use crate::tokens::invalid_token;
use chrono::{DateTime, Utc};
use diesel::Connection;
use diesel::PgConnection;
use uuid::Uuid;
use worklane_db::outbox::Email;
use worklane_db::users::{NewUser, User};
use worklane_db::{outbox, sessions, throttles, users, verification};
use worklane_domain::account::{
    Capabilities, SignupRole, check_password, email_domain_is_routable, is_valid_country,
    is_valid_timezone, normalize_email,
};

#[derive(Debug, Clone)]
pub struct SignupInput {
    pub email: String,
    pub password: String,
    pub full_name: String,
    pub country: String,
    pub timezone: String,
    pub roles: Vec<SignupRole>,
}

/// The rules on account fields shared by sign-up and account edits.
pub fn check_country_and_timezone(
    country: Option<&str>,
    timezone: Option<&str>,
    errors: &mut Vec<FieldError>,
) {
    if let Some(country) = country.filter(|c| !is_valid_country(c)) {
        errors.push(FieldError::new(
            "country",
            "invalid_country",
            format!("`{country}` is not an ISO 3166-1 alpha-2 country code"),
        ));
    }
    if let Some(timezone) = timezone.filter(|tz| !is_valid_timezone(tz)) {
        errors.push(FieldError::new(
            "timezone",
            "invalid_timezone",
            format!("`{timezone}` is not an IANA time zone"),
        ));
    }
}

pub fn check_full_name(full_name: &str, errors: &mut Vec<FieldError>) {
    if full_name.trim().is_empty() {
        errors.push(FieldError::new(
            "full_name",
            "required",
            "must not be blank",
        ));
    }
}

/// Creates an unverified account and queues its verification email.
pub fn signup(conn: &mut PgConnection, ctx: &AppContext, input: SignupInput) -> AppResult<User> {
    rate_limits::check(
        conn,
        ctx,
        &[Check {
            name: "signup_per_ip",
            limit: ctx.policy.rate_limits.signup_per_ip,
            subject: Subject::Ip,
            what: "sign-ups from this address",
        }],
    )?;
    let email = normalize_email(&input.email);
    let mut errors = Vec::new();
    if !email_domain_is_routable(&email) {
        errors.push(FieldError::new(
            "email",
            "email",
            "must be a valid email address",
        ));
    }
    let name_parts: Vec<&str> = input.full_name.split_whitespace().collect();
    let mut personal = vec![email.as_str()];
    personal.extend(name_parts);
    if let Err(problem) = check_password(&input.password, &personal) {
        errors.push(FieldError::new(
            "password",
            problem.code(),
            problem.to_string(),
        ));
    }
    check_full_name(&input.full_name, &mut errors);
    check_country_and_timezone(Some(&input.country), Some(&input.timezone), &mut errors);
    if input.roles.is_empty() {
        errors.push(FieldError::new(
            "roles",
            "required",
            "pick at least one of client, freelancer",
        ));
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    if users::find_by_email(conn, &email)?.is_some() {
        // Checked before the slow hash; the unique constraint still decides races.
        return Err(AppError::email_taken());
    }
    let password_hash = secrets::hash_password(&input.password)?;
    let caps = Capabilities::from_signup(&input.roles);
    let now = ctx.clock.now();
    conn.transaction(|conn| {
        let user = users::insert(
            conn,
            &NewUser {
                id: Uuid::now_v7(),
                email: &email,
                password_hash: &password_hash,
                full_name: input.full_name.trim(),
                country: &input.country,
                timezone: &input.timezone,
                is_client: caps.client,
                is_freelancer: caps.freelancer,
                is_admin: false,
                email_verified_at: None,
                created_at: now,
                updated_at: now,
            },
        )?;
        send_verification_email(conn, ctx, &user, now)?;
        tracing::info!(user_id = %user.id, "account created");
        Ok(user)
    })
}

fn send_verification_email(
    conn: &mut PgConnection,
    ctx: &AppContext,
    user: &User,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let (token, hash) = secrets::new_token()?;
    verification::insert(
        conn,
        &hash,
        user.id,
        now,
        now + ctx.policy.email_verification_ttl,
    )?;
    let link = format!(
        "{}/verify-email?token={token}",
        ctx.policy.public_url.trim_end_matches('/')
    );
    let hours = ctx.policy.email_verification_ttl.num_hours();
    outbox::enqueue_email(
        conn,
        &Email {
            to: user.email.clone(),
            subject: "Verify your email for Worklane".to_owned(),
            text_body: format!(
                "Hi {},\n\nWelcome to Worklane. Confirm your email address to post jobs, send \
                 proposals and move money:\n\n{link}\n\nThe link works once and expires in {hours} \
                 hours. If you did not sign up, ignore this email.\n\n— Worklane\n",
                user.full_name
            ),
        },
        now,
    )?;
    Ok(())
}

/// Sends a fresh verification link to a signed-in, unverified user.
pub fn resend_verification(
    conn: &mut PgConnection,
    ctx: &AppContext,
    user: &User,
) -> AppResult<()> {
    if user.email_verified() {
        return Err(AppError::Conflict {
            code: "already_verified",
            message: "This email address is already verified.".to_owned(),
            field: None,
        });
    }
    let now = ctx.clock.now();
    conn.transaction(|conn| send_verification_email(conn, ctx, user, now))
}

pub fn verify_email(conn: &mut PgConnection, ctx: &AppContext, token: &str) -> AppResult<User> {
    let now = ctx.clock.now();
    conn.transaction(|conn| {
        let consumed =
            verification::consume(conn, &secrets::token_hash(token), now)?.ok_or_else(|| {
                AppError::bad_request(
                    "invalid_token",
                    "This verification link is invalid, already used or expired.",
                )
            })?;
        let user = users::mark_email_verified(conn, consumed.user_id, now)?;
        tracing::info!(user_id = %user.id, "email verified");
        Ok(user)
    })
}

#[derive(Debug, Clone)]
pub struct LoginInput {
    pub email: String,
    pub password: String,
    /// The authenticator's current code, or a recovery code, once two-factor is on.
    pub totp_code: Option<String>,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
}

#[derive(Debug, Clone)]
pub struct SignedIn {
    pub access_token: String,
    pub refresh_token: String,
    pub expires_in: i64,
    pub user: User,
}

fn account_key(email: &str) -> String {
    format!("account:{email}")
}

fn ip_key(ip: &str) -> String {
    format!("ip:{ip}")
}

fn throttled(retry_after: chrono::Duration) -> AppError {
    AppError::TooManyRequests {
        code: "too_many_attempts",
        message: "Too many failed sign-in attempts. Try again later.".to_owned(),
        retry_after_secs: retry_after.num_seconds().max(1),
        policy: None,
    }
}

fn invalid_credentials() -> AppError {
    AppError::unauthorized("invalid_credentials", "The email or password is incorrect.")
}

pub fn login(conn: &mut PgConnection, ctx: &AppContext, input: LoginInput) -> AppResult<SignedIn> {
    let email = normalize_email(&input.email);
    let limits = &ctx.policy.rate_limits;
    rate_limits::check(
        conn,
        ctx,
        &[
            Check {
                name: "sign_in_per_ip",
                limit: limits.sign_in_per_ip,
                subject: Subject::Ip,
                what: "sign-in attempts from this address",
            },
            Check {
                name: "sign_in_per_account",
                limit: limits.sign_in_per_account,
                subject: Subject::Account(email.clone()),
                what: "sign-in attempts for this account",
            },
        ],
    )?;
    let now = ctx.clock.now();
    let keys: Vec<String> = std::iter::once(account_key(&email))
        .chain(input.ip.as_deref().map(ip_key))
        .collect();

    // A locked account or address is refused before the password is even looked at.
    let locked_for = keys
        .iter()
        .map(|key| throttles::peek(conn, key).map(|state| state.locked_for(now)))
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .flatten()
        .max();
    if let Some(wait) = locked_for {
        audit::record(
            conn,
            now,
            Event::new("auth.sign_in_throttled").details(serde_json::json!({ "email": email })),
        )?;
        return Err(throttled(wait));
    }

    let user = users::find_by_email(conn, &email)?;
    let password_ok = match &user {
        Some(user) => secrets::verify_password(&input.password, &user.password_hash),
        None => {
            secrets::verify_against_dummy(&input.password);
            false
        }
    };

    let known_user = user.as_ref().map(|u| u.id);
    let Some(user) = user.filter(|_| password_ok) else {
        let lock = record_failure(
            conn,
            ctx,
            &keys,
            now,
            "auth.sign_in_failed",
            &email,
            known_user,
        )?;
        tracing::info!(ip = ?input.ip, "failed sign-in");
        return Err(lock.map_or_else(invalid_credentials, throttled));
    };

    if user.suspended() {
        audit::record(
            conn,
            now,
            Event::new("auth.sign_in_refused")
                .by(Actor::user(&user))
                .target("user", user.id)
                .details(serde_json::json!({ "reason": "suspended" })),
        )?;
        return Err(account_suspended(&user));
    }

    if crate::security::required(conn, user.id)? {
        let Some(code) = input
            .totp_code
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
        else {
            return Err(AppError::unauthorized(
                "totp_required",
                "Enter the 6-digit code from your authenticator app, or a recovery code.",
            ));
        };
        let accepted =
            conn.transaction(|conn| crate::security::accept_code(conn, &user, code, now))?;
        if !accepted {
            // A wrong second factor counts against the account like a wrong password.
            let lock = record_failure(
                conn,
                ctx,
                &keys,
                now,
                "auth.totp_failed",
                &email,
                Some(user.id),
            )?;
            return Err(lock.map_or_else(
                || {
                    AppError::unauthorized(
                        "invalid_totp_code",
                        "That code is not right, or was already used: enter the current code from your authenticator app.",
                    )
                },
                throttled,
            ));
        }
    }

    conn.transaction(|conn| {
        throttles::clear(conn, &account_key(&email))?;
        let session_id = Uuid::now_v7();
        sessions::create(
            conn,
            &sessions::NewSession {
                id: session_id,
                user_id: user.id,
                created_at: now,
                last_used_at: now,
                ip: input.ip.as_deref(),
                user_agent: input.user_agent.as_deref().map(|ua| truncate(ua, 512)),
            },
        )?;
        let refresh_token = issue_refresh_token(conn, ctx, session_id, now)?;
        let access_token =
            ctx.tokens
                .issue(user.id, session_id, now, ctx.policy.access_token_ttl)?;
        audit::record(
            conn,
            now,
            Event::new("auth.sign_in")
                .by(Actor::user(&user))
                .target("session", session_id),
        )?;
        tracing::info!(user_id = %user.id, %session_id, "signed in");
        Ok(SignedIn {
            access_token,
            refresh_token,
            expires_in: ctx.policy.access_token_ttl.num_seconds(),
            user,
        })
    })
}

/// Counts a failed sign-in against the account and the address (locking them out
/// past the policy's limit) and audits it; gives the lock-out, if one began.
fn record_failure(
    conn: &mut PgConnection,
    ctx: &AppContext,
    keys: &[String],
    now: DateTime<Utc>,
    action: &str,
    email: &str,
    user_id: Option<Uuid>,
) -> AppResult<Option<chrono::Duration>> {
    conn.transaction(|conn| {
        let mut lock = None;
        for key in keys {
            let policy = if key.starts_with("ip:") {
                &ctx.policy.ip_sign_in_throttle
            } else {
                &ctx.policy.account_sign_in_throttle
            };
            let state = throttles::lock(conn, key)?.after_failure(now, policy);
            throttles::store(conn, key, &state)?;
            lock = lock.max(state.locked_for(now));
        }
        let mut event = Event::new(action).details(serde_json::json!({ "email": email }));
        if let Some(id) = user_id {
            event = event.target("user", id);
        }
        audit::record(conn, now, event)?;
        Ok(lock)
    })
}

fn truncate(s: &str, max_chars: usize) -> &str {
    s.char_indices().nth(max_chars).map_or(s, |(i, _)| &s[..i])
}

fn issue_refresh_token(
    conn: &mut PgConnection,
    ctx: &AppContext,
    session_id: Uuid,
    now: DateTime<Utc>,
) -> AppResult<String> {
    let (token, hash) = secrets::new_token()?;
    sessions::issue_refresh_token(
        conn,
        session_id,
        &hash,
        now,
        now + ctx.policy.refresh_token_ttl,
    )?;
    Ok(token)
}

fn invalid_refresh_token() -> AppError {
    AppError::unauthorized(
        "invalid_refresh_token",
        "The refresh token is invalid, expired or revoked; sign in again.",
    )
}

/// Exchanges a refresh token for a new pair. Presenting a token that was already
/// exchanged means it leaked: the whole session (family) is revoked.
pub fn refresh(
    conn: &mut PgConnection,
    ctx: &AppContext,
    refresh_token: &str,
) -> AppResult<SignedIn> {
    let now = ctx.clock.now();
    let hash = secrets::token_hash(refresh_token);
    // `None` refuses the token; the transaction still commits, so a revocation for
    // reuse sticks.
    let rotated = conn.transaction(|conn| -> AppResult<Option<SignedIn>> {
        let Some((token, session)) = sessions::lock_refresh_token(conn, &hash)? else {
            return Ok(None);
        };
        if session.revoked_at.is_some() {
            return Ok(None);
        }
        if token.used_at.is_some() {
            sessions::revoke(conn, session.id, now, "refresh_token_reused")?;
            audit::record(
                conn,
                now,
                Event::new("auth.refresh_token_reused")
                    .by(Actor {
                        id: Some(session.user_id),
                        kind: ActorKind::User,
                    })
                    .target("session", session.id),
            )?;
            tracing::warn!(session_id = %session.id, user_id = %session.user_id, "refresh token reuse: session revoked");
            return Ok(None);
        }
        if token.expires_at <= now {
            return Ok(None);
        }
        let Some(user) = users::find(conn, session.user_id)?.filter(|u| !u.suspended()) else {
            return Ok(None);
        };
        sessions::mark_refresh_token_used(conn, &hash, now)?;
        sessions::touch(conn, session.id, now)?;
        let refresh_token = issue_refresh_token(conn, ctx, session.id, now)?;
        let access_token = ctx.tokens.issue(user.id, session.id, now, ctx.policy.access_token_ttl)?;
        Ok(Some(SignedIn {
            access_token,
            refresh_token,
            expires_in: ctx.policy.access_token_ttl.num_seconds(),
            user,
        }))
    })?;
    rotated.ok_or_else(invalid_refresh_token)
}

/// Ends the session the refresh token belongs to. Unknown tokens are ignored, so
/// signing out is idempotent.
pub fn logout(conn: &mut PgConnection, ctx: &AppContext, refresh_token: &str) -> AppResult<()> {
    let now = ctx.clock.now();
    conn.transaction(|conn| {
        if let Some((_, session)) =
            sessions::lock_refresh_token(conn, &secrets::token_hash(refresh_token))?
        {
            sessions::revoke(conn, session.id, now, "signed_out")?;
            audit::record(
                conn,
                now,
                Event::new("auth.sign_out")
                    .by(Actor {
                        id: Some(session.user_id),
                        kind: ActorKind::User,
                    })
                    .target("session", session.id),
            )?;
            tracing::info!(session_id = %session.id, "signed out");
        }
        Ok(())
    })
}

/// The user an access token speaks for: the token must be genuine and unexpired and
/// its session still live.
pub fn authenticate(
    conn: &mut PgConnection,
    ctx: &AppContext,
    access_token: &str,
) -> AppResult<User> {
    let claims = ctx.tokens.verify(access_token, ctx.clock.now())?;
    live_user(conn, claims.sid, claims.sub)
}

/// The user of a live session; a suspended account's sessions are all revoked, and
/// one that slipped past that (a sign-in racing the suspension) is refused here.
fn live_user(conn: &mut PgConnection, session_id: Uuid, user_id: Uuid) -> AppResult<User> {
    let user = sessions::find_live_user(conn, session_id, user_id)?.ok_or_else(invalid_token)?;
    if user.suspended() {
        return Err(account_suspended(&user));
    }
    Ok(user)
}

/// Refused because an admin suspended the account (403 `account_suspended`).
pub fn account_suspended(user: &User) -> AppError {
    AppError::forbidden(
        "account_suspended",
        format!(
            "This account is suspended: {}. Contact support if you think this is a mistake.",
            user.suspension_reason
                .as_deref()
                .unwrap_or("no reason given")
                .trim_end_matches('.')
        ),
    )
}

/// What a bearer credential is.
#[derive(Debug, Clone)]
pub enum Credential {
    /// An access token of a signed-in session.
    Session(Uuid),
    /// A personal access token, limited to its scopes.
    Token {
        id: Uuid,
        scopes: Vec<worklane_domain::access::Scope>,
    },
}

/// Who a request speaks for, and with what.
#[derive(Debug, Clone)]
pub struct Principal {
    pub user: User,
    pub credential: Credential,
}

/// Resolves either kind of bearer token: a session's access token (JWT) or a
/// personal access token (`wlp_...`).
pub fn authenticate_any(
    conn: &mut PgConnection,
    ctx: &AppContext,
    bearer: &str,
) -> AppResult<Principal> {
    if bearer.starts_with(crate::security::TOKEN_PREFIX) {
        let (user, record, scopes) = crate::security::authenticate_token(conn, ctx, bearer)?;
        return Ok(Principal {
            user,
            credential: Credential::Token {
                id: record.id,
                scopes,
            },
        });
    }
    let claims = ctx.tokens.verify(bearer, ctx.clock.now())?;
    let user = live_user(conn, claims.sid, claims.sub)?;
    Ok(Principal {
        user,
        credential: Credential::Session(claims.sid),
    })
}

/// Like [`authenticate`], also giving the moment the token expires (a WebSocket
/// opened with it is closed then).
pub fn authenticate_until(
    conn: &mut PgConnection,
    ctx: &AppContext,
    access_token: &str,
) -> AppResult<(User, chrono::DateTime<chrono::Utc>)> {
    let claims = ctx.tokens.verify(access_token, ctx.clock.now())?;
    let user = live_user(conn, claims.sid, claims.sub)?;
    let expires =
        chrono::DateTime::from_timestamp(claims.exp, 0).unwrap_or_else(|| ctx.clock.now());
    Ok((user, expires))
}

/// Verified-email gate for posting jobs, sending proposals and moving money.
pub fn require_verified_email(user: &User) -> AppResult<()> {
    if user.email_verified() {
        Ok(())
    } else {
        Err(AppError::forbidden(
            "email_unverified",
            "Verify your email address first: follow the link we sent you.",
        ))
    }
}

/// `worklane create-admin`: creates a verified admin account, or grants the admin role
/// to an existing account with that email (its password is left unchanged).
pub fn create_admin(
    conn: &mut PgConnection,
    ctx: &AppContext,
    email: &str,
    password: &str,
    full_name: &str,
) -> AppResult<User> {
    let email = normalize_email(email);
    let now = ctx.clock.now();
    if let Some(existing) = users::find_by_email(conn, &email)? {
        return Ok(users::grant_admin(conn, existing.id, now)?);
    }
    if let Err(problem) = check_password(password, &[email.as_str()]) {
        return Err(AppError::field(
            "password",
            problem.code(),
            problem.to_string(),
        ));
    }
    let password_hash = secrets::hash_password(password)?;
    Ok(users::insert(
        conn,
        &NewUser {
            id: Uuid::now_v7(),
            email: &email,
            password_hash: &password_hash,
            full_name,
            country: "US",
            timezone: "UTC",
            is_client: false,
            is_freelancer: false,
            is_admin: true,
            email_verified_at: Some(now),
            created_at: now,
            updated_at: now,
        },
    )?)
}
