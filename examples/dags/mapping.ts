import { dag } from "borda";

/**
 * Dynamic task mapping: `plants` returns a list only known at run time, `check` runs once
 * per plant (map indexes 0..N-1, two at a time), and `summary` receives every result, in
 * map index order. With `plants: []` in the conf, `check` and `summary` are skipped.
 */
export default dag(
  {
    id: "mapping",
    description: "A task mapped over a list known at run time, and a summary of its results.",
    tags: ["example"],
    params: {
      plants: { type: "array", default: ["porto", "lyon", "gdansk"] },
    },
  },
  ({ task, mappedTask }) => {
    const plants = task({ id: "plants" }, (ctx) => ctx.params.plants as string[]);
    const threshold = task({ id: "threshold" }, () => 0.9);

    const checks = mappedTask(
      {
        id: "check",
        expand: { plant: plants },
        // The same for every map index (Airflow's partial).
        inputs: { threshold },
        maxActiveTisPerDagrun: 2,
      },
      (ctx) => {
        const uptime = 0.8 + (ctx.inputs.plant.length % 3) / 10;
        ctx.log(`map index ${ctx.mapIndex}: ${ctx.inputs.plant} uptime ${uptime.toFixed(1)}`);
        return { plant: ctx.inputs.plant, ok: uptime >= ctx.inputs.threshold };
      },
    );

    task({ id: "summary", inputs: { checks } }, (ctx) => {
      const failing = ctx.inputs.checks.filter((check) => !check.ok).map((check) => check.plant);
      ctx.log(
        `${ctx.inputs.checks.length} plants checked, failing: ${failing.join(", ") || "none"}`,
      );
      return failing;
    });
  },
);
