//! SPEC §11 messaging and notifications: a conversation per proposal, offer, contract
//! and dispute for its two parties only; unread counts and read markers; edits within
//! 15 minutes; search; the off-platform warning before a contract; the flood limit;
//! notifications in the app, by email (with preferences) and live over the WebSocket,
//! also from another server instance on the same database.

use crate::delivery::{act, contract, milestone_id};
use crate::hiring::{
    Who, add_card, fixed_offer, json_of, post, proposal_on_a_job, upload, verified,
};
use awc::ws::{CloseCode, Frame};
use chrono::Duration;
use futures_util::StreamExt;
use serde_json::{Value, json};
use worklane_tests::{TestApp, error_fields, expect_problem};

async fn conversations(app: &TestApp, who: &Who, query: &str) -> Value {
    json_of(
        app.get_as(&format!("/conversations{query}"), &who.session.access_token)
            .await,
    )
    .await
}

/// The conversation of a subject (proposal, offer, contract or dispute), as `who` sees it.
async fn conversation_of(app: &TestApp, who: &Who, subject_id: &str) -> Value {
    let page = conversations(app, who, &format!("?subject_id={subject_id}")).await;
    assert_eq!(page["data"].as_array().map(Vec::len), Some(1), "{page}");
    page["data"][0].clone()
}

async fn send(app: &TestApp, who: &Who, conversation: &str, body: Value) -> reqwest::Response {
    post(
        app,
        format!("/conversations/{conversation}/messages"),
        &who.session.access_token,
        body,
    )
    .await
}

fn id_of(value: &Value) -> String {
    value["id"].as_str().unwrap_or_default().to_owned()
}

#[actix_web::test]
async fn a_proposal_opens_a_conversation_that_only_its_two_parties_can_use() {
    let app = TestApp::spawn().await;
    let (client, mut freelancer, _job, proposal_id) = proposal_on_a_job(&app).await;
    let stranger = verified(&app, "stranger", &["client", "freelancer"]).await;

    let conversation = conversation_of(&app, &client, &proposal_id).await;
    assert_eq!(conversation["kind"], "proposal");
    assert_eq!(conversation["link"], format!("/proposals/{proposal_id}"));
    assert_eq!(conversation["unread_count"], 0);
    let roles: Vec<&str> = conversation["participants"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| p["role"].as_str())
        .collect();
    assert_eq!(roles, ["client", "freelancer"]);
    assert!(conversation["participants"][1]["timezone"].is_string());
    let id = id_of(&conversation);

    // Strangers get 404 for everything, and writing nothing.
    let path = format!("/conversations/{id}");
    for response in [
        app.get_as(&path, &stranger.session.access_token).await,
        app.get_as(&format!("{path}/messages"), &stranger.session.access_token)
            .await,
        send(&app, &stranger, &id, json!({"body": "Hi"})).await,
        post(
            &app,
            format!("{path}/read"),
            &stranger.session.access_token,
            json!({}),
        )
        .await,
    ] {
        expect_problem(response, 404, "not_found").await;
    }
    assert_eq!(conversations(&app, &stranger, "").await["data"], json!([]));

    // Bad bodies are refused with the field named, and write nothing.
    for body in [
        json!({"body": ""}),
        json!({"body": "   "}),
        json!({"body": "x".repeat(5001)}),
    ] {
        let problem = expect_problem(
            send(&app, &freelancer, &id, body).await,
            422,
            "validation_failed",
        )
        .await;
        assert_eq!(error_fields(&problem), ["body"]);
    }
    let theirs = json_of(upload(&app, &stranger, "theirs.txt", b"not yours").await).await;
    let problem = expect_problem(
        send(
            &app,
            &freelancer,
            &id,
            json!({"body": "See file", "attachment_ids": [theirs["id"]]}),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(error_fields(&problem), ["attachment_ids"]);
    assert_eq!(app.count("SELECT count(*) AS n FROM messages"), 0);

    // The freelancer writes with a file; the client has one unread and can read the file.
    let file = json_of(upload(&app, &freelancer, "plan.pdf", b"%PDF-1.7 plan").await).await;
    let sent = send(&app, &freelancer, &id, json!({"body": "Here is my <script>alert(1)</script> plan.", "attachment_ids": [file["id"]]})).await;
    assert_eq!(sent.status(), 201);
    let sent = json_of(sent).await;
    assert_eq!(sent["body"], "Here is my <script>alert(1)</script> plan.");
    assert_eq!(sent["attachments"][0]["filename"], "plan.pdf");
    assert_eq!(sent["warnings"], json!([]));
    let inbox = conversations(&app, &client, "").await;
    assert_eq!(inbox["unread_total"], 1);
    assert_eq!(inbox["data"][0]["unread_count"], 1);
    assert_eq!(inbox["data"][0]["last_message"]["id"], sent["id"]);
    assert_eq!(
        conversations(&app, &client, "?unread=true").await["data"]
            .as_array()
            .map(Vec::len),
        Some(1)
    );
    let file_path = format!("/attachments/{}", file["id"].as_str().unwrap_or_default());
    assert_eq!(
        app.get_as(&file_path, &client.session.access_token)
            .await
            .status(),
        200
    );
    assert_eq!(
        app.get_as(&file_path, &stranger.session.access_token)
            .await
            .status(),
        404
    );
    // The sender's own message never counts as unread for them.
    assert_eq!(
        conversations(&app, &freelancer, "").await["unread_total"],
        0
    );

    let read = json_of(
        post(
            &app,
            format!("{path}/read"),
            &client.session.access_token,
            json!({}),
        )
        .await,
    )
    .await;
    assert_eq!(read, json!({"unread_count": 0, "unread_total": 0}));

    // Newest first with a cursor; search within the conversation.
    for n in 1..=4 {
        app.advance_clock(Duration::seconds(1));
        let response = send(
            &app,
            &client,
            &id,
            json!({"body": format!("Question {n} about the budget")}),
        )
        .await;
        assert_eq!(response.status(), 201);
    }
    let first = json_of(
        app.get_as(
            &format!("{path}/messages?limit=3"),
            &freelancer.session.access_token,
        )
        .await,
    )
    .await;
    let bodies: Vec<&str> = first["data"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|m| m["body"].as_str())
        .collect();
    assert_eq!(
        bodies,
        [
            "Question 4 about the budget",
            "Question 3 about the budget",
            "Question 2 about the budget"
        ]
    );
    let cursor = first["next_cursor"].as_str().unwrap_or_default().to_owned();
    let rest = json_of(
        app.get_as(
            &format!("{path}/messages?limit=3&cursor={cursor}"),
            &freelancer.session.access_token,
        )
        .await,
    )
    .await;
    assert_eq!(rest["data"].as_array().map(Vec::len), Some(2));
    assert!(rest["next_cursor"].is_null());
    let found = json_of(
        app.get_as(
            &format!("{path}/messages?q=QUESTION%203"),
            &freelancer.session.access_token,
        )
        .await,
    )
    .await;
    assert_eq!(found["data"].as_array().map(Vec::len), Some(1));
    let none = json_of(
        app.get_as(
            &format!("{path}/messages?q=%25"),
            &freelancer.session.access_token,
        )
        .await,
    )
    .await;
    assert_eq!(none["data"], json!([]), "a % is searched for literally");
    expect_problem(
        app.get_as(
            &format!("{path}/messages?cursor=nope"),
            &freelancer.session.access_token,
        )
        .await,
        400,
        "invalid_parameter",
    )
    .await;

    // Reading up to a message leaves the later ones unread.
    let third = first["data"][1]["id"].clone();
    let read = json_of(
        post(
            &app,
            format!("{path}/read"),
            &freelancer.session.access_token,
            json!({"message_id": third}),
        )
        .await,
    )
    .await;
    assert_eq!(read["unread_count"], 1);

    // Edits: the sender, within 15 minutes; then never.
    let message = format!("/messages/{}", id_of(&sent));
    expect_problem(
        app.patch_as(
            &message,
            &client.session.access_token,
            &json!({"body": "hijack"}),
        )
        .await,
        404,
        "not_found",
    )
    .await;
    let edited = json_of(
        app.patch_as(
            &message,
            &freelancer.session.access_token,
            &json!({"body": "Here is my revised plan."}),
        )
        .await,
    )
    .await;
    assert_eq!(edited["body"], "Here is my revised plan.");
    assert!(edited["edited_at"].is_string());
    // After the window the sender gets 409 (signing in again: the clock moved on).
    app.advance_clock(Duration::minutes(16));
    freelancer.fresh(&app).await;
    expect_problem(
        app.patch_as(
            &message,
            &freelancer.session.access_token,
            &json!({"body": "too late"}),
        )
        .await,
        409,
        "edit_window_closed",
    )
    .await;
}

#[actix_web::test]
async fn contact_details_are_flagged_to_the_sender_before_a_contract_and_not_after() {
    let app = TestApp::spawn().await;
    let (client, freelancer, _job, proposal_id) = proposal_on_a_job(&app).await;
    let id = id_of(&conversation_of(&app, &freelancer, &proposal_id).await);
    let sent = json_of(send(&app, &freelancer, &id, json!({"body": "Email me at fran@example.com or call +1 415 555 0132; PayPal is fine."})).await).await;
    assert_eq!(
        sent["warnings"],
        json!(["email", "phone", "payment_handle"])
    );
    // Delivered all the same; the reader doesn't see the sender's warnings.
    let seen = json_of(
        app.get_as(
            &format!("/conversations/{id}/messages"),
            &client.session.access_token,
        )
        .await,
    )
    .await;
    assert_eq!(seen["data"][0]["id"], sent["id"]);
    assert_eq!(seen["data"][0]["warnings"], json!([]));
    let plain = json_of(
        send(
            &app,
            &freelancer,
            &id,
            json!({"body": "I can deliver in 3 weeks for $1,500."}),
        )
        .await,
    )
    .await;
    assert_eq!(plain["warnings"], json!([]));

    // Once they have a contract, work talk with a phone number is not flagged.
    let (client, freelancer, contract) = contract(&app).await;
    let contract_id = id_of(&contract);
    let conversation = conversation_of(&app, &client, &contract_id).await;
    assert_eq!(conversation["kind"], "contract");
    let sent = json_of(
        send(
            &app,
            &freelancer,
            &id_of(&conversation),
            json!({"body": "Call me on 415-555-0132 for the kickoff."}),
        )
        .await,
    )
    .await;
    assert_eq!(sent["warnings"], json!([]));
    // The offer got its own conversation too.
    let offer = conversation_of(
        &app,
        &freelancer,
        contract["offer_id"].as_str().unwrap_or_default(),
    )
    .await;
    assert_eq!(offer["kind"], "offer");
}

#[actix_web::test]
async fn more_than_twenty_messages_a_minute_are_refused_with_429() {
    let app = TestApp::spawn().await;
    let (_client, freelancer, _job, proposal_id) = proposal_on_a_job(&app).await;
    let id = id_of(&conversation_of(&app, &freelancer, &proposal_id).await);
    for n in 0..20 {
        let response = send(&app, &freelancer, &id, json!({"body": format!("ping {n}")})).await;
        assert_eq!(response.status(), 201);
    }
    let response = send(&app, &freelancer, &id, json!({"body": "one too many"})).await;
    assert_eq!(
        response
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok()),
        Some("60")
    );
    expect_problem(response, 429, "too_many_messages").await;
    assert_eq!(app.count("SELECT count(*) AS n FROM messages"), 20);
    app.advance_clock(Duration::seconds(61));
    let mut freelancer = freelancer;
    freelancer.fresh(&app).await;
    assert_eq!(
        send(&app, &freelancer, &id, json!({"body": "a minute later"}))
            .await
            .status(),
        201
    );
}

async fn notifications(app: &TestApp, who: &Who) -> Value {
    json_of(
        app.get_as("/notifications", &who.session.access_token)
            .await,
    )
    .await
}

fn kinds(page: &Value) -> Vec<String> {
    page["data"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|n| n["kind"].as_str().map(str::to_owned))
        .collect()
}

#[actix_web::test]
async fn every_event_notifies_in_the_app_and_by_email_unless_turned_off() {
    let app = TestApp::spawn().await;
    let (client, freelancer, contract) = contract(&app).await;
    // Newest first: the client heard of the proposal and the acceptance; the
    // freelancer of the offer.
    assert_eq!(
        kinds(&notifications(&app, &client).await),
        ["offer_answered", "proposal_received"]
    );
    let theirs = notifications(&app, &freelancer).await;
    assert_eq!(kinds(&theirs), ["offer_received"]);
    assert_eq!(theirs["unread_count"], 1);
    assert!(
        theirs["data"][0]["link"]
            .as_str()
            .is_some_and(|l| l.starts_with("/offers/"))
    );
    app.mailbox(&freelancer.account.email, 2).await; // verification + the offer

    // The client turns off emails for submissions; the in-app one still comes.
    let prefs = json_of(
        app.get_as("/me/notification-preferences", &client.session.access_token)
            .await,
    )
    .await;
    assert!(
        prefs["email"]
            .as_array()
            .is_some_and(|all| all.len() == 14 && all.iter().all(|p| p["email"] == true))
    );
    let saved = json_of(
        app.put_as(
            "/me/notification-preferences",
            &client.session.access_token,
            &json!({"email": [{"kind": "milestone_submitted", "email": false}]}),
        )
        .await,
    )
    .await;
    assert!(
        saved["email"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|p| p["kind"] == "milestone_submitted" && p["email"] == false)
    );
    let problem = expect_problem(
        app.put_as(
            "/me/notification-preferences",
            &client.session.access_token,
            &json!({"email": [{"kind": "nonsense", "email": false}]}),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    assert!(!error_fields(&problem).is_empty());

    let first = milestone_id(&contract, 0);
    act(
        &app,
        &freelancer,
        &first,
        "submit",
        json!({"message": "Done."}),
    )
    .await;
    let mine = notifications(&app, &client).await;
    assert_eq!(kinds(&mine)[0], "milestone_submitted");
    assert_eq!(mine["unread_count"], 3);
    act(&app, &client, &first, "approve", json!({})).await;
    assert_eq!(
        kinds(&notifications(&app, &freelancer).await)[0],
        "milestone_approved"
    );
    let mails = app.mailbox(&freelancer.account.email, 3).await;
    assert!(mails.iter().any(|m| {
        m["subject"]
            .as_str()
            .is_some_and(|s| s.contains("was approved"))
    }));
    // Mail for the client: verification, proposal, acceptance — no submission.
    let client_mail = app.mailbox(&client.account.email, 3).await;
    assert!(!client_mail.iter().any(|m| {
        m["subject"]
            .as_str()
            .is_some_and(|s| s.starts_with("Work submitted"))
    }));

    // A malformed body is refused, never taken for "mark all read".
    for (body, status) in [(json!({"ids": [""]}), 422), (json!({"ids": "all"}), 422)] {
        let response = post(
            &app,
            "/notifications/read".to_owned(),
            &client.session.access_token,
            body,
        )
        .await;
        assert_eq!(response.status(), status);
        if status == 422 {
            assert!(
                json_of(response).await["errors"][0]["field"]
                    .as_str()
                    .is_some_and(|f| f.starts_with("ids"))
            );
        }
    }
    let garbage = app
        .client
        .post(app.api("/notifications/read"))
        .bearer_auth(&client.session.access_token)
        .header("content-type", "application/json")
        .body("{nope")
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(garbage.status(), 400);
    // Marking read: some, then all; nobody else's.
    let one = mine["data"][0]["id"].clone();
    let left = json_of(
        post(
            &app,
            "/notifications/read".to_owned(),
            &freelancer.session.access_token,
            json!({"ids": [one]}),
        )
        .await,
    )
    .await;
    assert_eq!(
        left["unread_count"], 2,
        "the client's notification is not the freelancer's to read"
    );
    let left = json_of(
        post(
            &app,
            "/notifications/read".to_owned(),
            &client.session.access_token,
            json!({"ids": [one]}),
        )
        .await,
    )
    .await;
    assert_eq!(left["unread_count"], 2);
    let left = json_of(
        post(
            &app,
            "/notifications/read".to_owned(),
            &client.session.access_token,
            json!({}),
        )
        .await,
    )
    .await;
    assert_eq!(left["unread_count"], 0);
    assert_eq!(
        json_of(
            app.get_as("/notifications?unread=true", &client.session.access_token)
                .await
        )
        .await["data"],
        json!([])
    );
}

type Socket = actix_codec::Framed<awc::BoxedSocket, awc::ws::Codec>;

async fn socket(url: &str) -> Socket {
    let (_, socket) = awc::Client::new()
        .ws(url)
        .connect()
        .await
        .unwrap_or_else(|e| panic!("connect {url}: {e}"));
    socket
}

/// The next JSON event on the socket, within a second.
async fn next_event(socket: &mut Socket) -> Value {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(1);
    loop {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        match actix_web::rt::time::timeout(left, socket.next()).await {
            Ok(Some(Ok(Frame::Text(bytes)))) => {
                return serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("event: {e}"));
            }
            Ok(Some(Ok(Frame::Ping(_) | Frame::Pong(_)))) => continue,
            other => panic!("no event within a second: {other:?}"),
        }
    }
}

async fn close_reason(socket: &mut Socket) -> (CloseCode, String) {
    loop {
        match actix_web::rt::time::timeout(std::time::Duration::from_secs(2), socket.next()).await {
            Ok(Some(Ok(Frame::Close(Some(reason))))) => {
                return (reason.code, reason.description.unwrap_or_default());
            }
            Ok(Some(Ok(Frame::Ping(_)))) => continue,
            other => panic!("expected a close frame: {other:?}"),
        }
    }
}

#[actix_web::test]
async fn the_websocket_pushes_messages_and_notifications_within_a_second() {
    let app = TestApp::spawn().await;
    let (client, freelancer, _job, proposal_id) = proposal_on_a_job(&app).await;
    let id = id_of(&conversation_of(&app, &client, &proposal_id).await);
    let mut client_socket =
        socket(&TestApp::ws_url(&app.address, &client.session.access_token)).await;
    let mut freelancer_socket = socket(&TestApp::ws_url(
        &app.address,
        &freelancer.session.access_token,
    ))
    .await;

    let sent = json_of(
        send(
            &app,
            &freelancer,
            &id,
            json!({"body": "Reach me at fran@example.com"}),
        )
        .await,
    )
    .await;
    let event = next_event(&mut client_socket).await;
    assert_eq!(event["type"], "message");
    assert_eq!(event["message"]["id"], sent["id"]);
    assert_eq!(
        event["message"]["warnings"],
        json!([]),
        "the reader never sees the sender's warnings"
    );
    // The sender's other tabs get it too, with the warning.
    let own = next_event(&mut freelancer_socket).await;
    assert_eq!(own["message"]["warnings"], json!(["email"]));

    // A notification arrives live with the unread count.
    let card = add_card(&app, &client, "4242 4242 4242 4242").await;
    let offer = app
        .post_as(
            "/offers",
            &client.session.access_token,
            &fixed_offer(&proposal_id, Some(&card)),
        )
        .await;
    assert_eq!(offer.status(), 201);
    let event = next_event(&mut freelancer_socket).await;
    assert_eq!(event["type"], "notification");
    assert_eq!(event["notification"]["kind"], "offer_received");
    assert_eq!(event["unread_count"], 1);
}

#[actix_web::test]
async fn a_bad_or_expired_token_closes_the_websocket_with_a_reason() {
    let app = TestApp::spawn().await;
    let who = verified(&app, "sock", &["client"]).await;
    let mut forged = socket(&TestApp::ws_url(
        &app.address,
        "eyJhbGciOiJIUzI1NiJ9.e30.forged",
    ))
    .await;
    let (code, reason) = close_reason(&mut forged).await;
    assert_eq!(code, CloseCode::Policy);
    assert!(!reason.is_empty());
    let mut missing = socket(&format!(
        "{}/api/v1/ws",
        app.address.replacen("http://", "ws://", 1)
    ))
    .await;
    assert_eq!(close_reason(&mut missing).await.0, CloseCode::Policy);

    // A token that expires while the socket is open closes it, "token expired".
    app.advance_clock(Duration::minutes(14) + Duration::seconds(59));
    let mut open = socket(&TestApp::ws_url(&app.address, &who.session.access_token)).await;
    let (code, reason) = close_reason(&mut open).await;
    assert_eq!(
        (code, reason.as_str()),
        (CloseCode::Policy, "token expired")
    );
    // And an expired one is refused at once.
    app.advance_clock(Duration::seconds(5));
    let mut late = socket(&TestApp::ws_url(&app.address, &who.session.access_token)).await;
    assert_eq!(close_reason(&mut late).await.0, CloseCode::Policy);

    // Without the upgrade it is a plain 400 problem.
    let response = app
        .get_as(&format!("/ws?token={}", who.session.access_token), "x")
        .await;
    expect_problem(response, 400, "not_a_websocket").await;
}

#[actix_web::test]
async fn a_message_sent_through_one_instance_reaches_a_socket_on_another() {
    let app = TestApp::spawn().await;
    let other_instance = app.sibling();
    let (client, freelancer, _job, proposal_id) = proposal_on_a_job(&app).await;
    let id = id_of(&conversation_of(&app, &client, &proposal_id).await);
    // The client is connected to the second instance; the freelancer writes through the first.
    let mut client_socket = socket(&TestApp::ws_url(
        &other_instance,
        &client.session.access_token,
    ))
    .await;
    actix_web::rt::time::sleep(std::time::Duration::from_millis(100)).await;
    let started = std::time::Instant::now();
    let sent =
        json_of(send(&app, &freelancer, &id, json!({"body": "Across instances"})).await).await;
    let event = next_event(&mut client_socket).await;
    assert_eq!(event["message"]["id"], sent["id"]);
    assert!(started.elapsed() < std::time::Duration::from_secs(1));
}

#[actix_web::test]
async fn a_dispute_has_its_own_conversation_its_thread() {
    let app = TestApp::spawn().await;
    let (client, freelancer, contract) = contract(&app).await;
    let first = milestone_id(&contract, 0);
    act(
        &app,
        &freelancer,
        &first,
        "submit",
        json!({"message": "Done."}),
    )
    .await;
    let dispute = json_of(
        post(
            &app,
            "/disputes".to_owned(),
            &client.session.access_token,
            json!({"milestone_id": first, "reason": "Missing pages", "requested_refund": "50.00"}),
        )
        .await,
    )
    .await;
    let conversation = conversation_of(&app, &freelancer, &id_of(&dispute)).await;
    assert_eq!(conversation["kind"], "dispute");
    send(
        &app,
        &freelancer,
        &id_of(&conversation),
        json!({"body": "The pages are in the zip."}),
    )
    .await;
    let dispute = json_of(
        app.get_as(
            &format!("/disputes/{}", id_of(&dispute)),
            &client.session.access_token,
        )
        .await,
    )
    .await;
    assert_eq!(dispute["messages"][0]["body"], "The pages are in the zip.");
    assert_eq!(
        kinds(&notifications(&app, &freelancer).await)[0],
        "dispute_opened"
    );
}
