//! SPEC §2 taxonomy: categories with subcategories and a skills list, seeded.

use serde_json::Value;
use worklane_tests::TestApp;

#[actix_web::test]
async fn categories_come_with_their_subcategories() {
    let app = TestApp::spawn().await;
    let categories: Value = app
        .get("/categories")
        .await
        .json()
        .await
        .unwrap_or_default();
    let list = categories.as_array().cloned().unwrap_or_default();
    assert!(list.len() >= 12);
    let writing = list
        .iter()
        .find(|c| c["name"] == "Writing")
        .cloned()
        .unwrap_or_default();
    assert_eq!(writing["slug"], "writing");
    let subs: Vec<&str> = writing["subcategories"]
        .as_array()
        .map(|s| s.iter().filter_map(|c| c["name"].as_str()).collect())
        .unwrap_or_default();
    assert!(
        subs.contains(&"Copywriting") && subs.contains(&"Technical Writing"),
        "{subs:?}"
    );
}

fn names(page: &Value) -> Vec<String> {
    page["data"]
        .as_array()
        .map(|d| {
            d.iter()
                .filter_map(|s| s["name"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

async fn skill_names(app: &TestApp, query: &str) -> Vec<String> {
    names(
        &app.get_query("/skills", query)
            .await
            .json()
            .await
            .unwrap_or_default(),
    )
}

#[actix_web::test]
async fn skills_are_found_by_prefix_first() {
    let app = TestApp::spawn().await;
    let names = skill_names(&app, "q=pyth").await;
    assert_eq!(
        names.first().map(String::as_str),
        Some("Python"),
        "{names:?}"
    );
    let names = skill_names(&app, "q=REAC").await;
    assert!(
        names.starts_with(&["React".to_owned(), "React Native".to_owned()]),
        "{names:?}"
    );
}

#[actix_web::test]
async fn skills_are_found_despite_typos() {
    let app = TestApp::spawn().await;
    assert!(
        skill_names(&app, "q=pyton")
            .await
            .contains(&"Python".to_owned())
    );
    assert!(
        skill_names(&app, "q=kubernets")
            .await
            .contains(&"Kubernetes".to_owned())
    );
    assert!(
        skill_names(&app, "q=photoshp")
            .await
            .contains(&"Adobe Photoshop".to_owned())
    );
}

#[actix_web::test]
async fn wildcards_in_a_query_are_taken_literally() {
    let app = TestApp::spawn().await;
    assert!(skill_names(&app, "q=%25%25%25").await.is_empty());
}

#[actix_web::test]
async fn the_whole_skill_list_pages_in_name_order() {
    let app = TestApp::spawn().await;
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let query = match &cursor {
            Some(c) => format!("limit=100&cursor={c}"),
            None => "limit=100".to_owned(),
        };
        let page: Value = app
            .get_query("/skills", &query)
            .await
            .json()
            .await
            .unwrap_or_default();
        seen.extend(names(&page));
        match page["next_cursor"].as_str() {
            Some(next) => cursor = Some(next.to_owned()),
            None => break,
        }
    }
    assert!(seen.len() >= 300, "{} skills", seen.len());
    let mut sorted = seen.clone();
    sorted.sort();
    assert_eq!(seen, sorted);
}

#[actix_web::test]
async fn bad_skill_parameters_are_named() {
    let app = TestApp::spawn().await;
    for (query, field) in [
        ("limit=0", "limit"),
        ("limit=101", "limit"),
        ("cursor=nonsense", "cursor"),
        ("q=py&cursor=abc", "cursor"),
    ] {
        app.expect_bad_parameter("/skills", query, field).await;
    }
}
