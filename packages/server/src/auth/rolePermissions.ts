import { Role } from "./roles.js";

/**
 * What each of Borda's fixed roles may do, as Airflow's roles list it: an action on a
 * resource, named as Airflow names them. This describes the role checks of the API's
 * routes (each calls `authorize` with the least role it needs); it decides nothing.
 */

export const permissionActions = ["can_read", "can_create", "can_edit", "can_delete"] as const;
type Action = (typeof permissionActions)[number];

const everything: readonly Action[] = permissionActions;

/** What each role adds to the role before it (Viewer < User < Op < Admin). */
const added: Record<Role, Record<string, readonly Action[]>> = {
  [Role.viewer]: Object.fromEntries(
    [
      "DAGs",
      "DAG Code",
      "DAG Runs",
      "DAG Warnings",
      "Task Instances",
      "Task Logs",
      "XComs",
      "Datasets",
      "ImportError",
      "Audit Logs",
      "Pools",
      "Plugins",
      "Providers",
      "Edge Workers",
    ].map((resource) => [resource, ["can_read"] as const]),
  ),
  [Role.user]: {
    DAGs: ["can_edit", "can_delete"],
    "DAG Runs": ["can_create", "can_edit", "can_delete"],
    "Task Instances": ["can_edit"],
  },
  [Role.op]: {
    Pools: ["can_create", "can_edit", "can_delete"],
    Connections: everything,
    Variables: everything,
    Datasets: ["can_create", "can_delete"],
    Configurations: ["can_read"],
    "Edge Workers": ["can_edit", "can_delete"],
  },
  [Role.admin]: {
    Users: everything,
    Roles: ["can_read"],
    "Worker Tokens": everything,
  },
};

const order: readonly Role[] = [Role.viewer, Role.user, Role.op, Role.admin];

/** The role's permissions with those of every role below it, by resource then action. */
export function permissionsOf(role: Role): { action: Action; resource: string }[] {
  const granted = new Map<string, Set<Action>>();
  for (const each of order.slice(0, order.indexOf(role) + 1)) {
    for (const [resource, actions] of Object.entries(added[each])) {
      const set = granted.get(resource) ?? new Set<Action>();
      for (const action of actions) set.add(action);
      granted.set(resource, set);
    }
  }
  return [...granted.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .flatMap(([resource, actions]) =>
      permissionActions.filter((a) => actions.has(a)).map((action) => ({ action, resource })),
    );
}

export const roleNames: readonly Role[] = order;
