import { lazy } from "react";
import { BrowserRouter, Route, Routes } from "react-router";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { Layout } from "./components/Layout";
import { RequireAuth } from "./components/RequireAuth";
import { ApiError } from "./api/problem";

const HomePage = lazy(() => import("./pages/HomePage"));
const SignupPage = lazy(() => import("./pages/SignupPage"));
const LoginPage = lazy(() => import("./pages/LoginPage"));
const VerifyEmailPage = lazy(() => import("./pages/VerifyEmailPage"));
const AccountPage = lazy(() => import("./pages/AccountPage"));
const PostJobPage = lazy(() => import("./pages/PostJobPage"));
const EditJobPage = lazy(() => import("./pages/EditJobPage"));
const JobPage = lazy(() => import("./pages/JobPage"));
const FindWorkPage = lazy(() => import("./pages/FindWorkPage"));
const FindTalentPage = lazy(() => import("./pages/FindTalentPage"));
const MyJobsPage = lazy(() => import("./pages/MyJobsPage"));
const MyProfilePage = lazy(() => import("./pages/MyProfilePage"));
const MyCompanyPage = lazy(() => import("./pages/MyCompanyPage"));
const FreelancerPage = lazy(() => import("./pages/FreelancerPage"));
const ClientPage = lazy(() => import("./pages/ClientPage"));
const WalletPage = lazy(() => import("./pages/WalletPage"));
const PaymentMethodsPage = lazy(() => import("./pages/PaymentMethodsPage"));
const WithdrawalsPage = lazy(() => import("./pages/WithdrawalsPage"));
const IdentityPage = lazy(() => import("./pages/IdentityPage"));
const AdminIdentityPage = lazy(() => import("./pages/AdminIdentityPage"));
const AdminDisputesPage = lazy(() => import("./pages/AdminDisputesPage"));
const AdminOverviewPage = lazy(() => import("./pages/AdminOverviewPage"));
const AdminUsersPage = lazy(() => import("./pages/AdminUsersPage"));
const AdminUserPage = lazy(() => import("./pages/AdminUserPage"));
const AdminFlagsPage = lazy(() => import("./pages/AdminFlagsPage"));
const AdminAuditLogPage = lazy(() => import("./pages/AdminAuditLogPage"));
const DisputesPage = lazy(() => import("./pages/DisputesPage"));
const DisputePage = lazy(() => import("./pages/DisputePage"));
const ApplyPage = lazy(() => import("./pages/ApplyPage"));
const MyProposalsPage = lazy(() => import("./pages/MyProposalsPage"));
const ProposalPage = lazy(() => import("./pages/ProposalPage"));
const JobProposalsPage = lazy(() => import("./pages/JobProposalsPage"));
const InvitationsPage = lazy(() => import("./pages/InvitationsPage"));
const SendOfferPage = lazy(() => import("./pages/SendOfferPage"));
const OfferPage = lazy(() => import("./pages/OfferPage"));
const OffersPage = lazy(() => import("./pages/OffersPage"));
const ContractsPage = lazy(() => import("./pages/ContractsPage"));
const ContractPage = lazy(() => import("./pages/ContractPage"));
const ConnectsPage = lazy(() => import("./pages/ConnectsPage"));
const MessagesPage = lazy(() => import("./pages/MessagesPage"));
const NotificationsPage = lazy(() => import("./pages/NotificationsPage"));
const NotificationSettingsPage = lazy(() => import("./pages/NotificationSettingsPage"));
const SecurityPage = lazy(() => import("./pages/SecurityPage"));
const PlanPage = lazy(() => import("./pages/PlanPage"));
const IntegrationsPage = lazy(() => import("./pages/IntegrationsPage"));
const WebhookDeliveriesPage = lazy(() => import("./pages/WebhookDeliveriesPage"));
const DevMailboxPage = lazy(() => import("./pages/DevMailboxPage"));
const NotFoundPage = lazy(() => import("./pages/NotFoundPage"));

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // Retry only what might succeed on a second try: network trouble and 5xx.
        retry: (failureCount, error) =>
          failureCount < 2 && !(error instanceof ApiError && error.status < 500),
      },
      mutations: { retry: false },
    },
  });
}

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<HomePage />} />
        <Route path="signup" element={<SignupPage />} />
        <Route path="login" element={<LoginPage />} />
        <Route path="verify-email" element={<VerifyEmailPage />} />
        <Route
          path="account"
          element={
            <RequireAuth>
              <AccountPage />
            </RequireAuth>
          }
        />
        <Route path="jobs" element={<FindWorkPage />} />
        <Route
          path="jobs/new"
          element={
            <RequireAuth>
              <PostJobPage />
            </RequireAuth>
          }
        />
        <Route path="jobs/:id" element={<JobPage />} />
        <Route
          path="jobs/:id/edit"
          element={
            <RequireAuth>
              <EditJobPage />
            </RequireAuth>
          }
        />
        <Route
          path="jobs/:id/apply"
          element={
            <RequireAuth>
              <ApplyPage />
            </RequireAuth>
          }
        />
        <Route
          path="jobs/:id/proposals"
          element={
            <RequireAuth>
              <JobProposalsPage />
            </RequireAuth>
          }
        />
        <Route
          path="me/jobs"
          element={
            <RequireAuth>
              <MyJobsPage />
            </RequireAuth>
          }
        />
        <Route
          path="me/profile"
          element={
            <RequireAuth>
              <MyProfilePage />
            </RequireAuth>
          }
        />
        <Route
          path="me/company"
          element={
            <RequireAuth>
              <MyCompanyPage />
            </RequireAuth>
          }
        />
        <Route path="freelancers" element={<FindTalentPage />} />
        <Route path="freelancers/:id" element={<FreelancerPage />} />
        <Route path="clients/:id" element={<ClientPage />} />
        <Route
          path="wallet"
          element={
            <RequireAuth>
              <WalletPage />
            </RequireAuth>
          }
        />
        <Route
          path="settings/payment-methods"
          element={
            <RequireAuth>
              <PaymentMethodsPage />
            </RequireAuth>
          }
        />
        <Route
          path="withdrawals"
          element={
            <RequireAuth>
              <WithdrawalsPage />
            </RequireAuth>
          }
        />
        <Route
          path="settings/identity"
          element={
            <RequireAuth>
              <IdentityPage />
            </RequireAuth>
          }
        />
        <Route
          path="admin"
          element={
            <RequireAuth>
              <AdminOverviewPage />
            </RequireAuth>
          }
        />
        <Route
          path="admin/users"
          element={
            <RequireAuth>
              <AdminUsersPage />
            </RequireAuth>
          }
        />
        <Route
          path="admin/users/:id"
          element={
            <RequireAuth>
              <AdminUserPage />
            </RequireAuth>
          }
        />
        <Route
          path="admin/flags"
          element={
            <RequireAuth>
              <AdminFlagsPage />
            </RequireAuth>
          }
        />
        <Route
          path="admin/audit-log"
          element={
            <RequireAuth>
              <AdminAuditLogPage />
            </RequireAuth>
          }
        />
        <Route
          path="admin/disputes"
          element={
            <RequireAuth>
              <AdminDisputesPage />
            </RequireAuth>
          }
        />
        <Route
          path="disputes"
          element={
            <RequireAuth>
              <DisputesPage />
            </RequireAuth>
          }
        />
        <Route
          path="disputes/:id"
          element={
            <RequireAuth>
              <DisputePage />
            </RequireAuth>
          }
        />
        <Route
          path="admin/identity"
          element={
            <RequireAuth>
              <AdminIdentityPage />
            </RequireAuth>
          }
        />
        <Route
          path="proposals"
          element={
            <RequireAuth>
              <MyProposalsPage />
            </RequireAuth>
          }
        />
        <Route
          path="proposals/:id"
          element={
            <RequireAuth>
              <ProposalPage />
            </RequireAuth>
          }
        />
        <Route
          path="invitations"
          element={
            <RequireAuth>
              <InvitationsPage />
            </RequireAuth>
          }
        />
        <Route
          path="offers"
          element={
            <RequireAuth>
              <OffersPage />
            </RequireAuth>
          }
        />
        <Route
          path="offers/new"
          element={
            <RequireAuth>
              <SendOfferPage />
            </RequireAuth>
          }
        />
        <Route
          path="offers/:id"
          element={
            <RequireAuth>
              <OfferPage />
            </RequireAuth>
          }
        />
        <Route
          path="contracts"
          element={
            <RequireAuth>
              <ContractsPage />
            </RequireAuth>
          }
        />
        <Route
          path="contracts/:id"
          element={
            <RequireAuth>
              <ContractPage />
            </RequireAuth>
          }
        />
        <Route
          path="connects"
          element={
            <RequireAuth>
              <ConnectsPage />
            </RequireAuth>
          }
        />
        {["messages", "messages/:id"].map((path) => (
          <Route
            key={path}
            path={path}
            element={
              <RequireAuth>
                <MessagesPage />
              </RequireAuth>
            }
          />
        ))}
        <Route
          path="notifications"
          element={
            <RequireAuth>
              <NotificationsPage />
            </RequireAuth>
          }
        />
        <Route
          path="settings/notifications"
          element={
            <RequireAuth>
              <NotificationSettingsPage />
            </RequireAuth>
          }
        />
        <Route
          path="settings/plan"
          element={
            <RequireAuth>
              <PlanPage />
            </RequireAuth>
          }
        />
        <Route
          path="settings/security"
          element={
            <RequireAuth>
              <SecurityPage />
            </RequireAuth>
          }
        />
        <Route
          path="settings/integrations"
          element={
            <RequireAuth>
              <IntegrationsPage />
            </RequireAuth>
          }
        />
        <Route
          path="settings/integrations/:id"
          element={
            <RequireAuth>
              <WebhookDeliveriesPage />
            </RequireAuth>
          }
        />
        <Route path="dev/mailbox" element={<DevMailboxPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

export function App({ queryClient }: { queryClient: QueryClient }) {
  return (
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <AppRoutes />
      </BrowserRouter>
    </QueryClientProvider>
  );
}
