import { dag } from "borda";

/**
 * Runs every day at 06:30 on Berlin's clocks (05:30 UTC in winter, 04:30 UTC in summer).
 * Each run processes the day before: its data interval is [yesterday 06:30, today 06:30).
 * With catchup false, unpausing it creates only the latest interval, not one run for
 * every day since startDate.
 */
export default dag(
  {
    id: "scheduled_daily",
    description: "A daily 06:30 Europe/Berlin job over the previous day's data interval.",
    schedule: "30 6 * * *",
    timezone: "Europe/Berlin",
    startDate: "2024-01-01",
    catchup: false,
    maxActiveRuns: 1,
    tags: ["example", "scheduled"],
    defaultTaskOptions: { retries: 2, retryDelay: "1m", retryExponentialBackoff: true },
  },
  ({ task }) => {
    const extract = task({ id: "extract", executionTimeout: "10m" }, (ctx) => {
      ctx.log(
        `extracting ${ctx.dataIntervalStart?.toISOString()} .. ${ctx.dataIntervalEnd?.toISOString()}`,
      );
      return { rows: 42, day: ctx.logicalDate.toISOString().slice(0, 10) };
    });
    task({ id: "publish", inputs: { extracted: extract } }, (ctx) => {
      const { rows, day } = ctx.inputs.extracted;
      return `published ${rows} rows for ${day}`;
    });
  },
);
