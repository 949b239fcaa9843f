import { queueMatcher } from "../scheduler/jobNotifier.js";
import { defaultTeam, type TeamRecord } from "../store/index.js";

/**
 * Which team owns a queue (docs/teams.md, "Queues"): the team one of whose patterns
 * matches it, else `default`, whose pattern `*` stands for every queue no other team
 * owns. Teams' patterns are kept from overlapping (`overlapOf`), so at most one other
 * team matches; should hand-made overlaps exist anyway, the first team by name wins.
 */
export function ownerOfQueue(teams: readonly TeamRecord[], queue: string): string {
  for (const team of teams) {
    if (team.name === defaultTeam) continue;
    if (team.queues.some((pattern) => queueMatcher(pattern)(queue))) return team.name;
  }
  return defaultTeam;
}

/**
 * A pattern of `patterns` that would share queues with another team's, and that one;
 * null when there is none. Two patterns overlap when either, read as a queue name,
 * matches the other (`etl_*` and `etl_daily`, `etl_*` and `etl_a*`). Patterns with
 * wildcards at both ends (`*_etl` against `a_*`) can share queues this does not see;
 * `ownerOfQueue` still gives such a queue one owner.
 */
export function overlapOf(
  teams: readonly TeamRecord[],
  name: string,
  patterns: readonly string[],
): { pattern: string; team: string; theirs: string } | null {
  for (const team of teams) {
    if (team.name === name || team.name === defaultTeam) continue;
    for (const theirs of team.queues) {
      for (const pattern of patterns) {
        if (queueMatcher(pattern)(theirs) || queueMatcher(theirs)(pattern)) {
          return { pattern, team: team.name, theirs };
        }
      }
    }
  }
  return null;
}
