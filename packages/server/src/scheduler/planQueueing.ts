import {
  type QueueCandidate,
  type QueueCapacity,
  type QueueDecision,
  runTaskKey,
} from "../store/index.js";

/**
 * Chooses which scheduled task instances to queue now. Candidates arrive highest
 * priority first; each takes its pool slots, one of its DAG's maxActiveTasks and, for a
 * mapped task with a limit (`mapped.maxActive`), one of its run's map indexes at once. A
 * candidate that does not fit now is passed over (a smaller one behind it may fit), and
 * one that can never fit — its pool does not exist, or has fewer slots than it needs —
 * is rejected with a message, rather than waiting forever in silence.
 */
export function planQueueing(
  candidates: readonly QueueCandidate[],
  capacity: QueueCapacity,
): QueueDecision[] {
  const poolUsed = new Map(capacity.poolSlotsUsed);
  const dagActive = new Map(capacity.activeTasksByDag);
  const runTaskActive = new Map(capacity.activeByRunTask);
  const decisions: QueueDecision[] = [];
  for (const candidate of candidates) {
    const slots = capacity.poolSlots.get(candidate.pool);
    if (slots === undefined) {
      decisions.push({
        kind: "reject",
        candidate,
        reason: `Pool '${candidate.pool}' does not exist. Create it (POST /api/v1/pools or \`borda pools set ${candidate.pool} <slots>\`), then clear the task.`,
      });
      continue;
    }
    if (candidate.poolSlots > slots) {
      decisions.push({
        kind: "reject",
        candidate,
        reason: `Task needs ${candidate.poolSlots} slots of pool '${candidate.pool}', which has ${slots}. Raise the pool's slots or lower the task's poolSlots, then clear the task.`,
      });
      continue;
    }
    const used = poolUsed.get(candidate.pool) ?? 0;
    const active = dagActive.get(candidate.dagId) ?? 0;
    const key = runTaskKey(candidate.dagRunId, candidate.taskId);
    const mapped = runTaskActive.get(key) ?? 0;
    const mapLimit = candidate.task.mapped?.maxActive ?? Number.POSITIVE_INFINITY;
    if (used + candidate.poolSlots > slots || active >= candidate.maxActiveTasks) continue;
    if (mapped >= mapLimit) continue;
    poolUsed.set(candidate.pool, used + candidate.poolSlots);
    dagActive.set(candidate.dagId, active + 1);
    runTaskActive.set(key, mapped + 1);
    decisions.push({ kind: "queue", candidate });
  }
  return decisions;
}
