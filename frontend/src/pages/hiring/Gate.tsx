import type { ReactNode } from "react";
import { Link } from "react-router";

export interface GateAction {
  to: string;
  text: string;
}

/** Why a screen is not for this user (or not now), and what to do instead. */
export function Gate({ title, children, action }: { title: string; children: ReactNode; action?: GateAction | undefined }) {
  return (
    <div className="gate card">
      <h2>{title}</h2>
      {children}
      {action && (
        <div className="form-actions">
          <Link className="button" to={action.to}>
            {action.text}
          </Link>
        </div>
      )}
    </div>
  );
}
