import type { ReactNode } from "react";

type Tone = "error" | "success" | "warning" | "info";

interface AlertProps {
  tone: Tone;
  title?: string;
  children?: ReactNode;
  /** Announce politely (status) or assertively (alert). Errors default to assertive. */
  live?: boolean;
}

export function Alert({ tone, title, children, live = true }: AlertProps) {
  const role = !live ? undefined : tone === "error" ? "alert" : "status";
  return (
    <div className={`alert alert--${tone}`} role={role}>
      {title && <p className="alert__title">{title}</p>}
      {children}
    </div>
  );
}

export function Loading({ label = "Loading…" }: { label?: string }) {
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty">
      <strong>{title}</strong>
      {children}
    </div>
  );
}
