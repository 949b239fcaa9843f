// What an edge worker needs is `@borda/protocol/edge` (edgeIndex.ts), which loads no zod:
// a value the worker reads goes in a module that entry exports, not beside a schema.
export * from "./api.js";
export * from "./apiAssets.js";
export * from "./apiBackfills.js";
export * from "./apiConnections.js";
export * from "./apiEdge.js";
export * from "./apiInstance.js";
export * from "./apiStatus.js";
export * from "./apiTeams.js";
export * from "./apiTokens.js";
export * from "./apiUsers.js";
export * from "./callbacks.js";
export * from "./dagSpec.js";
export * from "./edge.js";
export * from "./edgeIndex.js";
export * from "./sensors.js";
