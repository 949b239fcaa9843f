import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { dag, type TaskContext } from "borda";

/** Where a run keeps its sensor's poke count. */
const counterOf = (ctx: TaskContext) => path.join(tmpdir(), "borda-sensors", ctx.dagId, ctx.runId);

/**
 * A sensor waits for a condition, freeing its worker slot between pokes (reschedule mode):
 * here, its own second look. Its value, the number of pokes it took, goes to the report.
 */
export default dag(
  {
    id: "sensors",
    description: "A reschedule-mode sensor that is satisfied on its second poke.",
    tags: ["example"],
  },
  ({ task, sensor }) => {
    const reset = task({ id: "reset" }, (ctx) => {
      rmSync(counterOf(ctx), { force: true });
      mkdirSync(path.dirname(counterOf(ctx)), { recursive: true });
      return "reset";
    });
    const ready = sensor(
      { id: "second_look", mode: "reschedule", pokeInterval: 0.5, timeout: 60 },
      (ctx) => {
        const counter = counterOf(ctx);
        const pokes = (existsSync(counter) ? Number(readFileSync(counter, "utf8")) : 0) + 1;
        writeFileSync(counter, String(pokes));
        // false until the second poke; then done, with the count as the sensor's result.
        return { done: pokes >= 2, value: pokes };
      },
    ).after(reset);
    task(
      { id: "report", inputs: { pokes: ready } },
      (ctx) => `ready after ${ctx.inputs.pokes} pokes`,
    );
  },
);
