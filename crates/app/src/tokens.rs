//! Access tokens: short-lived HS256 JWTs naming the user and their session. Expiry is
//! checked against the injected clock, not the wall clock, so tests can expire them.

use crate::error::AppError;
use chrono::{DateTime, Duration, Utc};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

const ISSUER: &str = "worklane";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessClaims {
    pub sub: Uuid,
    /// The session (refresh-token family) this token belongs to.
    pub sid: Uuid,
    pub iat: i64,
    pub exp: i64,
    pub iss: String,
}

pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
}

impl std::fmt::Debug for TokenKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TokenKeys(..)")
    }
}

impl TokenKeys {
    pub fn from_secret(secret: &[u8]) -> Self {
        // Only HS256 is accepted: `alg: none` and every other algorithm are refused.
        let mut validation = Validation::new(Algorithm::HS256);
        validation.validate_exp = false;
        validation.leeway = 0;
        validation.set_required_spec_claims(&["exp", "sub", "iss"]);
        validation.set_issuer(&[ISSUER]);
        Self {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            validation,
        }
    }

    pub fn issue(
        &self,
        user_id: Uuid,
        session_id: Uuid,
        now: DateTime<Utc>,
        ttl: Duration,
    ) -> Result<String, AppError> {
        let claims = AccessClaims {
            sub: user_id,
            sid: session_id,
            iat: now.timestamp(),
            exp: (now + ttl).timestamp(),
            iss: ISSUER.to_owned(),
        };
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .map_err(|e| AppError::Internal(anyhow::anyhow!("signing an access token failed: {e}")))
    }

    /// The claims of a genuine, unexpired token.
    pub fn verify(&self, token: &str, now: DateTime<Utc>) -> Result<AccessClaims, AppError> {
        let data = jsonwebtoken::decode::<AccessClaims>(token, &self.decoding, &self.validation)
            .map_err(|_| invalid_token())?;
        if data.claims.exp <= now.timestamp() {
            return Err(AppError::unauthorized(
                "token_expired",
                "The access token has expired; refresh it.",
            ));
        }
        Ok(data.claims)
    }
}

pub fn invalid_token() -> AppError {
    AppError::unauthorized("invalid_token", "The access token is invalid.")
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine as _;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;

    fn now() -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000, 0).unwrap_or_default()
    }

    fn code(result: Result<AccessClaims, AppError>) -> &'static str {
        match result {
            Err(AppError::Unauthorized { code, .. }) => code,
            other => panic!("expected an unauthorized error, got {other:?}"),
        }
    }

    #[test]
    fn a_token_is_valid_until_it_expires() -> Result<(), AppError> {
        let keys = TokenKeys::from_secret(b"a test secret that is long enough");
        let (user, session) = (Uuid::new_v4(), Uuid::new_v4());
        let token = keys.issue(user, session, now(), Duration::minutes(15))?;
        let claims = keys.verify(&token, now() + Duration::minutes(14))?;
        assert_eq!((claims.sub, claims.sid), (user, session));
        assert_eq!(
            code(keys.verify(&token, now() + Duration::minutes(15))),
            "token_expired"
        );
        Ok(())
    }

    #[test]
    fn a_token_signed_with_another_key_is_refused() -> Result<(), AppError> {
        let ours = TokenKeys::from_secret(b"our secret, long enough to be real");
        let theirs = TokenKeys::from_secret(b"someone else's secret entirely....");
        let token = theirs.issue(Uuid::new_v4(), Uuid::new_v4(), now(), Duration::minutes(15))?;
        assert_eq!(code(ours.verify(&token, now())), "invalid_token");
        Ok(())
    }

    #[test]
    fn an_unsigned_alg_none_token_is_refused() {
        let keys = TokenKeys::from_secret(b"our secret, long enough to be real");
        let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"none","typ":"JWT"}"#);
        let claims = URL_SAFE_NO_PAD.encode(
            format!(
                r#"{{"sub":"{}","sid":"{}","iat":1,"exp":{},"iss":"worklane"}}"#,
                Uuid::new_v4(),
                Uuid::new_v4(),
                now().timestamp() + 600
            )
            .as_bytes(),
        );
        assert_eq!(
            code(keys.verify(&format!("{header}.{claims}."), now())),
            "invalid_token"
        );
    }

    #[test]
    fn garbage_is_refused() {
        let keys = TokenKeys::from_secret(b"our secret, long enough to be real");
        assert_eq!(code(keys.verify("not.a.jwt", now())), "invalid_token");
        assert_eq!(code(keys.verify("", now())), "invalid_token");
    }
}
