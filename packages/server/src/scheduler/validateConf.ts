import { BordaError, type DagSpec, ErrorCode, type ParamSpec } from "@borda/protocol";

/**
 * Checks a run's conf against the DAG's params: a param without a default must be
 * given; given values must have the param's type and respect its enum and bounds. Keys
 * that are not params pass through (Airflow allows free-form conf). Throws one
 * `invalid_input` error listing every problem.
 */
export function validateConf(spec: DagSpec, conf: Record<string, unknown>): void {
  const problems: string[] = [];
  for (const [name, param] of Object.entries(spec.params)) {
    const value = name in conf ? conf[name] : param.default;
    if (value === undefined) {
      problems.push(`conf.${name} is required (${describe(param)})`);
      continue;
    }
    const problem = checkValue(param, value);
    if (problem) problems.push(`conf.${name} ${problem}`);
  }
  if (problems.length > 0) {
    throw new BordaError(
      ErrorCode.invalidInput,
      `Invalid conf for DAG '${spec.dagId}': ${problems.join("; ")}.`,
      { details: { problems } },
    );
  }
}

/** The params a task sees: defaults overridden by the run's conf. */
export function resolveParams(
  spec: DagSpec,
  conf: Record<string, unknown>,
): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const [name, param] of Object.entries(spec.params)) {
    params[name] = name in conf ? conf[name] : param.default;
  }
  return params;
}

function checkValue(param: ParamSpec, value: unknown): string | null {
  const typeOk = {
    string: typeof value === "string",
    number: typeof value === "number" && Number.isFinite(value),
    integer: Number.isInteger(value),
    boolean: typeof value === "boolean",
    object: typeof value === "object" && value !== null && !Array.isArray(value),
    array: Array.isArray(value),
  }[param.type];
  if (!typeOk) return `must be ${describe(param)}, got ${JSON.stringify(value)}`;
  if (
    param.enum &&
    !param.enum.some((allowed) => JSON.stringify(allowed) === JSON.stringify(value))
  ) {
    return `must be one of ${param.enum.map((v) => JSON.stringify(v)).join(", ")}`;
  }
  if (typeof value === "number") {
    if (param.minimum !== undefined && value < param.minimum)
      return `must be at least ${param.minimum}`;
    if (param.maximum !== undefined && value > param.maximum)
      return `must be at most ${param.maximum}`;
  }
  if (typeof value === "string") {
    if (param.minLength !== undefined && value.length < param.minLength) {
      return `must have at least ${param.minLength} characters`;
    }
    if (param.maxLength !== undefined && value.length > param.maxLength) {
      return `must have at most ${param.maxLength} characters`;
    }
  }
  return null;
}

function describe(param: ParamSpec): string {
  return param.type === "array" || param.type === "object" || param.type === "integer"
    ? `an ${param.type}`
    : `a ${param.type}`;
}
