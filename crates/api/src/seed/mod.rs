//! Seeding: `worklane seed --demo` creates the demo accounts a newcomer can sign in
//! with (idempotent); `--jobs/--freelancers/--clients/--seed` write volume data.

pub mod rng;
pub mod text;
pub mod volume;

use diesel::PgConnection;
use uuid::Uuid;
use worklane_app::{AppContext, AppResult, secrets};
use worklane_db::users::{self, NewUser};

pub const DEMO_PASSWORD: &str = "worklane-demo-pass";

pub struct DemoAccount {
    pub email: &'static str,
    pub full_name: &'static str,
    pub country: &'static str,
    pub timezone: &'static str,
    pub client: bool,
    pub freelancer: bool,
    pub admin: bool,
}

pub const DEMO_ACCOUNTS: &[DemoAccount] = &[
    DemoAccount {
        email: "client@demo.worklane.test",
        full_name: "Maya Chen",
        country: "US",
        timezone: "America/New_York",
        client: true,
        freelancer: false,
        admin: false,
    },
    DemoAccount {
        email: "freelancer@demo.worklane.test",
        full_name: "Diego Álvarez",
        country: "AR",
        timezone: "America/Argentina/Buenos_Aires",
        client: false,
        freelancer: true,
        admin: false,
    },
    DemoAccount {
        email: "admin@demo.worklane.test",
        full_name: "Worklane Support",
        country: "DE",
        timezone: "Europe/Berlin",
        client: false,
        freelancer: false,
        admin: true,
    },
];

/// Creates the demo accounts that do not exist yet; returns how many were created.
pub fn seed_demo(conn: &mut PgConnection, ctx: &AppContext) -> AppResult<usize> {
    let now = ctx.clock.now();
    let hash = secrets::hash_password(DEMO_PASSWORD)?;
    let mut created = 0;
    for account in DEMO_ACCOUNTS {
        if users::find_by_email(conn, account.email)?.is_some() {
            continue;
        }
        users::insert(
            conn,
            &NewUser {
                id: Uuid::now_v7(),
                email: account.email,
                password_hash: &hash,
                full_name: account.full_name,
                country: account.country,
                timezone: account.timezone,
                is_client: account.client,
                is_freelancer: account.freelancer,
                is_admin: account.admin,
                email_verified_at: Some(now),
                created_at: now,
                updated_at: now,
            },
        )?;
        created += 1;
    }
    Ok(created)
}
