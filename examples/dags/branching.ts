import { dag } from "borda";

/**
 * A branch takes one of two ways, by the size of the load; a report joins them again
 * (trigger rule none_failed_min_one_success: it runs after whichever ran). A
 * short-circuit then stops the publishing when there were no rows.
 */
export default dag(
  {
    id: "branching",
    description: "A branch between two loads, joined again; a short-circuit before publishing.",
    tags: ["example"],
    params: { rows: { type: "integer", default: 10, minimum: 0 } },
  },
  ({ task, branch, shortCircuit }) => {
    const choose = branch({ id: "choose" }, (ctx) =>
      ctx.params.rows > 1000 ? "bulk_load" : "quick_load",
    );
    const quick = task(
      { id: "quick_load" },
      (ctx) => `loaded ${ctx.params.rows} rows at once`,
    ).after(choose);
    const bulk = task(
      { id: "bulk_load" },
      (ctx) => `loaded ${ctx.params.rows} rows in batches`,
    ).after(choose);

    const report = task({ id: "report", triggerRule: "none_failed_min_one_success" }, (ctx) => {
      // Only the load that ran has a result; the other was skipped.
      const loaded = ctx.upstream.quick_load ?? ctx.upstream.bulk_load;
      ctx.log(`report: ${loaded}`);
      return loaded;
    }).after(quick, bulk);

    // 0 rows: false, so publish is skipped (and so would be anything after it).
    const hasRows = shortCircuit({ id: "has_rows" }, (ctx) => ctx.params.rows > 0).after(report);
    task({ id: "publish" }, (ctx) => `published ${ctx.params.rows} rows`).after(hasRows);
  },
);
