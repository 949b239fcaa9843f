import { dag } from "borda";

/**
 * One task produces numbers; three tasks work on them in parallel, each receiving the
 * list through `inputs`; a join receives all three results, each with its own type.
 */
export default dag(
  {
    id: "fan_out_fan_in",
    description: "A generator fanning out to parallel tasks, joined by a report.",
    tags: ["example"],
    params: { count: { type: "integer", default: 10, minimum: 1, maximum: 1000 } },
  },
  ({ task }) => {
    const generate = task({ id: "generate" }, (ctx) =>
      Array.from({ length: ctx.params.count }, (_, i) => i + 1),
    );

    const sumOfSquares = task({ id: "sum_of_squares", inputs: { numbers: generate } }, (ctx) =>
      ctx.inputs.numbers.reduce((sum, n) => sum + n * n, 0),
    );
    const evens = task({ id: "evens", inputs: { numbers: generate } }, (ctx) =>
      ctx.inputs.numbers.filter((n) => n % 2 === 0),
    );
    const describe = task({ id: "describe", inputs: { numbers: generate } }, async (ctx) => {
      await ctx.sleep(100);
      return `${ctx.inputs.numbers.length} numbers from ${ctx.inputs.numbers[0]}`;
    });

    task(
      {
        id: "report",
        inputs: { sumOfSquares, evens, summary: describe },
        triggerRule: "all_success",
      },
      (ctx) => {
        const { sumOfSquares, evens, summary } = ctx.inputs;
        ctx.log(`${summary}: ${evens.length} even, sum of squares ${sumOfSquares}`);
        return { summary, evenCount: evens.length, sumOfSquares };
      },
    );
  },
);
