import type http from "node:http";
import type { AddressInfo } from "node:net";
import { EdgeClient } from "../../src/client/edgeClient.js";

/**
 * An edge client of worker `w1` talking to `server`, which it starts on loopback; both are
 * closed when the test finishes (`finished` is vitest's `onTestFinished`).
 */
export async function clientOf(
  server: http.Server,
  finished: (cleanup: () => Promise<void>) => void,
): Promise<EdgeClient> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const client = new EdgeClient({
    apiUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    token: "token",
    workerName: "w1",
  });
  finished(async () => {
    client.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return client;
}
