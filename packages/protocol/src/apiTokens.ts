import { z } from "zod";
import { collectionQuerySchema, instant, nullableInstant } from "./api.js";

/**
 * API tokens (Borda's own, `/api/v1/auth/tokens`): scripts send `Authorization: Bearer
 * bat_...` instead of a password and act as the token's owner, with the owner's current
 * role. Every user manages their own tokens; an Admin also lists and revokes anyone's.
 *
 *   POST   /auth/tokens          any role, by password or session  NewApiToken → CreatedApiToken
 *   GET    /auth/tokens          any role (?username= Admin only)  ApiTokenCollection
 *   DELETE /auth/tokens/{id}     own token; Admin any               → 204
 *
 * A token cannot make another (POST answers 403 to one), so a leaked token ends with its
 * expiry or revocation. A token's secret is shown once, in the answer that creates it.
 */

export const newApiTokenSchema = z.object({
  /** What the token is for, e.g. the script or machine using it. */
  name: z.string().min(1).max(200),
  /** Days until it stops working; without it, it works until revoked. */
  expires_in_days: z.number().int().min(1).max(3650).optional(),
});

/** A token as listed: never its secret. */
export const apiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Its owner, as whom (and with whose current role) it signs in. */
  username: z.string(),
  created_at: instant,
  expires_at: nullableInstant,
  last_used_at: nullableInstant,
  revoked_at: nullableInstant,
});
export type ApiToken = z.infer<typeof apiTokenSchema>;

export const apiTokenCollectionSchema = z.object({
  tokens: z.array(apiTokenSchema),
  total_entries: z.number().int(),
});

/** The answer to creating a token: the only time its secret is shown. */
export const createdApiTokenSchema = apiTokenSchema.extend({
  /** `bat_<id>_<secret>`: send it as `Authorization: Bearer <token>`; it is not shown again. */
  token: z.string(),
});
export type CreatedApiToken = z.infer<typeof createdApiTokenSchema>;

export const apiTokenListQuerySchema = collectionQuerySchema.extend({
  /** Whose tokens (Admin only; default: the caller's own). */
  username: z.string().min(1).max(256).optional(),
});
