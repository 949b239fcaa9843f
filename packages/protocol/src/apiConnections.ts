import { z } from "zod";
import { maxSecretIdChars, secretIdPattern, secretIdRule } from "./namePatterns.js";

/**
 * Connections and variables (`/api/v1/connections`, `/api/v1/variables`): Airflow's
 * stable REST API v1 schemas, plus Borda's extension field `queues`, the queue patterns
 * whose tasks may read the value (absent or null: every queue).
 *
 *   GET    /connections                   ConnectionCollection (no password, no extra)
 *   POST   /connections                   ConnectionBody → Connection
 *   GET    /connections/{connection_id}   Connection (extra with sensitive fields as ***)
 *   PATCH  /connections/{connection_id}   ?update_mask  ConnectionPatch → Connection
 *   DELETE /connections/{connection_id}   → 204
 *   POST   /connections/test              ConnectionBody → ConnectionTest
 *   GET    /variables                     VariableCollection (no values)
 *   POST   /variables                     VariableBody → Variable
 *   GET    /variables/{variable_key}      Variable
 *   PATCH  /variables/{variable_key}      ?update_mask  VariablePatch → Variable
 *   DELETE /variables/{variable_key}      → 204
 *
 * A password is write-only: it is accepted and never answered. Values are stored
 * encrypted; tasks read them through the worker API (edge.ts), one attempt at a time.
 */

/** Airflow's rule for connection ids and variable keys (namePatterns.ts). */
export const secretIdSchema = z
  .string()
  .min(1)
  .max(maxSecretIdChars)
  .regex(secretIdPattern, secretIdRule);

/** Queue patterns, as a worker token's (`team_a_*`); null or absent: every queue. */
export const secretQueuesSchema = z
  .array(
    z
      .string()
      .min(1)
      .max(200)
      .regex(/^[A-Za-z0-9_.*-]+$/, "a queue name or pattern: letters, digits, '_', '.', '-', '*'"),
  )
  .min(1)
  .max(100)
  .nullable()
  .describe("Borda: queue patterns whose tasks may read it; null: every queue");

/** `extra` is JSON text holding an object, as Airflow stores it. */
const extraSchema = z
  .string()
  .max(64 * 1024)
  .refine((text) => {
    try {
      const value: unknown = JSON.parse(text);
      return typeof value === "object" && value !== null && !Array.isArray(value);
    } catch {
      return false;
    }
  }, 'must be a JSON object as text, e.g. {"timeout": 10}')
  .nullable();

const text = (max: number) => z.string().max(max).nullable();

export const connectionBodySchema = z.object({
  connection_id: secretIdSchema,
  conn_type: z.string().min(1).max(500),
  description: text(5000).optional(),
  host: text(500).optional(),
  login: text(500).optional(),
  schema: text(500).optional(),
  port: z.number().int().min(0).max(65535).nullable().optional(),
  /** Write-only. */
  password: text(5000).optional(),
  extra: extraSchema.optional(),
  queues: secretQueuesSchema.optional(),
  /** Borda: the team it belongs to (docs/teams.md); absent: the caller's only team as Op. */
  team: z.string().min(1).max(63).optional(),
});
export type ConnectionBody = z.infer<typeof connectionBodySchema>;

export const connectionPatchSchema = connectionBodySchema.partial();

/** A connection as listed: neither its password nor its extra (Airflow's collection item). */
export const connectionCollectionItemSchema = z.object({
  connection_id: z.string(),
  conn_type: z.string(),
  description: z.string().nullable(),
  host: z.string().nullable(),
  login: z.string().nullable(),
  schema: z.string().nullable(),
  port: z.number().int().nullable(),
  queues: z.array(z.string()).nullable(),
  /** Borda: whether a password is set (it is never shown). */
  has_password: z.boolean(),
  /** Borda: the team that owns it (docs/teams.md); absent: `default`. */
  team: z.string().optional(),
});

/** One connection: with its extra, whose sensitive fields read `***`; never its password. */
export const connectionSchema = connectionCollectionItemSchema.extend({
  extra: z.string().nullable(),
});
export type ApiConnection = z.infer<typeof connectionSchema>;

export const connectionCollectionSchema = z.object({
  connections: z.array(connectionCollectionItemSchema),
  total_entries: z.number().int(),
});

export const connectionTestSchema = z.object({
  status: z.boolean(),
  message: z.string(),
});

export const variableBodySchema = z.object({
  key: secretIdSchema,
  value: z.string().max(1024 * 1024),
  description: text(5000).optional(),
  queues: secretQueuesSchema.optional(),
  /** Borda: the team it belongs to (docs/teams.md); absent: the caller's only team as Op. */
  team: z.string().min(1).max(63).optional(),
});
export type VariableBody = z.infer<typeof variableBodySchema>;

export const variablePatchSchema = variableBodySchema.partial();

/** A variable as listed: without its value (Airflow's collection item). */
export const variableCollectionItemSchema = z.object({
  key: z.string(),
  description: z.string().nullable(),
  queues: z.array(z.string()).nullable(),
  /** Borda: the team that owns it (docs/teams.md); absent: `default`. */
  team: z.string().optional(),
});

export const variableSchema = variableCollectionItemSchema.extend({ value: z.string() });
export type ApiVariable = z.infer<typeof variableSchema>;

export const variableCollectionSchema = z.object({
  variables: z.array(variableCollectionItemSchema),
  total_entries: z.number().int(),
});
