import { dag } from "borda";

/**
 * The first seed's DAG: count to twenty on the edge worker that serves the "worker-1"
 * queue, one log line per step. Trigger it with conf {"sleep_seconds": 0} to go fast.
 */
export default dag(
  {
    id: "count_to_twenty",
    description: "Counts to twenty on worker-1, one log line per count.",
    schedule: null,
    startDate: "2021-01-01",
    catchup: false,
    tags: ["example"],
    params: {
      sleep_seconds: {
        type: "number",
        default: 1,
        minimum: 0,
        description: "Pause after each count.",
      },
    },
  },
  ({ task }) => {
    task({ id: "count_to_twenty", pool: "worker-1", queue: "worker-1" }, async (ctx) => {
      for (let i = 1; i <= 20; i++) {
        ctx.log(`Counting: ${i}`);
        await ctx.sleep(ctx.params.sleep_seconds * 1000);
      }
      return "done";
    });
  },
);
