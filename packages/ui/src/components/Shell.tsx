import { Link, Outlet } from "@tanstack/react-router";
import { roleAllows, useSession, useSignOut } from "../api/session.js";
import { LoginView } from "../views/LoginView.js";
import { ErrorMessage } from "./ErrorMessage.js";
import { StatusBanner } from "./StatusBanner.js";

/** The sections, each with the least role whose API calls its page needs (none: every role). */
const sections = [
  { to: "/", label: "DAGs" },
  { to: "/assets", label: "Assets" },
  { to: "/pools", label: "Pools" },
  { to: "/workers", label: "Edge workers" },
  { to: "/jobs", label: "Edge jobs" },
  { to: "/connections", label: "Connections", role: "Op" },
  { to: "/variables", label: "Variables", role: "Op" },
  { to: "/admin", label: "Admin" },
] as const;

/** The frame of every page: navigation and who is signed in; the sign-in form when nobody is. */
export function Shell() {
  const session = useSession();
  const signOut = useSignOut();
  if (session.isPending) return <p className="page-status">Loading…</p>;
  if (session.error) return <ErrorMessage error={session.error} />;
  if (!session.data) return <LoginView />;
  const role = session.data.role;
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link to="/" className="brand">
          Borda
        </Link>
        <nav aria-label="Sections">
          <ul>
            {sections.map((section) =>
              "role" in section && !roleAllows(role, section.role) ? null : (
                <li key={section.to}>
                  <Link
                    to={section.to}
                    activeOptions={{ exact: section.to === "/" }}
                    activeProps={{ "aria-current": "page", className: "active" }}
                  >
                    {section.label}
                  </Link>
                </li>
              ),
            )}
          </ul>
        </nav>
        <div className="who">
          <span>
            {session.data.username} <span className="muted">({session.data.role})</span>
          </span>
          <button type="button" className="button subtle" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <StatusBanner />
        <Outlet />
      </main>
    </div>
  );
}
