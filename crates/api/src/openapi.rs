//! The OpenAPI 3.1 document, assembled from each resource module's `OpenApi` and
//! completed with the error responses every operation can give.

use crate::problem::Problem;
use crate::routes::{
    admin, auth, delivery, dev, disputes, feedback, fees, files, health, hiring, hourly, identity,
    jobs, me, messaging, payment_methods, plans, profiles, reference, search, security, taxonomy,
    wallet, webhooks,
};
use utoipa::openapi::path::Operation;
use utoipa::openapi::response::{Response, ResponseBuilder};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{ContentBuilder, Ref, RefOr};
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Worklane API",
        version = "1.0.0",
        description = "The open freelance marketplace's REST API. Amounts are decimal strings, \
timestamps RFC 3339 UTC, errors RFC 9457 `application/problem+json` with a stable `code`. \
Lists use cursor pagination (`limit` 1–100, `cursor`; responses `{data, next_cursor}`).",
        license(name = "AGPL-3.0-or-later", identifier = "AGPL-3.0-or-later")
    ),
    nest(
        (path = "/api/v1", api = auth::AuthApi),
        (path = "/api/v1", api = me::MeApi),
        (path = "/api/v1", api = reference::ReferenceApi),
        (path = "/api/v1", api = taxonomy::TaxonomyApi),
        (path = "/api/v1", api = jobs::JobsApi),
        (path = "/api/v1", api = search::SearchApi),
        (path = "/api/v1", api = profiles::ProfilesApi),
        (path = "/api/v1", api = hiring::HiringApi),
        (path = "/api/v1", api = files::FilesApi),
        (path = "/api/v1", api = delivery::DeliveryApi),
        (path = "/api/v1", api = hourly::HourlyApi),
        (path = "/api/v1", api = disputes::DisputesApi),
        (path = "/api/v1", api = messaging::MessagingApi),
        (path = "/api/v1", api = feedback::FeedbackApi),
        (path = "/api/v1", api = fees::FeesApi),
        (path = "/api/v1", api = payment_methods::PaymentMethodsApi),
        (path = "/api/v1", api = wallet::WalletApi),
        (path = "/api/v1", api = identity::IdentityApi),
        (path = "/api/v1", api = admin::AdminApi),
        (path = "/api/v1", api = security::SecurityApi),
        (path = "/api/v1", api = webhooks::WebhooksApi),
        (path = "/api/v1", api = plans::PlansApi),
        (path = "/api/v1", api = dev::DevApi),
    ),
    paths(health::health),
    components(schemas(Problem)),
    modifiers(&Security, &StandardResponses),
    tags(
        (name = "auth", description = "Accounts, sign-in and sessions"),
        (name = "account", description = "The signed-in user's account"),
        (name = "reference", description = "Reference data for forms"),
        (name = "taxonomy", description = "Categories and skills"),
        (name = "jobs", description = "Job postings"),
        (name = "search", description = "Job and talent search, best matches and suggestions"),
        (name = "profiles", description = "Freelancer and client profiles"),
        (name = "hiring", description = "Connects, proposals, invitations and offers"),
        (name = "contracts", description = "Contracts, milestones, delivery and bonuses"),
        (name = "disputes", description = "Disputes on milestones and invoices"),
        (name = "messages", description = "Conversations, messages and the real-time WebSocket"),
        (name = "notifications", description = "In-app notifications and email preferences"),
        (name = "files", description = "File uploads and downloads"),
        (name = "money", description = "Fees, wallet and payments"),
        (name = "security", description = "Two-factor sign-in, sessions and personal access tokens"),
        (name = "plans", description = "Basic and Plus plans for freelancers and clients"),
        (name = "webhooks", description = "Signed event deliveries to integrators' endpoints"),
        (name = "trust", description = "Flagging content for the trust and safety team"),
        (name = "admin", description = "Administration: people, reviews, flags, figures and the audit log"),
        (name = "development", description = "Development and test helpers; not mounted in production"),
        (name = "operations", description = "Health and operations"),
    )
)]
pub struct ApiDoc;

struct Security;

impl Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .description(Some(
                        "Access token from /api/v1/auth/login or /api/v1/auth/refresh",
                    ))
                    .build(),
            ),
        );
    }
}

/// Error responses shared by many operations, defined once under
/// `components.responses` and referenced where they apply.
const SHARED: &[(&str, &str, &str)] = &[
    (
        "400",
        "MalformedRequest",
        "Malformed JSON or an invalid query parameter (`malformed_json`, `invalid_parameter`)",
    ),
    (
        "401",
        "Unauthenticated",
        "Missing, invalid or expired access token (`unauthenticated`, `invalid_token`, `token_expired`)",
    ),
    (
        "403",
        "Forbidden",
        "Not for this account: the wrong role (`not_a_client`, `not_a_freelancer`, ...), a suspended account, an access token without the scope (`insufficient_scope`) or one used where a signed-in session is needed (`session_required`)",
    ),
    (
        "413",
        "PayloadTooLarge",
        "The body is larger than the limit (`payload_too_large`)",
    ),
    (
        "415",
        "UnsupportedMediaType",
        "The body is not `application/json` (`unsupported_media_type`)",
    ),
    (
        "422",
        "ValidationFailed",
        "Invalid fields, each named in `errors` (`validation_failed`)",
    ),
    (
        "500",
        "InternalError",
        "Unexpected error; quote `request_id` to support (`internal_error`)",
    ),
    (
        "503",
        "ServiceUnavailable",
        "The database is out of reach (`service_unavailable`)",
    ),
];

struct StandardResponses;

fn problem_response(description: &str) -> Response {
    ResponseBuilder::new()
        .description(description)
        .content(
            crate::problem::PROBLEM_JSON,
            ContentBuilder::new()
                .schema(Some(Ref::from_schema_name("Problem")))
                .build(),
        )
        .build()
}

fn add_standard(operation: &mut Operation, has_query: bool) {
    let has_body = operation.request_body.is_some();
    let secured = operation.security.as_ref().is_some_and(|s| !s.is_empty());
    for (status, name, _) in SHARED {
        let applies = match *status {
            "400" => has_body || has_query,
            "413" | "415" | "422" => has_body,
            "401" | "403" => secured,
            _ => true,
        };
        if applies {
            operation
                .responses
                .responses
                .entry((*status).to_owned())
                .or_insert_with(|| RefOr::Ref(Ref::from_response_name(*name)));
        }
    }
}

impl Modify for StandardResponses {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        for (_, name, description) in SHARED {
            components
                .responses
                .insert((*name).to_owned(), RefOr::T(problem_response(description)));
        }
        for item in openapi.paths.paths.values_mut() {
            for operation in [
                &mut item.get,
                &mut item.post,
                &mut item.put,
                &mut item.patch,
                &mut item.delete,
            ]
            .into_iter()
            .flatten()
            {
                let has_query = operation.parameters.as_ref().is_some_and(|params| {
                    params.iter().any(|p| matches!(p, RefOr::T(p) if p.parameter_in == utoipa::openapi::path::ParameterIn::Query))
                });
                add_standard(operation, has_query);
            }
        }
    }
}

/// The OpenAPI links between operations (`openapi/links.json`): by source operation
/// id and response status, each named link to the operation that can follow with a
/// value from this response (`$response.body#/id`). Clients and the stateful fuzzer
/// follow them.
const LINKS: &str = include_str!("../../../openapi/links.json");

type Links = std::collections::BTreeMap<
    String,
    std::collections::BTreeMap<
        String,
        std::collections::BTreeMap<String, utoipa::openapi::link::Link>,
    >,
>;

fn links() -> Links {
    serde_json::from_str(LINKS).unwrap_or_else(|e| panic!("openapi/links.json: {e}"))
}

/// The whole document: the described operations with their links.
pub fn document() -> utoipa::openapi::OpenApi {
    let mut document = ApiDoc::openapi();
    let links = links();
    for item in document.paths.paths.values_mut() {
        let operations = [
            &mut item.get,
            &mut item.post,
            &mut item.put,
            &mut item.patch,
            &mut item.delete,
        ];
        for operation in operations.into_iter().flatten() {
            let Some(by_status) = operation.operation_id.as_ref().and_then(|id| links.get(id))
            else {
                continue;
            };
            for (status, named) in by_status {
                if let Some(utoipa::openapi::RefOr::T(response)) =
                    operation.responses.responses.get_mut(status)
                {
                    response.links.extend(
                        named
                            .iter()
                            .map(|(name, link)| (name.clone(), link.clone().into())),
                    );
                }
            }
        }
    }
    document
}

/// The document as served and committed: pretty JSON with a trailing newline.
pub fn document_json() -> String {
    let mut json = document()
        .to_pretty_json()
        .unwrap_or_else(|_| "{}".to_owned());
    json.push('\n');
    json
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every link starts at a documented response of a real operation and leads to a
    /// real operation, naming only parameters that operation has.
    #[test]
    fn every_link_joins_two_documented_operations() {
        let document = ApiDoc::openapi();
        let mut operations = std::collections::HashMap::new();
        for item in document.paths.paths.values() {
            for operation in [&item.get, &item.post, &item.put, &item.patch, &item.delete]
                .into_iter()
                .flatten()
            {
                if let Some(id) = &operation.operation_id {
                    operations.insert(id.clone(), operation);
                }
            }
        }
        for (source, by_status) in links() {
            let operation = operations
                .get(&source)
                .unwrap_or_else(|| panic!("links.json: no operation {source}"));
            for (status, named) in by_status {
                assert!(
                    operation.responses.responses.contains_key(&status),
                    "links.json: {source} has no {status} response"
                );
                for (name, link) in named {
                    let target = operations.get(&link.operation_id).unwrap_or_else(|| {
                        panic!("links.json: {source} {status} {name} leads to no operation")
                    });
                    let parameters: Vec<String> = target
                        .parameters
                        .iter()
                        .flatten()
                        .filter_map(|p| match p {
                            utoipa::openapi::RefOr::T(p) => Some(p.name.clone()),
                            utoipa::openapi::RefOr::Ref(_) => None,
                        })
                        .collect();
                    for parameter in link.parameters.keys() {
                        let bare = parameter.rsplit('.').next().unwrap_or(parameter);
                        assert!(
                            parameters.iter().any(|p| p == bare),
                            "links.json: {source} {status} {name}: {} has no parameter {parameter}",
                            link.operation_id
                        );
                    }
                }
            }
        }
    }

    /// utoipa keeps one path item per path across nested documents, so an operation
    /// described in one module can silently replace another module's on the same
    /// path. Every `#[utoipa::path]` handler must reach the document.
    #[test]
    fn every_described_handler_is_in_the_document() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/routes");
        let described: usize = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|entry| std::fs::read_to_string(entry.path()).ok())
            .map(|source| source.matches("#[utoipa::path(").count())
            .sum();
        let document = ApiDoc::openapi();
        let operations: usize = document
            .paths
            .paths
            .values()
            .map(|item| {
                [&item.get, &item.post, &item.put, &item.patch, &item.delete]
                    .iter()
                    .filter(|op| op.is_some())
                    .count()
            })
            .sum();
        assert_eq!(
            operations, described,
            "operations in the document vs handlers described"
        );
    }
}
