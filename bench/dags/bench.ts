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
