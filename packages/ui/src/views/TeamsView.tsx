import { useQuery } from "@tanstack/react-query";
import { api, ok } from "../api/client.js";
import { useCan } from "../api/session.js";
import { ActionButton, field } from "../components/ActionButton.js";
import { ErrorMessage } from "../components/ErrorMessage.js";
import { TeamFields, teamQueues } from "../components/teams/TeamFields.js";
import { TeamSection } from "../components/teams/TeamSection.js";

/**
 * Teams (docs/teams.md): who sees and changes which DAGs, pools, connections, variables
 * and workers. Admins create teams, give them queues and members; everyone else reads the
 * teams they are in, with their role there and who else is.
 */
export function TeamsView() {
  const isAdmin = useCan("Admin");
  const teams = useQuery({
    queryKey: ["teams"],
    queryFn: () => ok(api.GET("/api/v1/teams", { params: { query: { limit: 10_000 } } })),
  });
  return (
    <>
      <div className="page-header">
        <h1>Teams</h1>
        {isAdmin ? <CreateTeamButton /> : null}
      </div>
      <p className="muted">
        {isAdmin
          ? "A team owns the DAGs in the DAGs folder's subfolder of its name, the tasks on its queues, its pools, connections and variables, and the workers of its worker tokens. Its members see only those; their role in the team says what they may change there. The default team owns everything no other team does."
          : "The teams you are in: you see their DAGs, runs, pools, connections, variables and workers, and your role in each says what you may change there."}
      </p>
      {teams.isPending ? (
        <p className="page-status">Loading…</p>
      ) : teams.error ? (
        <ErrorMessage error={teams.error} />
      ) : (
        teams.data.teams.map((team) => <TeamSection key={team.name} team={team} manage={isAdmin} />)
      )}
    </>
  );
}

function CreateTeamButton() {
  return (
    <ActionButton
      text="Create team"
      kind="primary"
      title="Create team"
      submitLabel="Create"
      run={(form) =>
        ok(
          api.POST("/api/v1/teams", {
            body: {
              name: field(form, "name"),
              description: field(form, "description") || null,
              queues: teamQueues(form),
            },
          }),
        )
      }
    >
      <label>
        Name
        <input
          name="name"
          required
          maxLength={63}
          pattern="[A-Za-z0-9][A-Za-z0-9_\-]*"
          title="Letters, digits, '-' or '_', starting with a letter or digit: it is also the name of the team's DAGs folder."
          autoComplete="off"
        />
      </label>
      <TeamFields />
    </ActionButton>
  );
}
