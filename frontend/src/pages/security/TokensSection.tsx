import { useEffect, useId, useRef, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { z } from "zod";
import { API_ORIGIN } from "../../api/client";
import { errorMessage } from "../../api/problem";
import { createToken, fetchTokens, revokeToken, type AccessToken, type CreatedToken } from "../../api/security";
import { useCurrentUser } from "../../auth/useAuth";
import { Alert, EmptyState, Loading } from "../../components/feedback";
import { Field, FieldErrorText } from "../../components/fields";
import { applyApiErrors } from "../../lib/formErrors";
import { formatDate, formatDateTime } from "../../lib/format";
import { scopeLabel, tokenExpiries, tokenScopes, tokenStatus, type TokenStatus } from "../../lib/security";
import { LoadError } from "../hiring/parts";
import { ConfirmDialog, type ConfirmDialogHandle } from "../money/ConfirmDialog";
import { CopyButton } from "./CopyButton";
import { securityKeys } from "./keys";

const scopeValues = ["read", "jobs", "proposals", "contracts", "wallet"] as const;

const tokenSchema = z.object({
  name: z.string().trim().min(1, { error: "Give the token a name." }).max(100, { error: "Use at most 100 characters." }),
  scopes: z.array(z.enum(scopeValues), { error: "Choose at least one scope." }).min(1, { error: "Choose at least one scope." }),
  expires: z.enum(["30", "90", "365", ""]),
});
type TokenValues = z.input<typeof tokenSchema>;
type TokenData = z.output<typeof tokenSchema>;
const tokenFields = ["name", "scopes", "expires"] as const;

function CreateTokenForm({ onCreated }: { onCreated: (token: CreatedToken) => void }) {
  const [formError, setFormError] = useState<string | null>(null);
  const scopesErrorId = useId();
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<TokenValues, unknown, TokenData>({
    resolver: zodResolver(tokenSchema),
    defaultValues: { name: "", scopes: ["read"], expires: "90" },
  });

  const onSubmit = handleSubmit(async ({ name, scopes, expires }) => {
    setFormError(null);
    try {
      const created = await createToken({ name, scopes, ...(expires ? { expires_in_days: Number(expires) } : {}) });
      reset();
      onCreated(created);
    } catch (error) {
      setFormError(applyApiErrors(error, tokenFields, setError));
    }
  });

  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-labelledby="new-token-title">
      <h3 id="new-token-title">Create a token</h3>
      <div className="form-live" aria-live="assertive">
        {formError && (
          <Alert tone="error" live={false}>
            <p>{formError}</p>
          </Alert>
        )}
      </div>
      <Field label="Name" error={errors.name?.message} hint="What it is for, like “Invoice sync”, to tell your tokens apart.">
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            className="input"
            autoComplete="off"
            maxLength={100}
            aria-invalid={invalid}
            aria-describedby={describedBy}
            {...register("name")}
          />
        )}
      </Field>
      <fieldset className="field token-scopes" aria-describedby={errors.scopes ? scopesErrorId : undefined}>
        <legend>What it may do</legend>
        <div className="choice-group">
          {tokenScopes.map((s) => (
            <label key={s.scope} className="choice">
              <input type="checkbox" value={s.scope} {...register("scopes")} />
              <span>
                <span className="choice__title">{s.label}</span>
                <span className="choice__desc">{s.description}</span>
              </span>
            </label>
          ))}
        </div>
        <FieldErrorText id={scopesErrorId} error={errors.scopes?.message} />
      </fieldset>
      <Field label="Expires" error={errors.expires?.message}>
        {({ id, describedBy, invalid }) => (
          <select id={id} className="select token-expiry" aria-invalid={invalid} aria-describedby={describedBy} {...register("expires")}>
            {tokenExpiries.map((e) => (
              <option key={e.value} value={e.value}>
                {e.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="form-actions">
        <button type="submit" className="button" disabled={isSubmitting}>
          {isSubmitting ? "Creating…" : "Create token"}
        </button>
      </div>
    </form>
  );
}

/** The new token, shown this once. */
function NewTokenPanel({ token, onDone }: { token: CreatedToken; onDone: () => void }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const inputId = useId();
  useEffect(() => {
    headingRef.current?.focus();
  }, []);
  return (
    <section className="new-token" aria-labelledby="created-token-title">
      <h3 id="created-token-title" ref={headingRef} tabIndex={-1}>
        Your new token “{token.name}”
      </h3>
      <Alert tone="warning" live={false}>
        <p>
          Copy it now: it is shown only this once. Anyone who has it can act as you within its scopes, so keep it as safe as
          a password.
        </p>
      </Alert>
      <div className="field">
        <label htmlFor={inputId}>Token</label>
        <input
          id={inputId}
          className="input new-token__value"
          readOnly
          value={token.token}
          spellCheck={false}
          onFocus={(event) => event.currentTarget.select()}
        />
      </div>
      <div className="form-actions">
        <CopyButton text={token.token} label="Copy token" />
      </div>
      <p className="small">Send it in the Authorization header of each request, for example:</p>
      <pre className="token-example">
        <code>{`curl -H "Authorization: Bearer ${token.prefix}…" \\\n  ${API_ORIGIN}/api/v1/me`}</code>
      </pre>
      <div className="form-actions">
        <button type="button" className="button" onClick={onDone}>
          I copied it
        </button>
      </div>
    </section>
  );
}

const statusBadges: Record<TokenStatus, { label: string; className: string }> = {
  active: { label: "Active", className: "badge badge--success" },
  expired: { label: "Expired", className: "badge badge--neutral" },
  revoked: { label: "Revoked", className: "badge badge--danger" },
};

function TokenItem({
  token,
  timeZone,
  busy,
  onRevoke,
}: {
  token: AccessToken;
  timeZone: string | undefined;
  busy: boolean;
  onRevoke: () => void;
}) {
  const status = tokenStatus(token);
  const badge = statusBadges[status];
  return (
    <li className="token" data-testid="token">
      <div className="token__head">
        <p className="token__name">{token.name}</p>
        <span className={badge.className}>{badge.label}</span>
      </div>
      <dl className="token__facts">
        <div>
          <dt>Starts with</dt>
          <dd>
            <code>{token.prefix}…</code>
          </dd>
        </div>
        <div>
          <dt>Scopes</dt>
          <dd>{token.scopes.map(scopeLabel).join(", ")}</dd>
        </div>
        <div>
          <dt>Created</dt>
          <dd>
            <time dateTime={token.created_at}>{formatDate(token.created_at, timeZone)}</time>
          </dd>
        </div>
        <div>
          <dt>Last used</dt>
          <dd>
            {token.last_used_at ? (
              <time dateTime={token.last_used_at}>{formatDateTime(token.last_used_at, timeZone)}</time>
            ) : (
              "Never"
            )}
          </dd>
        </div>
        <div>
          <dt>{status === "revoked" ? "Revoked" : status === "expired" ? "Expired" : "Expires"}</dt>
          <dd>
            {token.revoked_at ? (
              <time dateTime={token.revoked_at}>{formatDate(token.revoked_at, timeZone)}</time>
            ) : token.expires_at ? (
              <time dateTime={token.expires_at}>{formatDate(token.expires_at, timeZone)}</time>
            ) : (
              "Never"
            )}
          </dd>
        </div>
      </dl>
      {status === "active" && (
        <div>
          <button
            type="button"
            className="button button--danger-quiet button--small"
            disabled={busy}
            aria-label={`Revoke ${token.name}`}
            onClick={onRevoke}
          >
            {busy ? "Revoking…" : "Revoke"}
          </button>
        </div>
      )}
    </li>
  );
}

export function TokensSection() {
  const queryClient = useQueryClient();
  const user = useCurrentUser();
  const tokens = useQuery({ queryKey: securityKeys.tokens, queryFn: ({ signal }) => fetchTokens(signal) });
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const [target, setTarget] = useState<AccessToken | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const confirmRef = useRef<ConfirmDialogHandle>(null);
  const revoke = useMutation({
    mutationFn: (token: AccessToken) => revokeToken(token.id),
    onSuccess: (_, token) => setNotice(`“${token.name}” is revoked: it no longer works.`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: securityKeys.tokens }),
  });
  const list = tokens.data ?? [];

  return (
    <section className="card security-section" aria-labelledby="tokens-title">
      <div className="security-section__head">
        <h2 id="tokens-title">Personal access tokens</h2>
      </div>
      <p>
        A token lets your own scripts and tools use the <a href="/api/docs">Worklane API</a> as you, with only the scopes you
        choose. Send it as <code>Authorization: Bearer &lt;token&gt;</code>.
      </p>
      <p className="muted small">
        Tokens can never change your security settings (like these), read or send messages, or do admin work. You can have
        up to 20 working tokens.
      </p>
      {created ? (
        <NewTokenPanel token={created} onDone={() => setCreated(null)} />
      ) : (
        <CreateTokenForm
          onCreated={(token) => {
            setNotice(null);
            setCreated(token);
            void queryClient.invalidateQueries({ queryKey: securityKeys.tokens });
          }}
        />
      )}
      <h3 className="token-list__title">Your tokens</h3>
      <div className="form-live" aria-live="polite">
        {notice && (
          <Alert tone="success" live={false}>
            <p>{notice}</p>
          </Alert>
        )}
        {revoke.isError && (
          <Alert tone="error" live={false}>
            <p>{errorMessage(revoke.error)}</p>
          </Alert>
        )}
      </div>
      {tokens.isPending ? (
        <Loading label="Loading your tokens…" />
      ) : tokens.isError ? (
        <LoadError title="Your tokens could not be loaded" error={tokens.error} onRetry={() => void tokens.refetch()} />
      ) : list.length === 0 ? (
        <EmptyState title="No tokens yet">
          <p>Tokens you create are listed here.</p>
        </EmptyState>
      ) : (
        <ul className="token-list" aria-label="Access tokens">
          {list.map((token) => (
            <TokenItem
              key={token.id}
              token={token}
              timeZone={user?.timezone}
              busy={revoke.isPending && revoke.variables.id === token.id}
              onRevoke={() => {
                setNotice(null);
                setTarget(token);
                confirmRef.current?.open();
              }}
            />
          ))}
        </ul>
      )}
      <ConfirmDialog
        ref={confirmRef}
        title={target ? `Revoke “${target.name}”?` : "Revoke this token?"}
        body="Anything using it stops working at once. This cannot be undone."
        confirm="Revoke token"
        keep="Keep it"
        onConfirm={() => {
          if (target) revoke.mutate(target);
        }}
      />
    </section>
  );
}
