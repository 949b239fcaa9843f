import { useSeesTeams } from "../../api/session.js";
import { teamOf } from "../../api/types.js";

/**
 * The Team column of a list of pools, connections, variables or workers: shown only to a
 * user who sees more than one team (`useSeesTeams`), naming the team each row belongs to.
 */
export function TeamHeader() {
  return useSeesTeams() ? <th scope="col">Team</th> : null;
}

export function TeamCell({ of }: { of: object }) {
  if (!useSeesTeams()) return null;
  return <td className="mono">{teamOf(of) ?? <span className="muted">—</span>}</td>;
}
