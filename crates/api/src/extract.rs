//! Request extractors that turn every kind of bad input into a clear problem:
//! JSON bodies (content type, size, syntax, types, rules), query strings, and the
//! bearer token.

use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::dev::Payload;
use actix_web::http::{StatusCode, header};
use actix_web::{FromRequest, HttpMessage, HttpRequest, web};
use futures_util::StreamExt;
use serde::de::DeserializeOwned;
use std::future::Future;
use std::pin::Pin;
use validator::{Validate, ValidationErrors, ValidationErrorsKind};
use worklane_app::audit::{Actor, ActorKind};
use worklane_app::auth::{Credential, Principal};
use worklane_app::{AppError, FieldError};
use worklane_db::users::User;
use worklane_domain::access::{Need, Scope};

type Boxed<T> = Pin<Box<dyn Future<Output = Result<T, ApiError>>>>;

/// Bytes a JSON body may have; larger bodies get 413.
#[derive(Debug, Clone, Copy)]
pub struct JsonLimit(pub usize);

/// A JSON body that parsed and passed its validation rules.
#[derive(Debug)]
pub struct ValidJson<T>(pub T);

fn is_json(req: &HttpRequest) -> bool {
    req.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<content_type::Essence>().ok())
        .is_some_and(|m| m.is_json())
}

/// Tiny content-type parser (type/subtype, parameters ignored).
mod content_type {
    /// A media type's `type/subtype`, lower-cased.
    pub struct Essence {
        essence: String,
    }

    impl std::str::FromStr for Essence {
        type Err = ();
        fn from_str(s: &str) -> Result<Self, ()> {
            let essence = s
                .split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase();
            if essence.contains('/') {
                Ok(Self { essence })
            } else {
                Err(())
            }
        }
    }

    impl Essence {
        pub fn is_json(&self) -> bool {
            self.essence == "application/json"
                || (self.essence.starts_with("application/") && self.essence.ends_with("+json"))
        }
    }
}

fn too_large(limit: usize) -> ApiError {
    ApiError::http(
        StatusCode::PAYLOAD_TOO_LARGE,
        "payload_too_large",
        format!("The request body is larger than {limit} bytes."),
    )
}

/// A rule violation in words, e.g. "must be between 1 and 100 characters".
fn describe(error: &validator::ValidationError) -> String {
    if let Some(message) = &error.message {
        return message.to_string();
    }
    let param = |name: &str| error.params.get(name).map(ToString::to_string);
    match error.code.as_ref() {
        "length" => {
            let unit = if error
                .params
                .get("value")
                .is_some_and(serde_json::Value::is_array)
            {
                "items"
            } else {
                "characters"
            };
            match (param("min"), param("max")) {
                (Some(min), Some(max)) => format!("must be between {min} and {max} {unit}"),
                (Some(min), None) => format!("must be at least {min} {unit}"),
                (None, Some(max)) => format!("must be at most {max} {unit}"),
                (None, None) => "has an invalid length".to_owned(),
            }
        }
        "range" => match (param("min"), param("max")) {
            (Some(min), Some(max)) => format!("must be between {min} and {max}"),
            (Some(min), None) => format!("must be at least {min}"),
            (None, Some(max)) => format!("must be at most {max}"),
            (None, None) => "is out of range".to_owned(),
        },
        "email" => "must be a valid email address".to_owned(),
        other => format!("is invalid ({})", other.replace('_', " ")),
    }
}

/// Converts validator's nested errors into flat `field` paths.
pub fn field_errors(errors: &ValidationErrors) -> Vec<FieldError> {
    fn walk(prefix: &str, errors: &ValidationErrors, out: &mut Vec<FieldError>) {
        for (field, kind) in errors.errors() {
            let path = if prefix.is_empty() {
                field.to_string()
            } else {
                format!("{prefix}.{field}")
            };
            match kind {
                ValidationErrorsKind::Field(list) => {
                    for e in list {
                        out.push(FieldError::new(
                            path.clone(),
                            e.code.to_string(),
                            describe(e),
                        ));
                    }
                }
                ValidationErrorsKind::Struct(inner) => walk(&path, inner, out),
                ValidationErrorsKind::List(items) => {
                    for (index, inner) in items {
                        walk(&format!("{path}.{index}"), inner, out);
                    }
                }
            }
        }
    }
    let mut out = Vec::new();
    walk("", errors, &mut out);
    out.sort_by(|a, b| a.field.cmp(&b.field));
    out
}

/// Fields whose values must never appear in an error.
const SENSITIVE_FIELDS: &[&str] = &[
    "password",
    "card_number",
    "cvc",
    "refresh_token",
    "token",
    "account_number",
    "routing_number",
];

/// `roles[0]` as `roles.0`, matching the paths of rule violations.
fn dotted(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let parts: Vec<String> = path
        .iter()
        .filter_map(|segment| match segment {
            Segment::Seq { index } => Some(index.to_string()),
            Segment::Map { key } => Some(key.clone()),
            Segment::Enum { variant } => Some(variant.clone()),
            Segment::Unknown => None,
        })
        .collect();
    if parts.is_empty() {
        ".".to_owned()
    } else {
        parts.join(".")
    }
}

/// The field a serde error is about: the path, or the name in "missing field `x`".
fn serde_field(path: &str, error: &serde_json::Error) -> String {
    let message = error.to_string();
    let missing = message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split('`').next());
    match (path, missing) {
        (".", Some(name)) => name.to_owned(),
        (path, Some(name)) => format!("{path}.{name}"),
        (".", None) => "body".to_owned(),
        (path, None) => path.to_owned(),
    }
}

/// Deserialising an already-parsed JSON value only fails on data: a wrong type, a
/// missing field, an unknown enum value. Each is a 422 naming the field.
fn json_error(error: serde_path_to_error::Error<serde_json::Error>) -> ApiError {
    let path = dotted(error.path());
    let inner = error.into_inner();
    let field = serde_field(&path, &inner);
    let mut message = inner.to_string();
    let code = if message.starts_with("missing field") {
        "required"
    } else {
        "invalid_type"
    };
    // Never echo a secret back, not even a mistyped one.
    let sensitive = SENSITIVE_FIELDS
        .iter()
        .any(|s| field == *s || field.ends_with(&format!(".{s}")));
    if sensitive && code == "invalid_type" {
        message = "has the wrong type".to_owned();
    }
    ApiError::App(AppError::Validation(vec![FieldError::new(
        field, code, message,
    )]))
}

/// Reads a body of at most `limit` bytes; beyond that, 413 without reading further.
async fn read_limited(payload: &mut Payload, limit: usize) -> Result<Vec<u8>, ApiError> {
    let mut body = Vec::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|e| {
            ApiError::App(AppError::bad_request(
                "malformed_body",
                format!("The request body could not be read: {e}"),
            ))
        })?;
        if body.len() + chunk.len() > limit {
            return Err(too_large(limit));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// The first string (or key) holding a NUL character, which text columns cannot store.
fn field_with_nul(value: &serde_json::Value, path: &str) -> Option<String> {
    let here = || {
        if path.is_empty() {
            "body".to_owned()
        } else {
            path.to_owned()
        }
    };
    let join = |key: &str| {
        if path.is_empty() {
            key.to_owned()
        } else {
            format!("{path}.{key}")
        }
    };
    match value {
        serde_json::Value::String(s) if s.contains('\0') => Some(here()),
        serde_json::Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, item)| field_with_nul(item, &join(&i.to_string()))),
        serde_json::Value::Object(map) => map.iter().find_map(|(key, item)| {
            if key.contains('\0') {
                Some(here())
            } else {
                field_with_nul(item, &join(key))
            }
        }),
        _ => None,
    }
}

impl<T: DeserializeOwned + Validate + 'static> FromRequest for ValidJson<T> {
    type Error = ApiError;
    type Future = Boxed<Self>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let limit = req.app_data::<JsonLimit>().map_or(64 * 1024, |l| l.0);
        let json = is_json(req);
        let declared_length = req
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<usize>().ok());
        let mut payload = payload.take();
        Box::pin(async move {
            if !json {
                return Err(ApiError::http(
                    StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    "unsupported_media_type",
                    "Send the body as JSON with `Content-Type: application/json`.",
                ));
            }
            if declared_length.is_some_and(|n| n > limit) {
                return Err(too_large(limit));
            }
            let body = read_limited(&mut payload, limit).await?;
            parse_valid(&body).map(ValidJson)
        })
    }
}

/// Parses and validates a JSON body: 400 when it isn't JSON, 422 naming the field
/// when a value has the wrong type or breaks a rule.
fn parse_valid<T: DeserializeOwned + Validate>(body: &[u8]) -> Result<T, ApiError> {
    let json: serde_json::Value = serde_json::from_slice(body).map_err(|e| {
        ApiError::App(AppError::bad_request(
            "malformed_json",
            format!("The request body is not valid JSON: {e}"),
        ))
    })?;
    // Every body is an object (serde would otherwise take `[null]` for a struct
    // whose fields are all optional).
    if !json.is_object() {
        return Err(ApiError::App(AppError::field(
            "body",
            "invalid_type",
            "The request body must be a JSON object.",
        )));
    }
    if let Some(field) = field_with_nul(&json, "") {
        return Err(ApiError::App(AppError::field(
            &field,
            "invalid_character",
            "must not contain NUL characters",
        )));
    }
    let value: T = serde_path_to_error::deserialize(json).map_err(json_error)?;
    value
        .validate()
        .map_err(|errors| ApiError::App(AppError::Validation(field_errors(&errors))))?;
    Ok(value)
}

/// An optional JSON body: none at all (an empty body), or one that must parse and
/// validate exactly like [`ValidJson`]. A malformed body is an error, never taken
/// for "no body" (which would mean "all" or "no options" to the endpoint).
#[derive(Debug)]
pub struct OptionalJson<T>(pub Option<T>);

impl<T: DeserializeOwned + Validate + 'static> FromRequest for OptionalJson<T> {
    type Error = ApiError;
    type Future = Boxed<Self>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let limit = req.app_data::<JsonLimit>().map_or(64 * 1024, |l| l.0);
        let json = is_json(req);
        let declared_length = req
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<usize>().ok());
        let mut payload = payload.take();
        Box::pin(async move {
            if declared_length.is_some_and(|n| n > limit) {
                return Err(too_large(limit));
            }
            let body = read_limited(&mut payload, limit).await?;
            if body.iter().all(u8::is_ascii_whitespace) {
                return Ok(OptionalJson(None));
            }
            if !json {
                return Err(ApiError::http(
                    StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    "unsupported_media_type",
                    "Send the body as JSON with `Content-Type: application/json`.",
                ));
            }
            parse_valid(&body).map(|v| OptionalJson(Some(v)))
        })
    }
}

/// A query string that parsed; a bad parameter is a 400 naming it.
#[derive(Debug)]
pub struct ValidQuery<T>(pub T);

impl<T: DeserializeOwned + Validate + 'static> FromRequest for ValidQuery<T> {
    type Error = ApiError;
    type Future = std::future::Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let parse = || -> Result<T, ApiError> {
            if let Some((key, _)) =
                url_pairs(req.query_string()).find(|(k, v)| k.contains('\0') || v.contains('\0'))
            {
                return Err(ApiError::App(AppError::invalid_parameter(
                    &key,
                    "must not contain NUL characters",
                )));
            }
            let pairs = serde_urlencoded::Deserializer::new(url_pairs(req.query_string()));
            let value: T = serde_path_to_error::deserialize(pairs).map_err(|e| {
                let field = e.path().to_string();
                let inner = e.into_inner().to_string();
                let field = if field == "." {
                    inner
                        .strip_prefix("missing field `")
                        .and_then(|r| r.split('`').next())
                        .unwrap_or("query")
                        .to_owned()
                } else {
                    field
                };
                ApiError::App(AppError::invalid_parameter(&field, inner))
            })?;
            value.validate().map_err(|errors| {
                let errors = field_errors(&errors);
                let first = errors
                    .first()
                    .map_or_else(|| "query".to_owned(), |e| e.field.clone());
                ApiError::App(AppError::BadRequest {
                    code: "invalid_parameter",
                    message: format!("Invalid query parameter `{first}`."),
                    errors,
                })
            })?;
            Ok(value)
        };
        std::future::ready(parse().map(ValidQuery))
    }
}

fn url_pairs(query: &str) -> form_urlencoded::Parse<'_> {
    form_urlencoded::parse(query.as_bytes())
}

/// The signed-in user, from `Authorization: Bearer <access token>`.
#[derive(Debug, Clone)]
pub struct AuthUser(pub User);

fn bearer(req: &HttpRequest) -> Result<String, ApiError> {
    let value = req.headers().get(header::AUTHORIZATION).ok_or_else(|| {
        ApiError::App(AppError::unauthorized(
            "unauthenticated",
            "Sign in: this endpoint needs a bearer access token.",
        ))
    })?;
    let value = value.to_str().unwrap_or("");
    match value.split_once(' ') {
        Some((scheme, token))
            if scheme.eq_ignore_ascii_case("bearer") && !token.trim().is_empty() =>
        {
            Ok(token.trim().to_owned())
        }
        _ => Err(ApiError::App(AppError::unauthorized(
            "invalid_token",
            "The Authorization header must be `Bearer <access token>`.",
        ))),
    }
}

impl FromRequest for AuthUser {
    type Error = ApiError;
    type Future = Boxed<Self>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let principal = AuthPrincipal::from_request(req, payload);
        Box::pin(async move { Ok(AuthUser(principal.await?.0.user)) })
    }
}

/// The signed-in user and the credential they came with (a session, or a personal
/// access token whose scopes were checked against this route).
#[derive(Debug, Clone)]
pub struct AuthPrincipal(pub Principal);

fn scope_refusal(need: Need, granted: &[Scope]) -> AppError {
    let have = granted
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    match need {
        Need::Read(area) | Need::Write(area) => AppError::forbidden(
            "insufficient_scope",
            format!(
                "This access token (scopes: {have}) can't do this: it needs {}.",
                area.iter()
                    .map(|s| format!("`{s}`"))
                    .chain(matches!(need, Need::Read(_)).then(|| "`read`".to_owned()))
                    .collect::<Vec<_>>()
                    .join(" or ")
            ),
        ),
        Need::Session | Need::Any => AppError::forbidden(
            "session_required",
            "Access tokens can't do this: sign in to Worklane to do it yourself.",
        ),
    }
}

impl FromRequest for AuthPrincipal {
    type Error = ApiError;
    type Future = Boxed<Self>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        if let Some(principal) = req.extensions().get::<AuthPrincipal>().cloned() {
            return Box::pin(async move { Ok(principal) });
        }
        let token = bearer(req);
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let method = req.method().clone();
        let route = req.match_pattern().unwrap_or_else(|| req.path().to_owned());
        let request = req.clone();
        Box::pin(async move {
            let token = token?;
            let state = state.ok_or_else(|| {
                ApiError::App(AppError::Internal(anyhow::anyhow!("app state missing")))
            })?;
            let principal = state
                .db(move |conn, ctx| worklane_app::auth::authenticate_any(conn, ctx, &token))
                .await?;
            let actor = match &principal.credential {
                Credential::Session(_) => Actor::user(&principal.user),
                Credential::Token { .. } => Actor {
                    id: Some(principal.user.id),
                    kind: ActorKind::Token,
                },
            };
            crate::request_id::set_actor(actor);
            if let Credential::Token { scopes, .. } = &principal.credential {
                let under_api = route.strip_prefix("/api/v1").unwrap_or(&route);
                let need = crate::scopes::need(&method, under_api);
                if !need.allows(scopes) {
                    return Err(ApiError::App(scope_refusal(need, scopes)));
                }
            }
            let principal = AuthPrincipal(principal);
            request.extensions_mut().insert(principal.clone());
            Ok(principal)
        })
    }
}

/// A signed-in admin. Anyone else gets 403 `admin_only`, and the attempt is audited.
#[derive(Debug, Clone)]
pub struct AdminUser(pub User);

impl FromRequest for AdminUser {
    type Error = ApiError;
    type Future = Boxed<Self>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        // Already checked by [`auth_gate`] before any other extractor ran.
        if let Some(admin) = req.extensions().get::<AdminUser>().cloned() {
            return Box::pin(async move { Ok(admin) });
        }
        let auth = AuthUser::from_request(req, payload);
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let route = format!(
            "{} {}",
            req.method(),
            req.match_pattern().unwrap_or_else(|| req.path().to_owned())
        );
        Box::pin(async move {
            let AuthUser(user) = auth.await?;
            if user.is_admin {
                return Ok(AdminUser(user));
            }
            if let Some(state) = state {
                let recorded = state
                    .db(move |conn, ctx| {
                        worklane_app::audit::record(
                            conn,
                            ctx.clock.now(),
                            worklane_app::audit::Event::new("admin.forbidden")
                                .status(403)
                                .details(serde_json::json!({ "route": route })),
                        )
                    })
                    .await;
                if let Err(error) = recorded {
                    tracing::error!(?error, "forbidden admin attempt not audited");
                }
            }
            Err(ApiError::App(AppError::forbidden(
                "admin_only",
                "This is for administrators.",
            )))
        })
    }
}

/// A signed-in user whose email is verified: required to post jobs, send proposals
/// and move money (403 `email_unverified` otherwise).
#[derive(Debug, Clone)]
pub struct VerifiedUser(pub User);

impl FromRequest for VerifiedUser {
    type Error = ApiError;
    type Future = Boxed<Self>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let auth = AuthUser::from_request(req, payload);
        Box::pin(async move {
            let AuthUser(user) = auth.await?;
            worklane_app::auth::require_verified_email(&user)?;
            Ok(VerifiedUser(user))
        })
    }
}

/// Checks credentials before a handler's other extractors run, where the answer must
/// not depend on the body: every `/api/v1/admin/` request needs an admin (403 even
/// when the body is malformed too), and a personal access token must hold a scope for
/// the route (403 `insufficient_scope` before any validation).
pub async fn auth_gate(
    req: actix_web::dev::ServiceRequest,
    next: actix_web::middleware::Next<impl actix_web::body::MessageBody + 'static>,
) -> Result<
    actix_web::dev::ServiceResponse<actix_web::body::EitherBody<impl actix_web::body::MessageBody>>,
    actix_web::Error,
> {
    let refused = if req.path().starts_with("/api/v1/admin/") {
        match AdminUser::from_request(req.request(), &mut Payload::None).await {
            Ok(admin) => {
                req.extensions_mut().insert(admin);
                None
            }
            Err(error) => Some(error),
        }
    } else if bearer(req.request())
        .is_ok_and(|t| t.starts_with(worklane_app::security::TOKEN_PREFIX))
    {
        AuthPrincipal::from_request(req.request(), &mut Payload::None)
            .await
            .err()
    } else {
        None
    };
    if let Some(error) = refused {
        let response = actix_web::ResponseError::error_response(&error);
        return Ok(req.into_response(response).map_into_right_body());
    }
    next.call(req)
        .await
        .map(actix_web::dev::ServiceResponse::map_into_left_body)
}

/// The client's address: the socket peer, or the first `X-Forwarded-For` hop when
/// the server is configured to trust its proxy.
pub fn client_ip(req: &HttpRequest, trust_proxy: bool) -> Option<String> {
    if trust_proxy && let Some(ip) = req.connection_info().realip_remote_addr() {
        return Some(ip.to_owned());
    }
    req.peer_addr().map(|addr| addr.ip().to_string())
}

/// The signed-in user when a bearer token is sent, or nobody. A token that is sent
/// must still be valid (401 otherwise).
#[derive(Debug, Clone)]
pub struct MaybeUser(pub Option<User>);

impl FromRequest for MaybeUser {
    type Error = ApiError;
    type Future = Boxed<Self>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        if req.headers().contains_key(header::AUTHORIZATION) {
            let auth = AuthUser::from_request(req, payload);
            Box::pin(async move { Ok(MaybeUser(Some(auth.await?.0))) })
        } else {
            Box::pin(async { Ok(MaybeUser(None)) })
        }
    }
}

/// A raw (non-JSON) body of at most the photo limit; larger bodies get 413.
#[derive(Debug)]
pub struct RawBody(pub Vec<u8>);

/// A raw body of at most the identity-document limit; larger bodies get 413.
#[derive(Debug)]
pub struct DocumentBody(pub Vec<u8>);

fn raw_body(req: &HttpRequest, payload: &mut Payload, limit: usize) -> Boxed<Vec<u8>> {
    let declared_length = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    let mut payload = payload.take();
    Box::pin(async move {
        if declared_length.is_some_and(|n| n > limit) {
            return Err(too_large(limit));
        }
        read_limited(&mut payload, limit).await
    })
}

impl FromRequest for RawBody {
    type Error = ApiError;
    type Future = Boxed<Self>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let limit = req
            .app_data::<web::Data<AppState>>()
            .map_or(5 * 1024 * 1024, |state| state.ctx.policy.max_photo_bytes);
        let body = raw_body(req, payload, limit);
        Box::pin(async move { body.await.map(RawBody) })
    }
}

impl FromRequest for DocumentBody {
    type Error = ApiError;
    type Future = Boxed<Self>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let limit = req
            .app_data::<web::Data<AppState>>()
            .map_or(10 * 1024 * 1024, |state| {
                state.ctx.policy.max_identity_document_bytes
            });
        let body = raw_body(req, payload, limit);
        Box::pin(async move { body.await.map(DocumentBody) })
    }
}
