import { useQueryClient } from "@tanstack/react-query";
import type { Contract } from "../../api/types";
import { hiringKeys } from "../../lib/hiringQueries";
import { useMoneyMoved } from "../../lib/moneyQueries";

/** After a contract changed: its page now, its list on the next look, and the wallet when money moved. */
export function useContractChanged() {
  const queryClient = useQueryClient();
  const moneyMoved = useMoneyMoved();
  return (contract: Contract, money = false) => {
    queryClient.setQueryData(hiringKeys.contract(contract.id), contract);
    void queryClient.invalidateQueries({ queryKey: hiringKeys.contracts });
    if (money) moneyMoved();
  };
}

/** Fetch the contract again (after a refusal that says the page is out of date). */
export function useContractRefetch() {
  const queryClient = useQueryClient();
  return (id: string) => void queryClient.invalidateQueries({ queryKey: hiringKeys.contract(id) });
}
