import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { api, ok } from "../../api/client.js";
import { useCan } from "../../api/session.js";
import { ActionButton, field } from "../ActionButton.js";
import { ErrorMessage } from "../ErrorMessage.js";
import { RelativeTime } from "../RelativeTime.js";
import { AdminSection } from "./AdminSection.js";

/** Airflow's roles, least to most: each may do what the ones before it may. */
const roles = ["Viewer", "User", "Op", "Admin"] as const;
type RoleName = (typeof roles)[number];

const roleNamed = (value: string): RoleName => roles.find((role) => role === value) ?? "Viewer";

/** Who may sign in, and with which role. Admin only, as the API is. */
export function UsersSection() {
  const isAdmin = useCan("Admin");
  // The label points at the select rather than wrapping it, so its name is "Role" alone.
  const roleFieldId = useId();
  const teamFieldId = useId();
  return (
    <AdminSection
      title="Users"
      actions={
        isAdmin ? (
          <ActionButton
            text="Create user"
            kind="primary"
            title="Create user"
            submitLabel="Create"
            run={(form) =>
              ok(
                api.POST("/api/v1/users", {
                  body: {
                    username: field(form, "username"),
                    password: String(form.get("password") ?? ""),
                    roles: [{ name: roleNamed(field(form, "role")) }],
                    team: field(form, "team") || undefined,
                  },
                }),
              )
            }
          >
            <label>
              Username
              <input name="username" required maxLength={256} autoComplete="off" />
            </label>
            <label>
              Password
              <input
                name="password"
                type="password"
                required
                maxLength={1024}
                autoComplete="new-password"
              />
            </label>
            <div className="field">
              <label htmlFor={roleFieldId}>Role</label>
              <select id={roleFieldId} name="role" defaultValue="Viewer">
                {roles.map((role) => (
                  <option key={role} value={role}>
                    {role}
                  </option>
                ))}
              </select>
            </div>
            <TeamSelect id={teamFieldId} />
          </ActionButton>
        ) : null
      }
    >
      {isAdmin ? <UserTable /> : <p className="muted">Only Admins manage users.</p>}
    </AdminSection>
  );
}

/** The team in which a new user holds their role (ignored for an Admin, who is every team's). */
function TeamSelect({ id }: { id: string }) {
  const teams = useQuery({
    queryKey: ["teams"],
    queryFn: () => ok(api.GET("/api/v1/teams", { params: { query: { limit: 10_000 } } })),
  });
  if (teams.error) return <ErrorMessage error={teams.error} />;
  return (
    <div className="field">
      <label htmlFor={id}>Team</label>
      <select id={id} name="team" defaultValue="default">
        {(teams.data?.teams ?? [{ name: "default" }]).map((team) => (
          <option key={team.name} value={team.name}>
            {team.name}
          </option>
        ))}
      </select>
    </div>
  );
}

function UserTable() {
  const users = useQuery({
    queryKey: ["users"],
    queryFn: () => ok(api.GET("/api/v1/users", { params: { query: { limit: 10_000 } } })),
  });
  if (users.isPending) return <p className="page-status">Loading…</p>;
  if (users.error) return <ErrorMessage error={users.error} />;
  return (
    <table className="table named-rows">
      <thead>
        <tr>
          <th scope="col">Username</th>
          <th scope="col">Role</th>
          <th scope="col">Last sign-in</th>
          <th scope="col">Created</th>
          <th scope="col">Actions</th>
        </tr>
      </thead>
      <tbody>
        {users.data.users.map((user) => (
          <tr key={user.username}>
            <th scope="row">{user.username}</th>
            <td>{user.roles.map((role) => role.name).join(", ")}</td>
            <td>
              <RelativeTime at={user.last_login} empty="never" />
            </td>
            <td>
              <RelativeTime at={user.created_on} />
            </td>
            <td>
              <ActionButton
                text="Delete"
                label={`Delete user ${user.username}`}
                kind="danger"
                title={`Delete ${user.username}`}
                submitLabel="Delete"
                run={() =>
                  ok(
                    api.DELETE("/api/v1/users/{username}", {
                      params: { path: { username: user.username } },
                    }),
                  )
                }
              >
                <p>
                  <strong>{user.username}</strong> can no longer sign in, and their API tokens stop
                  working.
                </p>
              </ActionButton>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
