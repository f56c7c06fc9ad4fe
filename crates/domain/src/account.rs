//! Accounts: who a user is, what they may act as, and what their sign-up data must be.

use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// A capability of an account. `Admin` is never self-assigned: another admin or the
/// `create-admin` command grants it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Client,
    Freelancer,
    Admin,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Client => "client",
            Role::Freelancer => "freelancer",
            Role::Admin => "admin",
        }
    }
}

/// The roles a person may pick at sign-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignupRole {
    Client,
    Freelancer,
}

impl From<SignupRole> for Role {
    fn from(role: SignupRole) -> Self {
        match role {
            SignupRole::Client => Role::Client,
            SignupRole::Freelancer => Role::Freelancer,
        }
    }
}

/// What an account may act as, stored as flags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Capabilities {
    pub client: bool,
    pub freelancer: bool,
    pub admin: bool,
}

impl Capabilities {
    pub fn from_signup(roles: &[SignupRole]) -> Self {
        Self {
            client: roles.contains(&SignupRole::Client),
            freelancer: roles.contains(&SignupRole::Freelancer),
            admin: false,
        }
    }

    pub fn roles(self) -> Vec<Role> {
        [
            (self.client, Role::Client),
            (self.freelancer, Role::Freelancer),
            (self.admin, Role::Admin),
        ]
        .into_iter()
        .filter_map(|(has, role)| has.then_some(role))
        .collect()
    }
}

/// Emails are compared case-insensitively: stored trimmed and lower-cased.
pub fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// Beyond syntax (checked at the edge): a marketplace account needs a reachable
/// address, so the domain must have a dot (`ada@example` is refused).
pub fn email_domain_is_routable(email: &str) -> bool {
    email.rsplit_once('@').is_some_and(|(_, domain)| {
        domain.contains('.') && !domain.starts_with('.') && !domain.ends_with('.')
    })
}

pub const PASSWORD_MIN_CHARS: usize = 10;
/// Long enough for any passphrase, short enough that hashing it is not a DoS vector.
pub const PASSWORD_MAX_CHARS: usize = 128;

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PasswordProblem {
    #[error("must be at least {PASSWORD_MIN_CHARS} characters")]
    TooShort,
    #[error("must be at most {PASSWORD_MAX_CHARS} characters")]
    TooLong,
    #[error("is too common or too easy to guess; try a longer phrase")]
    Common,
}

impl PasswordProblem {
    pub fn code(self) -> &'static str {
        match self {
            PasswordProblem::TooShort => "too_short",
            PasswordProblem::TooLong => "too_long",
            PasswordProblem::Common => "common_password",
        }
    }
}

/// A password is accepted when it is 10–128 characters and not a common or easily
/// guessed one. "Common" uses zxcvbn's frequency lists of leaked passwords, English
/// words and keyboard patterns, plus the person's own email and name.
pub fn check_password(password: &str, personal: &[&str]) -> Result<(), PasswordProblem> {
    let chars = password.chars().count();
    if chars < PASSWORD_MIN_CHARS {
        return Err(PasswordProblem::TooShort);
    }
    if chars > PASSWORD_MAX_CHARS {
        return Err(PasswordProblem::TooLong);
    }
    let estimate = zxcvbn::zxcvbn(password, personal);
    if u8::from(estimate.score()) < 2 {
        return Err(PasswordProblem::Common);
    }
    Ok(())
}

/// ISO 3166-1 alpha-2 country code, upper case.
pub fn is_valid_country(code: &str) -> bool {
    code.len() == 2
        && code.bytes().all(|b| b.is_ascii_uppercase())
        && isocountry::CountryCode::for_alpha2(code).is_ok()
}

/// The countries a user can pick, as (code, English name), sorted by name.
pub fn countries() -> Vec<(&'static str, &'static str)> {
    let mut all: Vec<_> = isocountry::CountryCode::iter()
        .map(|c| (c.alpha2(), c.name()))
        .collect();
    all.sort_by(|a, b| a.1.cmp(b.1));
    all
}

/// IANA time-zone name, e.g. `Europe/Berlin`.
pub fn is_valid_timezone(name: &str) -> bool {
    chrono_tz::Tz::from_str(name).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_shorter_than_ten_characters_are_refused() {
        assert_eq!(
            check_password("Xk9#mQ2!p", &[]),
            Err(PasswordProblem::TooShort)
        );
    }

    #[test]
    fn passwords_longer_than_128_characters_are_refused() {
        let long = "correct horse battery staple ".repeat(5);
        assert_eq!(check_password(&long, &[]), Err(PasswordProblem::TooLong));
    }

    #[test]
    fn common_passwords_are_refused_even_when_long_enough() {
        for common in [
            "password123",
            "1234567890",
            "qwertyuiop",
            "iloveyou12",
            "password1234",
        ] {
            assert_eq!(
                check_password(common, &[]),
                Err(PasswordProblem::Common),
                "{common}"
            );
        }
    }

    #[test]
    fn the_persons_own_name_does_not_make_a_password() {
        assert_eq!(
            check_password(
                "adalovelace",
                &["ada.lovelace@example.com", "Ada", "Lovelace"]
            ),
            Err(PasswordProblem::Common)
        );
    }

    #[test]
    fn a_passphrase_is_accepted() {
        assert_eq!(check_password("violet tugboat marmalade", &[]), Ok(()));
        assert_eq!(check_password("Tr0ub4dor&3-horse", &[]), Ok(()));
    }

    #[test]
    fn emails_are_normalized_for_comparison() {
        assert_eq!(normalize_email("  Ada@Example.COM "), "ada@example.com");
    }

    #[test]
    fn addresses_without_a_dotted_domain_are_not_routable() {
        assert!(email_domain_is_routable("ada@example.com"));
        assert!(!email_domain_is_routable("ada@example"));
        assert!(!email_domain_is_routable("ada@example."));
    }

    #[test]
    fn countries_are_iso_alpha2() {
        assert!(is_valid_country("US"));
        assert!(is_valid_country("DE"));
        assert!(!is_valid_country("us"));
        assert!(!is_valid_country("XX"));
        assert!(!is_valid_country("USA"));
        assert!(countries().len() > 240);
    }

    #[test]
    fn time_zones_are_iana_names() {
        assert!(is_valid_timezone("Europe/Berlin"));
        assert!(is_valid_timezone("UTC"));
        assert!(!is_valid_timezone("Mars/Olympus"));
    }

    #[test]
    fn admin_is_never_a_signup_role() {
        let caps = Capabilities::from_signup(&[SignupRole::Client, SignupRole::Freelancer]);
        assert_eq!(caps.roles(), vec![Role::Client, Role::Freelancer]);
    }
}
