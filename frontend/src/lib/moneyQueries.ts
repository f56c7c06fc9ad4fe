// Server state for the money screens: one query key per resource, shared by every page
// that shows it, so a deposit or a withdrawal refreshes the balance wherever it is shown.
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchFeePreview, fetchIdentityDocuments, fetchPaymentMethods, fetchWallet, fetchWithdrawalMethods } from "../api/money";
import type { FeeSide, WalletBalances } from "../api/types";
import { useDebounced } from "./useDebounced";

export const moneyKeys = {
  wallet: ["wallet"] as const,
  history: ["wallet-history"] as const,
  reports: ["wallet-report"] as const,
  paymentMethods: ["payment-methods"] as const,
  withdrawalMethods: ["withdrawal-methods"] as const,
  withdrawals: ["withdrawals"] as const,
  identity: ["identity-documents"] as const,
  reviewQueue: ["review-queue"] as const,
};

export function useWallet() {
  return useQuery({ queryKey: moneyKeys.wallet, queryFn: ({ signal }) => fetchWallet(signal) });
}

export function usePaymentMethods() {
  return useQuery({ queryKey: moneyKeys.paymentMethods, queryFn: fetchPaymentMethods });
}

export function useWithdrawalMethods() {
  return useQuery({ queryKey: moneyKeys.withdrawalMethods, queryFn: fetchWithdrawalMethods });
}

export function useIdentityDocuments() {
  return useQuery({ queryKey: moneyKeys.identity, queryFn: fetchIdentityDocuments });
}

/** After money moved: the new balances (when the answer has them) and every list that shows it. */
export function useMoneyMoved() {
  const queryClient = useQueryClient();
  return (wallet?: WalletBalances) => {
    if (wallet) queryClient.setQueryData(moneyKeys.wallet, wallet);
    else void queryClient.invalidateQueries({ queryKey: moneyKeys.wallet });
    void queryClient.invalidateQueries({ queryKey: moneyKeys.history });
    void queryClient.invalidateQueries({ queryKey: moneyKeys.reports });
    void queryClient.invalidateQueries({ queryKey: moneyKeys.withdrawals });
  };
}

/** GET /fees/preview for an amount as it is typed (debounced); idle while there is none. */
export function useFeePreview(amount: string | null, side: FeeSide) {
  const settled = useDebounced(amount, 350);
  const query = useQuery({
    queryKey: ["fee-preview", side, settled],
    queryFn: ({ signal }) => (settled ? fetchFeePreview(settled, side, signal) : Promise.resolve(null)),
    enabled: settled !== null,
    staleTime: 5 * 60_000,
    placeholderData: keepPreviousData,
  });
  /** The figures shown belong to an older amount while a new one is typed or priced. */
  const updating = amount !== null && (amount !== settled || query.isFetching);
  return { ...query, updating };
}
