import { createRequire } from "node:module";

export const cliVersion: string = (
  createRequire(import.meta.url)("../package.json") as { version: string }
).version;
