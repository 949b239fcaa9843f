import { createRequire } from "node:module";

/** This worker's version, as it tells the control plane at registration. */
export const workerVersion: string = (
  createRequire(import.meta.url)("../package.json") as { version: string }
).version;
