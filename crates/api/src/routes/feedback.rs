//! Feedback on ended contracts and the public reviews on profiles.

use crate::extract::{AuthUser, ValidJson, ValidQuery};
use crate::problem::{ApiError, Problem};
use crate::state::AppState;
use actix_web::{HttpResponse, get, post, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};
use uuid::Uuid;
use validator::Validate;
use worklane_app::feedback::{self, FeedbackInput, FeedbackState};
use worklane_db::feedback::{Feedback, Review as ReviewRow};

#[derive(OpenApi)]
#[openapi(paths(contract_feedback, leave_feedback, freelancer_reviews, client_reviews))]
pub struct FeedbackApi;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(contract_feedback)
        .service(leave_feedback)
        .service(freelancer_reviews)
        .service(client_reviews);
}

/// Feedback one party left.
#[derive(Debug, Serialize, ToSchema)]
pub struct FeedbackEntry {
    pub author_id: Uuid,
    /// `client` or `freelancer`.
    pub author_role: String,
    /// 1–5.
    pub rating: i16,
    pub comment: String,
    /// Your own private score (0–10); never shown for the other party's feedback.
    pub private_score: Option<i16>,
    pub created_at: DateTime<Utc>,
}

fn entry(f: Feedback, with_private: bool) -> FeedbackEntry {
    FeedbackEntry {
        author_id: f.author_id,
        author_role: f.author_role,
        rating: f.rating,
        comment: f.comment,
        private_score: with_private.then_some(f.private_score),
        created_at: f.created_at,
    }
}

/// A contract's feedback as you see it: yours, and theirs once revealed.
#[derive(Debug, Serialize, ToSchema)]
pub struct ContractFeedback {
    pub contract_id: Uuid,
    /// Feedback is taken until then (null while the contract runs).
    pub window_closes_at: Option<DateTime<Utc>>,
    /// Whether you can leave feedback now.
    pub can_leave: bool,
    /// Both wrote, or the window closed: feedback is visible.
    pub revealed: bool,
    pub revealed_at: Option<DateTime<Utc>>,
    pub mine: Option<FeedbackEntry>,
    /// The other party's feedback: only once revealed.
    pub theirs: Option<FeedbackEntry>,
    /// Whether the other party has written (before the reveal its content stays hidden).
    pub theirs_written: bool,
}

impl From<FeedbackState> for ContractFeedback {
    fn from(s: FeedbackState) -> Self {
        Self {
            contract_id: s.contract.id,
            window_closes_at: s.closes_at,
            can_leave: s.can_leave,
            revealed: s.revealed_at.is_some(),
            revealed_at: s.revealed_at,
            mine: s.mine.map(|f| entry(f, true)),
            theirs: s.theirs.map(|f| entry(f, false)),
            theirs_written: s.theirs_written,
        }
    }
}

/// Your feedback view of a contract (its parties only)
#[utoipa::path(
    tag = "contracts",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The contract's id")),
    responses(
        (status = 200, description = "Yours, and theirs once revealed", body = ContractFeedback),
        (status = 404, description = "No such contract of yours", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/contracts/{id}/feedback")]
pub async fn contract_feedback(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let view = state
        .db(move |conn, ctx| feedback::get(conn, ctx, &user, id))
        .await?;
    Ok(HttpResponse::Ok().json(ContractFeedback::from(view)))
}

#[derive(Debug, Serialize, Deserialize, Validate, ToSchema)]
pub struct LeaveFeedback {
    /// Public, 1–5.
    #[schema(minimum = 1, maximum = 5)]
    pub rating: i64,
    /// Public.
    #[validate(length(min = 1, max = 5000))]
    pub comment: String,
    /// For the platform only (it feeds the Job Success Score), 0–10.
    #[schema(minimum = 0, maximum = 10)]
    pub private_score: i64,
}

/// Leave feedback on an ended contract (once, within 14 days)
///
/// Double-blind: the other party sees it when they have written too, or when the
/// window closes.
#[utoipa::path(
    tag = "contracts",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The contract's id")),
    request_body = LeaveFeedback,
    responses(
        (status = 201, description = "Recorded", body = ContractFeedback),
        (status = 404, description = "No such contract of yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`contract_not_ended`, `feedback_window_closed` or `feedback_already_given`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A rating or score out of range, or no comment", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/contracts/{id}/feedback")]
pub async fn leave_feedback(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    id: web::Path<Uuid>,
    ValidJson(body): ValidJson<LeaveFeedback>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let view = state
        .db(move |conn, ctx| {
            feedback::leave(
                conn,
                ctx,
                &user,
                id,
                FeedbackInput {
                    rating: body.rating,
                    comment: body.comment,
                    private_score: body.private_score,
                },
            )
        })
        .await?;
    Ok(HttpResponse::Created().json(ContractFeedback::from(view)))
}

/// A public review on a profile.
#[derive(Debug, Serialize, ToSchema)]
pub struct Review {
    pub contract_id: Uuid,
    pub contract_title: String,
    pub author: ReviewAuthor,
    pub rating: i16,
    pub comment: String,
    pub created_at: DateTime<Utc>,
    /// When the contract ended.
    pub ended_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReviewAuthor {
    pub id: Uuid,
    pub full_name: String,
    pub country: String,
    /// `client` or `freelancer`.
    pub role: String,
}

impl From<ReviewRow> for Review {
    fn from(r: ReviewRow) -> Self {
        Self {
            contract_id: r.contract_id,
            contract_title: r.contract_title,
            author: ReviewAuthor {
                id: r.author_id,
                full_name: r.author_name,
                country: r.author_country,
                role: r.author_role,
            },
            rating: r.rating,
            comment: r.comment,
            created_at: r.created_at,
            ended_at: r.ended_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReviewPage {
    pub data: Vec<Review>,
    pub next_cursor: Option<String>,
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReviewsQuery {
    #[validate(length(min = 1, max = 200))]
    #[param(min_length = 1, max_length = 200)]
    pub cursor: Option<String>,
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
}

async fn reviews(
    state: web::Data<AppState>,
    subject: Uuid,
    query: ReviewsQuery,
) -> Result<HttpResponse, ApiError> {
    let (rows, next_cursor) = state
        .db(move |conn, ctx| {
            feedback::reviews(conn, ctx, subject, query.cursor.as_deref(), query.limit)
        })
        .await?;
    Ok(HttpResponse::Ok().json(ReviewPage {
        data: rows.into_iter().map(Review::from).collect(),
        next_cursor,
    }))
}

/// Public reviews of a freelancer, newest first
///
/// Revealed feedback on contracts that paid at least 1.00.
#[utoipa::path(
    tag = "profiles",
    params(("id" = Uuid, Path, description = "The freelancer's user id"), ReviewsQuery),
    responses(
        (status = 200, description = "Newest first", body = ReviewPage),
        (status = 400, description = "A bad cursor or limit", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not a user id", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/freelancers/{id}/reviews")]
pub async fn freelancer_reviews(
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    ValidQuery(query): ValidQuery<ReviewsQuery>,
) -> Result<HttpResponse, ApiError> {
    reviews(state, id.into_inner(), query).await
}

/// Public reviews of a client, newest first
#[utoipa::path(
    tag = "profiles",
    params(("id" = Uuid, Path, description = "The client's user id"), ReviewsQuery),
    responses(
        (status = 200, description = "Newest first", body = ReviewPage),
        (status = 400, description = "A bad cursor or limit", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not a user id", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/clients/{id}/reviews")]
pub async fn client_reviews(
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    ValidQuery(query): ValidQuery<ReviewsQuery>,
) -> Result<HttpResponse, ApiError> {
    reviews(state, id.into_inner(), query).await
}
