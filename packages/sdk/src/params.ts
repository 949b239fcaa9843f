/**
 * DAG params: a subset of JSON Schema, the same shape as protocol's `ParamSpec` (the SDK
 * has no runtime dependencies, so it states the shape itself; a test keeps the two equal).
 */

export type ParamType = "string" | "number" | "integer" | "boolean" | "object" | "array";

export interface ParamSpec {
  type: ParamType;
  /** The value when a run's conf does not give one. A param without a default must be given. */
  default?: unknown;
  description?: string;
  /** The allowed values; narrows the param's type in `ctx.params` to their union. */
  enum?: readonly unknown[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
}

export type ParamSpecs = Record<string, ParamSpec>;

interface ParamTypeValues {
  string: string;
  number: number;
  integer: number;
  boolean: boolean;
  object: Record<string, unknown>;
  array: unknown[];
}

/** The value a task sees for one param. */
export type ParamValue<Spec extends ParamSpec> = Spec extends { enum: readonly (infer Allowed)[] }
  ? Allowed
  : ParamTypeValues[Spec["type"]];

/** What `ctx.params` holds for a DAG's param specs: every param resolved (default or conf). */
export type ParamValues<Specs extends ParamSpecs> = {
  [Name in keyof Specs]: ParamValue<Specs[Name]>;
};
