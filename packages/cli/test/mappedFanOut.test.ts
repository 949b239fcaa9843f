import { describe, expect, it } from "vitest";
import { postgresSkipMessage, postgresUrl } from "../../server/test/support/postgresSkip.js";
import {
  eventually,
  freshDatabase,
  startServer,
  startWorker,
  TestResources,
  workersRegistered,
  workerToken,
} from "./support.js";

/**
 * Dynamic task mapping at the acceptance's scale, on real `borda worker` processes: one
 * task returns 1,000 items, a mapped task runs once per item across 4 workers of 25 slots
 * each, and one task receives the 1,000 results, which must be in map index order however
 * the map indexes finished.
 */

const fanOutDag = `
import { dag } from "borda";
export default dag({ id: "fan_out", schedule: null, maxActiveTasks: 1000 }, ({ task, mappedTask }) => {
  const items = task({ id: "items", queue: "fan" }, () => Array.from({ length: 1000 }, (_, i) => i));
  const doubled = mappedTask(
    { id: "double", queue: "fan", expand: { item: items } },
    // Uneven work, so map indexes finish out of order.
    async (ctx) => {
      await ctx.sleep(ctx.inputs.item % 7);
      return ctx.inputs.item * 2;
    },
  );
  task({ id: "collect", queue: "fan", inputs: { doubled } }, (ctx) => {
    const inOrder = ctx.inputs.doubled.every((value, index) => value === index * 2);
    return { count: ctx.inputs.doubled.length, inOrder };
  });
});
`;

const backends = [
  { name: "sqlite", database: async () => null, skip: null },
  { name: "postgres", database: freshDatabase, skip: postgresUrl ? null : postgresSkipMessage },
];

for (const backend of backends) {
  const title = `mapping 1 → 1,000 → 1 on 4 real workers × 25 slots [${backend.name}]`;
  (backend.skip ? describe.skip : describe)(
    backend.skip ? `${title} — ${backend.skip}` : title,
    () => {
      it("runs every map index once and hands the results on in map index order", async ({
        onTestFinished,
      }) => {
        const resources = new TestResources();
        const database = await backend.database();
        onTestFinished(async () => {
          await resources.cleanup();
          await database?.drop();
        });
        const cp = await startServer(
          resources,
          resources.dir(),
          { "fan_out.ts": fanOutDag },
          database ? { databaseUrl: database.url } : {},
        );
        expect(await cp.store.listImportErrors()).toEqual([]);
        const token = await workerToken(cp, ["fan"]);
        const workers = [1, 2, 3, 4].map((n) =>
          startWorker(resources, {
            url: cp.url,
            token,
            name: `fan-${n}`,
            queues: "fan",
            env: { BORDA_CONCURRENCY: "25" },
          }),
        );
        await workersRegistered(cp, ...workers);
        const run = await cp.scheduler.triggerRun("fan_out", { runId: "fan" });
        await eventually(
          async () => {
            const state = (await cp.store.getDagRun("fan_out", "fan"))?.state;
            return state === "success" || state === "failed" ? state : null;
          },
          () => `the run to finish (${workers.map((w) => w.output().slice(-2000)).join("\n")})`,
          300_000,
        );
        expect((await cp.store.getDagRun("fan_out", "fan"))?.state).toBe("success");
        const attempts = await cp.store.listAttempts({ dagRunId: run.id, taskId: "double" });
        expect(attempts).toHaveLength(1000);
        expect(new Set(attempts.map((a) => a.mapIndex)).size).toBe(1000);
        expect(attempts.every((a) => a.tryNumber === 1 && a.state === "success")).toBe(true);
        // Every worker took part.
        expect(new Set(attempts.map((a) => a.workerName)).size).toBe(4);
        const [collected] = await cp.store.listXcoms({
          dagRunId: run.id,
          taskIds: ["collect"],
          key: "return_value",
        });
        expect(collected?.value).toEqual({ count: 1000, inOrder: true });
      }, 360_000);
    },
  );
}
