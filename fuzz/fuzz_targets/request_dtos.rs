//! Request DTOs: every body and query type the API validates, fed arbitrary bytes as
//! JSON (request bodies) and as a query string (query parameters). Parsing and
//! validation must never panic, whatever arrives; the first byte picks the type.
#![no_main]

use libfuzzer_sys::fuzz_target;
use serde::de::DeserializeOwned;
use validator::Validate;
use worklane_api::routes::*;

fn check<T: DeserializeOwned + Validate>(input: &[u8]) {
    if let Ok(body) = serde_json::from_slice::<T>(input) {
        let _ = body.validate();
    }
    if let Ok(query) = serde_urlencoded::from_bytes::<T>(input) {
        let _ = query.validate();
    }
}

macro_rules! dtos {
    ($($dto:ty),* $(,)?) => {
        const CHECKS: &[fn(&[u8])] = &[$(check::<$dto>),*];
    };
}

dtos!(
    admin::UsersQuery,
    admin::Reason,
    admin::NewFlag,
    admin::FlagQueueQuery,
    admin::FlagResolution,
    admin::AuditQuery,
    auth::VerifyEmailRequest,
    auth::LoginRequest,
    auth::RefreshRequest,
    delivery::NewMilestone,
    delivery::MilestonePatch,
    delivery::FundRequest,
    delivery::SubmitWork,
    delivery::ApproveRequest,
    delivery::ChangesRequest,
    delivery::BonusRequest,
    dev::AdvanceClock,
    dev::MailboxQuery,
    disputes::OpenDispute,
    disputes::DisputesQuery,
    disputes::DisputeMessageRequest,
    disputes::RespondRequest,
    disputes::ResolveRequest,
    feedback::LeaveFeedback,
    feedback::ReviewsQuery,
    fees::FeePreviewQuery,
    hiring::ProposedMilestoneBody,
    hiring::PageQuery,
    hiring::BuyConnectsRequest,
    hiring::ProposalRequest,
    hiring::JobProposalsQuery,
    hiring::MyProposalsQuery,
    hiring::ReasonRequest,
    hiring::InvitationRequest,
    hiring::InvitationsQuery,
    hiring::MyInvitationsQuery,
    hiring::OfferMilestoneBody,
    hiring::OfferRequest,
    hiring::MyOffersQuery,
    hiring::ContractsQuery,
    hourly::TimeEntryRequest,
    hourly::WeekQuery,
    hourly::InvoicesQuery,
    hourly::TermsRequest,
    hourly::EndRequest,
    identity::QueueQuery,
    identity::Rejection,
    jobs::UpdateJobRequest,
    jobs::ConnectsCostQuery,
    jobs::MyJobsQuery,
    me::UpdateMeRequest,
    messaging::ConversationsQuery,
    messaging::MessagesQuery,
    messaging::SendMessage,
    messaging::EditMessage,
    messaging::ReadMarker,
    messaging::NotificationsQuery,
    messaging::MarkNotificationsRead,
    messaging::NotificationPreferences,
    payment_methods::AddCardRequest,
    plans::UpgradeRequest,
    profiles::PortfolioItem,
    profiles::Employment,
    profiles::Education,
    profiles::Certification,
    profiles::Language,
    profiles::ClientProfileRequest,
    search::JobSearchQuery,
    search::TalentSearchQuery,
    search::SuggestionQuery,
    security::CodeBody,
    security::NewToken,
    taxonomy::SkillsQuery,
    wallet::DepositRequest,
    wallet::TransactionsQuery,
    wallet::NewWithdrawalMethod,
    wallet::WithdrawalRequest,
    wallet::PageQuery,
    webhooks::NewWebhook,
    webhooks::DeliveriesQuery,
);

fuzz_target!(|data: &[u8]| {
    let Some((&choice, input)) = data.split_first() else {
        return;
    };
    CHECKS[usize::from(choice) % CHECKS.len()](input);
});
