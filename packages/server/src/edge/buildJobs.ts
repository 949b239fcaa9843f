import {
  type DagSpec,
  findTask,
  type Job,
  mapSourceTasks,
  type TriggeringAssetEvent,
} from "@borda/protocol";
import { mappedInputs } from "../scheduler/taskMapping.js";
import { resolveParams } from "../scheduler/validateConf.js";
import type { ClaimedJob, Store } from "../store/index.js";

/**
 * Everything a worker needs to run each job: its task, and the context's data. Upstream
 * results are read with one query per run, not per job: a fetch for many free slots
 * usually hands out siblings of one fan-out, which share their upstream.
 */
export async function buildJobs(store: Store, claimed: readonly ClaimedJob[]): Promise<Job[]> {
  const withTasks = [];
  const reads = new Map<number, { spec: DagSpec; taskIds: Set<string> }>();
  for (const job of claimed) {
    const version = await store.getDagVersion(job.dagVersionId);
    const task = version && findTask(version.spec, job.taskId);
    if (!version || !task) continue;
    withTasks.push({ job, version, task });
    const read = reads.get(job.dagRunId) ?? { spec: version.spec, taskIds: new Set<string>() };
    for (const id of task.upstream) read.taskIds.add(id);
    reads.set(job.dagRunId, read);
  }
  const resultsByRun = new Map<number, Map<string, unknown>>();
  for (const [dagRunId, { spec, taskIds }] of reads) {
    const results = await store.readTaskValues(spec, {
      dagRunId,
      taskIds: [...taskIds],
      key: "return_value",
    });
    resultsByRun.set(dagRunId, results);
  }
  const triggersByRun = new Map<number, Record<string, TriggeringAssetEvent[]>>();
  for (const { job, version } of withTasks) {
    if (version.spec.assetSchedule && !triggersByRun.has(job.dagRunId)) {
      triggersByRun.set(job.dagRunId, await triggeringEventsOf(store, job.dagRunId));
    }
  }
  const jobs: Job[] = [];
  for (const { job, version, task } of withTasks) {
    const triggeringAssetEvents = triggersByRun.get(job.dagRunId);
    const results = resultsByRun.get(job.dagRunId) ?? new Map<string, unknown>();
    // A map index receives its own item, not its sources' whole lists (a fan-out of
    // 1,000 would otherwise carry 1,000 items to each of its 1,000 jobs).
    const sources = task.mapped ? new Set(mapSourceTasks(task.mapped)) : new Set<string>();
    const upstream = Object.fromEntries(
      task.upstream
        .filter((id) => results.has(id) && !sources.has(id))
        .map((id) => [id, results.get(id)]),
    );
    const inputs = {
      ...Object.fromEntries(
        Object.entries(task.inputs).map(([input, taskId]) => [input, results.get(taskId)]),
      ),
      ...(task.mapped && job.mapIndex >= 0 ? mappedInputs(task.mapped, results, job.mapIndex) : {}),
    };
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
        ...(job.mapIndex >= 0 ? { mapIndex: job.mapIndex } : {}),
        logicalDate: job.logicalDate.toISOString(),
        dataIntervalStart: job.dataIntervalStart?.toISOString() ?? null,
        dataIntervalEnd: job.dataIntervalEnd?.toISOString() ?? null,
        params: resolveParams(version.spec, job.conf),
        conf: job.conf,
        inputs,
        upstream,
        ...(triggeringAssetEvents && { triggeringAssetEvents }),
      },
      ...(job.startUnconfirmed ? { started: true } : {}),
    });
  }
  return jobs;
}

/** The events that triggered an asset-triggered run, by asset URI, oldest first. */
async function triggeringEventsOf(
  store: Store,
  dagRunId: number,
): Promise<Record<string, TriggeringAssetEvent[]>> {
  const { items } = await store.findAssetEvents(
    { triggeredDagRunId: dagRunId },
    { orderBy: "timestamp", descending: false, limit: 10_000, offset: 0 },
  );
  const byUri: Record<string, TriggeringAssetEvent[]> = {};
  for (const event of items) {
    const events = byUri[event.uri] ?? [];
    byUri[event.uri] = events;
    events.push({
      uri: event.uri,
      extra: event.extra,
      sourceDagId: event.sourceDagId,
      sourceRunId: event.sourceRunId,
      sourceTaskId: event.sourceTaskId,
      sourceMapIndex: event.sourceMapIndex,
      timestamp: event.timestamp.toISOString(),
    });
  }
  return byUri;
}
