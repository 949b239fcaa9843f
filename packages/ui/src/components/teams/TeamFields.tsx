import { useId } from "react";
import type { Team } from "../../api/types.js";
import { field, listField } from "../ActionButton.js";

/**
 * The fields an Admin sets on a team: its description and, except for the default team
 * (whose queues are every queue no other team owns), the queue patterns it owns.
 */
export function TeamFields({ team }: { team?: Team }) {
  const hintId = useId();
  return (
    <>
      <label>
        Description
        <input name="description" maxLength={1000} defaultValue={team?.description ?? ""} />
      </label>
      {team?.name === defaultTeam ? null : (
        <>
          <label>
            Queues
            <input
              name="queues"
              required
              autoComplete="off"
              defaultValue={team?.queues.join(", ") ?? ""}
              aria-describedby={hintId}
            />
          </label>
          <p id={hintId} className="muted">
            Comma-separated queue names or patterns (<code>sales_*</code>) the team's tasks run on.
            A queue belongs to one team.
          </p>
        </>
      )}
    </>
  );
}

/** The team that owns everything no other team owns; it cannot be deleted nor given queues. */
export const defaultTeam = "default";

/** The queue patterns the form holds. */
export const teamQueues = (form: FormData): string[] => listField(form, "queues");

/** The change the edit form makes, as PATCH /teams/{team_name} takes it. */
export function teamChanges(team: Team, form: FormData) {
  const description = field(form, "description") || null;
  return team.name === defaultTeam ? { description } : { description, queues: teamQueues(form) };
}
