import { Suspense, useEffect, useRef, useState } from "react";
import { Link, NavLink, Outlet, useLocation, useNavigate } from "react-router";
import { session } from "../api";
import type { Role } from "../api/types";
import { useAuthState, useSignOut } from "../auth/useAuth";
import { useRealtimeSync } from "../lib/messagingQueries";
import { ErrorBoundary } from "./ErrorBoundary";
import { Loading } from "./feedback";
import { MessagesNavLink, NotificationBell } from "./HeaderInbox";

function SignOutButton() {
  const signOut = useSignOut();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      className="nav-button"
      disabled={busy}
      onClick={async () => {
        setBusy(true);
        try {
          await signOut();
        } finally {
          setBusy(false);
        }
        await navigate("/", { state: { flash: "You have signed out." } });
      }}
    >
      {busy ? "Signing out…" : "Sign out"}
    </button>
  );
}

/** The hiring pages each role works in, in the order they come up while hiring. */
const workLinks: { to: string; label: string; roles: readonly Role[] }[] = [
  { to: "/proposals", label: "Proposals", roles: ["freelancer"] },
  { to: "/invitations", label: "Invitations", roles: ["freelancer"] },
  { to: "/offers", label: "Offers", roles: ["freelancer", "client"] },
  { to: "/contracts", label: "Contracts", roles: ["freelancer", "client"] },
  { to: "/connects", label: "Connects", roles: ["freelancer"] },
];

/** A second row under the header for hiring (kept apart so the main row stays short on phones). */
function WorkNav({ roles }: { roles: readonly Role[] }) {
  const links = workLinks.filter((l) => l.roles.some((r) => roles.includes(r)));
  if (links.length === 0) return null;
  return (
    <nav className="work-nav" aria-label="Work">
      <ul className="container">
        {links.map((l) => (
          <li key={l.to}>
            <NavLink to={l.to}>{l.label}</NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function SiteHeader() {
  const auth = useAuthState();
  return (
    <header className="site-header">
      <div className="container site-header__inner">
        <Link to="/" className="brand">
          <span className="brand__mark" aria-hidden="true">
            W
          </span>
          Worklane
        </Link>
        <nav className="site-nav" aria-label="Main">
          <ul>
            <li>
              <NavLink to="/jobs" end>
                Find work
              </NavLink>
            </li>
            <li>
              <NavLink to="/freelancers" end>
                Find talent
              </NavLink>
            </li>
            <li>
              <NavLink to="/dev/mailbox" className="nav-dev">
                Mailbox (dev)
              </NavLink>
            </li>
            {auth.status === "signed_in" && (
              <>
                <li>
                  <MessagesNavLink />
                </li>
                <li>
                  <NotificationBell />
                </li>
                {auth.user.roles.includes("freelancer") && (
                  <li>
                    <NavLink to="/me/profile">My profile</NavLink>
                  </li>
                )}
                {auth.user.roles.includes("client") && (
                  <>
                    <li>
                      <NavLink to="/me/company">Company</NavLink>
                    </li>
                    <li>
                      <NavLink to="/me/jobs">My jobs</NavLink>
                    </li>
                    <li>
                      <NavLink to="/jobs/new" className="nav-cta">
                        Post a job
                      </NavLink>
                    </li>
                  </>
                )}
                <li>
                  <NavLink to="/wallet">Wallet</NavLink>
                </li>
                {auth.user.roles.includes("freelancer") && (
                  <li>
                    <NavLink to="/withdrawals">Withdrawals</NavLink>
                  </li>
                )}
                <li>
                  <NavLink to={auth.user.roles.includes("admin") ? "/admin/disputes" : "/disputes"}>Disputes</NavLink>
                </li>
                {auth.user.roles.includes("admin") && (
                  <li>
                    <NavLink to="/admin">Admin</NavLink>
                  </li>
                )}
                <li>
                  <NavLink to="/account">Account</NavLink>
                </li>
                <li>
                  <SignOutButton />
                </li>
              </>
            )}
            {auth.status === "signed_out" && (
              <>
                <li>
                  <NavLink to="/login">Sign in</NavLink>
                </li>
                <li>
                  <NavLink to="/signup" className="nav-cta">
                    Sign up
                  </NavLink>
                </li>
              </>
            )}
          </ul>
        </nav>
      </div>
      {auth.status === "signed_in" && <WorkNav roles={auth.user.roles} />}
    </header>
  );
}

function SiteFooter() {
  return (
    <footer className="site-footer">
      <div className="container site-footer__inner">
        <p>Worklane: an open, self-hostable freelance marketplace.</p>
        <p>
          <a href="/api/docs">API reference</a>
        </p>
      </div>
    </footer>
  );
}

/** When a refresh is refused mid-visit, send the user to sign in again and back. */
function useSessionExpiryRedirect() {
  const navigate = useNavigate();
  useEffect(
    () =>
      session.onExpired(() => {
        const { pathname, search } = window.location;
        void navigate(`/login?expired=1&next=${encodeURIComponent(pathname + search)}`, { replace: true });
      }),
    [navigate],
  );
}

/** Move focus to the main region after client-side navigation, like a page load would. */
function useFocusOnNavigate(target: React.RefObject<HTMLElement | null>) {
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    target.current?.focus();
  }, [pathname, target]);
}

export function Layout() {
  const mainRef = useRef<HTMLElement>(null);
  const { pathname } = useLocation();
  const auth = useAuthState();
  useRealtimeSync(auth.status === "signed_in");
  useSessionExpiryRedirect();
  useFocusOnNavigate(mainRef);
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <SiteHeader />
      <main id="main" ref={mainRef} tabIndex={-1}>
        <div className="container">
          <ErrorBoundary key={pathname}>
            <Suspense fallback={<Loading />}>
              <Outlet />
            </Suspense>
          </ErrorBoundary>
        </div>
      </main>
      <SiteFooter />
    </div>
  );
}
