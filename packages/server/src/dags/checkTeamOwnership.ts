import type { DagSpec } from "@borda/protocol";
import { defaultPoolName, defaultTeam, type TeamRecord } from "../store/index.js";
import { ownerOfQueue } from "../teams/queueOwnership.js";
import type { DagRegistry } from "./dagRegistry.js";

/**
 * The team checks of a parsed DAG file (docs/teams.md, "Checked when a DAG is parsed"):
 * a DAG belongs to its file's team, and its tasks may only run on that team's queues and
 * take that team's pools (or `default_pool`, which every team shares). Otherwise one
 * team's DAG would run on another team's workers, with their credentials, or use up
 * their slots. In a single-team install `default` owns every queue and every pool, so
 * nothing is refused.
 */

/**
 * The queue of a task that names none. The SDKs fill it in (`dagBuilder.ts` in
 * @borda/sdk, `_task_options.py` in the Python package), so a spec always has a queue.
 */
const taskDefaultQueue = "default";

export interface TeamProblem {
  message: string;
  line: number | null;
}

/** The first task of `dags` that runs outside its team's queues or pools; null when none. */
export async function checkTeamOwnership(
  registry: DagRegistry,
  fileloc: string,
  dags: readonly DagSpec[],
  lines: { dag: number | null; tasks: Record<string, number> }[],
): Promise<TeamProblem | null> {
  const team = await registry.teamOfFile(fileloc);
  const teams = await registry.listTeams();
  const pools = new Set(dags.flatMap((dag) => dag.tasks.map((task) => task.pool)));
  pools.delete(defaultPoolName);
  const poolTeams = await registry.teamsOfPools([...pools]);
  for (const [index, dag] of dags.entries()) {
    for (const task of dag.tasks) {
      const where = `Task '${task.taskId}' of DAG '${dag.dagId}'`;
      const line = lines[index]?.tasks[task.taskId] ?? lines[index]?.dag ?? null;
      const queueOwner = ownerOfQueue(teams, task.queue);
      if (queueOwner !== team) {
        return { line, message: queueMessage(where, task.queue, queueOwner, team, teams) };
      }
      const poolTeam = poolTeams.get(task.pool);
      // A pool that does not exist is left to the scheduler in `default`, as before teams
      // (it fails the task: "Pool 'x' does not exist"). Another team's DAG is refused
      // alike whether the pool is missing or another's: a pool, unlike a queue, is private.
      const foreignPool =
        task.pool !== defaultPoolName &&
        (poolTeam === undefined ? team !== defaultTeam : poolTeam !== team);
      if (foreignPool) {
        return {
          line,
          message: `${where} takes pool '${task.pool}', which is not a pool of team '${team}': use one of its pools (\`borda pools list\` lists the pools you can see) or ${defaultPoolName}.`,
        };
      }
    }
  }
  return null;
}

function queueMessage(
  where: string,
  queue: string,
  owner: string,
  team: string,
  teams: readonly TeamRecord[],
): string {
  const own = teams.find((t) => t.name === team)?.queues ?? [];
  const ownQueues =
    team === defaultTeam
      ? `team '${team}' owns every queue no other team owns`
      : own.length === 0
        ? `team '${team}' owns no queues yet: an Admin gives it some (\`borda teams update ${team} --queues ...\`)`
        : `team '${team}' owns ${own.join(", ")}`;
  if (queue === taskDefaultQueue && team !== defaultTeam) {
    return `${where} names no queue, so it would run on queue '${queue}', which team '${owner}' owns; a team's DAG sets a queue of its own on every task (or in the DAG's default task options): ${ownQueues}.`;
  }
  return `${where} runs on queue '${queue}', which team '${owner}' owns; ${ownQueues}: use one of its queues.`;
}
