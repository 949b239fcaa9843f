import { BordaError, ErrorCode } from "@borda/protocol";

/**
 * Airflow's four built-in roles, each allowed everything the one before it is:
 * - Viewer reads;
 * - User also triggers, clears and pauses DAGs and runs, and edits its own things;
 * - Op also runs operations: pools, workers and the like;
 * - Admin also manages users and worker tokens.
 */
export const Role = { admin: "Admin", op: "Op", user: "User", viewer: "Viewer" } as const;
export type Role = (typeof Role)[keyof typeof Role];

const rank: readonly Role[] = [Role.viewer, Role.user, Role.op, Role.admin];

/** A role's place in the order Viewer < User < Op < Admin; -1 for an unknown role. */
export const roleRank = (role: Role): number => rank.indexOf(role);

/** Refuses (403) a user whose role is below `minimum`, naming the role needed. */
export function requireRole(user: { username: string; role: Role }, minimum: Role): void {
  // An unknown role (a hand-edited row) ranks below Viewer: it may do nothing.
  if (roleRank(user.role) < roleRank(minimum)) {
    throw new BordaError(
      ErrorCode.forbidden,
      `This needs the ${minimum} role or higher; user '${user.username}' has ${user.role}. An Admin can change a user's role.`,
      { details: { requiredRole: minimum, role: user.role } },
    );
  }
}
