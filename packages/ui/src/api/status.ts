import { useQuery } from "@tanstack/react-query";
import { api, ok } from "./client.js";

/**
 * What needs attention (`GET /api/v1/status`), shared by the banner on every page and the
 * workers page's unserved queues. Every 10 seconds rather than the usual 2: the banner is
 * on every page, and the things it reports change on the scale of heartbeats and minutes.
 */
export function useStatus() {
  return useQuery({
    queryKey: ["status"],
    queryFn: () => ok(api.GET("/api/v1/status")),
    refetchInterval: (query) =>
      query.state.status === "error" && query.state.data === undefined ? false : 10_000,
  });
}
