import { useId } from "react";
import { roleAllows, useSession } from "../../api/session.js";
import { field } from "../ActionButton.js";

/**
 * Which team a new pool, connection or variable goes to (the `team` of its body), for a
 * user who may create one in more than one team. Left out, the API puts it in the one team
 * the user may (an Admin's: default), and refuses to guess between several.
 */
export function TeamChoiceField() {
  const id = useId();
  const teams = (useSession().data?.teams ?? []).filter(
    (team) => team.role === null || roleAllows(team.role, "Op"),
  );
  if (teams.length < 2) return null;
  return (
    <div className="field">
      <label htmlFor={id}>Team</label>
      <select id={id} name="team" defaultValue={teams[0]?.name}>
        {teams.map((team) => (
          <option key={team.name} value={team.name}>
            {team.name}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The chosen team, as a body's `team` field; nothing when the form offered no choice. */
export function teamChoice(form: FormData): { team?: string } {
  const team = field(form, "team");
  return team ? { team } : {};
}
