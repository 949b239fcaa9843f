import { useQuery } from "@tanstack/react-query";
import { api, ok } from "../../api/client.js";

/** The DAG's details (params, time zone, ...): one cache entry for the dialog and the DAG page. */
export function useDagDetails(dagId: string) {
  return useQuery({
    queryKey: ["dag-details", dagId],
    queryFn: () =>
      ok(api.GET("/api/v1/dags/{dag_id}/details", { params: { path: { dag_id: dagId } } })),
  });
}
