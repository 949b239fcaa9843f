export * from "./dagSpec.js";
export * from "./errors.js";
export * from "./states.js";
