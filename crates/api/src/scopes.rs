//! Which scopes a personal access token needs for each route. Every route the API
//! serves is mapped here (a test walks the OpenAPI document), so no endpoint is left
//! unguarded by accident: anything not placed in an area needs a signed-in session.

use actix_web::http::Method;
use worklane_domain::access::{Need, Scope};

const JOBS: &[Scope] = &[Scope::Jobs];
const PROPOSALS: &[Scope] = &[Scope::Proposals];
const CONTRACTS: &[Scope] = &[Scope::Contracts];
const WALLET: &[Scope] = &[Scope::Wallet];
/// Files go with proposals and with deliveries.
const FILES: &[Scope] = &[Scope::Proposals, Scope::Contracts];

/// The area a route belongs to, by its pattern under `/api/v1`.
fn area(route: &str) -> Option<&'static [Scope]> {
    let segments: Vec<&str> = route.trim_start_matches('/').split('/').collect();
    match segments.as_slice() {
        ["jobs", "{id}", "proposals" | "invitations", ..] => Some(PROPOSALS),
        ["jobs", ..] | ["me", "jobs"] => Some(JOBS),
        ["proposals" | "invitations", ..]
        | ["me", "proposals" | "invitations" | "recommended-jobs"] => Some(PROPOSALS),
        ["me", "connects", "purchase"] => Some(WALLET),
        ["me", "connects"] => Some(PROPOSALS),
        [
            "contracts" | "offers" | "milestones" | "time-entries" | "disputes",
            ..,
        ]
        | ["me", "offers"] => Some(CONTRACTS),
        [
            "wallet" | "withdrawals" | "withdrawal-methods" | "payment-methods",
            ..,
        ] => Some(WALLET),
        ["attachments", ..] => Some(FILES),
        _ => None,
    }
}

/// Reference data and public profiles any token may read.
fn public_read(route: &str) -> bool {
    let first = route
        .trim_start_matches('/')
        .split('/')
        .next()
        .unwrap_or("");
    matches!(
        first,
        "categories" | "skills" | "countries" | "fees" | "freelancers" | "clients"
    ) || route == "/me"
}

/// What a token needs to call `method` on `route` (the pattern under `/api/v1`, as
/// `/jobs/{id}/proposals`).
pub fn need(method: &Method, route: &str) -> Need {
    let reads = matches!(*method, Method::GET | Method::HEAD);
    if reads && public_read(route) {
        return Need::Any;
    }
    match area(route) {
        Some(scopes) if reads => Need::Read(scopes),
        Some(scopes) => Need::Write(scopes),
        // Account security, profiles, messages, notifications, flags, webhooks and
        // admin work are for people signed in, not for tokens.
        None => Need::Session,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_reach_their_areas_and_nothing_else() {
        let get = Method::GET;
        let post = Method::POST;
        assert_eq!(need(&post, "/jobs"), Need::Write(JOBS));
        assert_eq!(need(&get, "/jobs/{id}"), Need::Read(JOBS));
        assert_eq!(need(&post, "/jobs/{id}/proposals"), Need::Write(PROPOSALS));
        assert_eq!(need(&post, "/milestones/{id}/fund"), Need::Write(CONTRACTS));
        assert_eq!(need(&post, "/withdrawals"), Need::Write(WALLET));
        assert_eq!(need(&post, "/me/connects/purchase"), Need::Write(WALLET));
        assert_eq!(need(&get, "/skills"), Need::Any);
        assert_eq!(need(&get, "/me"), Need::Any);
        for route in [
            "/me/tokens",
            "/me/two-factor/disable",
            "/me/sessions",
            "/admin/users/{id}/suspend",
            "/conversations/{id}/messages",
            "/webhooks",
            "/flags",
        ] {
            assert_eq!(need(&post, route), Need::Session, "{route}");
        }
        assert_eq!(need(&Method::PATCH, "/me"), Need::Session);
        assert_eq!(need(&get, "/admin/users"), Need::Session);
        assert_eq!(need(&get, "/me/tokens"), Need::Session);
    }

    #[test]
    fn every_documented_route_has_a_rule_and_admin_routes_refuse_tokens() {
        let document: serde_json::Value =
            serde_json::from_str(&crate::openapi::document_json()).unwrap_or_default();
        let paths = document["paths"].as_object().cloned().unwrap_or_default();
        assert!(paths.len() > 50);
        for (path, operations) in paths {
            let Some(route) = path.strip_prefix("/api/v1") else {
                continue;
            };
            for method in operations.as_object().into_iter().flat_map(|o| o.keys()) {
                let Ok(method) = method.to_uppercase().parse::<Method>() else {
                    continue;
                };
                let need = need(&method, route);
                if route.starts_with("/admin") || route.starts_with("/me/tokens") {
                    assert_eq!(need, Need::Session, "{method} {route}");
                }
                if method != Method::GET && need != Need::Session {
                    assert!(matches!(need, Need::Write(_)), "{method} {route}: {need:?}");
                }
            }
        }
    }
}
