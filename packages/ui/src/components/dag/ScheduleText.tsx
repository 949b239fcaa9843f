import type { Dag } from "../../api/types.js";
import { describeSchedule } from "./describeSchedule.js";

/** What the API says of a DAG scheduled on assets (Airflow's words). */
export const assetTimetable = "Triggered by datasets";

/** A DAG's schedule in words, with the expression and time zone on hover. */
export function ScheduleText({
  dag,
}: {
  dag: Pick<Dag, "schedule_interval" | "timetable_description">;
}) {
  return (
    <span title={dag.timetable_description ?? "No schedule: runs only when triggered"}>
      {dag.timetable_description === assetTimetable
        ? "when its assets are updated"
        : describeSchedule(dag.schedule_interval?.value)}
    </span>
  );
}
