import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Store } from "../store/index.js";
import { parseToken } from "./bearerTokens.js";
import { createWorkerToken } from "./workerTokens.js";

/**
 * The token of `borda standalone`'s own worker (every queue). Kept in
 * `${home}/standalone-worker-token`, readable by its owner only, and made again when
 * missing or revoked.
 */
export async function localWorkerToken(
  store: Store,
  secretKey: Buffer,
  home: string,
): Promise<string> {
  const file = path.join(home, "standalone-worker-token");
  if (existsSync(file)) {
    const token = readFileSync(file, "utf8").trim();
    const id = parseToken(token)?.id;
    const record = id ? await store.findWorkerToken(id) : null;
    if (record && !record.revokedAt) return token;
  }
  const { token } = await createWorkerToken(
    store,
    secretKey,
    { name: "standalone", queues: ["*"] },
    new Date(),
  );
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return token;
}
