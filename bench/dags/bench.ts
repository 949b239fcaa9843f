import { dag } from "borda";

/**
 * The benchmark's DAGs, in one file so they share one bundle (and one warm runner).
 * Every task does nothing: what is measured is Borda, not the work.
 */

export const single = dag({ id: "bench_single", maxActiveRuns: 1000 }, ({ task }) => {
  task({ id: "noop", queue: "bench", pool: "bench" }, () => null);
});

export const chain = dag({ id: "bench_chain", maxActiveRuns: 1000 }, ({ task }) => {
  let previous = task({ id: "hop_00", queue: "bench", pool: "bench" }, () => 0);
  for (let i = 1; i < 40; i++) {
    const next = task(
      { id: `hop_${String(i).padStart(2, "0")}`, queue: "bench", pool: "bench" },
      () => i,
    );
    next.after(previous);
    previous = next;
  }
});

export const fanOut = dag(
  { id: "bench_fan_out", maxActiveTasks: 1000, maxActiveRuns: 1000 },
  ({ task }) => {
    for (let i = 0; i < 1000; i++) {
      task({ id: `noop_${String(i).padStart(4, "0")}`, queue: "bench", pool: "bench" }, () => null);
    }
  },
);

/**
 * Dynamic task mapping, 1 → `count` → 1 on `queue`: one task's `count` items, a mapped no-op
 * per item, one task collecting them in order.
 */
function mappedDag(id: string, queue: string, count: number) {
  return dag({ id, maxActiveTasks: 1000, maxActiveRuns: 1000 }, ({ task, mappedTask }) => {
    const items = task({ id: "items", queue, pool: "bench" }, () =>
      Array.from({ length: count }, (_, i) => i),
    );
    const each = mappedTask(
      { id: "each", queue, pool: "bench", expand: { item: items } },
      (ctx) => ctx.inputs.item,
    );
    task({ id: "collect", queue, pool: "bench", inputs: { each } }, (ctx) => {
      if (!ctx.inputs.each.every((item, index) => item === index)) throw new Error("out of order");
      return ctx.inputs.each.length;
    });
  });
}

export const mapped = mappedDag("bench_mapped", "bench_map", 1000);

/** Its first try outlives the benchmark (it is killed with its worker); a retry ends at once. */
export const failover = dag({ id: "bench_failover" }, ({ task }) => {
  task(
    { id: "survive", queue: "bench_failover", pool: "bench", retries: 1, retryDelay: 0 },
    async (ctx) => {
      if (ctx.tryNumber === 1) await ctx.sleep(600_000);
      return ctx.tryNumber;
    },
  );
});

/** Fan-out and in, 1 → 100 → 1, on the benchmark's one worker (npm run bench:airflow). */
export const fanInOut = mappedDag("bench_fan_in_out", "bench", 100);
