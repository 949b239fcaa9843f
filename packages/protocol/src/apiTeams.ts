import { z } from "zod";
import { queuePatternSchema } from "./edge.js";

/**
 * Borda's `/teams` endpoints (docs/teams.md): a team owns queue patterns, and its members
 * hold a role in it. Admins manage teams; members read their own teams.
 */

export const teamRoleNames = ["Viewer", "User", "Op"] as const;

/** Team names double as DAG folder names: letters, digits, '-' and '_'. */
export const teamNameSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/,
    "a team name is 1 to 63 letters, digits, '-' or '_', starting with a letter or digit",
  );

export const teamSchema = z.object({
  name: z.string(),
  description: z.string().nullable(),
  /** Queue names and `*` patterns the team owns. */
  queues: z.array(z.string()),
  created_at: z.string(),
  /** The caller's role in the team; null for an Admin, who holds every role. */
  role: z.enum(teamRoleNames).nullable(),
});
export type ApiTeam = z.infer<typeof teamSchema>;

export const teamCollectionSchema = z.object({
  teams: z.array(teamSchema),
  total_entries: z.number().int(),
});

export const teamBodySchema = z.object({
  name: teamNameSchema,
  description: z.string().max(1000).nullable().optional(),
  queues: z.array(queuePatternSchema).min(1).max(100),
});

export const teamPatchSchema = teamBodySchema.omit({ name: true }).partial();

export const teamMemberSchema = z.object({
  username: z.string(),
  role: z.enum(teamRoleNames),
});

export const teamMemberCollectionSchema = z.object({
  members: z.array(teamMemberSchema),
  total_entries: z.number().int(),
});

export const teamMemberBodySchema = z.object({ role: z.enum(teamRoleNames) });
