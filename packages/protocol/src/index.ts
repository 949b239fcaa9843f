// What an edge worker needs is `@borda/protocol/edge` (edgeIndex.ts); a module the worker
// API uses goes there, so that the worker, which imports that entry alone, has it.
export * from "./api.js";
export * from "./apiAssets.js";
export * from "./apiBackfills.js";
export * from "./apiConnections.js";
export * from "./apiEdge.js";
export * from "./apiInstance.js";
export * from "./apiStatus.js";
export * from "./apiTokens.js";
export * from "./apiUsers.js";
export * from "./edgeIndex.js";
