/**
 * `@borda/protocol/edge`: what an edge worker needs, with no zod in it (docs/internals.md,
 * "The worker loads no zod"): the worker API's constants, its checks of the control
 * plane's answers, the modules they are built on, and the messages' types. Types are
 * exported as types only, so importing this entry never evaluates a schema; a schema
 * imported from it is a compile error.
 */
export type * from "./callbacks.js";
export type * from "./dagSpec.js";
export type * from "./edge.js";
export * from "./edgeAnswers.js";
export * from "./edgeConstants.js";
export * from "./errors.js";
export * from "./namePatterns.js";
export * from "./secrets.js";
export * from "./sensorPolicy.js";
export type * from "./sensors.js";
export * from "./settings.js";
export * from "./states.js";
export * from "./taskTerms.js";
export type { Check } from "./valueChecks.js";
