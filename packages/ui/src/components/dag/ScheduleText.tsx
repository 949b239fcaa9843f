import type { Dag } from "../../api/types.js";
import { describeSchedule } from "./describeSchedule.js";

/** A DAG's schedule in words, with the expression and time zone on hover. */
export function ScheduleText({
  dag,
}: {
  dag: Pick<Dag, "schedule_interval" | "timetable_description">;
}) {
  return (
    <span title={dag.timetable_description ?? "No schedule: runs only when triggered"}>
      {describeSchedule(dag.schedule_interval?.value)}
    </span>
  );
}
