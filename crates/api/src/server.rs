//! Building and running the HTTP server: middleware, routes, the SPA and the worker.

use crate::config::Config;
use crate::extract::JsonLimit;
use crate::problem::{ApiError, not_found};
use crate::state::AppState;
use crate::{request_id, routes, worker};
use actix_cors::Cors;
use actix_web::dev::{Server, ServiceRequest, ServiceResponse, fn_service};
use actix_web::http::StatusCode;
use actix_web::middleware::{Compress, from_fn};
use actix_web::{App, HttpRequest, HttpResponse, HttpServer, ResponseError, web};
use std::net::TcpListener;
use std::sync::Arc;
use tokio::sync::watch;
use utoipa_swagger_ui::SwaggerUi;
use worklane_app::attachments::LocalDiskStore;
use worklane_app::cache::TtlCache;
use worklane_app::gateway::SandboxGateway;
use worklane_app::search::Search;
use worklane_app::{AppContext, tokens::TokenKeys};
use worklane_domain::Clock;

/// Extra routes mounted under `/api/v1` (test suites use it for probes).
pub type Extra = fn(&mut web::ServiceConfig);

pub fn no_extra_routes(_: &mut web::ServiceConfig) {}

/// The server's state: the pool, the use cases' context and a live search index,
/// opened (and rebuilt or brought up to date) before this returns when the database
/// is reachable, else on first use.
pub fn build_state(config: Config, clock: Arc<dyn Clock>) -> AppState {
    let pool = worklane_db::pool::build(&config.database_url, &config.pool);
    let search = Search::live(config.search_index.clone());
    match pool.get() {
        Ok(mut conn) => {
            if let Err(error) = search.index(&mut conn) {
                tracing::error!(%error, "search index not opened; will retry on first use");
            }
        }
        Err(error) => {
            tracing::warn!(%error, "database unreachable; search opens on first use");
        }
    }
    state_with(config, clock, pool, search)
}

/// State for one-off commands (seeding, admin tools): search is detached, and the
/// changes they make are applied by the server when it next starts or ticks.
pub fn build_command_state(config: Config, clock: Arc<dyn Clock>) -> AppState {
    let pool = worklane_db::pool::build(&config.database_url, &config.pool);
    state_with(config, clock, pool, Search::detached())
}

fn state_with(
    config: Config,
    clock: Arc<dyn Clock>,
    pool: worklane_db::DbPool,
    search: Search,
) -> AppState {
    crate::webhook_sender::install_crypto();
    let ctx = AppContext {
        clock,
        policy: Arc::new(config.policy.clone()),
        tokens: Arc::new(TokenKeys::from_secret(config.jwt_secret.as_bytes())),
        attachments: Arc::new(LocalDiskStore::new(config.data_dir.join("attachments"))),
        gateway: Arc::new(SandboxGateway),
        search: Arc::new(search),
        // Ten seconds bound how stale another server instance's page can be; this
        // instance evicts a job the moment it changes.
        job_pages: Arc::new(TtlCache::new(std::time::Duration::from_secs(10), 50_000)),
    };
    AppState {
        pool,
        ctx,
        config: Arc::new(config),
        dev_clock: None,
        hub: Arc::new(crate::realtime::Hub::default()),
    }
}

fn cors(config: &Config) -> Cors {
    let base = Cors::default()
        .allow_any_method()
        .allow_any_header()
        .expose_headers(["x-request-id", "retry-after", "www-authenticate"])
        .max_age(3600);
    if config.cors_origins.is_empty() {
        if config.env.is_dev_like() {
            base.allow_any_origin()
        } else {
            base
        }
    } else {
        config
            .cors_origins
            .iter()
            .fold(base, |cors, origin| cors.allowed_origin(origin))
    }
}

async fn api_not_found() -> Result<HttpResponse, ApiError> {
    Err(not_found())
}

fn json_config(limit: usize) -> web::JsonConfig {
    web::JsonConfig::default().limit(limit)
}

fn path_config() -> web::PathConfig {
    // An id that does not parse names nothing that exists.
    web::PathConfig::default().error_handler(|_, _| not_found().into())
}

fn query_config() -> web::QueryConfig {
    web::QueryConfig::default().error_handler(|error, _| {
        ApiError::http(
            StatusCode::BAD_REQUEST,
            "invalid_parameter",
            error.to_string(),
        )
        .into()
    })
}

/// Serves the built SPA: files as they are, every other path gets index.html so
/// client-side routes work on reload.
fn spa(static_dir: &std::path::Path) -> actix_files::Files {
    let index = static_dir.join("index.html");
    actix_files::Files::new("/", static_dir)
        .index_file("index.html")
        .prefer_utf8(true)
        .default_handler(fn_service(move |req: ServiceRequest| {
            let index = index.clone();
            async move {
                let (req, _) = req.into_parts();
                let response = match actix_files::NamedFile::open(&index) {
                    Ok(file) => file.into_response(&req),
                    Err(_) => not_found().error_response(),
                };
                Ok(ServiceResponse::new(req, response))
            }
        }))
}

async fn openapi_json() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/json")
        .body(crate::openapi::document_json())
}

async fn docs_redirect() -> HttpResponse {
    HttpResponse::MovedPermanently()
        .insert_header((actix_web::http::header::LOCATION, "/api/docs/"))
        .finish()
}

async fn root_without_spa(_req: HttpRequest) -> HttpResponse {
    HttpResponse::Ok().content_type("text/plain; charset=utf-8").body(
        "Worklane API is running. The SPA is not built into this server (WORKLANE_STATIC_DIR unset).\n\
         API reference: /api/docs/   OpenAPI: /api/v1/openapi.json   Health: /health\n",
    )
}

/// A running server, its address and the worker's stop switch.
pub struct Running {
    pub server: Server,
    pub port: u16,
    pub shutdown_worker: watch::Sender<bool>,
    pub worker: tokio::task::JoinHandle<()>,
}

/// Binds the listener's server and spawns the worker; awaiting `server` runs it.
pub fn spawn_server(
    state: AppState,
    listener: TcpListener,
    extra: Extra,
) -> std::io::Result<Running> {
    let port = listener.local_addr()?.port();
    let (shutdown_worker, shutdown_rx) = watch::channel(false);
    let worker = actix_web::rt::spawn(worker::run(state.clone(), shutdown_rx));
    crate::realtime::listen(
        state.config.database_url.clone(),
        state.hub.clone(),
        state.ctx.job_pages.clone(),
    );
    let data = web::Data::new(state.clone());
    let config = state.config.clone();
    let server = HttpServer::new(move || {
        let dev_mailbox = config.env.is_dev_like();
        let mut app = App::new()
            .app_data(data.clone())
            .app_data(JsonLimit(config.json_limit_bytes))
            .app_data(json_config(config.json_limit_bytes))
            .app_data(path_config())
            .app_data(query_config())
            // Inside CORS, so preflights are answered before any credential check.
            .wrap(from_fn(crate::extract::auth_gate))
            .wrap(cors(&config))
            .wrap(Compress::default())
            .wrap(from_fn(request_id::middleware))
            .service(routes::health::health)
            .route("/api/v1/openapi.json", web::get().to(openapi_json))
            .route("/api/docs", web::get().to(docs_redirect))
            .service(
                SwaggerUi::new("/api/docs/{_:.*}")
                    .url("/api/docs/openapi.json", crate::openapi::document()),
            )
            .service(
                web::scope("/api/v1")
                    .configure(|cfg| routes::configure_v1(cfg, dev_mailbox))
                    .configure(extra)
                    .default_service(web::to(api_not_found)),
            )
            .service(web::scope("/api").default_service(web::to(api_not_found)));
        app = match &config.static_dir {
            Some(dir) => app.service(spa(dir)),
            None => app.default_service(web::to(root_without_spa)),
        };
        app
    })
    .listen(listener)?
    .shutdown_timeout(10)
    .run();
    Ok(Running {
        server,
        port,
        shutdown_worker,
        worker,
    })
}
