import { AttemptState, findTask } from "@borda/protocol";
import type { Logger } from "pino";
import type { AttemptRecord, DagRunRecord, Store } from "../store/index.js";

/**
 * Data-aware scheduling's reaction to asset events: every DAG with queued events gets its
 * run as soon as they satisfy its asset condition. It runs right after an event lands
 * (a producer's success, POST /datasets/events), so a consumer starts in the same step,
 * and on every scheduler pass, which picks up events another replica recorded and could
 * not act on. The store makes each event trigger at most one run, whoever calls.
 */
export async function createAssetTriggeredRuns(
  store: Store,
  logger: Logger,
  now: Date,
): Promise<DagRunRecord[]> {
  const created: DagRunRecord[] = [];
  for (const dagId of await store.listDagsWithQueuedAssetEvents()) {
    try {
      const run = await store.createAssetTriggeredRun(dagId, now);
      if (run) {
        logger.info({ dagId, runId: run.runId }, "asset-triggered run created");
        created.push(run);
      }
    } catch (error) {
      // One DAG's trouble must not hold back the others' runs; its events stay queued.
      logger.error({ err: error, dagId }, "could not create the DAG's asset-triggered run");
    }
  }
  return created;
}

/** Whether an attempt's end recorded asset events: it succeeded and its task has outlets. */
export async function producedAssetEvents(store: Store, attempt: AttemptRecord): Promise<boolean> {
  if (attempt.state !== AttemptState.success) return false;
  const version = await store.getDagVersion(attempt.dagVersionId);
  const outlets = version && findTask(version.spec, attempt.taskId)?.outlets;
  return (outlets?.length ?? 0) > 0;
}
