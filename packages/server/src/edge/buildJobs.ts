import { findTask, type Job } from "@borda/protocol";
import { resolveParams } from "../scheduler/validateConf.js";
import type { ClaimedJob, Store } from "../store/index.js";

/**
 * Everything a worker needs to run each job: its task, and the context's data. Upstream
 * results are read with one query per run, not per job: a fetch for many free slots
 * usually hands out siblings of one fan-out, which share their upstream.
 */
export async function buildJobs(store: Store, claimed: readonly ClaimedJob[]): Promise<Job[]> {
  const withTasks = [];
  const upstreamIdsByRun = new Map<number, Set<string>>();
  for (const job of claimed) {
    const version = await store.getDagVersion(job.dagVersionId);
    const task = version && findTask(version.spec, job.taskId);
    if (!version || !task) continue;
    withTasks.push({ job, version, task });
    const ids = upstreamIdsByRun.get(job.dagRunId) ?? new Set<string>();
    for (const id of task.upstream) ids.add(id);
    upstreamIdsByRun.set(job.dagRunId, ids);
  }
  const resultsByRun = new Map<number, Map<string, unknown>>();
  for (const [dagRunId, ids] of upstreamIdsByRun) {
    const xcoms = await store.listXcoms({
      dagRunId,
      taskIds: [...ids],
      key: "return_value",
    });
    resultsByRun.set(dagRunId, new Map(xcoms.map((x) => [x.taskId, x.value])));
  }
  const jobs: Job[] = [];
  for (const { job, version, task } of withTasks) {
    const results = resultsByRun.get(job.dagRunId);
    const upstream = Object.fromEntries(
      task.upstream.filter((id) => results?.has(id)).map((id) => [id, results?.get(id)]),
    );
    const inputs = Object.fromEntries(
      Object.entries(task.inputs).map(([input, taskId]) => [input, upstream[taskId]]),
    );
    jobs.push({
      attemptId: job.attemptId,
      dagId: job.dagId,
      runId: job.runId,
      taskId: job.taskId,
      mapIndex: job.mapIndex,
      tryNumber: job.tryNumber,
      queue: job.queue,
      pool: job.pool,
      poolSlots: job.poolSlots,
      bundleHash: job.bundleHash,
      kind: task.kind,
      ...(task.runtime ? { runtime: task.runtime } : {}),
      ...(task.python ? { python: task.python } : {}),
      isolation: task.isolation,
      executionTimeoutMs: task.executionTimeoutMs,
      ...(task.sensor ? { sensor: task.sensor } : {}),
      context: {
        dagId: job.dagId,
        runId: job.runId,
        taskId: job.taskId,
        tryNumber: job.tryNumber,
        logicalDate: job.logicalDate.toISOString(),
        dataIntervalStart: job.dataIntervalStart?.toISOString() ?? null,
        dataIntervalEnd: job.dataIntervalEnd?.toISOString() ?? null,
        params: resolveParams(version.spec, job.conf),
        conf: job.conf,
        inputs,
        upstream,
      },
    });
  }
  return jobs;
}
