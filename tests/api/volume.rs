//! `worklane seed --jobs --freelancers --clients --seed`: realistic, deterministic
//! volume data that satisfies every rule a posted job or profile must.

use worklane_api::seed::volume::{VolumeSpec, seed_volume};
use worklane_tests::TestApp;

fn spec(seed: u64) -> VolumeSpec {
    VolumeSpec {
        jobs: 400,
        freelancers: 60,
        clients: 20,
        seed,
    }
}

fn fingerprint(app: &TestApp) -> i64 {
    app.count("SELECT count(DISTINCT md5(id::text || title || coalesce(budget::text, hourly_max::text)))::bigint AS n FROM jobs WHERE title LIKE '%e%'")
}

#[actix_web::test]
async fn volume_data_is_complete_valid_and_deterministic() {
    let first = TestApp::spawn().await;
    let second = TestApp::spawn().await;
    let now = worklane_tests::start_of_test_time();
    for app in [&first, &second] {
        let report = seed_volume(
            &mut app.db.connect(),
            spec(9),
            now,
            "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaA",
        )
        .unwrap_or_else(|e| panic!("{e:#}"));
        assert_eq!(
            (report.jobs, report.freelancers, report.clients),
            (400, 60, 20)
        );
    }
    assert_eq!(
        first.count("SELECT count(*) AS n FROM jobs WHERE status = 'open'"),
        400
    );
    assert_eq!(
        first.count("SELECT count(*) AS n FROM users WHERE is_client"),
        20
    );
    assert_eq!(
        first.count("SELECT count(*) AS n FROM freelancer_profiles"),
        60
    );
    // Every job has 2-6 skills, every freelancer 3-10, all from the taxonomy.
    assert_eq!(first.count("SELECT count(*) AS n FROM (SELECT job_id FROM job_skills GROUP BY job_id HAVING count(*) BETWEEN 2 AND 6) j"), 400);
    assert_eq!(first.count("SELECT count(*) AS n FROM (SELECT user_id FROM freelancer_skills GROUP BY user_id HAVING count(*) BETWEEN 3 AND 10) f"), 60);
    // Posting dates spread over 90 days, none in the future, none idle long enough to expire.
    assert_eq!(first.count("SELECT count(*) AS n FROM jobs WHERE created_at > to_timestamp(1795000000) OR created_at < to_timestamp(1795000000) - interval '90 days'"), 0);
    assert_eq!(
        first.count("SELECT count(*) AS n FROM jobs WHERE last_activity_at < created_at"),
        0
    );
    assert!(
        first.count("SELECT count(DISTINCT date_trunc('week', created_at))::bigint AS n FROM jobs")
            >= 12
    );
    // Both fixed and hourly work, across most categories.
    assert!(first.count("SELECT count(*) AS n FROM jobs WHERE job_type = 'hourly'") > 80);
    assert!(first.count("SELECT count(DISTINCT c.parent_id)::bigint AS n FROM jobs j JOIN categories c ON c.id = j.category_id") >= 10);
    // The same seed writes the same data.
    assert_eq!(fingerprint(&first), fingerprint(&second));
    assert_eq!(
        first.count("SELECT sum(hashtext(id::text || title))::bigint AS n FROM jobs"),
        second.count("SELECT sum(hashtext(id::text || title))::bigint AS n FROM jobs")
    );
    // Seeding the same seed again writes nothing (a second `make run` reuses the data).
    let again =
        seed_volume(&mut first.db.connect(), spec(9), now, "x").unwrap_or_else(|e| panic!("{e:#}"));
    assert!(again.already_seeded);
    assert_eq!(first.count("SELECT count(*) AS n FROM jobs"), 400);
}

#[actix_web::test]
async fn seeded_jobs_are_served_by_the_api() {
    let app = TestApp::spawn().await;
    seed_volume(
        &mut app.db.connect(),
        spec(5),
        worklane_tests::start_of_test_time(),
        "x",
    )
    .unwrap_or_else(|e| panic!("{e:#}"));
    let id = {
        use diesel::RunQueryDsl;
        #[derive(diesel::QueryableByName)]
        struct Row {
            #[diesel(sql_type = diesel::sql_types::Uuid)]
            id: uuid::Uuid,
        }
        diesel::sql_query("SELECT id FROM jobs WHERE visibility = 'public' LIMIT 1")
            .get_result::<Row>(&mut app.db.connect())
            .map(|r| r.id)
            .unwrap_or_default()
    };
    let job: serde_json::Value = app
        .get(&format!("/jobs/{id}"))
        .await
        .json()
        .await
        .unwrap_or_default();
    assert_eq!(job["status"], "open");
    assert!(job["skills"].as_array().is_some_and(|s| s.len() >= 2));
}
