import { dag } from "borda";

/**
 * The DAG the official-client sessions drive: `greet` logs a line naming the run's conf and
 * returns an XCom built from it; `report` depends on it, so clearing `greet` with its
 * downstream and marking it have something to act on.
 */
export default dag(
  {
    id: "client_session",
    schedule: null,
    tags: ["clients"],
    description: "Driven by Airflow's clients.",
  },
  ({ task }) => {
    const greet = task({ id: "greet" }, (ctx) => {
      const name = String(ctx.conf.name ?? "world");
      ctx.log(`greeting ${name} from run ${ctx.runId}`);
      return { greeting: `hello ${name}`, runId: ctx.runId };
    });
    task({ id: "report", inputs: { greet } }, (ctx) => {
      ctx.log(`reported: ${ctx.inputs.greet.greeting}`);
      return ctx.inputs.greet.greeting.length;
    });
  },
);
