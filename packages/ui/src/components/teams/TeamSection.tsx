import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { api, ok } from "../../api/client.js";
import type { Team, TeamMember, TeamRole } from "../../api/types.js";
import { ActionButton, field } from "../ActionButton.js";
import { AdminSection } from "../admin/AdminSection.js";
import { ErrorMessage } from "../ErrorMessage.js";
import { useAction } from "../useAction.js";
import { defaultTeam, TeamFields, teamChanges } from "./TeamFields.js";

/** The roles a member may hold in a team, least to most; Admin is global, never a team's. */
const teamRoles = ["Viewer", "User", "Op"] as const satisfies readonly TeamRole[];
const roleNamed = (value: string): TeamRole => teamRoles.find((role) => role === value) ?? "Viewer";

/**
 * One team: what it owns, who is in it and with which role. `manage` (Admins) adds the
 * buttons that change it; a member reads it, with their own role.
 */
export function TeamSection({ team, manage }: { team: Team; manage: boolean }) {
  return (
    <AdminSection title={team.name} actions={manage ? <TeamActions team={team} /> : null}>
      <dl className="dag-summary">
        <div>
          <dt>Description</dt>
          <dd>{team.description ?? <span className="muted">—</span>}</dd>
        </div>
        <div>
          <dt>Queues</dt>
          <dd>
            {team.name === defaultTeam ? (
              <span className="muted">every queue no other team owns</span>
            ) : (
              <ul className="tag-list" aria-label={`Queues of team ${team.name}`}>
                {team.queues.map((queue) => (
                  <li key={queue} className="chip mono">
                    {queue}
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
        {team.role ? (
          <div>
            <dt>Your role</dt>
            <dd>{team.role}</dd>
          </div>
        ) : null}
      </dl>
      <h3>Members</h3>
      <TeamMembers team={team.name} manage={manage} />
    </AdminSection>
  );
}

function TeamActions({ team }: { team: Team }) {
  const path = { team_name: team.name };
  return (
    <div className="row-actions">
      <AddMemberButton team={team.name} />
      <ActionButton
        text="Edit"
        label={`Edit team ${team.name}`}
        title={`Edit team ${team.name}`}
        submitLabel="Save"
        run={(form) =>
          ok(
            api.PATCH("/api/v1/teams/{team_name}", {
              params: { path },
              body: teamChanges(team, form),
            }),
          )
        }
      >
        <TeamFields team={team} />
      </ActionButton>
      {team.name === defaultTeam ? null : (
        <ActionButton
          text="Delete"
          label={`Delete team ${team.name}`}
          kind="danger"
          title={`Delete team ${team.name}`}
          submitLabel="Delete"
          run={() => ok(api.DELETE("/api/v1/teams/{team_name}", { params: { path } }))}
        >
          <p>
            Delete team <strong className="mono">{team.name}</strong>? Its members lose their role
            in it, and its queues become the default team's. A team that still owns DAGs, pools,
            connections, variables or worker tokens is kept, saying which.
          </p>
        </ActionButton>
      )}
    </div>
  );
}

/** Gives a user a role in the team: any user but an Admin, who holds every role already. */
function AddMemberButton({ team }: { team: string }) {
  // Labels point at the selects rather than wrapping them, so each is named by its word alone.
  const userFieldId = useId();
  const roleFieldId = useId();
  const users = useQuery({
    queryKey: ["users"],
    queryFn: () => ok(api.GET("/api/v1/users", { params: { query: { limit: 10_000 } } })),
  });
  const candidates = (users.data?.users ?? []).filter(
    (user) => !user.roles.some((role) => role.name === "Admin"),
  );
  return (
    <ActionButton
      text="Add member"
      label={`Add a member to team ${team}`}
      title={`Add a member to team ${team}`}
      submitLabel="Add"
      run={(form) =>
        ok(
          api.PUT("/api/v1/teams/{team_name}/members/{username}", {
            params: { path: { team_name: team, username: field(form, "username") } },
            body: { role: roleNamed(field(form, "role")) },
          }),
        )
      }
    >
      {users.error ? <ErrorMessage error={users.error} /> : null}
      <div className="field">
        <label htmlFor={userFieldId}>User</label>
        <select id={userFieldId} name="username" required>
          {candidates.map((user) => (
            <option key={user.username} value={user.username}>
              {user.username}
            </option>
          ))}
        </select>
      </div>
      <RoleSelect id={roleFieldId} />
    </ActionButton>
  );
}

function RoleSelect({ id, role = "Viewer" }: { id: string; role?: TeamRole }) {
  return (
    <div className="field">
      <label htmlFor={id}>Role</label>
      <select id={id} name="role" defaultValue={role}>
        {teamRoles.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
    </div>
  );
}

function TeamMembers({ team, manage }: { team: string; manage: boolean }) {
  const members = useQuery({
    queryKey: ["teams", team, "members"],
    queryFn: () =>
      ok(
        api.GET("/api/v1/teams/{team_name}/members", {
          params: { path: { team_name: team }, query: { limit: 10_000 } },
        }),
      ),
  });
  if (members.isPending) return <p className="page-status">Loading…</p>;
  if (members.error) return <ErrorMessage error={members.error} />;
  if (members.data.members.length === 0) return <p className="muted">No members yet.</p>;
  return (
    <table className="table named-rows" aria-label={`Members of team ${team}`}>
      <thead>
        <tr>
          <th scope="col">Username</th>
          <th scope="col">Role</th>
          {manage ? <th scope="col">Actions</th> : null}
        </tr>
      </thead>
      <tbody>
        {members.data.members.map((member) => (
          <tr key={member.username}>
            <th scope="row">{member.username}</th>
            <td>{manage ? <MemberRole team={team} member={member} /> : member.role}</td>
            {manage ? (
              <td>
                <ActionButton
                  text="Remove"
                  label={`Remove ${member.username} from team ${team}`}
                  kind="danger"
                  title={`Remove ${member.username} from team ${team}`}
                  submitLabel="Remove"
                  run={() =>
                    ok(
                      api.DELETE("/api/v1/teams/{team_name}/members/{username}", {
                        params: { path: { team_name: team, username: member.username } },
                      }),
                    )
                  }
                >
                  <p>
                    <strong>{member.username}</strong> no longer sees team {team}'s DAGs, pools and
                    workers.
                  </p>
                </ActionButton>
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A member's role, changed as soon as another is chosen. */
function MemberRole({ team, member }: { team: string; member: TeamMember }) {
  const change = useAction((role: TeamRole) =>
    ok(
      api.PUT("/api/v1/teams/{team_name}/members/{username}", {
        params: { path: { team_name: team, username: member.username } },
        body: { role },
      }),
    ),
  );
  return (
    <>
      <select
        aria-label={`Role of ${member.username} in team ${team}`}
        value={member.role}
        disabled={change.pending}
        // A refusal shows below, from change.error.
        onChange={(event) => void change.run(roleNamed(event.target.value)).catch(() => undefined)}
      >
        {teamRoles.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
      {change.error ? <ErrorMessage error={change.error} /> : null}
    </>
  );
}
