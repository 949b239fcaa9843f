import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { postgresSkipMessage, postgresUrl } from "../../server/test/support/postgresSkip.js";
import { promtool, promtoolMissing } from "../../server/test/support/promtool.js";
import { ServerProcess } from "./serverProcess.js";
import { eventually, freePorts, freshDatabase, startWorker, TestResources } from "./support.js";

/**
 * The monitoring assets under deploy/: the Grafana dashboard (deploy/grafana/borda.json)
 * and the Prometheus alert rules (deploy/prometheus/borda-alerts.yaml). Their structure is
 * checked; their queries are checked by promtool; and every metric they query must be one
 * that a real `borda server` (on its metrics port) or a real `borda worker` (on its health
 * port) exports, which is read from the `# TYPE` lines of both after a run with a
 * success and a failure.
 */

const repo = fileURLToPath(new URL("../../../", import.meta.url));
const dashboardFile = path.join(repo, "deploy/grafana/borda.json");
const alertsFile = path.join(repo, "deploy/prometheus/borda-alerts.yaml");
const alertTestsFile = path.join(repo, "deploy/prometheus/borda-alerts.test.yaml");

interface Target {
  refId: string;
  expr: string;
  datasource?: { type: string; uid: string };
}
interface Panel {
  id: number;
  type: string;
  title: string;
  datasource?: { type: string; uid: string };
  targets?: Target[];
  gridPos: { h: number; w: number; x: number; y: number };
}
interface TemplateVariable {
  name: string;
  type: string;
  query: unknown;
}
interface Dashboard {
  uid: string;
  title: string;
  schemaVersion: number;
  panels: Panel[];
  templating: { list: TemplateVariable[] };
}
interface RuleFile {
  groups: { name: string; rules: { alert: string; expr: string; for?: string }[] }[];
}

const dashboard = JSON.parse(readFileSync(dashboardFile, "utf8")) as Dashboard;
const alerts = parseYaml(readFileSync(alertsFile, "utf8")) as RuleFile;
const graphPanels = dashboard.panels.filter((panel) => panel.type !== "row");
const dashboardExprs = graphPanels.flatMap((panel) => (panel.targets ?? []).map((t) => t.expr));
const alertRules = alerts.groups.flatMap((group) => group.rules);

/** The Borda metric names a PromQL expression reads, as written (a histogram's `_bucket` included). */
function bordaNamesIn(expr: string): string[] {
  return expr.match(/\bborda_[A-Za-z0-9_:]*/g) ?? [];
}

/** Metric families of a Prometheus text exposition: name to type, from its `# TYPE` lines. */
function familiesOf(exposition: string): Map<string, string> {
  const families = new Map<string, string>();
  for (const [, name = "", type = ""] of exposition.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    families.set(name, type);
  }
  return families;
}

/**
 * Whether `name`, as a query writes it, is exported: a family itself, or one of the series
 * a histogram or summary family adds (`_bucket` for a histogram, `_sum`, `_count`).
 */
function isExported(name: string, families: Map<string, string>): boolean {
  if (families.has(name)) return true;
  const series = name.match(/^(.*)_(bucket|sum|count)$/);
  if (!series) return false;
  const [, family = "", suffix] = series;
  const type = families.get(family);
  return type === "histogram" || (type === "summary" && suffix !== "bucket");
}

// ---- the dashboard's structure ---------------------------------------------------------------

describe("the Grafana dashboard (deploy/grafana/borda.json)", () => {
  it("is a Grafana dashboard whose data source is a Prometheus template variable", () => {
    expect(dashboard).toMatchObject({ uid: "borda-overview", title: "Borda" });
    expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(36);
    const variables = new Map(dashboard.templating.list.map((v) => [v.name, v]));
    expect(variables.get("datasource")).toMatchObject({ type: "datasource", query: "prometheus" });
    expect(variables.get("queue")).toMatchObject({ type: "query" });
    expect(variables.get("team")).toMatchObject({ type: "query" });
  });

  it("gives every panel its own id, and every graph the data source variable and queries", () => {
    const ids = dashboard.panels.map((panel) => panel.id);
    expect(new Set(ids).size, "panel ids must be unique").toBe(ids.length);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Grafana's variable syntax, not JavaScript's
    const prometheus = { type: "prometheus", uid: "${datasource}" };
    for (const panel of graphPanels) {
      expect(panel.datasource, panel.title).toEqual(prometheus);
      expect(panel.targets?.length, `${panel.title} has no queries`).toBeGreaterThan(0);
      const refIds = (panel.targets ?? []).map((t) => t.refId);
      expect(new Set(refIds).size, `${panel.title}: refIds must be unique`).toBe(refIds.length);
      for (const target of panel.targets ?? []) {
        expect(target.datasource, `${panel.title} ${target.refId}`).toEqual(prometheus);
        expect(bordaNamesIn(target.expr), `${panel.title} ${target.refId}`).not.toEqual([]);
      }
    }
  });

  it("has rows for queues, workers, task outcomes and the control plane, panels not overlapping", () => {
    expect(dashboard.panels.filter((p) => p.type === "row").map((p) => p.title)).toEqual([
      "Queues",
      "Workers",
      "Task outcomes",
      "Control plane",
    ]);
    const cells = new Map<string, string>();
    for (const panel of dashboard.panels) {
      const { h, w, x, y } = panel.gridPos;
      expect(x + w, `${panel.title} is wider than the grid`).toBeLessThanOrEqual(24);
      for (let row = y; row < y + h; row++) {
        for (let column = x; column < x + w; column++) {
          const taken = cells.get(`${row},${column}`);
          expect(taken, `${panel.title} overlaps ${taken}`).toBeUndefined();
          cells.set(`${row},${column}`, panel.title);
        }
      }
    }
  });
});

describe("the Prometheus alert rules (deploy/prometheus/borda-alerts.yaml)", () => {
  it("alerts on workers, queues, task failures and the control plane, each with a severity", () => {
    expect(alertRules.map((rule) => rule.alert).sort()).toEqual([
      "BordaControlPlaneDown",
      "BordaNoLiveWorker",
      "BordaQueueNotServed",
      "BordaQueueOldestTaskOld",
      "BordaTaskFailureRatioHigh",
      "BordaWorkerCannotReachControlPlane",
      "BordaWorkerInMaintenance",
      "BordaWorkerUnknown",
    ]);
    for (const rule of alertRules) {
      expect(rule, rule.alert).toMatchObject({
        for: expect.stringMatching(/^\d+m$/),
        labels: { severity: expect.stringMatching(/^(critical|warning|info)$/) },
        annotations: { summary: expect.any(String), description: expect.any(String) },
      });
    }
  });
});

// ---- promtool: the rules load and fire as their unit tests say; the dashboard's queries parse ----

const promtoolAbsent = promtoolMissing();

async function promtoolRun(...args: string[]): Promise<string> {
  const { code, output } = await promtool(args, { cwd: path.dirname(alertsFile) });
  if (code !== 0) throw new Error(`promtool ${args.join(" ")} failed:\n${output}`);
  return output;
}

describe.skipIf(promtoolAbsent !== null)(
  promtoolAbsent ? `promtool checks (skipped: ${promtoolAbsent})` : "promtool checks",
  () => {
    const resources = new TestResources();
    afterAll(() => resources.cleanup());

    it("accepts the alert rules, and they fire as borda-alerts.test.yaml expects", async () => {
      expect(await promtoolRun("check", "rules", alertsFile)).toContain(
        `SUCCESS: ${alertRules.length} rules found`,
      );
      expect(await promtoolRun("test", "rules", alertTestsFile)).toContain("SUCCESS");
    });

    it("parses every query of the dashboard (as recording rules, with Grafana's variables filled in)", async () => {
      const filled = (expr: string) =>
        expr.replaceAll("$__rate_interval", "5m").replace(/\$(queue|team)\b/g, ".*");
      const file = path.join(resources.dir("borda-dashboard-"), "dashboard-queries.yaml");
      const rules = dashboardExprs.map((expr, i) => ({
        record: `borda_dashboard:query_${i}`,
        expr: filled(expr),
      }));
      writeFileSync(file, JSON.stringify({ groups: [{ name: "dashboard", rules }] }));
      expect(await promtoolRun("check", "rules", file)).toContain(
        `SUCCESS: ${rules.length} rules found`,
      );
    });
  },
);

// ---- every metric queried is exported by a real server and a real worker -------------------

const outcomesDag = `
import { dag } from "borda";
export default dag({ id: "outcomes" }, ({ bash }) => {
  bash({ id: "succeeds", queue: "metrics", command: "echo fine" });
  bash({ id: "fails", queue: "metrics", command: "echo broken; exit 3" });
});
`;

const backends = [
  { name: "sqlite", database: async () => null, skip: null },
  { name: "postgres", database: freshDatabase, skip: postgresUrl ? null : postgresSkipMessage },
];

for (const backend of backends) {
  const title = `the metrics the dashboard and the alerts query [${backend.name}]`;
  (backend.skip ? describe.skip : describe)(
    backend.skip ? `${title} — skipped: ${backend.skip}` : title,
    () => {
      const resources = new TestResources();
      let dropDatabase = async () => {};
      afterAll(async () => {
        await resources.cleanup();
        await dropDatabase();
      });
      /** Every family the control plane's metrics port and the worker's health port export. */
      let exported = new Map<string, string>();

      beforeAll(async () => {
        const database = await backend.database();
        if (database) dropDatabase = database.drop;
        const [port = 0, metricsPort = 0, healthPort = 0] = await freePorts(3);
        const server = new ServerProcess(resources, {
          home: resources.dir("borda-metrics-"),
          port,
          dags: { "outcomes.ts": outcomesDag },
          ...(database ? { databaseUrl: database.url } : {}),
          env: { BORDA_METRICS_PORT: String(metricsPort) },
        });
        await server.start();
        await server.api.dagReady("outcomes");
        const token = await server.api.workerToken("metrics", ["metrics"]);
        const worker = startWorker(resources, {
          url: server.url,
          token,
          name: "metrics-worker",
          queues: "metrics",
          env: { PORT: String(healthPort) },
        });
        await server.api.trigger("outcomes", "one-of-each");
        await eventually(
          async () => (await server.api.runState("outcomes", "one-of-each")) === "failed",
          () => `the run to fail on its one failing task (${server.output()}\n${worker.output()})`,
        );

        const scrape = async (url: string) => {
          const response = await fetch(url);
          const text = await response.text();
          expect(response.status, `GET ${url}: ${text}`).toBe(200);
          return text;
        };
        const [controlPlane, workerMetrics] = await Promise.all([
          scrape(`http://127.0.0.1:${metricsPort}/metrics`),
          scrape(`http://127.0.0.1:${healthPort}/metrics`),
        ]);
        exported = new Map([...familiesOf(controlPlane), ...familiesOf(workerMetrics)]);
      }, 120_000);

      it("exports every metric the dashboard queries", () => {
        const missing = dashboardExprs.flatMap((expr) =>
          bordaNamesIn(expr)
            .filter((name) => !isExported(name, exported))
            .map((name) => `${name} (in ${expr})`),
        );
        expect(missing).toEqual([]);
      });

      it("exports every metric the alert rules query", () => {
        const missing = alertRules.flatMap((rule) =>
          bordaNamesIn(rule.expr)
            .filter((name) => !isExported(name, exported))
            .map((name) => `${name} (in ${rule.alert})`),
        );
        expect(missing).toEqual([]);
      });
    },
  );
}
