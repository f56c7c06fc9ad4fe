//! The background worker: claims due work from PostgreSQL (`FOR UPDATE SKIP LOCKED`)
//! so several server instances never do one job twice: it delivers the outbox,
//! expires idle jobs, applies the search log to this instance's index (and prunes it), ends security
//! periods and settles withdrawals; expires offers and runs Connects grants and
//! expiries; and sends webhook deliveries.

use crate::state::AppState;
use actix_web::web;
use tokio::sync::watch;
use worklane_app::outbox::{DevMailbox, deliver_due};

const BATCH: i64 = 50;

/// Webhook deliveries run in their own loop: a slow endpoint (up to 10 s per
/// attempt) never holds up the rest of the worker.
async fn webhooks(state: AppState, mut shutdown: watch::Receiver<bool>) {
    let client = crate::webhook_sender::client(state.ctx.policy.webhooks.allow_private_targets);
    let mut interval = tokio::time::interval(state.config.worker_poll);
    interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = interval.tick() => {}
            _ = shutdown.changed() => break,
        }
        if *shutdown.borrow() {
            break;
        }
        // Drain full batches at once; otherwise wait for the next tick.
        loop {
            match crate::webhook_sender::deliver_due(&state, &client, 20).await {
                Ok(20) => continue,
                Ok(_) => break,
                Err(error) => {
                    tracing::warn!(%error, "webhook pass failed; will retry");
                    break;
                }
            }
        }
    }
}

/// Runs until `shutdown` flips to true.
pub async fn run(state: AppState, mut shutdown: watch::Receiver<bool>) {
    let webhook_loop = actix_web::rt::spawn(webhooks(state.clone(), shutdown.clone()));
    let mut interval = tokio::time::interval(state.config.worker_poll);
    interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = interval.tick() => {}
            _ = shutdown.changed() => break,
        }
        if *shutdown.borrow() {
            break;
        }
        let pool = state.pool.clone();
        let ctx = state.ctx.clone();
        let expired = web::block(move || -> Result<usize, String> {
            let mut conn = pool.get().map_err(|e| e.to_string())?;
            worklane_app::jobs::expire_idle(&mut conn, &ctx).map_err(|e| e.to_string())
        })
        .await;
        if let Ok(Err(error)) = expired {
            tracing::warn!(%error, "job expiry pass failed; will retry");
        }
        // Money: released funds past their security period, withdrawals to settle,
        // expired idempotency keys (and rate-limit windows long over).
        let pool = state.pool.clone();
        let ctx = state.ctx.clone();
        let money = web::block(move || -> Result<(), String> {
            let mut conn = pool.get().map_err(|e| e.to_string())?;
            worklane_app::escrow::mature_due(&mut conn, &ctx).map_err(|e| e.to_string())?;
            worklane_app::withdrawals::settle_processing(&mut conn, &ctx)
                .map_err(|e| e.to_string())?;
            worklane_db::idempotency::purge_expired(&mut conn, ctx.clock.now())
                .map_err(|e| e.to_string())?;
            worklane_app::rate_limits::purge(&mut conn, &ctx).map_err(|e| e.to_string())?;
            Ok(())
        })
        .await;
        if let Ok(Err(error)) = money {
            tracing::warn!(%error, "money pass failed; will retry");
        }
        // Hiring and delivery: offers past their expiry (refunding escrow), monthly
        // Connects grants, bought Connects past their 12 months, unanswered
        // submissions (released) and refund requests (granted), hourly weeks to
        // invoice (Monday 12:00 UTC), charge and release, disputes whose response
        // window lapsed, feedback windows that closed (revealed), Plus months that
        // ended (renewed, or back to Basic).
        let pool = state.pool.clone();
        let ctx = state.ctx.clone();
        let hiring = web::block(move || -> Result<(), String> {
            let mut conn = pool.get().map_err(|e| e.to_string())?;
            worklane_app::offers::expire_due(&mut conn, &ctx).map_err(|e| e.to_string())?;
            worklane_app::connects::run_due(&mut conn, &ctx).map_err(|e| e.to_string())?;
            worklane_app::delivery::run_due(&mut conn, &ctx).map_err(|e| e.to_string())?;
            worklane_app::hourly::run_due(&mut conn, &ctx).map_err(|e| e.to_string())?;
            worklane_app::disputes::lapse_due(&mut conn, &ctx).map_err(|e| e.to_string())?;
            worklane_app::feedback::reveal_due(&mut conn, &ctx).map_err(|e| e.to_string())?;
            worklane_app::plans::renew_due(&mut conn, &ctx).map_err(|e| e.to_string())?;
            Ok(())
        })
        .await;
        if let Ok(Err(error)) = hiring {
            tracing::warn!(%error, "hiring pass failed; will retry");
        }
        // Search changes a request could not apply (or that one-off commands left).
        let pool = state.pool.clone();
        let ctx = state.ctx.clone();
        let synced = web::block(move || -> Result<usize, String> {
            let mut conn = pool.get().map_err(|e| e.to_string())?;
            let index = ctx.search.index(&mut conn).map_err(|e| e.to_string())?;
            let read = index.sync_pending(&mut conn).map_err(|e| e.to_string())?;
            // Any instance may prune: every running one has read far past a day ago.
            worklane_db::search::prune(&mut conn, worklane_app::search::LOG_KEEP_HOURS)
                .map_err(|e| e.to_string())?;
            Ok(read)
        })
        .await;
        if let Ok(Err(error)) = synced {
            tracing::warn!(%error, "search sync pass failed; will retry");
        }
        // Drain: keep going while full batches come back.
        loop {
            let pool = state.pool.clone();
            let ctx = state.ctx.clone();
            let result = web::block(move || -> Result<usize, String> {
                let mut conn = pool.get().map_err(|e| e.to_string())?;
                deliver_due(&mut conn, &DevMailbox, ctx.clock.now(), BATCH)
                    .map_err(|e| e.to_string())
            })
            .await;
            match result {
                Ok(Ok(delivered)) if delivered as i64 == BATCH => continue,
                Ok(Ok(_)) => break,
                Ok(Err(error)) => {
                    tracing::warn!(%error, "outbox pass failed; will retry");
                    break;
                }
                Err(error) => {
                    tracing::warn!(%error, "worker task failed; will retry");
                    break;
                }
            }
        }
    }
    let _ = webhook_loop.await;
    tracing::info!("worker stopped");
}
