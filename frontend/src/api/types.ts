// Friendly aliases for the generated OpenAPI schema (src/api/schema.d.ts).
// Only names live here; every shape comes from the generated file.
import type { components } from "./schema";

type Schemas = components["schemas"];

export type User = Schemas["User"];
export type Role = User["roles"][number];
export type SignupRequest = Schemas["SignupRequest"];
export type LoginRequest = Schemas["LoginRequest"];
export type TokenResponse = Schemas["TokenResponse"];
export type Country = Schemas["Country"];
export type DevMail = Schemas["DevMail"];
export type Problem = Schemas["Problem"];
export type FieldError = NonNullable<Problem["errors"]>[number];

// Jobs.
export type Job = Schemas["Job"];
export type JobPage = Schemas["JobPage"];
export type CreateJobRequest = Schemas["CreateJobRequest"];
export type UpdateJobRequest = Schemas["UpdateJobRequest"];
export type ConnectsCost = Schemas["ConnectsCost"];
export type JobTypeName = Schemas["JobTypeName"];
export type ExperienceLevel = Schemas["ExperienceLevel"];
export type ProjectLengthName = Schemas["ProjectLengthName"];
export type HoursPerWeekName = Schemas["HoursPerWeekName"];
export type Visibility = Schemas["Visibility"];
export type JobStatusName = Schemas["JobStatusName"];
export type Category = Schemas["Category"];
export type Skill = Schemas["Skill"];
export type SkillRef = Schemas["SkillRef"];

// Profiles.
export type FreelancerProfile = Schemas["FreelancerProfile"];
export type FreelancerProfileRequest = Schemas["FreelancerProfileRequest"];
export type ClientProfile = Schemas["ClientProfile"];
export type ClientProfileRequest = Schemas["ClientProfileRequest"];
export type Availability = Schemas["Availability"];
export type LanguageLevel = Schemas["LanguageLevel"];
export type CompanySize = Schemas["CompanySize"];
export type Reputation = Schemas["Reputation"];

// Money.
export type PaymentMethod = Schemas["PaymentMethod"];
export type AddCardRequest = Schemas["AddCardRequest"];
export type FeePreview = Schemas["FeePreview"];
export type FeeSide = Schemas["FeeSide"];

// Wallet, withdrawals, identity review.
export type WalletBalances = Schemas["WalletFigures"];
export type DepositRequest = Schemas["DepositRequest"];
export type Deposit = Schemas["DepositResponse"];
export type WalletLine = Schemas["TransactionLine"];
export type WalletLinePage = Schemas["TransactionPage"];
export type YearReport = Schemas["YearReport"];
export type AddWithdrawalMethodRequest = Schemas["NewWithdrawalMethod"];
export type WithdrawalMethod = Schemas["WithdrawalMethod"];
export type WithdrawalRequest = Schemas["WithdrawalRequest"];
export type Withdrawal = Schemas["Withdrawal"];
export type WithdrawalPage = Schemas["WithdrawalPage"];
export type IdentityDocument = Schemas["IdentityDocument"];
export type IdentityDocumentList = Schemas["MyDocuments"];
export type ReviewDocument = Schemas["QueuedDocument"];
export type ReviewDocumentPage = Schemas["QueuePage"];
export type DocumentStatus = Schemas["ReviewStatus"];
export type LedgerCheck = Schemas["LedgerCheck"];

// Hiring: proposals, invitations, offers, contracts, delivery, time and Connects.
export type Party = Schemas["Party"];
export type JobBrief = Schemas["JobBriefView"];
export type HiringRole = Schemas["RoleName"];
export type ConnectsKind = Schemas["ConnectsLineKind"];
export type ConnectsLine = Schemas["ConnectsLine"];
export type ConnectsBundle = Schemas["ConnectsBundle"];
export type ConnectsSummary = Schemas["ConnectsSummary"];
export type ConnectsPurchaseRequest = Schemas["BuyConnectsRequest"];
export type ConnectsPurchase = Schemas["ConnectsPurchase"];
export type ProposalStatus = Schemas["ProposalStatusName"];
export type ProposalStatusFilter = Schemas["ProposalStatusFilter"];
export type ProposalSort = Schemas["ProposalSortName"];
export type ProposalMilestone = Schemas["ProposedMilestoneBody"];
export type ProposalRequest = Schemas["ProposalRequest"];
export type ProposalFreelancer = Schemas["ProposalFreelancer"];
export type Proposal = Schemas["Proposal"];
export type ProposalCounts = Schemas["ProposalCounts"];
export type JobProposalsPage = Schemas["JobProposalPage"];
export type InvitationStatus = Schemas["InvitationStatusName"];
export type Invitation = Schemas["Invitation"];
export type InvitationRequest = Schemas["InvitationRequest"];
export type OfferStatus = Schemas["OfferStatusName"];
export type MilestoneInput = Schemas["OfferMilestoneBody"];
export type OfferRequest = Schemas["OfferRequest"];
export type Offer = Schemas["Offer"];
export type AcceptedOffer = Schemas["AcceptedOffer"];
export type ContractStatus = Schemas["ContractStatusName"];
export type Contract = Schemas["Contract"];
export type ContractBonus = Schemas["ContractBonus"];
export type MilestoneStatus = Schemas["MilestoneStatusName"];
export type Milestone = Schemas["Milestone"];
export type MilestoneSubmission = Schemas["MilestoneSubmission"];
export type SubmissionOutcome = Schemas["SubmissionOutcome"];
export type NewMilestone = Schemas["NewMilestone"];
export type MilestonePatch = Schemas["MilestonePatch"];
export type FundRequest = Schemas["FundRequest"];
export type SubmitWork = Schemas["SubmitWork"];
export type ApproveRequest = Schemas["ApproveRequest"];
export type BonusRequest = Schemas["BonusRequest"];
export type TermsRequest = Schemas["TermsRequest"];
export type EntryKind = Schemas["EntryKind"];
export type TimeEntry = Schemas["TimeEntry"];
export type TimeEntryRequest = Schemas["TimeEntryRequest"];
export type Timesheet = Schemas["Timesheet"];
export type InvoiceStatus = Schemas["InvoiceStatus"];
export type Invoice = Schemas["Invoice"];
export type InvoicePage = Schemas["InvoicePage"];
export type AttachmentInfo = Schemas["AttachmentInfo"];

// Feedback and reviews.
export type ContractFeedback = Schemas["ContractFeedback"];
export type FeedbackEntry = Schemas["FeedbackEntry"];
export type LeaveFeedbackRequest = Schemas["LeaveFeedback"];
export type Review = Schemas["Review"];
export type ReviewPage = Schemas["ReviewPage"];
