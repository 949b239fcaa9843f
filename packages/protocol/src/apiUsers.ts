import { z } from "zod";

/**
 * Airflow's `/users` endpoints. A Borda user has exactly one role, answered as Airflow's
 * `roles: [{ name }]`. Borda keeps no names or email: `first_name` and `last_name` are
 * answered as empty strings and `email` is left out (Airflow requires it non-empty).
 * A password is only ever written, never answered.
 */

export const userRoleNames = ["Admin", "Op", "User", "Viewer"] as const;

export const userSchema = z.object({
  username: z.string(),
  first_name: z.string(),
  last_name: z.string(),
  email: z.string().min(1).optional(),
  active: z.boolean().nullable(),
  last_login: z.string().nullable(),
  login_count: z.number().int().nullable(),
  failed_login_count: z.number().int().nullable(),
  roles: z.array(z.object({ name: z.string() })),
  created_on: z.string().nullable(),
  changed_on: z.string().nullable(),
});
export type ApiUser = z.infer<typeof userSchema>;

export const userCollectionSchema = z.object({
  users: z.array(userSchema),
  total_entries: z.number().int(),
});

const rolesField = z
  .array(z.object({ name: z.enum(userRoleNames) }))
  .length(1, "a Borda user has exactly one role: give one { name }");

/** What POST /users takes; read-only fields a client sends back are ignored, as Airflow does. */
export const userBodySchema = z.object({
  username: z.string().min(1).max(256),
  password: z.string().min(1).max(1024),
  roles: rolesField,
  first_name: z.string().max(256).optional(),
  last_name: z.string().max(256).optional(),
  email: z.string().max(256).optional(),
  /**
   * Borda's own: the team in which the user holds that role (docs/teams.md); the default
   * team when not given. Ignored for Admin, which is every team's.
   */
  team: z.string().min(1).max(63).optional(),
});

/**
 * What PATCH /users/{username} takes: any of the writable fields. A new role is the
 * user's role in `team` (the default team when not given), or Admin.
 */
export const userPatchSchema = userBodySchema.partial();
