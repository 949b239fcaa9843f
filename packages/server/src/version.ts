import { createRequire } from "node:module";

/** This control plane's version, from its package.json. */
export const serverVersion: string = (
  createRequire(import.meta.url)("../package.json") as { version: string }
).version;
