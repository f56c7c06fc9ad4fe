import type { ReactNode } from "react";
import { Link, NavLink } from "react-router";
import type { User } from "../../api/types";
import { Loading } from "../../components/feedback";
import { useFreshUser } from "../../lib/queries";
import "../jobs/jobs.css";
import "../hiring/hiring.css";
import "./admin.css";

const sections: { to: string; label: string; end?: boolean }[] = [
  { to: "/admin", label: "Overview", end: true },
  { to: "/admin/users", label: "People" },
  { to: "/admin/flags", label: "Flags" },
  { to: "/admin/disputes", label: "Disputes" },
  { to: "/admin/identity", label: "Identity" },
  { to: "/admin/audit-log", label: "Audit log" },
];

/** The admin console's own navigation, the same on every admin page. */
export function AdminNav() {
  return (
    <nav className="admin-nav" aria-label="Admin">
      <ul>
        {sections.map((s) => (
          <li key={s.to}>
            <NavLink to={s.to} end={s.end}>
              {s.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The answer for a signed-in account without the admin role. */
export function NotForYou({ what }: { what: string }) {
  return (
    <div className="narrow">
      <div className="gate card">
        <h1>This page is for Worklane admins</h1>
        <p>Your account does not have access to {what}.</p>
        <div className="form-actions">
          <Link className="button" to="/">
            Go to the home page
          </Link>
        </div>
      </div>
    </div>
  );
}

/**
 * An admin page: the sub-navigation and the page for admins, the "not for you" card for
 * everyone else (the server answers 403 admin_only to them all the same).
 */
export function AdminPage({ what, children }: { what: string; children: (user: User) => ReactNode }) {
  const user = useFreshUser();
  if (!user) return <Loading />;
  if (!user.roles.includes("admin")) return <NotForYou what={what} />;
  return (
    <div className="admin">
      <AdminNav />
      {children(user)}
    </div>
  );
}
