// Hourly delivery on the contract page: the week's timesheet (with the freelancer's
// log-time form and entries to edit until the week is invoiced), the weekly invoices,
// and changing the rate or the weekly limit.
import { useId, useRef, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { changeTerms, deleteTime, editTime, fetchInvoices, fetchTimesheet, logTime } from "../../api/hiring";
import { ApiError, problemToFormErrors } from "../../api/problem";
import type { Contract, EntryKind, TimeEntry, TimeEntryRequest, Timesheet } from "../../api/types";
import { EmptyState, Loading } from "../../components/feedback";
import {
  durationProblem,
  entryEditable,
  formatHours,
  formatMinutes,
  HOUR_CHOICES,
  invoiceStatusLabels,
  invoiceStatusTones,
  isDay,
  isoToZoned,
  joinMinutes,
  MINUTE_CHOICES,
  mondayOf,
  overLimit,
  rateChangeProblem,
  splitMinutes,
  weekLabel,
  weekNavigation,
  zonedToIso,
  type Viewer,
} from "../../lib/delivery";
import { formatDate, formatDateTime, usableTimeZone } from "../../lib/format";
import { labelOf, toneOf } from "../../lib/hiring";
import { usePagedList } from "../../lib/hiringQueries";
import { formatMoney, parseAmount } from "../../lib/money";
import { ConfirmDialog, type ConfirmDialogHandle } from "../money/ConfirmDialog";
import { AmountInput, Money } from "../money/parts";
import { Badge, Fact, Facts, LoadError, LoadMore } from "../hiring/parts";
import { charCount } from "../jobs/jobSchema";
import { deliveryErrorMessage, isStale } from "./deliveryErrors";
import { useContractChanged, useContractRefetch } from "./useContractChanged";
import { InvoiceDisputeButton } from "../disputes/DisputeButton";

export const deliveryKeys = {
  timesheets: (contractId: string) => ["timesheet", contractId] as const,
  timesheet: (contractId: string, week: string | null) => ["timesheet", contractId, week ?? "current"] as const,
  invoices: (contractId: string) => ["invoices", contractId] as const,
};

const MEMO_MAX = 1000;

interface EntryValues {
  date: string;
  time: string;
  hours: number;
  minutes: number;
  memo: string;
  kind: EntryKind;
}

type EntryField = "date" | "duration" | "memo" | "kind";

/** Log time, or change an entry: the day and start on the user's clock, a duration in 10-minute steps. */
function EntryForm({
  contract,
  timeZone,
  entry,
  onSaved,
  onCancel,
}: {
  contract: Contract;
  timeZone: string;
  entry?: TimeEntry;
  onSaved: (entry: TimeEntry) => void;
  onCancel?: () => void;
}) {
  const id = useId();
  const refetch = useContractRefetch();
  const [values, setValues] = useState<EntryValues>(() => {
    if (entry) {
      const { date, time } = isoToZoned(entry.started_at, timeZone);
      const { hours, minutes } = splitMinutes(entry.minutes);
      return { date, time, hours, minutes, memo: entry.memo, kind: entry.kind };
    }
    const now = isoToZoned(new Date().toISOString(), timeZone);
    return { date: now.date, time: "09:00", hours: 1, minutes: 0, memo: "", kind: "tracked" };
  });
  const [errors, setErrors] = useState<Partial<Record<EntryField, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof EntryValues>(key: K, value: EntryValues[K]) => setValues((v) => ({ ...v, [key]: value }));
  const total = joinMinutes(values.hours, values.minutes);

  const save = async () => {
    const found: Partial<Record<EntryField, string>> = {};
    const startedAt = zonedToIso(values.date, values.time, timeZone);
    // The server's clock judges "not in the future".
    if (!startedAt) found.date = "Enter the day and the time you started.";
    const duration = durationProblem(total);
    if (duration) found.duration = duration;
    const memo = charCount(values.memo.trim());
    if (memo === 0) found.memo = "Say what you worked on.";
    else if (memo > MEMO_MAX) found.memo = `Keep the memo to ${MEMO_MAX.toLocaleString("en-US")} characters or fewer.`;
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length > 0 || !startedAt) return;
    const body: TimeEntryRequest = {
      started_at: startedAt,
      minutes: total,
      memo: values.memo.trim(),
      kind: contract.manual_time_allowed ? values.kind : "tracked",
    };
    setBusy(true);
    try {
      const saved = entry ? await editTime(entry.id, body) : await logTime(contract.id, body);
      onSaved(saved);
      if (!entry) setValues((v) => ({ ...v, memo: "" }));
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 422) {
        const mapped = problemToFormErrors(failure, ["started_at", "minutes", "memo", "kind"] as const);
        setErrors({
          ...(mapped.fields.started_at ? { date: mapped.fields.started_at } : {}),
          ...(mapped.fields.minutes ? { duration: mapped.fields.minutes } : {}),
          ...(mapped.fields.memo ? { memo: mapped.fields.memo } : {}),
          ...(mapped.fields.kind ? { kind: mapped.fields.kind } : {}),
        });
        setFormError(mapped.form);
      } else {
        setFormError(deliveryErrorMessage(failure, "time"));
        if (isStale(failure)) refetch(contract.id);
      }
    } finally {
      setBusy(false);
    }
  };

  const err = (field: EntryField) => (errors[field] ? `${id}-${field}-error` : undefined);
  return (
    <form
      className="panel entry-form"
      noValidate
      aria-label={entry ? "Change the time entry" : "Log time"}
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <div className="entry-form__grid">
        <div className="field">
          <label htmlFor={`${id}-date`}>Day</label>
          <input
            id={`${id}-date`}
            type="date"
            className="input"
            value={values.date}
            aria-invalid={errors.date ? true : undefined}
            aria-describedby={err("date")}
            onChange={(e) => set("date", e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-time`}>Started at</label>
          <input
            id={`${id}-time`}
            type="time"
            className="input"
            step={600}
            value={values.time}
            aria-invalid={errors.date ? true : undefined}
            aria-describedby={err("date")}
            onChange={(e) => set("time", e.target.value)}
          />
        </div>
        <fieldset className="field entry-form__duration" aria-describedby={err("duration")}>
          <legend>Duration</legend>
          <div className="entry-form__selects">
            <label className="visually-hidden" htmlFor={`${id}-hours`}>
              Hours
            </label>
            <select id={`${id}-hours`} className="select" value={values.hours} onChange={(e) => set("hours", Number(e.target.value))}>
              {HOUR_CHOICES.map((h) => (
                <option key={h} value={h}>
                  {h} h
                </option>
              ))}
            </select>
            <label className="visually-hidden" htmlFor={`${id}-minutes`}>
              Minutes
            </label>
            <select id={`${id}-minutes`} className="select" value={values.minutes} onChange={(e) => set("minutes", Number(e.target.value))}>
              {MINUTE_CHOICES.map((m) => (
                <option key={m} value={m}>
                  {m} min
                </option>
              ))}
            </select>
          </div>
        </fieldset>
      </div>
      <p className="field__error" id={`${id}-date-error`} aria-live="polite" hidden={!errors.date}>
        {errors.date}
      </p>
      <p className="field__error" id={`${id}-duration-error`} aria-live="polite" hidden={!errors.duration}>
        {errors.duration}
      </p>
      <div className="field">
        <label htmlFor={`${id}-memo`}>What you worked on</label>
        <input
          id={`${id}-memo`}
          className="input"
          value={values.memo}
          aria-invalid={errors.memo ? true : undefined}
          aria-describedby={err("memo")}
          onChange={(e) => set("memo", e.target.value)}
        />
        <p className="field__error" id={`${id}-memo-error`} aria-live="polite" hidden={!errors.memo}>
          {errors.memo}
        </p>
      </div>
      {contract.manual_time_allowed ? (
        <fieldset className="field" aria-describedby={err("kind")}>
          <legend>How was it recorded?</legend>
          <div className="choice-inline">
            {(["tracked", "manual"] as const).map((kind) => (
              <label key={kind} className="check">
                <input type="radio" name={`${id}-kind`} value={kind} checked={values.kind === kind} onChange={() => set("kind", kind)} />
                <span>{kind === "tracked" ? "Tracked" : "Added manually"}</span>
              </label>
            ))}
          </div>
          <p className="field__error" id={`${id}-kind-error`} aria-live="polite" hidden={!errors.kind}>
            {errors.kind}
          </p>
        </fieldset>
      ) : (
        <p className="muted small">This contract takes tracked time only.</p>
      )}
      <p className="field__error" role="alert" hidden={!formError}>
        {formError}
      </p>
      <div className="panel__actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? "Saving…" : entry ? "Save entry" : `Log ${formatMinutes(total)}`}
        </button>
        {onCancel && (
          <button type="button" className="button button--secondary" disabled={busy} onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}

function EntryRow({
  entry,
  sheet,
  contract,
  viewer,
  timeZone,
  onChanged,
}: {
  entry: TimeEntry;
  sheet: Timesheet;
  contract: Contract;
  viewer: Viewer;
  timeZone: string;
  onChanged: (text: string, error?: boolean) => void;
}) {
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const deleteRef = useRef<ConfirmDialogHandle>(null);
  const editable = viewer === "freelancer" && entryEditable(entry, sheet, contract.status);
  const when = formatDateTime(entry.started_at, timeZone);

  if (editing) {
    return (
      <tr>
        <td colSpan={4} className="entry-edit">
          <EntryForm
            contract={contract}
            timeZone={timeZone}
            entry={entry}
            onSaved={() => {
              setEditing(false);
              onChanged("The entry is saved.");
            }}
            onCancel={() => setEditing(false)}
          />
        </td>
      </tr>
    );
  }
  return (
    <tr data-testid="time-entry">
      <td className="ledger__date">
        <time dateTime={entry.started_at}>{when}</time>
      </td>
      <td>
        <span className="ledger__description">{entry.memo}</span>
        <span className="ledger__meta muted small">{entry.kind === "manual" ? "Added manually" : "Tracked"}</span>
        <span className="ledger__inline-date muted small">
          <time dateTime={entry.started_at}>{when}</time>
        </span>
      </td>
      <td className="ledger__amount">{formatMinutes(entry.minutes)}</td>
      <td className="entry-actions">
        {editable && (
          <>
            <button type="button" className="button button--secondary button--small" disabled={busy} onClick={() => setEditing(true)}>
              Edit<span className="visually-hidden"> the entry of {when}</span>
            </button>
            <button type="button" className="button button--danger-quiet button--small" disabled={busy} onClick={() => deleteRef.current?.open()}>
              Delete<span className="visually-hidden"> the entry of {when}</span>
            </button>
            <ConfirmDialog
              ref={deleteRef}
              title="Delete this time entry?"
              body={`${formatMinutes(entry.minutes)} on ${when}: “${entry.memo}”.`}
              confirm="Delete entry"
              keep="Keep it"
              onConfirm={() => {
                setBusy(true);
                deleteTime(entry.id)
                  .then(() => onChanged("The entry was deleted."))
                  .catch((failure: unknown) => onChanged(deliveryErrorMessage(failure, "time"), true))
                  .finally(() => setBusy(false));
              }}
            />
          </>
        )}
      </td>
    </tr>
  );
}

/** The week's time: navigation, figures, entries, and (for the freelancer) logging. */
function TimesheetSection({ contract, viewer, timeZone, canLog }: { contract: Contract; viewer: Viewer; timeZone: string; canLog: boolean }) {
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const asked = params.get("week");
  const week = isDay(asked) ? mondayOf(asked) : null;
  const [note, setNote] = useState<{ text: string; error: boolean } | null>(null);
  const sheet = useQuery({
    queryKey: deliveryKeys.timesheet(contract.id, week),
    queryFn: ({ signal }) => fetchTimesheet(contract.id, week, signal),
    placeholderData: keepPreviousData,
  });
  // The week the server is in now (the same query as the default view, so one request):
  // its clock decides, and it can be ahead of the browser's (a test server's moved clock).
  const now = useQuery({
    queryKey: deliveryKeys.timesheet(contract.id, null),
    queryFn: ({ signal }) => fetchTimesheet(contract.id, null, signal),
  });
  const shown = sheet.data?.week_start ?? week ?? mondayOf(new Date());
  const current = [mondayOf(new Date()), now.data?.week_start ?? ""].sort().pop() ?? shown;
  const nav = weekNavigation(shown, current);
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: deliveryKeys.timesheets(contract.id) });
  };
  const changed = (text: string, error = false) => {
    setNote({ text, error });
    refresh();
  };

  const s = sheet.data;
  return (
    <section className="card" aria-labelledby="timesheet-title">
      <div className="timesheet__head">
        <h2 id="timesheet-title">Timesheet</h2>
        <nav className="week-nav" aria-label="Weeks">
          <Link className="button button--secondary button--small" to={`?week=${nav.previous}`}>
            ← Previous week
          </Link>
          <span className="week-nav__label" aria-live="polite" data-testid="week-label">
            {weekLabel(shown)}
            {nav.isCurrent ? " (this week)" : ""}
          </span>
          {!nav.isCurrent && (
            <Link className="button button--secondary button--small" to={{ search: "" }}>
              This week
            </Link>
          )}
          {nav.next ? (
            <Link className="button button--secondary button--small" to={`?week=${nav.next}`}>
              Next week →
            </Link>
          ) : (
            <span className="button button--secondary button--small" aria-disabled="true">
              Next week →
            </span>
          )}
        </nav>
      </div>
      <p className="muted small">Weeks run Monday to Sunday in UTC, as they are billed. Times are shown in your time zone ({timeZone}).</p>
      {sheet.isPending ? (
        <Loading label="Loading the week…" />
      ) : sheet.isError && !s ? (
        <LoadError title="We could not load the timesheet" error={sheet.error} onRetry={() => void sheet.refetch()} />
      ) : s ? (
        <div data-stale={sheet.isPlaceholderData || undefined}>
          <Facts label="This week’s time">
            <Fact term="Logged">{formatMinutes(s.logged_minutes)}</Fact>
            <Fact term="Billed">{formatMinutes(s.billed_minutes)}</Fact>
            <Fact term="Weekly limit">{s.weekly_limit_hours} h</Fact>
            <Fact term={s.invoice ? "Invoiced" : "Estimated amount"}>
              <span data-testid="week-amount">
                <Money amount={s.invoice ? s.invoice.amount : s.amount} />
              </span>
            </Fact>
            {s.invoice && (
              <Fact term="Invoice">
                <Badge label={labelOf(invoiceStatusLabels, s.invoice.status)} tone={toneOf(invoiceStatusTones, s.invoice.status)} />
              </Fact>
            )}
          </Facts>
          <div className="limit-bar" aria-hidden="true">
            <span style={{ width: `${Math.min(100, (s.logged_minutes / Math.max(1, s.weekly_limit_hours * 60)) * 100)}%` }} />
          </div>
          {overLimit(s) > 0 && (
            <p className="field__error">{formatMinutes(overLimit(s))} is over the weekly limit and is not billed.</p>
          )}
          {s.invoice ? (
            <p className="muted small">This week is invoiced: its entries can no longer change.</p>
          ) : (
            <p className="muted small">Invoiced on the following Monday at 12:00 UTC; until then entries can be changed.</p>
          )}
          {s.entries.length === 0 ? (
            <EmptyState title="No time logged this week">
              <p>{viewer === "freelancer" ? "Log the time you work below." : `${contract.freelancer.full_name} has not logged time this week.`}</p>
            </EmptyState>
          ) : (
            <div className="ledger-wrap">
              <table className="ledger timesheet">
                <caption className="visually-hidden">Time entries, {weekLabel(shown)}</caption>
                <thead>
                  <tr>
                    <th scope="col" className="ledger__date">
                      Started
                    </th>
                    <th scope="col">Work</th>
                    <th scope="col" className="ledger__amount">
                      Duration
                    </th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {s.entries.map((entry) => (
                    <EntryRow key={entry.id} entry={entry} sheet={s} contract={contract} viewer={viewer} timeZone={timeZone} onChanged={changed} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      ) : null}
      <p className={`job-actions__status${note?.error ? " job-actions__status--error" : ""}`} role={note?.error ? "alert" : "status"} hidden={!note}>
        {note?.text}
      </p>
      {canLog && (
        <>
          <h3 className="panel__title">Log time</h3>
          <EntryForm
            contract={contract}
            timeZone={timeZone}
            onSaved={(entry) => {
              const other = entry.week_start !== shown;
              changed(
                `Logged ${formatMinutes(entry.minutes)}${other ? ` in the week of ${weekLabel(entry.week_start)}` : ""}.`,
              );
            }}
          />
        </>
      )}
      {viewer === "freelancer" && !canLog && contract.status === "paused" && (
        <p className="muted small">The contract is paused: you can log time again once the client resumes it.</p>
      )}
    </section>
  );
}

/** The weekly invoices, newest first. */
function InvoicesSection({ contract, viewer, timeZone }: { contract: Contract; viewer: Viewer; timeZone: string }) {
  const { query, items } = usePagedList(deliveryKeys.invoices(contract.id), (cursor, signal) => fetchInvoices(contract.id, cursor, signal));
  return (
    <section className="card" aria-labelledby="invoices-title">
      <h2 id="invoices-title">Invoices</h2>
      <p className="muted small">
        Each week is invoiced on the following Monday at 12:00 UTC. The client can review it until Friday; the money becomes available
        to withdraw 10 days after the week ended.
      </p>
      {query.isPending ? (
        <Loading label="Loading the invoices…" />
      ) : query.isError && items.length === 0 ? (
        <LoadError title="We could not load the invoices" error={query.error} onRetry={() => void query.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title="No invoices yet">
          <p>The first one comes the Monday after the first week with logged time.</p>
        </EmptyState>
      ) : (
        <>
          <div className="ledger-wrap">
            <table className="ledger invoices">
              <caption className="visually-hidden">Weekly invoices</caption>
              <thead>
                <tr>
                  <th scope="col">Week</th>
                  <th scope="col" className="ledger__amount invoices__billed">
                    Billed
                  </th>
                  <th scope="col" className="ledger__amount">
                    Amount
                  </th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {items.map((inv) => (
                  <tr key={inv.id} data-testid="invoice">
                    <td>
                      <Link to={`?week=${inv.week_start}`} className="ledger__description">
                        {weekLabel(inv.week_start)}
                      </Link>
                      <span className="ledger__meta muted small">
                        Review until <time dateTime={inv.review_until}>{formatDateTime(inv.review_until, timeZone)}</time>; available{" "}
                        <time dateTime={inv.available_at}>{formatDate(inv.available_at, timeZone)}</time>
                      </span>
                    </td>
                    <td className="ledger__amount invoices__billed">{formatHours(inv.billed_minutes)}</td>
                    <td className="ledger__amount">
                      <Money amount={inv.amount} />
                      <span className="ledger__meta muted small">
                        <span className="invoices__inline-billed">{formatHours(inv.billed_minutes)} </span>at {formatMoney(inv.hourly_rate)}/hr
                      </span>
                    </td>
                    <td>
                      <Badge label={labelOf(invoiceStatusLabels, inv.status)} tone={toneOf(invoiceStatusTones, inv.status)} testId="invoice-status" />{" "}
                      <InvoiceDisputeButton invoice={inv} viewer={viewer} label={weekLabel(inv.week_start)} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <LoadMore query={query} noun="invoices" shown={items.length} />
        </>
      )}
    </section>
  );
}

/** Change the terms: the client raises the rate or sets the weekly limit; the freelancer lowers the rate. */
export function TermsForm({ contract, viewer }: { contract: Contract; viewer: Viewer }) {
  const id = useId();
  const contractChanged = useContractChanged();
  const refetch = useContractRefetch();
  const [rate, setRate] = useState("");
  const [limit, setLimit] = useState(contract.weekly_limit_hours != null ? String(contract.weekly_limit_hours) : "");
  const [errors, setErrors] = useState<{ rate?: string; limit?: string }>({});
  const [note, setNote] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const client = viewer === "client";

  const save = async () => {
    const found: { rate?: string; limit?: string } = {};
    const body: { hourly_rate?: string; weekly_limit_hours?: number } = {};
    if (rate.trim() !== "") {
      const problem = rateChangeProblem(contract.hourly_rate, rate, viewer);
      if (problem) found.rate = problem;
      else body.hourly_rate = parseAmount(rate) ?? rate.trim();
    }
    if (client && limit.trim() !== "" && limit.trim() !== String(contract.weekly_limit_hours ?? "")) {
      const hours = Number(limit);
      if (!Number.isInteger(hours) || hours < 1 || hours > 80) found.limit = "Enter whole hours from 1 to 80.";
      else body.weekly_limit_hours = hours;
    }
    setErrors(found);
    setNote(null);
    if (Object.keys(found).length > 0) return;
    if (Object.keys(body).length === 0) {
      setNote({ text: client ? "Enter a higher rate or a new weekly limit." : "Enter a lower rate.", error: true });
      return;
    }
    setBusy(true);
    try {
      contractChanged(await changeTerms(contract.id, body));
      setRate("");
      setNote({ text: "The new terms apply from the next invoice.", error: false });
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 422) {
        const mapped = problemToFormErrors(failure, ["hourly_rate", "weekly_limit_hours"] as const);
        setErrors({
          ...(mapped.fields.hourly_rate ? { rate: mapped.fields.hourly_rate } : {}),
          ...(mapped.fields.weekly_limit_hours ? { limit: mapped.fields.weekly_limit_hours } : {}),
        });
        if (mapped.form) setNote({ text: mapped.form, error: true });
      } else {
        setNote({ text: deliveryErrorMessage(failure), error: true });
        if (isStale(failure)) refetch(contract.id);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="form terms-form"
      noValidate
      aria-label="Change the terms"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <h3 className="panel__title">Change the terms</h3>
      <div className="field">
        <label htmlFor={`${id}-rate`}>{client ? "New hourly rate (only higher)" : "New hourly rate (only lower)"}</label>
        <AmountInput
          id={`${id}-rate`}
          placeholder={contract.hourly_rate ?? "45.00"}
          value={rate}
          aria-invalid={errors.rate ? true : undefined}
          aria-describedby={errors.rate ? `${id}-rate-error` : undefined}
          onChange={(e) => setRate(e.target.value)}
        />
        <p className="field__error" id={`${id}-rate-error`} aria-live="polite" hidden={!errors.rate}>
          {errors.rate}
        </p>
      </div>
      {client && (
        <div className="field">
          <label htmlFor={`${id}-limit`}>Weekly limit (hours)</label>
          <input
            id={`${id}-limit`}
            className="input"
            type="number"
            inputMode="numeric"
            min={1}
            max={80}
            step={1}
            value={limit}
            aria-invalid={errors.limit ? true : undefined}
            aria-describedby={errors.limit ? `${id}-limit-error` : undefined}
            onChange={(e) => setLimit(e.target.value)}
          />
          <p className="field__error" id={`${id}-limit-error`} aria-live="polite" hidden={!errors.limit}>
            {errors.limit}
          </p>
        </div>
      )}
      <div className="panel__actions">
        <button type="submit" className="button button--secondary" disabled={busy}>
          {busy ? "Saving…" : "Save terms"}
        </button>
      </div>
      <p className={`job-actions__status${note?.error ? " job-actions__status--error" : ""}`} role={note?.error ? "alert" : "status"} hidden={!note}>
        {note?.text}
      </p>
    </form>
  );
}

/** The hourly part of the contract page. */
export function HourlyDelivery({ contract, viewer, timeZone, canLog }: { contract: Contract; viewer: Viewer; timeZone: string | undefined; canLog: boolean }) {
  const zone = usableTimeZone(timeZone);
  return (
    <>
      <TimesheetSection contract={contract} viewer={viewer} timeZone={zone} canLog={canLog} />
      <InvoicesSection contract={contract} viewer={viewer} timeZone={zone} />
    </>
  );
}
