import { api, ok } from "../../api/client.js";

/*
 * Ending a worker: the calls and what they mean, for one row's buttons and the bulk ones.
 */

export const shutdownNote =
  "A worker shut down stops taking work, lets its running tasks finish (up to its drain timeout) and exits; something outside Borda has to start it again.";

export const removeNote =
  "Only offline or unknown workers can be removed; a live one would register again.";

export const shutDownWorker = (name: string) =>
  ok(
    api.POST("/api/v1/edge/workers/{worker_name}/shutdown", {
      params: { path: { worker_name: name } },
    }),
  );

export const removeWorker = (name: string) =>
  ok(api.DELETE("/api/v1/edge/workers/{worker_name}", { params: { path: { worker_name: name } } }));
