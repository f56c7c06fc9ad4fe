//! Adding and listing payment methods through the gateway port.

use crate::context::AppContext;
use crate::error::{AppError, AppResult, FieldError};
use crate::gateway::{CardDetails, GatewayError};
use crate::search::{self, SearchChange};
use diesel::{Connection, PgConnection};
use uuid::Uuid;
use worklane_db::payment_methods::{self, PaymentMethod};
use worklane_db::users::{self, User};
use worklane_domain::cards::CardProblem;

pub(crate) fn card_error(error: GatewayError) -> AppError {
    match error {
        GatewayError::InvalidCard(problem) => {
            let field = match problem {
                CardProblem::BadLength | CardProblem::BadChecksum => "card_number",
                CardProblem::Expired => "exp_year",
                CardProblem::BadMonth => "exp_month",
                CardProblem::BadCvc => "cvc",
            };
            AppError::Validation(vec![FieldError::new(
                field,
                problem.code(),
                problem.to_string(),
            )])
        }
        GatewayError::Declined => AppError::PaymentRequired {
            code: "card_declined",
            message: "The card was declined. Try another card.".to_owned(),
        },
        GatewayError::InsufficientFunds => AppError::PaymentRequired {
            code: "insufficient_funds",
            message: "The card has insufficient funds.".to_owned(),
        },
        GatewayError::Unavailable(reason) => AppError::Unavailable(reason),
    }
}

/// Verifies the card with the gateway (a zero-amount authorisation), stores only its
/// token, brand and last four digits, and gives a client the payment-verified badge.
pub fn add(
    conn: &mut PgConnection,
    ctx: &AppContext,
    user: &User,
    card: CardDetails,
) -> AppResult<PaymentMethod> {
    let now = ctx.clock.now();
    let token = ctx.gateway.add_card(&card, now).map_err(card_error)?;
    drop(card);
    let method = PaymentMethod {
        id: Uuid::now_v7(),
        user_id: user.id,
        gateway_token: token.token,
        brand: token.brand.as_str().to_owned(),
        last4: token.last4,
        exp_month: token.exp_month as i32,
        exp_year: token.exp_year,
        created_at: now,
        removed_at: None,
    };
    let added = conn.transaction(|conn| {
        payment_methods::insert(conn, &method)?;
        if user.is_client && user.payment_verified_at.is_none() {
            users::mark_payment_verified(conn, user.id, now)?;
            // The client's jobs now show (and filter as) "payment verified".
            search::changed(conn, SearchChange::Client(user.id), now)?;
        }
        tracing::info!(user_id = %user.id, payment_method_id = %method.id, brand = %method.brand, "payment method added");
        Ok::<_, AppError>(method)
    })?;
    ctx.search.sync_after_commit(conn);
    Ok(added)
}

pub fn list(conn: &mut PgConnection, user: &User) -> AppResult<Vec<PaymentMethod>> {
    Ok(payment_methods::list_for_user(conn, user.id)?)
}
