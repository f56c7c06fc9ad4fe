import { useId, useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { downloadTransactionsCsv, fetchTransactions, TRANSACTION_TYPES, type BalanceName } from "../../api/money";
import type { WalletLine } from "../../api/types";
import { errorMessage } from "../../api/problem";
import { EmptyState } from "../../components/feedback";
import { saveBlob } from "../../lib/download";
import { formatDateTime } from "../../lib/format";
import { formatSignedMoney, toCents } from "../../lib/money";
import { moneyKeys } from "../../lib/moneyQueries";
import {
  changeHistoryFilters,
  countHistoryFilters,
  emptyHistoryFilters,
  historyFiltersToQueryString,
  historyQuery,
  isIsoDate,
  parseHistoryFilters,
  transactionTypeLabel,
  transactionTypeLabels,
  type HistoryFilters,
} from "../../lib/walletHistory";
import { Pager } from "../search/Pager";
import { SearchError, SearchSkeleton } from "../search/ResultStates";
import { useResultsFocus } from "../search/useResultsFocus";
import { useUrlFilters, type FilterCodec } from "../search/useUrlFilters";

const codec: FilterCodec<HistoryFilters> = {
  parse: parseHistoryFilters,
  write: historyFiltersToQueryString,
  change: changeHistoryFilters,
};

const balanceNames: Record<BalanceName, string> = {
  available: "Available",
  pending: "Pending",
  escrow: "Escrow",
};

function balanceName(balance: string): string {
  const known = (balanceNames as Partial<Record<string, string>>)[balance];
  return known ? `${known} balance` : `${balance} balance`;
}

function CsvDownload({ filters }: { filters: HistoryFilters }) {
  const [state, setState] = useState<{ busy: boolean; message: string; error: boolean }>({ busy: false, message: "", error: false });
  return (
    <div className="history-csv">
      <button
        type="button"
        className="button button--secondary button--small"
        disabled={state.busy}
        onClick={async () => {
          setState({ busy: true, message: "Preparing your CSV file…", error: false });
          try {
            const { blob, fileName } = await downloadTransactionsCsv(historyQuery(filters, null));
            saveBlob(blob, fileName);
            setState({ busy: false, message: `Downloaded ${fileName}.`, error: false });
          } catch (error) {
            setState({ busy: false, message: `The CSV file could not be made. ${errorMessage(error)}`, error: true });
          }
        }}
      >
        {state.busy ? "Preparing…" : "Download CSV"}
      </button>
      <p className={state.error ? "field__error" : "muted small"} role="status">
        {state.message}
      </p>
    </div>
  );
}

function HistoryFiltersForm({ filters, update }: { filters: HistoryFilters; update: (change: Partial<HistoryFilters>) => void }) {
  const typeId = useId();
  const fromId = useId();
  const toId = useId();
  const active = countHistoryFilters(filters);
  // Dates apply when complete (or cleared); a half-typed date waits.
  const onDate = (key: "from" | "to", value: string) => {
    if (value === "" || isIsoDate(value)) update({ [key]: value || null });
  };
  return (
    <div className="history-filters" role="group" aria-label="Filter transactions">
      <div className="field">
        <label htmlFor={typeId}>Type</label>
        <select
          id={typeId}
          className="select"
          value={filters.type ?? ""}
          onChange={(event) => update({ type: TRANSACTION_TYPES.find((t) => t === event.target.value) ?? null })}
        >
          <option value="">All types</option>
          {TRANSACTION_TYPES.map((t) => (
            <option key={t} value={t}>
              {transactionTypeLabels[t]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={fromId}>From</label>
        <input
          id={fromId}
          className="input"
          type="date"
          value={filters.from ?? ""}
          max={filters.to ?? undefined}
          onChange={(event) => onDate("from", event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={toId}>To</label>
        <input
          id={toId}
          className="input"
          type="date"
          value={filters.to ?? ""}
          min={filters.from ?? undefined}
          onChange={(event) => onDate("to", event.target.value)}
        />
      </div>
      {active > 0 && (
        <button type="button" className="button button--secondary button--small history-filters__clear" onClick={() => update(emptyHistoryFilters)}>
          Clear filters
        </button>
      )}
    </div>
  );
}

function LineRow({ line, timeZone }: { line: WalletLine; timeZone: string | undefined }) {
  const cents = toCents(line.amount) ?? 0;
  return (
    <tr>
      <td className="ledger__date">
        <time dateTime={line.created_at}>{formatDateTime(line.created_at, timeZone)}</time>
      </td>
      <td>
        <span className="ledger__description">{line.description}</span>
        <span className="ledger__meta">
          <span className="badge badge--neutral">{transactionTypeLabel(line.type)}</span>{" "}
          <span className="muted small">{balanceName(line.balance)}</span>
        </span>
        {/* Narrow screens have no date column: the date goes here instead. */}
        <span className="ledger__inline-date muted small">
          <time dateTime={line.created_at}>{formatDateTime(line.created_at, timeZone)}</time>
        </span>
      </td>
      <td className={`ledger__amount${cents > 0 ? " ledger__amount--in" : ""}`}>{formatSignedMoney(line.amount)}</td>
    </tr>
  );
}

/** Every change to the user's balances, filtered by type and dates (in the address bar), page by page. */
export function TransactionHistory({ timeZone }: { timeZone: string | undefined }) {
  const { filters, queryString, hrefFor, update, pager } = useUrlFilters(codec);
  const lines = useQuery({
    queryKey: [...moneyKeys.history, queryString],
    queryFn: ({ signal }) => fetchTransactions(historyQuery(filters), signal),
    placeholderData: keepPreviousData,
  });
  const { headingRef, afterTurn } = useResultsFocus(!lines.isPending && !lines.isPlaceholderData);
  const page = lines.data;
  const active = countHistoryFilters(filters);

  return (
    <section className="card history" aria-labelledby="history-title" aria-busy={lines.isFetching}>
      <div className="history__head">
        <h2 id="history-title" ref={headingRef} tabIndex={-1}>
          Transactions
        </h2>
        <CsvDownload filters={filters} />
      </div>
      <HistoryFiltersForm filters={filters} update={update} />
      {lines.isError ? (
        <SearchError
          error={lines.error}
          onRetry={() => void lines.refetch()}
          onClear={active > 0 ? () => update(emptyHistoryFilters) : null}
        />
      ) : !page ? (
        <SearchSkeleton label="Loading your transactions…" cards={2} />
      ) : page.data.length === 0 ? (
        active > 0 ? (
          <EmptyState title="No transactions match these filters">
            <p>Try another type or a wider date range.</p>
          </EmptyState>
        ) : (
          <EmptyState title="No transactions yet">
            <p>Deposits, payments, fees and withdrawals appear here as they happen.</p>
          </EmptyState>
        )
      ) : (
        <>
          <div className="ledger-wrap">
            <table className="ledger" data-stale={lines.isPlaceholderData}>
              <caption className="visually-hidden">
                Transactions{active > 0 ? " matching the filters" : ""}, newest first
              </caption>
              <thead>
                <tr>
                  <th scope="col" className="ledger__date">
                    Date
                  </th>
                  <th scope="col">Details</th>
                  <th scope="col" className="ledger__amount">
                    Amount
                  </th>
                </tr>
              </thead>
              <tbody>
                {page.data.map((line) => (
                  <LineRow key={line.id} line={line} timeZone={timeZone} />
                ))}
              </tbody>
            </table>
          </div>
          <Pager
            label="Pages of transactions"
            cursor={filters.cursor}
            nextCursor={page.next_cursor ?? null}
            pager={pager}
            hrefFor={(cursor) => hrefFor({ cursor })}
            onTurn={afterTurn}
          />
        </>
      )}
    </section>
  );
}
