import { dag } from "borda";

/**
 * 10,000 tasks on a queue no worker serves: a large run whose pages the benchmark reads,
 * never runs. A file of its own, so its bundle is not the one every benchmark task's
 * runner loads (declaring 10,000 tasks in each of 100 runners starves a 2-core machine).
 */
export default dag({ id: "bench_wide" }, ({ task }) => {
  for (let i = 0; i < 10_000; i++) {
    task({ id: `part_${String(i).padStart(5, "0")}`, queue: "bench_unserved" }, () => null);
  }
});
