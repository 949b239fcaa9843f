import { Link, Outlet } from "@tanstack/react-router";
import { roleAllows, useSession, useSignOut } from "../api/session.js";
import type { Session } from "../api/types.js";
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
  { to: "/teams", label: "Teams" },
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
          <UserTeams session={session.data} />
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

/**
 * The signed-in user's teams and role in each, beside their name; an Admin's are all teams,
 * said as such once there is more than the default one.
 */
function UserTeams({ session }: { session: Session }) {
  if (session.role === "Admin") {
    return session.teams.length > 1 ? (
      <Link to="/teams" className="muted">
        all teams
      </Link>
    ) : null;
  }
  return (
    <Link to="/teams" aria-label={`Your teams: ${teamsSaid(session.teams)}`}>
      <span className="muted">{session.teams.length === 1 ? "team" : "teams"}</span>{" "}
      {teamsSaid(session.teams)}
    </Link>
  );
}

const teamsSaid = (teams: Session["teams"]) =>
  teams.map((team) => `${team.name} (${team.role})`).join(", ");
