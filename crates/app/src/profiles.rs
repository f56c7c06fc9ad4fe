//! Freelancer and client profiles: editing your own, reading anyone's public page.

use crate::context::AppContext;
use crate::error::{AppError, AppResult, FieldError};
use crate::search::{self, SearchChange};
use diesel::{Connection, PgConnection};
use uuid::Uuid;
use worklane_db::attachments::{self, Attachment};
use worklane_db::jobs as job_rows;
use worklane_db::profiles::{self, ClientProfile, FreelancerProfile};
use worklane_db::users::{self, User};
use worklane_domain::money::Money;
use worklane_domain::profiles::{ProfileFacts, completeness};

/// A freelancer's profile as submitted. The repeating sections arrive already
/// checked item by item by the HTTP layer, as JSON arrays.
#[derive(Debug, Clone)]
pub struct FreelancerProfileInput {
    pub title: String,
    pub overview: String,
    pub hourly_rate: Option<String>,
    pub skill_ids: Vec<Uuid>,
    pub availability: String,
    pub portfolio: Vec<serde_json::Value>,
    pub employment: Vec<serde_json::Value>,
    pub education: Vec<serde_json::Value>,
    pub certifications: Vec<serde_json::Value>,
    pub languages: Vec<serde_json::Value>,
}

#[derive(Debug, Clone)]
pub struct FreelancerView {
    pub user: User,
    pub profile: FreelancerProfile,
    pub skills: Vec<(Uuid, String)>,
    pub reputation: worklane_db::feedback::Reputation,
}

fn empty_profile(user_id: Uuid, at: chrono::DateTime<chrono::Utc>) -> FreelancerProfile {
    FreelancerProfile {
        user_id,
        title: String::new(),
        overview: String::new(),
        hourly_rate: None,
        availability: "as_needed".to_owned(),
        portfolio: serde_json::json!([]),
        employment: serde_json::json!([]),
        education: serde_json::json!([]),
        certifications: serde_json::json!([]),
        languages: serde_json::json!([]),
        completeness: 0,
        updated_at: at,
        photo_id: None,
    }
}

fn require_freelancer(user: &User) -> AppResult<()> {
    if user.is_freelancer {
        Ok(())
    } else {
        Err(AppError::forbidden(
            "freelancer_role_required",
            "Only freelancer accounts have a freelancer profile.",
        ))
    }
}

fn view(conn: &mut PgConnection, user: User) -> AppResult<FreelancerView> {
    let profile = profiles::find_freelancer(conn, user.id)?
        .unwrap_or_else(|| empty_profile(user.id, user.created_at));
    let skills = profiles::freelancer_skills(conn, user.id)?;
    let mut reputation = match worklane_db::feedback::reputation_of(conn, user.id)? {
        Some(stored) => stored,
        // No profile saved yet (so nothing stored): the reviews and earnings still count.
        None => {
            let min_paid =
                worklane_domain::reputation::FeedbackPolicy::default().min_paid_for_public;
            let rating = worklane_db::feedback::rating_of(conn, user.id, min_paid)?;
            let earned = worklane_db::feedback::earnings(conn, user.id, user.created_at)?;
            worklane_db::feedback::Reputation {
                rating: rating.rating,
                reviews: i32::try_from(rating.reviews).unwrap_or(i32::MAX),
                earned_total: earned.total,
                ..Default::default()
            }
        }
    };
    reputation.hours_worked = worklane_db::feedback::hours_worked(conn, user.id)?;
    Ok(FreelancerView {
        user,
        profile,
        skills,
        reputation,
    })
}

pub fn my_freelancer_profile(conn: &mut PgConnection, user: &User) -> AppResult<FreelancerView> {
    require_freelancer(user)?;
    view(conn, user.clone())
}

/// Replaces the signed-in freelancer's profile.
pub fn save_freelancer_profile(
    conn: &mut PgConnection,
    ctx: &AppContext,
    user: &User,
    input: FreelancerProfileInput,
) -> AppResult<FreelancerView> {
    require_freelancer(user)?;
    let mut errors = Vec::new();
    let hourly_rate = match input.hourly_rate.as_deref().map(Money::usd) {
        None => None,
        Some(Ok(rate)) if rate.amount < ctx.policy.jobs.min_hourly_rate => {
            errors.push(FieldError::new(
                "hourly_rate",
                "below_minimum",
                format!("must be at least {}", ctx.policy.jobs.min_hourly_rate),
            ));
            None
        }
        Some(Ok(rate)) => Some(rate.amount),
        Some(Err(problem)) => {
            errors.push(FieldError::new(
                "hourly_rate",
                problem.code(),
                problem.to_string(),
            ));
            None
        }
    };
    let mut skill_ids = Vec::new();
    for id in &input.skill_ids {
        if !skill_ids.contains(id) {
            skill_ids.push(*id);
        }
    }
    let known = job_rows::existing_skills(conn, &skill_ids)?;
    if let Some(unknown) = skill_ids.iter().find(|id| !known.contains(id)) {
        errors.push(FieldError::new(
            "skill_ids",
            "unknown_skill",
            format!("{unknown} is not a skill"),
        ));
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    // The photo is set on its own endpoint; replacing the profile keeps it.
    let photo_id = profiles::find_freelancer(conn, user.id)?.and_then(|p| p.photo_id);
    let mut profile = FreelancerProfile {
        user_id: user.id,
        title: input.title.trim().to_owned(),
        overview: input.overview.trim().to_owned(),
        hourly_rate,
        availability: input.availability,
        portfolio: serde_json::Value::Array(input.portfolio),
        employment: serde_json::Value::Array(input.employment),
        education: serde_json::Value::Array(input.education),
        certifications: serde_json::Value::Array(input.certifications),
        languages: serde_json::Value::Array(input.languages),
        completeness: 0,
        updated_at: ctx.clock.now(),
        photo_id,
    };
    profile.completeness = completeness(&facts_of(&profile, skill_ids.len()));
    let saved = conn.transaction(|conn| {
        profiles::save_freelancer(conn, &profile, &skill_ids)?;
        crate::reputation::recompute(conn, ctx, user.id)?;
        search::changed(conn, SearchChange::Freelancer(user.id), profile.updated_at)?;
        view(conn, user.clone())
    })?;
    ctx.search.sync_after_commit(conn);
    Ok(saved)
}

fn list_len(value: &serde_json::Value) -> usize {
    value.as_array().map_or(0, Vec::len)
}

fn facts_of(profile: &FreelancerProfile, skills: usize) -> ProfileFacts {
    ProfileFacts {
        has_title: !profile.title.is_empty(),
        has_overview: !profile.overview.is_empty(),
        has_hourly_rate: profile.hourly_rate.is_some(),
        skills,
        has_photo: profile.photo_id.is_some(),
        portfolio_items: list_len(&profile.portfolio),
        employment: list_len(&profile.employment),
        education: list_len(&profile.education),
        certifications: list_len(&profile.certifications),
        languages: list_len(&profile.languages),
    }
}

/// Sets the freelancer's photo. The bytes must be a PNG, JPEG, WebP or GIF image
/// whatever the upload claimed; they are stored before the record, and removed again
/// if the record cannot be written.
pub fn set_photo(
    conn: &mut PgConnection,
    ctx: &AppContext,
    user: &User,
    bytes: &[u8],
) -> AppResult<FreelancerView> {
    require_freelancer(user)?;
    let content_type = worklane_domain::files::sniff_image(bytes).ok_or_else(|| {
        AppError::field(
            "photo",
            "not_an_image",
            "must be a PNG, JPEG, WebP or GIF image",
        )
    })?;
    let now = ctx.clock.now();
    let attachment = Attachment {
        id: Uuid::now_v7(),
        owner_id: user.id,
        purpose: "profile_photo".to_owned(),
        content_type: content_type.to_owned(),
        size_bytes: bytes.len() as i64,
        sha256: crate::secrets::sha256(bytes),
        created_at: now,
        filename: None,
    };
    ctx.attachments
        .put(attachment.id, bytes)
        .map_err(|e| AppError::Internal(anyhow::anyhow!("storing a photo failed: {e}")))?;
    let result = conn.transaction(|conn| {
        attachments::insert(conn, &attachment)?;
        let mut profile = profiles::find_freelancer(conn, user.id)?
            .unwrap_or_else(|| empty_profile(user.id, now));
        profile.photo_id = Some(attachment.id);
        profile.updated_at = now;
        let skill_ids: Vec<Uuid> = profiles::freelancer_skills(conn, user.id)?
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        profile.completeness = completeness(&facts_of(&profile, skill_ids.len()));
        profiles::save_freelancer(conn, &profile, &skill_ids)?;
        crate::reputation::recompute(conn, ctx, user.id)?;
        search::changed(conn, SearchChange::Freelancer(user.id), now)?;
        view(conn, user.clone())
    });
    if result.is_err() {
        let _ = ctx.attachments.delete(attachment.id);
    } else {
        ctx.search.sync_after_commit(conn);
    }
    result
}

/// A freelancer's photo: its content type and bytes.
pub fn photo(
    conn: &mut PgConnection,
    ctx: &AppContext,
    freelancer_id: Uuid,
) -> AppResult<(String, Vec<u8>)> {
    let attachment = profiles::find_freelancer(conn, freelancer_id)?
        .and_then(|p| p.photo_id)
        .map(|id| attachments::find(conn, id))
        .transpose()?
        .flatten()
        .ok_or(AppError::NotFound { what: "Photo" })?;
    let bytes = ctx
        .attachments
        .get(attachment.id)
        .map_err(|e| AppError::Internal(anyhow::anyhow!("reading a photo failed: {e}")))?;
    Ok((attachment.content_type, bytes))
}

/// A freelancer's public page (404 for accounts that are not freelancers).
pub fn public_freelancer(conn: &mut PgConnection, id: Uuid) -> AppResult<FreelancerView> {
    let user = users::find(conn, id)?
        .filter(|u| u.is_freelancer)
        .ok_or(AppError::NotFound { what: "Freelancer" })?;
    view(conn, user)
}

#[derive(Debug, Clone)]
pub struct ClientProfileInput {
    pub company_name: String,
    pub description: String,
    pub company_size: Option<String>,
    pub website: Option<String>,
}

#[derive(Debug, Clone)]
pub struct ClientView {
    pub user: User,
    pub profile: ClientProfile,
    pub jobs_posted: i64,
    pub figures: worklane_db::feedback::ClientFigures,
    /// What freelancers rated the client (public reviews only).
    pub rating: worklane_db::feedback::RatingSummary,
}

fn require_client(user: &User) -> AppResult<()> {
    if user.is_client {
        Ok(())
    } else {
        Err(AppError::forbidden(
            "client_role_required",
            "Only client accounts have a client profile.",
        ))
    }
}

fn client_view(conn: &mut PgConnection, user: User) -> AppResult<ClientView> {
    let profile = profiles::find_client(conn, user.id)?.unwrap_or_else(|| ClientProfile {
        user_id: user.id,
        company_name: String::new(),
        description: String::new(),
        company_size: None,
        website: None,
        updated_at: user.created_at,
    });
    let jobs_posted = profiles::jobs_posted(conn, user.id)?;
    let figures = worklane_db::feedback::client_figures(conn, user.id)?;
    let rating = worklane_db::feedback::rating_of(
        conn,
        user.id,
        worklane_domain::reputation::FeedbackPolicy::default().min_paid_for_public,
    )?;
    Ok(ClientView {
        user,
        profile,
        jobs_posted,
        figures,
        rating,
    })
}

pub fn my_client_profile(conn: &mut PgConnection, user: &User) -> AppResult<ClientView> {
    require_client(user)?;
    client_view(conn, user.clone())
}

pub fn save_client_profile(
    conn: &mut PgConnection,
    ctx: &AppContext,
    user: &User,
    input: ClientProfileInput,
) -> AppResult<ClientView> {
    require_client(user)?;
    if let Some(website) = input
        .website
        .as_deref()
        .filter(|w| !(w.starts_with("https://") || w.starts_with("http://")))
    {
        return Err(AppError::field(
            "website",
            "invalid_url",
            format!("`{website}` must start with https:// or http://"),
        ));
    }
    let profile = ClientProfile {
        user_id: user.id,
        company_name: input.company_name.trim().to_owned(),
        description: input.description.trim().to_owned(),
        company_size: input.company_size,
        website: input.website,
        updated_at: ctx.clock.now(),
    };
    profiles::save_client(conn, &profile)?;
    client_view(conn, user.clone())
}

/// A client's public card (404 for accounts that are not clients).
pub fn public_client(conn: &mut PgConnection, id: Uuid) -> AppResult<ClientView> {
    let user = users::find(conn, id)?
        .filter(|u| u.is_client)
        .ok_or(AppError::NotFound { what: "Client" })?;
    client_view(conn, user)
}
