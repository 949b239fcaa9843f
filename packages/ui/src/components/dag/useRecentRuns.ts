import { useQuery } from "@tanstack/react-query";
import { api, ok } from "../../api/client.js";

/** How many runs the DAG page shows: Airflow's grid default. */
export const recentRunCount = 25;

/** The DAG's latest runs, newest first: one cache entry for the run picker, grid and details. */
export function useRecentRuns(dagId: string) {
  return useQuery({
    queryKey: ["dag-runs", dagId, recentRunCount],
    queryFn: () =>
      ok(
        api.GET("/api/v1/dags/{dag_id}/dagRuns", {
          params: {
            path: { dag_id: dagId },
            query: { limit: recentRunCount, order_by: "-logical_date" },
          },
        }),
      ),
  });
}
