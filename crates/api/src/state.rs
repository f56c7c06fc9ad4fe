use crate::config::Config;
use crate::problem::ApiError;
use actix_web::web;
use diesel::PgConnection;
use std::sync::Arc;
use worklane_app::{AppContext, AppError, AppResult};
use worklane_db::DbPool;

/// Shared by every request handler and the worker.
#[derive(Clone)]
pub struct AppState {
    pub pool: DbPool,
    pub ctx: AppContext,
    pub config: Arc<Config>,
    /// In development and test servers, the clock `POST /dev/clock/advance` moves.
    pub dev_clock: Option<Arc<worklane_domain::OffsetClock>>,
    /// This instance's open WebSockets (events reach them through LISTEN/NOTIFY).
    pub hub: Arc<crate::realtime::Hub>,
}

impl AppState {
    /// Runs a synchronous use case on the blocking thread pool with a pooled
    /// connection: diesel never runs on the async workers.
    pub async fn db<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        F: FnOnce(&mut PgConnection, &AppContext) -> AppResult<T> + Send + 'static,
        T: Send + 'static,
    {
        let pool = self.pool.clone();
        let ctx = self.ctx.clone();
        let meta = crate::request_id::meta();
        web::block(move || {
            let mut conn = pool.get().map_err(AppError::from)?;
            worklane_app::audit::in_request(meta, || f(&mut conn, &ctx))
        })
        .await
        .map_err(|e| {
            ApiError::from(AppError::Internal(anyhow::anyhow!(
                "blocking task failed: {e}"
            )))
        })?
        .map_err(ApiError::from)
    }
}
