export * from "./api.js";
export * from "./apiEdge.js";
export * from "./apiUsers.js";
export * from "./dagSpec.js";
export * from "./edge.js";
export * from "./errors.js";
export * from "./settings.js";
export * from "./states.js";
