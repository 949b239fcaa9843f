import type { ControlPlane, ServerConfig } from "@borda/server";
import type { Backend } from "../../server/test/support/backends.js";
import { startServer, TestResources } from "./support.js";

/**
 * A control plane in this process on a fresh database of `backend` (a SQLite file, or a
 * PostgreSQL database of its own), with the processes and directories of the test that
 * uses it: all stopped and removed after the test, the control plane before its database
 * is dropped (cleanups run in reverse, and the database's was registered first).
 */
export async function startServerOn(
  backend: Backend,
  dags: Record<string, string>,
  config: Partial<ServerConfig> = {},
): Promise<{ cp: ControlPlane; resources: TestResources }> {
  const opened = await backend.open({ dagsPausedAtCreation: false });
  await opened.store.close();
  const resources = new TestResources();
  backend.onCleanup(() => resources.cleanup());
  const cp = await startServer(resources, opened.home, dags, {
    databaseUrl: opened.databaseUrl,
    ...config,
  });
  return { cp, resources };
}
