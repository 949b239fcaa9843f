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

/** Dynamic task mapping: one task's 1,000 items, a mapped no-op per item, one task collecting them. */
export const mapped = dag(
  { id: "bench_mapped", maxActiveTasks: 1000, maxActiveRuns: 1000 },
  ({ task, mappedTask }) => {
    const items = task({ id: "items", queue: "bench_map", pool: "bench" }, () =>
      Array.from({ length: 1000 }, (_, i) => i),
    );
    const each = mappedTask(
      { id: "each", queue: "bench_map", pool: "bench", expand: { item: items } },
      (ctx) => ctx.inputs.item,
    );
    task({ id: "collect", queue: "bench_map", pool: "bench", inputs: { each } }, (ctx) => {
      if (!ctx.inputs.each.every((item, index) => item === index)) throw new Error("out of order");
      return ctx.inputs.each.length;
    });
  },
);

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

/** Fan-out and in, 1 → 100 → 1 by dynamic mapping, on the benchmark's one worker (npm run bench:airflow). */
export const fanInOut = dag(
  { id: "bench_fan_in_out", maxActiveTasks: 1000, maxActiveRuns: 1000 },
  ({ task, mappedTask }) => {
    const items = task({ id: "items", queue: "bench", pool: "bench" }, () =>
      Array.from({ length: 100 }, (_, i) => i),
    );
    const each = mappedTask(
      { id: "each", queue: "bench", pool: "bench", expand: { item: items } },
      (ctx) => ctx.inputs.item,
    );
    task({ id: "collect", queue: "bench", pool: "bench", inputs: { each } }, (ctx) => {
      if (!ctx.inputs.each.every((item, index) => item === index)) throw new Error("out of order");
      return ctx.inputs.each.length;
    });
  },
);
