import type { AssetCondition } from "./asset.js";
import type { CallbackOption } from "./callbacks.js";
import type { ParamSpecs } from "./params.js";
import type { TaskDefaults } from "./taskOptions.js";

export interface DagOptions<Params extends ParamSpecs> {
  /** Unique across the deployment: letters, digits, '_', '.' or '-'. */
  id: string;
  description?: string;
  /**
   * A cron expression ("0 6 * * *"), a preset ("@daily", "@hourly", "@once"), null
   * (default) for manual runs only, or assets: the DAG runs when they are updated
   * (`asset("s3://...")`, a list meaning all of them, or `.and()` / `.or()` of them).
   */
  schedule?: string | null | AssetCondition | AssetCondition[];
  /**
   * The first data interval starts here; required with a schedule. A date like
   * "2021-01-01" is midnight in the DAG's timezone; an ISO instant or a Date is exact.
   */
  startDate?: string | Date | null;
  /** No scheduled run starts after this (same forms as startDate). */
  endDate?: string | Date | null;
  /** IANA time zone in which the schedule and plain dates are read. Default "UTC". */
  timezone?: string;
  /** Create the runs missed since startDate (or since the DAG was paused). Default false. */
  catchup?: boolean;
  tags?: string[];
  /** Run parameters, typed in `ctx.params` of the tasks declared through the build toolkit. */
  params?: Params;
  /** Default 16. */
  maxActiveRuns?: number;
  /** Tasks of this DAG running at once across all its runs. Default 16. */
  maxActiveTasks?: number;
  /** Options applied to every task of the DAG unless the task sets them. */
  defaultTaskOptions?: TaskDefaults;
  /**
   * Fired when a run succeeds: a function, run on a worker with the context of the task
   * instance that finished last, a notifier, or a list (docs/notifications.md).
   */
  onSuccess?: CallbackOption;
  /** Fired when a run fails, with the context of the failed task instance that decided it. */
  onFailure?: CallbackOption;
}
