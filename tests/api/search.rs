//! SPEC §4 search: words weighted title > skills > description, typos forgiven, every
//! filter, facet counts over all matches, three sorts, cursors bound to their search;
//! talent search; best matches and suggested talent. Only open public jobs are found.

use chrono::Duration;
use serde_json::{Value, json};
use worklane_tests::{Session, TestApp, expect_problem};

fn skill(slug: &str) -> String {
    worklane_db::taxonomy::stable_id("skill", slug).to_string()
}

fn category(slug: &str) -> String {
    worklane_db::taxonomy::stable_id("category", slug).to_string()
}

fn job(title: &str, description: &str) -> Value {
    let mut body = TestApp::job_body();
    body["title"] = json!(title);
    body["description"] = json!(format!(
        "{description} The rest of this posting explains the context in plain words."
    ));
    body
}

fn hourly(mut body: Value, min: &str, max: &str) -> Value {
    body["job_type"] = json!("hourly");
    body.as_object_mut().map(|o| o.remove("budget"));
    body["hourly_min"] = json!(min);
    body["hourly_max"] = json!(max);
    body
}

async fn search(app: &TestApp, query: &str) -> Value {
    let response = app.get_query("/jobs", query).await;
    assert_eq!(response.status(), 200, "/jobs?{query}");
    response.json().await.unwrap_or_default()
}

fn titles(page: &Value) -> Vec<String> {
    page["data"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|j| j["title"].as_str().map(str::to_owned))
        .collect()
}

async fn client(app: &TestApp) -> Session {
    app.verified_client().await.1
}

#[actix_web::test]
async fn a_word_in_the_title_ranks_above_the_same_word_in_skills_or_description() {
    let app = TestApp::spawn().await;
    let session = client(&app).await;
    app.post_job(
        &session,
        &job(
            "Copy for a bakery website",
            "Friendly words about bread and opening hours; we also sell marzipan at Easter.",
        ),
    )
    .await;
    app.post_job(
        &session,
        &job(
            "Marzipan shop product descriptions",
            "Descriptions for forty handmade sweets in our online shop.",
        ),
    )
    .await;
    let page = search(&app, "q=marzipan").await;
    assert_eq!(
        titles(&page),
        vec![
            "Marzipan shop product descriptions",
            "Copy for a bakery website"
        ]
    );
    assert_eq!(page["total"], 2);
    // A stemmed word matches its other forms.
    assert_eq!(search(&app, "q=descriptions").await["total"], 1);
    assert_eq!(search(&app, "q=description").await["total"], 1);
}

#[actix_web::test]
async fn a_typo_still_finds_the_job() {
    let app = TestApp::spawn().await;
    let session = client(&app).await;
    app.post_job(
        &session,
        &job(
            "Photographer for a vineyard brochure",
            "Autumn photos of the harvest for a printed brochure.",
        ),
    )
    .await;
    for typo in ["photgrapher", "vinyard", "brochrue"] {
        let page = search(&app, &format!("q={typo}")).await;
        assert_eq!(
            titles(&page),
            vec!["Photographer for a vineyard brochure"],
            "{typo}"
        );
    }
    assert_eq!(search(&app, "q=xylophone").await["total"], 0);
}

#[actix_web::test]
async fn only_open_public_jobs_are_found_and_changes_show_at_once() {
    let app = TestApp::spawn().await;
    let session = client(&app).await;
    let token = &session.access_token;
    let open = app
        .post_job(
            &session,
            &job("Quokka mascot illustration", "A friendly quokka mascot."),
        )
        .await;
    let mut draft = job("Quokka sticker sheet", "Stickers with our quokka mascot.");
    draft["draft"] = json!(true);
    app.post_job(&session, &draft).await;
    let mut invite_only = job("Quokka plush design", "A plush toy of our quokka mascot.");
    invite_only["visibility"] = json!("invite_only");
    app.post_job(&session, &invite_only).await;
    let to_close = app
        .post_job(
            &session,
            &job(
                "Quokka video intro",
                "A short video with the quokka mascot.",
            ),
        )
        .await;
    let to_cancel = app
        .post_job(
            &session,
            &job("Quokka print ads", "Print ads starring the quokka mascot."),
        )
        .await;
    let close = app
        .post_as(
            &format!(
                "/jobs/{}/close",
                to_close["id"].as_str().unwrap_or_default()
            ),
            token,
            &json!({}),
        )
        .await;
    assert_eq!(close.status(), 200);
    let cancel = app
        .post_as(
            &format!(
                "/jobs/{}/cancel",
                to_cancel["id"].as_str().unwrap_or_default()
            ),
            token,
            &json!({}),
        )
        .await;
    assert_eq!(cancel.status(), 200);
    assert_eq!(
        titles(&search(&app, "q=quokka").await),
        vec!["Quokka mascot illustration"]
    );

    // An edit is searchable as soon as the request returns.
    let id = open["id"].as_str().unwrap_or_default();
    let edited = app
        .patch_as(
            &format!("/jobs/{id}"),
            token,
            &json!({"title": "Wombat mascot illustration"}),
        )
        .await;
    assert_eq!(edited.status(), 200);
    assert_eq!(
        search(&app, "q=quokka").await["total"],
        1,
        "still in the description"
    );
    assert_eq!(
        titles(&search(&app, "q=wombat").await),
        vec!["Wombat mascot illustration"]
    );
}

#[actix_web::test]
async fn an_expired_job_leaves_search_through_the_worker() {
    let app = TestApp::spawn().await;
    let session = client(&app).await;
    app.post_job(
        &session,
        &job("Narwhal logo refresh", "Refresh our narwhal logo."),
    )
    .await;
    assert_eq!(search(&app, "q=narwhal").await["total"], 1);
    app.advance_clock(Duration::days(31));
    let mut gone = false;
    for _ in 0..100 {
        if search(&app, "q=narwhal").await["total"] == 0 {
            gone = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(gone, "the expired job is still found");
}

#[actix_web::test]
async fn every_filter_narrows_the_matches_and_facets_count_them_all() {
    let app = TestApp::spawn().await;
    let (_, verified_session) = app.verified_client().await;
    let unverified = client(&app).await;
    // Verified client (payment method added), in GB (the test default).
    let card = json!({ "card_number": "4242 4242 4242 4242", "exp_month": 12, "exp_year": 2030, "cvc": "123" });
    let added = app
        .post_as("/payment-methods", &verified_session.access_token, &card)
        .await;
    assert_eq!(added.status(), 201);

    let mut fixed_writing = job("Ocelot newsletter writer", "Monthly ocelot newsletter.");
    fixed_writing["budget"] = json!("300.00");
    fixed_writing["experience_level"] = json!("entry");
    app.post_job(&verified_session, &fixed_writing).await;
    app.advance_clock(Duration::minutes(1));

    let mut big_fixed = job("Ocelot documentary script", "A script about ocelots.");
    big_fixed["budget"] = json!("4000.00");
    big_fixed["experience_level"] = json!("expert");
    big_fixed["project_length"] = json!("3_to_6_months");
    app.post_job(&unverified, &big_fixed).await;
    app.advance_clock(Duration::minutes(1));

    let mut dev = hourly(
        job(
            "Ocelot tracker web app",
            "Build a web app for ocelot sightings.",
        ),
        "40.00",
        "70.00",
    );
    dev["category_id"] = json!(category("web-mobile-software-development"));
    dev["skill_ids"] = json!([skill("react"), skill("typescript")]);
    dev["experience_level"] = json!("expert");
    dev["hours_per_week"] = json!("30_plus");
    app.post_job(&verified_session, &dev).await;

    let all = search(&app, "q=ocelot").await;
    assert_eq!(all["total"], 3);
    let facet = |page: &Value, name: &str, value: &str| -> u64 {
        page["facets"][name]
            .as_array()
            .into_iter()
            .flatten()
            .find(|f| f["value"] == value)
            .and_then(|f| f["count"].as_u64())
            .unwrap_or(0)
    };
    assert_eq!(facet(&all, "job_type", "fixed"), 2);
    assert_eq!(facet(&all, "job_type", "hourly"), 1);
    assert_eq!(facet(&all, "experience_level", "expert"), 2);
    assert_eq!(facet(&all, "experience_level", "entry"), 1);
    assert_eq!(facet(&all, "category", &category("writing")), 2);
    let writing = all["facets"]["category"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|f| f["value"] == category("writing"))
        .cloned()
        .unwrap_or_default();
    assert_eq!(writing["name"], "Writing");

    // Facets are disjunctive: a group the search filters on keeps the counts of its
    // other values; the other groups count what the filter leaves.
    let hourly = search(&app, "q=ocelot&job_type=hourly").await;
    assert_eq!(hourly["total"], 1);
    assert_eq!(facet(&hourly, "job_type", "fixed"), 2);
    assert_eq!(facet(&hourly, "job_type", "hourly"), 1);
    assert_eq!(facet(&hourly, "experience_level", "expert"), 1);
    assert_eq!(facet(&hourly, "experience_level", "entry"), 0);
    let expert = search(&app, "q=ocelot&experience_level=expert").await;
    assert_eq!(facet(&expert, "experience_level", "entry"), 1);
    assert_eq!(facet(&expert, "job_type", "fixed"), 1);

    let cases: Vec<(String, Vec<&str>)> = vec![
        ("job_type=hourly".into(), vec!["Ocelot tracker web app"]),
        (
            format!("skills={}", skill("react")),
            vec!["Ocelot tracker web app"],
        ),
        (
            format!("category_id={}", category("writing")),
            vec!["Ocelot newsletter writer", "Ocelot documentary script"],
        ),
        ("min_budget=1000".into(), vec!["Ocelot documentary script"]),
        ("max_budget=500".into(), vec!["Ocelot newsletter writer"]),
        ("min_rate=60".into(), vec!["Ocelot tracker web app"]),
        ("max_rate=30".into(), vec![]),
        (
            "experience_level=entry".into(),
            vec!["Ocelot newsletter writer"],
        ),
        (
            "project_length=3_to_6_months".into(),
            vec!["Ocelot documentary script"],
        ),
        (
            "hours_per_week=30_plus".into(),
            vec!["Ocelot tracker web app"],
        ),
        (
            "payment_verified=false".into(),
            vec!["Ocelot documentary script"],
        ),
        (
            "client_country=GB&payment_verified=true&job_type=fixed".into(),
            vec!["Ocelot newsletter writer"],
        ),
        ("client_country=US".into(), vec![]),
        ("client_has_hires=true".into(), vec![]),
        ("proposals=5-9".into(), vec![]),
        (
            "proposals=0-4,15%2B".into(),
            vec![
                "Ocelot tracker web app",
                "Ocelot documentary script",
                "Ocelot newsletter writer",
            ],
        ),
        (
            "posted_within_days=1&sort=newest".into(),
            vec![
                "Ocelot tracker web app",
                "Ocelot documentary script",
                "Ocelot newsletter writer",
            ],
        ),
    ];
    for (filter, expected) in cases {
        let page = search(&app, &format!("q=ocelot&{filter}")).await;
        let mut found = titles(&page);
        let mut expected: Vec<String> = expected.into_iter().map(str::to_owned).collect();
        if !filter.contains("sort=newest") {
            found.sort();
            expected.sort();
        }
        assert_eq!(found, expected, "{filter}");
        assert_eq!(page["total"], expected.len(), "{filter}");
    }

    // Sorted by pay: the hourly job's top rate counts as its pay.
    let by_budget = search(&app, "q=ocelot&sort=budget").await;
    assert_eq!(
        titles(&by_budget),
        vec![
            "Ocelot documentary script",
            "Ocelot newsletter writer",
            "Ocelot tracker web app"
        ]
    );

    // Posted within: a week later, nothing was posted in the last day.
    app.advance_clock(Duration::days(7));
    assert_eq!(
        search(&app, "q=ocelot&posted_within_days=1").await["total"],
        0
    );
    assert_eq!(
        search(&app, "q=ocelot&posted_within_days=8").await["total"],
        3
    );

    // A result carries what a list needs, with the client's badge.
    let hit = &search(&app, "q=tracker").await["data"][0];
    assert_eq!(hit["hourly_min"], "40.00");
    assert_eq!(hit["client"]["payment_verified"], true);
    assert_eq!(hit["client"]["country"], "GB");
    assert_eq!(hit["proposals"], "0-4");
    assert_eq!(hit["skills"][0]["name"], "React");
}

#[actix_web::test]
async fn pages_follow_the_cursor_to_the_end_without_repeats() {
    let app = TestApp::spawn().await;
    let session = client(&app).await;
    for n in 0..7 {
        app.post_job(
            &session,
            &job(
                &format!("Axolotl tank design {n}"),
                "Design an axolotl tank.",
            ),
        )
        .await;
        app.advance_clock(Duration::minutes(1));
    }
    let mut seen = Vec::new();
    let mut query = "q=axolotl&sort=newest&limit=3".to_owned();
    loop {
        let page = search(&app, &query).await;
        assert_eq!(page["total"], 7);
        seen.extend(titles(&page));
        match page["next_cursor"].as_str() {
            Some(cursor) => query = format!("q=axolotl&sort=newest&limit=3&cursor={cursor}"),
            None => break,
        }
    }
    let expected: Vec<String> = (0..7)
        .rev()
        .map(|n| format!("Axolotl tank design {n}"))
        .collect();
    assert_eq!(seen, expected);

    // A cursor only continues the search it came from.
    let first = search(&app, "q=axolotl&limit=3").await;
    let cursor = first["next_cursor"].as_str().unwrap_or_default().to_owned();
    app.expect_bad_parameter(
        "/jobs",
        &format!("q=tank&limit=3&cursor={cursor}"),
        "cursor",
    )
    .await;
    app.expect_bad_parameter("/jobs", "cursor=forged", "cursor")
        .await;
}

#[actix_web::test]
async fn search_parameters_out_of_range_are_named() {
    let app = TestApp::spawn().await;
    let long = "a".repeat(201);
    for (query, field) in [
        ("limit=0", "limit"),
        ("limit=1000", "limit"),
        ("min_budget=-5", "min_budget"),
        ("min_budget=abc", "min_budget"),
        ("max_rate=1e30", "max_rate"),
        ("min_rate=50&max_rate=10", "min_rate"),
        ("sort=cheapest", "sort"),
        ("job_type=gig", "job_type"),
        ("experience_level=guru", "experience_level"),
        ("proposals=3-7", "proposals"),
        ("posted_within_days=0", "posted_within_days"),
        ("posted_within_days=-1", "posted_within_days"),
        ("client_country=XX", "client_country"),
        ("category_id=not-a-uuid", "category_id"),
        ("skills=nope", "skills"),
        ("payment_verified=maybe", "payment_verified"),
        (&format!("q={long}"), "q"),
    ] {
        app.expect_bad_parameter("/jobs", query, field).await;
    }
    for (query, field) in [
        ("min_jss=101", "min_jss"),
        ("min_rate=-1", "min_rate"),
        ("english_level=klingon", "english_level"),
        ("sort=age", "sort"),
        ("limit=0", "limit"),
        ("cursor=garbage", "cursor"),
    ] {
        app.expect_bad_parameter("/freelancers", query, field).await;
    }
}

fn profile(title: &str, rate: &str, skills: &[&str]) -> Value {
    json!({
        "title": title,
        "overview": "I build things people use every day, and I write about it.",
        "hourly_rate": rate,
        "skill_ids": skills.iter().map(|s| skill(s)).collect::<Vec<_>>(),
        "availability": "30_plus",
        "portfolio": [], "employment": [], "education": [], "certifications": [],
        "languages": [{"language": "English", "level": "fluent"}]
    })
}

async fn freelancer_with(app: &TestApp, body: &Value) -> (String, Session) {
    let account = app.signup_freelancer().await;
    app.verify_email(&account).await;
    let session = app.sign_in(&account).await;
    let response = app
        .client
        .put(app.api("/me/freelancer-profile"))
        .bearer_auth(&session.access_token)
        .json(body)
        .send()
        .await
        .unwrap_or_else(|e| panic!("PUT profile: {e}"));
    assert_eq!(response.status(), 200);
    (account.id, session)
}

#[actix_web::test]
async fn talent_search_finds_freelancers_by_words_rate_and_skills() {
    let app = TestApp::spawn().await;
    let (cheap, _) = freelancer_with(
        &app,
        &profile("Platypus illustrator", "25", &["illustration"]),
    )
    .await;
    let (pricey, _) = freelancer_with(
        &app,
        &profile("Platypus animation studio", "90", &["2d-animation"]),
    )
    .await;
    let ids = |page: &Value| -> Vec<String> {
        page["data"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|f| f["id"].as_str().map(str::to_owned))
            .collect()
    };
    let get = |query: String| {
        let app = &app;
        async move {
            let response = app.get_query("/freelancers", &query).await;
            assert_eq!(response.status(), 200, "{query}");
            response.json::<Value>().await.unwrap_or_default()
        }
    };
    assert_eq!(get("q=platypus&sort=rate".into()).await["total"], 2);
    assert_eq!(
        ids(&get("q=platypus&sort=rate".into()).await),
        vec![cheap.clone(), pricey.clone()]
    );
    assert_eq!(
        ids(&get("q=platypus&sort=rate_desc".into()).await),
        vec![pricey.clone(), cheap.clone()]
    );
    assert_eq!(
        ids(&get("q=platypus&min_rate=20&max_rate=50".into()).await),
        vec![cheap.clone()]
    );
    assert_eq!(ids(&get("q=platypos".into()).await).len(), 2, "typo");
    assert_eq!(
        ids(&get(format!("q=platypus&skills={}", skill("2d-animation"))).await),
        vec![pricey.clone()]
    );
    assert_eq!(
        ids(&get("q=platypus&english_level=fluent&available_now=true".into()).await).len(),
        2
    );
    assert_eq!(
        ids(&get("q=platypus&english_level=native".into()).await).len(),
        0
    );
    assert_eq!(ids(&get("q=platypus&country=GB".into()).await).len(), 2);
    assert_eq!(
        ids(&get("q=platypus&min_jss=80".into()).await).len(),
        0,
        "no JSS yet"
    );
    let hit = &get("q=illustrator".into()).await["data"][0];
    assert_eq!(hit["hourly_rate"], "25.00");
    assert_eq!(hit["skills"][0]["name"], "Illustration");
    assert_eq!(hit["jss"], Value::Null);
}

#[actix_web::test]
async fn best_matches_and_suggested_talent_follow_skills_and_rate() {
    let app = TestApp::spawn().await;
    let session = client(&app).await;
    let mut react = hourly(
        job("Dashboard for a bike rental fleet", "A React dashboard."),
        "50.00",
        "80.00",
    );
    react["category_id"] = json!(category("web-mobile-software-development"));
    react["skill_ids"] = json!([skill("react"), skill("typescript")]);
    let react = app.post_job(&session, &react).await;
    app.post_job(
        &session,
        &job("Essay editing for a magazine", "Edit five essays."),
    )
    .await;

    let (dev, dev_session) = freelancer_with(
        &app,
        &profile("Frontend developer", "60", &["react", "typescript"]),
    )
    .await;
    let (_, _) = freelancer_with(&app, &profile("Copy editor", "30", &["copywriting"])).await;

    let best: Value = app
        .get_as("/me/recommended-jobs", &dev_session.access_token)
        .await
        .json()
        .await
        .unwrap_or_default();
    assert_eq!(titles(&best), vec!["Dashboard for a bike rental fleet"]);

    let react_id = react["id"].as_str().unwrap_or_default();
    let suggested: Value = app
        .get_as(
            &format!("/jobs/{react_id}/suggested-talent"),
            &session.access_token,
        )
        .await
        .json()
        .await
        .unwrap_or_default();
    let ids: Vec<&str> = suggested["data"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| f["id"].as_str())
        .collect();
    assert_eq!(ids, vec![dev.as_str()]);

    // Another client's job: 404; a client asking for best matches: 403.
    let other = client(&app).await;
    expect_problem(
        app.get_as(
            &format!("/jobs/{react_id}/suggested-talent"),
            &other.access_token,
        )
        .await,
        404,
        "not_found",
    )
    .await;
    expect_problem(
        app.get_as("/me/recommended-jobs", &other.access_token)
            .await,
        403,
        "not_a_freelancer",
    )
    .await;
}

/// Searches through one instance until the words find `want` jobs (the other
/// instances read the search log on their worker's tick).
async fn found_through(base: &str, words: &str, want: u64) -> u64 {
    let http = reqwest::Client::new();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    loop {
        let body: Value = http
            .get(format!("{base}/api/v1/jobs"))
            .query(&[("q", words)])
            .send()
            .await
            .unwrap_or_else(|e| panic!("search: {e}"))
            .json()
            .await
            .unwrap_or_default();
        let total = body["total"].as_u64().unwrap_or(u64::MAX);
        if total == want || std::time::Instant::now() > deadline {
            return total;
        }
        actix_web::rt::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

#[actix_web::test]
async fn a_job_posted_through_one_instance_is_found_through_every_other() {
    // Three instances on one database, each with its own index, as behind a load
    // balancer. Before the search log, the first instance to apply a change deleted
    // it, and the others never indexed the job.
    let app = TestApp::spawn().await;
    let (second, third) = (app.sibling(), app.sibling());
    let (_, client) = app.verified_client().await;
    let posted = app
        .post_job(
            &client,
            &job("Quokka habitat survey", "Count quokkas on Rottnest."),
        )
        .await;
    for base in [&app.address, &second, &third] {
        assert_eq!(
            found_through(base, "quokka", 1).await,
            1,
            "{base} finds the new job"
        );
    }

    // Closing it takes it out of every instance's index.
    let id = posted["id"].as_str().unwrap_or_default();
    let closed = app
        .post_as(
            &format!("/jobs/{id}/close"),
            &client.access_token,
            &json!({}),
        )
        .await;
    assert!(closed.status().is_success(), "close: {}", closed.status());
    for base in [&app.address, &second, &third] {
        assert_eq!(
            found_through(base, "quokka", 0).await,
            0,
            "{base} drops the closed job"
        );
    }

    // The log is kept for instances that read it later. Pruning remembers how far it
    // went: every index positioned before that rebuilds from the database instead of
    // missing changes, and goes on reading the log afterwards.
    assert!(app.count("SELECT count(*) AS n FROM search_changes") >= 2);
    let pruned = app.count(
        "WITH gone AS (DELETE FROM search_changes RETURNING 1) \
         UPDATE search_epoch SET pruned_txid = pg_current_xact_id()::text::bigint \
         RETURNING (SELECT count(*) FROM gone) AS n",
    );
    assert!(pruned >= 2, "pruned {pruned}");
    app.post_job(
        &client,
        &job("Wombat burrow mapping", "Map wombat burrows."),
    )
    .await;
    for base in [&app.address, &second, &third] {
        assert_eq!(
            found_through(base, "wombat", 1).await,
            1,
            "{base} after a prune"
        );
        assert_eq!(
            found_through(base, "quokka", 0).await,
            0,
            "{base} after a prune"
        );
    }
}
