import { createRootRoute, createRoute, createRouter } from "@tanstack/react-router";
import { Shell } from "./components/Shell.js";
import { AdminView } from "./views/AdminView.js";
import { AssetsView } from "./views/AssetsView.js";
import { ConnectionsView } from "./views/ConnectionsView.js";
import { DagsView } from "./views/DagsView.js";
import { DagView } from "./views/DagView.js";
import { JobsView } from "./views/JobsView.js";
import { PoolsView } from "./views/PoolsView.js";
import { RunView } from "./views/RunView.js";
import { TaskLogView } from "./views/TaskLogView.js";
import { TeamsView } from "./views/TeamsView.js";
import { VariablesView } from "./views/VariablesView.js";
import { WorkersView } from "./views/WorkersView.js";

/** Search parameters arrive as strings or JSON values; keep the strings a view asked for. */
function strings<Keys extends string>(...keys: Keys[]) {
  return (search: Record<string, unknown>) =>
    Object.fromEntries(
      keys.flatMap((key) => {
        const value = search[key];
        return value === undefined || value === "" ? [] : [[key, String(value)]];
      }),
    ) as Partial<Record<Keys, string>>;
}

const rootRoute = createRootRoute({ component: Shell });

const dagsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/",
  validateSearch: strings("search", "tag", "paused"),
  component: DagsView,
});

const dagRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/dags/$dagId",
  validateSearch: strings("tab", "run"),
  component: DagView,
});

const runRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/dags/$dagId/runs/$runId",
  component: RunView,
});

const taskLogRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/dags/$dagId/runs/$runId/tasks/$taskId",
  // map_index: which instance of a mapped task (its log, tries and state).
  validateSearch: strings("try", "map_index"),
  component: TaskLogView,
});

const poolsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/pools",
  component: PoolsView,
});

const workersRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/workers",
  validateSearch: strings("name", "queue", "state"),
  component: WorkersView,
});

const jobsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/jobs",
  validateSearch: strings("dag_id", "run_id", "task_id", "queue", "state", "worker"),
  component: JobsView,
});

const connectionsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/connections",
  component: ConnectionsView,
});

const variablesRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/variables",
  component: VariablesView,
});

const assetsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/assets",
  component: AssetsView,
});

const teamsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/teams",
  component: TeamsView,
});

const adminRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/admin",
  component: AdminView,
});

export const router = createRouter({
  routeTree: rootRoute.addChildren([
    dagsRoute,
    dagRoute,
    runRoute,
    taskLogRoute,
    poolsRoute,
    workersRoute,
    jobsRoute,
    connectionsRoute,
    variablesRoute,
    assetsRoute,
    teamsRoute,
    adminRoute,
  ]),
  defaultPreload: "intent",
  // Plain query strings (?state=running&try=2), not JSON-quoted ones: links stay readable
  // and shareable, and every search value is a string the views read as such.
  parseSearch: (query) => Object.fromEntries(new URLSearchParams(query)),
  stringifySearch: (search) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(search)) {
      if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
    }
    const query = params.toString();
    return query ? `?${query}` : "";
  },
});

declare module "@tanstack/react-router" {
  interface Register {
    router: typeof router;
  }
}
