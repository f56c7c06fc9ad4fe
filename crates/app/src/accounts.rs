//! A user's own account: reading and editing it.

use crate::auth::{check_country_and_timezone, check_full_name};
use crate::context::AppContext;
use crate::error::{AppError, AppResult};
use crate::search::{self, SearchChange};
use diesel::{Connection, PgConnection};
use worklane_db::users::{self, AccountChanges, User};

#[derive(Debug, Clone, Default)]
pub struct AccountUpdate {
    pub full_name: Option<String>,
    pub country: Option<String>,
    pub timezone: Option<String>,
}

pub fn update_account(
    conn: &mut PgConnection,
    ctx: &AppContext,
    user: &User,
    update: AccountUpdate,
) -> AppResult<User> {
    let mut errors = Vec::new();
    if let Some(name) = &update.full_name {
        check_full_name(name, &mut errors);
    }
    check_country_and_timezone(
        update.country.as_deref(),
        update.timezone.as_deref(),
        &mut errors,
    );
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    if update.full_name.is_none() && update.country.is_none() && update.timezone.is_none() {
        return Ok(user.clone());
    }
    let now = ctx.clock.now();
    let updated = conn.transaction(|conn| {
        let updated = users::update_account(
            conn,
            user.id,
            &AccountChanges {
                full_name: update.full_name.as_deref().map(str::trim),
                country: update.country.as_deref(),
                timezone: update.timezone.as_deref(),
                updated_at: Some(now),
            },
        )?;
        // Name and country show in search results and filter them.
        if updated.is_client {
            search::changed(conn, SearchChange::Client(user.id), now)?;
        }
        if updated.is_freelancer {
            search::changed(conn, SearchChange::Freelancer(user.id), now)?;
        }
        Ok::<_, AppError>(updated)
    })?;
    ctx.search.sync_after_commit(conn);
    Ok(updated)
}
