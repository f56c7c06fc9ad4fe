//! How the API shows an account.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use worklane_db::users::User as UserRow;
use worklane_domain::account::{self, SignupRole};

/// A capability of an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Client,
    Freelancer,
    Admin,
}

/// A capability a person can pick at sign-up (admin is granted, never picked).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SignupRoleName {
    Client,
    Freelancer,
}

impl From<SignupRoleName> for SignupRole {
    fn from(role: SignupRoleName) -> Self {
        match role {
            SignupRoleName::Client => SignupRole::Client,
            SignupRoleName::Freelancer => SignupRole::Freelancer,
        }
    }
}

impl From<account::Role> for Role {
    fn from(role: account::Role) -> Self {
        match role {
            account::Role::Client => Role::Client,
            account::Role::Freelancer => Role::Freelancer,
            account::Role::Admin => Role::Admin,
        }
    }
}

/// The signed-in user's own account.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({
    "id": "0193a0c4-8d1e-7b8a-9b53-2d0f4b1f6a10",
    "email": "ada@example.com",
    "full_name": "Ada Lovelace",
    "country": "GB",
    "timezone": "Europe/London",
    "roles": ["client", "freelancer"],
    "email_verified": true,
    "created_at": "2026-11-26T09:30:00Z"
}))]
pub struct User {
    pub id: Uuid,
    pub email: String,
    pub full_name: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    /// IANA time zone.
    pub timezone: String,
    pub roles: Vec<Role>,
    /// Unverified accounts can sign in and edit their account, but cannot post jobs,
    /// send proposals or move money.
    pub email_verified: bool,
    /// A client with a verified payment method (the "payment verified" badge).
    pub payment_verified: bool,
    /// A freelancer whose identity document an admin approved; needed to withdraw.
    pub identity_verified: bool,
    pub created_at: DateTime<Utc>,
}

impl From<&UserRow> for User {
    fn from(row: &UserRow) -> Self {
        Self {
            id: row.id,
            email: row.email.clone(),
            full_name: row.full_name.clone(),
            country: row.country.clone(),
            timezone: row.timezone.clone(),
            roles: row
                .capabilities()
                .roles()
                .into_iter()
                .map(Role::from)
                .collect(),
            email_verified: row.email_verified(),
            payment_verified: row.payment_verified_at.is_some(),
            identity_verified: row.identity_verified_at.is_some(),
            created_at: row.created_at,
        }
    }
}
