import { BordaError, ErrorCode } from "./errors.js";

/**
 * Checks of a parsed JSON value's shape, for what the worker reads without zod
 * (docs/internals.md, "The worker loads no zod"). A check returns the value as its type,
 * or throws an `invalid_input` error naming the field that is wrong (`jobs[0].tryNumber`)
 * and what it should be. An object comes back with its declared keys only, as a zod
 * object strips the others: a newer peer's fields are ignored, never passed on.
 *
 * Each rule is zod's for the schema the check mirrors (edgeAnswers.ts's test feeds both
 * the same messages): a whole number is a safe integer; an object or a record is not an
 * array; a key of any value must still be present.
 */
export type Check<T> = (value: unknown, at: string) => T;

export const string: Check<string> = (value, at) =>
  typeof value === "string" ? value : refuse(at, "a string", value);

/** A string of `min` to `max` characters (UTF-16 units, as zod counts them). */
export function stringOf(min: number, max: number): Check<string> {
  return (value, at) =>
    typeof value === "string" && value.length >= min && value.length <= max
      ? value
      : refuse(at, `a string of ${min} to ${max} characters`, value);
}

/** A string that `pattern` matches; `rule` says in words what it allows. */
export function matching(pattern: RegExp, rule: string): Check<string> {
  return (value, at) =>
    typeof value === "string" && pattern.test(value)
      ? value
      : refuse(at, `a string (${rule})`, value);
}

export const boolean: Check<boolean> = (value, at) =>
  typeof value === "boolean" ? value : refuse(at, "true or false", value);

/** A whole number (a safe integer) of at least `min`. */
export function wholeNumber(min = Number.MIN_SAFE_INTEGER): Check<number> {
  const expected = min === Number.MIN_SAFE_INTEGER ? "a whole number" : `a whole number ≥ ${min}`;
  return (value, at) =>
    Number.isSafeInteger(value) && (value as number) >= min
      ? (value as number)
      : refuse(at, expected, value);
}

export function oneOf<const T extends string>(values: readonly T[]): Check<T> {
  const expected = values.map((item) => `'${item}'`).join(" or ");
  return (value, at) => (values.includes(value as T) ? (value as T) : refuse(at, expected, value));
}

/** Any JSON value, null included; the key must be there (zod's required `unknown`). */
export const jsonValue: Check<unknown> = (value, at) =>
  value === undefined ? refuse(at, "a value", value) : value;

export function nullable<T>(check: Check<T>): Check<T | null> {
  return (value, at) => (value === null ? null : check(value, at));
}

export function arrayOf<T>(check: Check<T>): Check<T[]> {
  return (value, at) =>
    Array.isArray(value)
      ? value.map((item, index) => check(item, `${at}[${index}]`))
      : refuse(at, "an array", value);
}

/** An object used as a map: every key kept, each value checked. */
export function recordOf<T>(check: Check<T>): Check<Record<string, T>> {
  return (value, at) =>
    Object.fromEntries(
      Object.entries(plainObject(value, at)).map(([key, item]) => [
        key,
        check(item, fieldPath(at, key)),
      ]),
    );
}

/** How a check reads an object's declared fields. */
export interface Fields {
  /** Field `key`, checked; absent, it is refused, as by a zod key that is not optional. */
  <T>(key: string, check: Check<T>): T;
  /** `{ key: value }` when the field is there, `{}` when not: spread it into the result. */
  optional<K extends string, T>(key: K, check: Check<T>): { [P in K]?: T };
}

/** The fields of `value`, which must be an object. */
export function fieldsOf(value: unknown, at: string): Fields {
  const object = plainObject(value, at);
  const get = (key: string): unknown => (Object.hasOwn(object, key) ? object[key] : undefined);
  const read = <T>(key: string, check: Check<T>): T => check(get(key), fieldPath(at, key));
  return Object.assign(read, {
    optional<K extends string, T>(key: K, check: Check<T>): { [P in K]?: T } {
      const item = get(key);
      return (item === undefined ? {} : { [key]: check(item, fieldPath(at, key)) }) as {
        [P in K]?: T;
      };
    },
  });
}

function plainObject(value: unknown, at: string): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : refuse(at, "an object", value);
}

function fieldPath(at: string, key: string): string {
  return at === "" ? key : `${at}.${key}`;
}

/** Names the value's kind, never its text: a refused field may hold a secret. */
function kindOf(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (typeof value === "string") return `a string of ${value.length} characters`;
  return `an ${typeof value}`;
}

function refuse(at: string, expected: string, value: unknown): never {
  const where = at === "" ? "the value" : at;
  throw new BordaError(
    ErrorCode.invalidInput,
    `${where} must be ${expected}; got ${kindOf(value)}`,
    {
      details: { path: at },
    },
  );
}
