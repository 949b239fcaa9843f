/**
 * `@borda/protocol/edge`: what an edge worker needs, the worker API's schemas and the
 * modules they are built on, without the REST API's schemas. An unbundled `borda worker`
 * evaluates every module it imports; the package index would build every REST schema too,
 * about 5 MiB of the worker's memory for nothing it uses.
 */
export { secretIdSchema } from "./apiConnections.js";
export * from "./callbacks.js";
export * from "./dagSpec.js";
export * from "./edge.js";
export * from "./errors.js";
export * from "./secrets.js";
export * from "./sensors.js";
export * from "./settings.js";
export * from "./states.js";
