//! Reputation (SPEC §2): the Job Success Score, rating, earnings and badges stored on
//! the freelancer's profile, recomputed whenever an input changes — feedback revealed,
//! a contract ended, the profile or identity changed — and reindexed for search.

use crate::context::AppContext;
use crate::error::AppResult;
use crate::search::{self, SearchChange};
use chrono::Months;
use diesel::PgConnection;
use rust_decimal::Decimal;
use uuid::Uuid;
use worklane_db::feedback::{self as store, Reputation};
use worklane_domain::reputation::{EndedContract, ReputationPolicy, badges, job_success_score};

/// Recomputes and stores the freelancer's reputation (nothing without a profile).
pub fn recompute(
    conn: &mut PgConnection,
    ctx: &AppContext,
    freelancer_id: Uuid,
) -> AppResult<Option<Reputation>> {
    let Some((completeness, identity_verified)) = store::badge_inputs(conn, freelancer_id)? else {
        return Ok(None);
    };
    let policy = ReputationPolicy::default();
    let now = ctx.clock.now();
    let since = now
        .checked_sub_months(Months::new(policy.window_months))
        .unwrap_or(now);
    let contracts: Vec<EndedContract> = store::scored_contracts(conn, freelancer_id, since)?
        .into_iter()
        .map(|c| EndedContract {
            client_id: c.client_id.as_u128(),
            paid: c.paid_total.unwrap_or(Decimal::ZERO),
            rating: c.rating,
            private_score: c.private_score,
            dispute_lost: c.dispute_lost,
        })
        .collect();
    let jss = job_success_score(&contracts, &policy);
    let rating = store::rating_of(conn, freelancer_id, ctx.policy.feedback.min_paid_for_public)?;
    let earned = store::earnings(conn, freelancer_id, since)?;
    let reputation = Reputation {
        jss: jss.map(i16::from),
        rating: rating.rating,
        reviews: i32::try_from(rating.reviews).unwrap_or(i32::MAX),
        badges: badges(
            jss,
            completeness >= 100,
            identity_verified,
            earned.in_window,
            &policy,
        )
        .into_iter()
        .map(str::to_owned)
        .collect(),
        earned_12m: earned.in_window,
        earned_total: earned.total,
        hours_worked: 0,
    };
    store::set_reputation(conn, freelancer_id, &reputation)?;
    search::changed(conn, SearchChange::Freelancer(freelancer_id), now)?;
    Ok(Some(reputation))
}
