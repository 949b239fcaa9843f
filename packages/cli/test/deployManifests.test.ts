import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { resolveServerConfig, serverSettings } from "@borda/server/config";
import { resolveWorkerConfig, type WorkerConfig, workerSettings } from "@borda/worker";
import { afterAll, describe, expect, it } from "vitest";
import {
  isMap,
  type Pair,
  parseAllDocuments,
  parseDocument,
  type Scalar,
  type YAMLMap,
} from "yaml";

/**
 * The files under deploy/ and the deployment guides: every YAML file parses, every Borda
 * variable they name is a real setting, the containers they describe get settings Borda
 * accepts, probes on the ports Borda listens on and a grace period longer than the drain,
 * and values.yaml documents (and uses) every field. With a `helm` binary on PATH, the
 * chart is also rendered and checked the same way; without one, that part is skipped.
 */

const repo = fileURLToPath(new URL("../../../", import.meta.url));
const deployDir = path.join(repo, "deploy");
const chartDir = path.join(deployDir, "helm", "borda");
const guides = ["docs/deploy-kubernetes.md", "docs/deploy-cloud-run.md"];
const read = (file: string) => readFileSync(path.join(repo, file), "utf8");

const serverEnv = new Set<string>(Object.values(serverSettings).map((s) => s.env));
const workerEnv = new Set<string>(Object.values(workerSettings).map((s) => s.env));
/** What the CLI's API commands read (BORDA_API_URL, BORDA_API_TOKEN, ...), which the guides set. */
const apiClientEnv = new Set(read("packages/cli/src/apiClient.ts").match(bordaVariables()) ?? []);

function bordaVariables(): RegExp {
  return /\bBORDA_[A-Z0-9_]*[A-Z0-9]\b/g;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

const deployFiles = filesUnder(deployDir);
const helmTemplates = deployFiles.filter((f) => f.startsWith(path.join(chartDir, "templates")));
const yamlFiles = deployFiles.filter((f) => /\.ya?ml$/.test(f) && !helmTemplates.includes(f));

// ---- Kubernetes objects, as much of them as the checks read --------------------------------

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string } };
}
interface Probe {
  httpGet?: { path: string; port: string | number };
}
interface Container {
  image: string;
  args?: string[];
  env?: EnvVar[];
  ports?: { name?: string; containerPort: number }[];
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  lifecycle?: { preStop?: unknown };
  volumeMounts?: { name: string; mountPath: string }[];
}
interface PodSpec {
  containers: Container[];
  terminationGracePeriodSeconds?: number;
  volumes?: { name: string; persistentVolumeClaim?: { claimName: string } }[];
}
interface Manifest {
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  spec?: {
    replicas?: number;
    strategy?: { type: string };
    template?: { metadata?: { annotations?: Record<string, string> }; spec: PodSpec };
    ports?: { name: string; port: number }[];
  };
}
/** A KEDA ScaledObject, as much of it as the checks read. */
interface ScaledObject extends Omit<Manifest, "spec"> {
  spec: {
    scaleTargetRef: { kind: string; name: string };
    minReplicaCount: number;
    maxReplicaCount: number;
    triggers: {
      type: string;
      metadata: Record<string, string>;
      authenticationRef: { name: string };
    }[];
  };
}

function parseManifests(text: string, source: string): Manifest[] {
  return parseAllDocuments(text)
    .map((doc) => {
      expect(doc.errors.map(String), source).toEqual([]);
      return doc.toJS() as Manifest | null;
    })
    .filter((manifest): manifest is Manifest => manifest !== null);
}

function podSpec(deployment: Manifest): PodSpec {
  const spec = deployment.spec?.template?.spec;
  if (!spec) throw new Error(`${deployment.metadata.name} has no pod template`);
  return spec;
}

function onlyContainer(deployment: Manifest): Container {
  const [container, ...others] = podSpec(deployment).containers;
  if (!container || others.length > 0) {
    throw new Error(`${deployment.metadata.name} should run exactly one container`);
  }
  return container;
}

const literalEnv = (container: Container): Record<string, string> =>
  Object.fromEntries(
    (container.env ?? []).flatMap((v) => (v.value === undefined ? [] : [[v.name, v.value]])),
  );

const secretRef = (container: Container, name: string) =>
  container.env?.find((v) => v.name === name)?.valueFrom?.secretKeyRef;

/** The container port a probe's named or numbered port means. */
function probePort(container: Container, probe: Probe | undefined): number | undefined {
  const port = probe?.httpGet?.port;
  if (typeof port === "number") return port;
  return container.ports?.find((p) => p.name === port)?.containerPort;
}

/**
 * A `borda worker` Deployment: only worker settings, values the worker accepts, its token
 * from a Secret, probes on the health server, and time to drain before the SIGKILL.
 */
function checkWorkerDeployment(deployment: Manifest): WorkerConfig {
  const container = onlyContainer(deployment);
  const where = `Deployment ${deployment.metadata.name}`;
  expect(container.args, where).toEqual(["worker"]);
  for (const { name } of container.env ?? []) {
    expect(workerEnv.has(name), `${where} sets ${name}, which is no worker setting`).toBe(true);
  }
  expect(secretRef(container, workerSettings.token.env), where).toBeDefined();
  const config = resolveWorkerConfig(
    {},
    { ...literalEnv(container), [workerSettings.token.env]: "bwt_from_the_secret" },
  );
  expect(config.healthPort, `${where} serves no health probes`).not.toBeNull();
  expect(container.livenessProbe?.httpGet?.path, where).toBe("/healthz");
  expect(container.readinessProbe?.httpGet?.path, where).toBe("/readyz");
  expect(probePort(container, container.livenessProbe), where).toBe(config.healthPort);
  expect(probePort(container, container.readinessProbe), where).toBe(config.healthPort);
  expect(podSpec(deployment).terminationGracePeriodSeconds, where).toBeGreaterThan(
    config.drainTimeoutMs / 1000,
  );
  // SIGTERM starts the drain; a preStop hook would only delay it and spend the grace period.
  expect(container.lifecycle?.preStop, where).toBeUndefined();
  return config;
}

/** A `borda server` Deployment: only server settings, values it accepts, secrets from Secrets. */
function checkServerDeployment(deployment: Manifest) {
  const container = onlyContainer(deployment);
  const where = `Deployment ${deployment.metadata.name}`;
  expect(container.args, where).toEqual(["server"]);
  for (const { name } of container.env ?? []) {
    expect(serverEnv.has(name), `${where} sets ${name}, which is no server setting`).toBe(true);
  }
  for (const secret of [serverSettings.secretKey.env, serverSettings.adminPassword.env]) {
    expect(secretRef(container, secret), `${where}: ${secret}`).toBeDefined();
  }
  const config = resolveServerConfig({}, literalEnv(container));
  for (const probe of [container.livenessProbe, container.readinessProbe]) {
    expect(probe?.httpGet?.path, where).toBe("/api/v1/health");
    expect(probePort(container, probe), where).toBe(config.port);
  }
  return { container, config };
}

// ---- checks that need nothing but the files -------------------------------------------------

describe("deploy/ files", () => {
  it("parses every YAML file under deploy/ that is not a Helm template", () => {
    expect(yamlFiles.map((f) => path.relative(repo, f))).toEqual(
      expect.arrayContaining([
        "deploy/helm/borda/Chart.yaml",
        "deploy/helm/borda/values.yaml",
        "deploy/kubernetes/worker-1.yaml",
      ]),
    );
    for (const file of yamlFiles) {
      const docs = parseAllDocuments(readFileSync(file, "utf8"));
      expect(docs.length, path.relative(repo, file)).toBeGreaterThan(0);
      for (const doc of docs) expect(doc.errors.map(String), path.relative(repo, file)).toEqual([]);
    }
  });

  it("names only real settings: every BORDA_* variable in deploy/ and the guides exists", () => {
    const known = new Set([...serverEnv, ...workerEnv, ...apiClientEnv]);
    for (const file of [...deployFiles, ...guides.map((g) => path.join(repo, g))]) {
      for (const name of readFileSync(file, "utf8").match(bordaVariables()) ?? []) {
        expect(known.has(name), `${path.relative(repo, file)} names ${name}`).toBe(true);
      }
    }
  });

  it("sets only server settings on the server and worker settings on workers in the chart", () => {
    const envNames = (template: string) =>
      [...read(`deploy/helm/borda/templates/${template}`).matchAll(/- name: ([A-Z][A-Z0-9_]*)$/gm)]
        .map((m) => m[1] ?? "")
        .filter(Boolean);
    const serverNames = envNames("server-deployment.yaml");
    const workerNames = envNames("workers.yaml");
    expect(serverNames).toContain(serverSettings.secretKey.env);
    expect(workerNames).toEqual(
      expect.arrayContaining([workerSettings.token.env, workerSettings.healthPort.env]),
    );
    for (const name of serverNames) expect(serverEnv, name).toContain(name);
    for (const name of workerNames) expect(workerEnv, name).toContain(name);
  });

  it("runs the first seed's worker-1 as a drained, probed `borda worker` (deploy/kubernetes)", () => {
    const manifests = parseManifests(read("deploy/kubernetes/worker-1.yaml"), "worker-1.yaml");
    const [deployment] = manifests.filter((m) => m.kind === "Deployment");
    if (!deployment) throw new Error("deploy/kubernetes/worker-1.yaml has no Deployment");
    const config = checkWorkerDeployment(deployment);
    expect(config.queues).toEqual(["worker-1"]);
    expect(config.concurrency).toBe(4);
  });

  it("runs team A's Cloud Run worker with health on $PORT and a drain inside Cloud Run's 10 s", () => {
    const [service] = parseManifests(read("deploy/cloud-run/team-a-worker.yaml"), "cloud-run");
    if (!service) throw new Error("deploy/cloud-run/team-a-worker.yaml is empty");
    const container = onlyContainer(service);
    expect(container.args).toEqual(["worker"]);
    for (const { name } of container.env ?? []) expect(workerEnv, name).toContain(name);
    // Cloud Run sets PORT to the container port itself, and refuses it in the service.
    expect(container.env?.map((v) => v.name)).not.toContain(workerSettings.healthPort.env);
    const port = container.ports?.[0]?.containerPort;
    const config = resolveWorkerConfig(
      {},
      {
        ...literalEnv(container),
        [workerSettings.healthPort.env]: String(port),
        [workerSettings.token.env]: "bwt_from_secret_manager",
      },
    );
    expect(secretRef(container, workerSettings.token.env)).toEqual({
      name: "borda-team-a-token",
      key: "latest",
    });
    expect(config).toMatchObject({ queues: ["team_a_*"], healthPort: 8080 });
    expect(config.drainTimeoutMs).toBeLessThan(10_000);
    expect(container.livenessProbe?.httpGet?.path).toBe("/healthz");
  });

  it("documents every field of values.yaml in a comment above it, and uses every one", () => {
    const values = parseDocument(read("deploy/helm/borda/values.yaml"));
    expect(values.errors.map(String)).toEqual([]);
    const root = values.contents;
    if (!isMap(root)) throw new Error("values.yaml is not a map");
    const name = (pair: Pair) => String((pair.key as Scalar).value);
    // A field's comment sits on its key; the first field's of a nested map, on the map.
    const undocumented = (map: YAMLMap) =>
      map.items
        .filter(
          (pair, i) => !((pair.key as Scalar).commentBefore || (i === 0 && map.commentBefore)),
        )
        .map(name);
    const templates = helmTemplates.map((f) => readFileSync(f, "utf8")).join("\n");
    // Used by name, or passed whole (`toYaml .Values.securityContext`); a worker group's
    // fields are read from the group merged over workerDefaults ($w).
    const used = (top: string, field: string) =>
      top === "workerDefaults"
        ? templates.includes(`$w.${field}`)
        : new RegExp(`\\.Values\\.${top}(\\.${field}\\b|(?![\\w.]))`).test(templates);

    expect(undocumented(root)).toEqual([]);
    for (const pair of root.items) {
      const top = name(pair);
      if (!isMap(pair.value)) {
        expect(templates, `.Values.${top} is used by no template`).toMatch(
          new RegExp(`\\.Values\\.${top}\\b`),
        );
        continue;
      }
      expect(undocumented(pair.value), top).toEqual([]);
      for (const field of pair.value.items.map(name)) {
        expect(used(top, field), `${top}.${field} is used by no template`).toBe(true);
      }
    }
  });

  it("describes the chart in Chart.yaml, deploying this Borda version by default", () => {
    const chart = parseDocument(read("deploy/helm/borda/Chart.yaml")).toJS() as Record<
      string,
      unknown
    >;
    const cli = JSON.parse(read("packages/cli/package.json")) as { version: string };
    expect(chart).toMatchObject({ apiVersion: "v2", name: "borda", type: "application" });
    expect(chart.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(chart.appVersion).toBe(cli.version);
  });

  it("builds an image that serves the server's port as a non-root user (deploy/Containerfile)", () => {
    const containerfile = read("deploy/Containerfile");
    expect(containerfile).toMatch(new RegExp(`^EXPOSE ${serverSettings.port.default}$`, "m"));
    expect(containerfile).toMatch(/^USER 10001:10001$/m);
    expect(containerfile).toMatch(/^HEALTHCHECK .*\n.*\/api\/v1\/health/m);
    expect(containerfile).toMatch(/^ENTRYPOINT \[.*"borda"\]$/m);
    expect(containerfile).toMatch(/^CMD \["server"\]$/m);
    expect(containerfile).toContain("packages/ui/dist/index.html");
  });
});

// ---- the chart, rendered by helm ---------------------------------------------------------------

function helmVersion(): string | null {
  try {
    return execFileSync("helm", ["version", "--short"], { encoding: "utf8" }).trim();
  } catch {
    return null;
  }
}

const helm = helmVersion();
const run = promisify(execFile);
const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** `helm template` with these values (as JSON, which is YAML); rejects with helm's stderr. */
async function renderChart(values: Record<string, unknown>): Promise<Manifest[]> {
  const dir = mkdtempSync(path.join(tmpdir(), "borda-helm-"));
  scratch.push(dir);
  const file = path.join(dir, "values.yaml");
  writeFileSync(file, JSON.stringify(values));
  try {
    const { stdout } = await run("helm", [
      "template",
      "borda",
      chartDir,
      "--namespace",
      "borda",
      "--values",
      file,
    ]);
    return parseManifests(stdout, "helm template");
  } catch (error) {
    throw new Error((error as { stderr?: string }).stderr || String(error));
  }
}

const byKind = (manifests: Manifest[], kind: string) => manifests.filter((m) => m.kind === kind);

describe.skipIf(helm === null)(
  helm === null
    ? 'the Helm chart, rendered (skipped: no `helm` on PATH; run `export PATH="$(scripts/install-helm.sh):$PATH"` and this file again)'
    : `the Helm chart, rendered by helm ${helm}`,
  () => {
    it("renders the embedded default: one server on a kept claim, its Secret and Service", async () => {
      const manifests = await renderChart({});
      expect(manifests.map((m) => m.kind).sort()).toEqual([
        "Deployment",
        "PersistentVolumeClaim",
        "Secret",
        "Service",
      ]);
      const [server] = byKind(manifests, "Deployment");
      if (!server) throw new Error("no server Deployment");
      const { container, config } = checkServerDeployment(server);
      expect(server.spec?.replicas).toBe(1);
      expect(server.spec?.strategy?.type).toBe("Recreate");
      expect(config.databaseUrl).toBeUndefined();
      const home = container.volumeMounts?.find((m) => m.mountPath === config.home);
      const claim = podSpec(server).volumes?.find((v) => v.name === home?.name);
      expect(claim?.persistentVolumeClaim?.claimName).toBe(
        byKind(manifests, "PersistentVolumeClaim")[0]?.metadata.name,
      );
    });

    it("renders PostgreSQL with 3 server replicas and a Deployment per worker group", async () => {
      const manifests = await renderChart({
        database: { embedded: false, url: "postgres://borda:pw@postgres:5432/borda" },
        server: { replicas: 3 },
        workers: [
          { name: "worker-1", queues: ["worker-1"], concurrency: 4, tokenSecret: { name: "w1" } },
          {
            name: "team-a",
            queues: ["team_a_*"],
            replicas: 2,
            drainTimeoutSeconds: 600,
            tokenSecret: { name: "team-a-token", key: "bwt" },
            image: { repository: "registry.example.com/borda-team-a", tag: "1.0" },
          },
        ],
      });
      expect(byKind(manifests, "PersistentVolumeClaim")).toEqual([]);
      expect(byKind(manifests, "PodDisruptionBudget")).toHaveLength(1);
      const deployments = byKind(manifests, "Deployment");
      const server = deployments.find((d) => onlyContainer(d).args?.[0] === "server");
      if (!server) throw new Error("no server Deployment");
      const { container } = checkServerDeployment(server);
      expect(server.spec?.replicas).toBe(3);
      expect(secretRef(container, serverSettings.databaseUrl.env)).toBeDefined();

      const workers = deployments.filter((d) => onlyContainer(d).args?.[0] === "worker");
      expect(workers.map((w) => w.metadata.name).sort()).toEqual([
        "borda-worker-team-a",
        "borda-worker-worker-1",
      ]);
      const teamA = workers.find((w) => w.metadata.name === "borda-worker-team-a");
      if (!teamA) throw new Error("no team-a Deployment");
      const config = checkWorkerDeployment(teamA);
      expect(config).toMatchObject({ queues: ["team_a_*"], drainTimeoutMs: 600_000 });
      expect(config.apiUrl).toBe("http://borda.borda.svc:8080");
      expect(teamA.spec?.replicas).toBe(2);
      expect(onlyContainer(teamA).image).toBe("registry.example.com/borda-team-a:1.0");
      expect(secretRef(onlyContainer(teamA), workerSettings.token.env)).toEqual({
        name: "team-a-token",
        key: "bwt",
      });
      const worker1 = workers.find((w) => w.metadata.name === "borda-worker-worker-1");
      if (!worker1) throw new Error("no worker-1 Deployment");
      expect(checkWorkerDeployment(worker1)).toMatchObject({
        queues: ["worker-1"],
        concurrency: 4,
      });
    });

    it("renders a ServiceMonitor, a PodMonitor and a KEDA ScaledObject on an autoscaled group's queues", async () => {
      const manifests = await renderChart({
        metrics: { enabled: true, serviceMonitor: { enabled: true, labels: { release: "kps" } } },
        workers: [
          { name: "worker-1", queues: ["worker-1"], tokenSecret: { name: "w1" } },
          {
            name: "team-a",
            queues: ["team_a_etl", "team_a_*"],
            concurrency: 4,
            drainTimeoutSeconds: 120,
            tokenSecret: { name: "team-a-token", key: "bwt" },
            autoscaling: { enabled: true, minReplicas: 0, maxReplicas: 8 },
          },
        ],
      });
      const server = byKind(manifests, "Deployment").find((d) => d.metadata.name === "borda");
      if (!server) throw new Error("no server Deployment");
      const { container } = checkServerDeployment(server);
      expect(literalEnv(container).BORDA_METRICS_PORT).toBe("9464");
      expect(container.ports).toContainEqual({ name: "metrics", containerPort: 9464 });
      expect(byKind(manifests, "Service")[0]?.spec?.ports).toContainEqual({
        name: "metrics",
        port: 9464,
        targetPort: "metrics",
      });

      const [serviceMonitor] = byKind(manifests, "ServiceMonitor");
      expect(serviceMonitor).toMatchObject({
        apiVersion: "monitoring.coreos.com/v1",
        metadata: { labels: { release: "kps" } },
        spec: {
          selector: { matchLabels: { "app.kubernetes.io/component": "server" } },
          endpoints: [{ port: "metrics", path: "/metrics" }],
        },
      });
      const [podMonitor] = byKind(manifests, "PodMonitor");
      expect(podMonitor).toMatchObject({
        spec: {
          selector: { matchLabels: { "app.kubernetes.io/component": "worker" } },
          podMetricsEndpoints: [{ port: "health", path: "/metrics" }],
        },
      });

      // Only the autoscaled group gets KEDA objects, and its Deployment leaves replicas to them.
      const teamA = byKind(manifests, "Deployment").find(
        (d) => d.metadata.name === "borda-worker-team-a",
      );
      if (!teamA) throw new Error("no team-a Deployment");
      expect(teamA.spec?.replicas).toBeUndefined();
      expect(checkWorkerDeployment(teamA).drainTimeoutMs).toBe(120_000);
      expect(teamA.spec?.template?.metadata?.annotations).toMatchObject({
        "prometheus.io/port": "8081",
        "prometheus.io/path": "/metrics",
      });
      const scaledObjects = byKind(manifests, "ScaledObject") as unknown as ScaledObject[];
      expect(scaledObjects.map((o) => o.metadata.name)).toEqual(["borda-worker-team-a"]);
      const [scaledObject] = scaledObjects;
      expect(scaledObject?.spec).toMatchObject({
        scaleTargetRef: { kind: "Deployment", name: "borda-worker-team-a" },
        minReplicaCount: 0,
        maxReplicaCount: 8,
      });
      const [trigger, ...otherTriggers] = scaledObject?.spec.triggers ?? [];
      expect(otherTriggers).toEqual([]);
      expect(trigger).toMatchObject({
        type: "metrics-api",
        metadata: { valueLocation: "total", targetValue: "4", authMode: "bearer" },
        authenticationRef: { name: "borda-worker-team-a" },
      });
      const url = new URL(trigger?.metadata.url ?? "");
      expect(`${url.origin}${url.pathname}`).toBe(
        "http://borda.borda.svc:8080/edge/v1/queue-depth",
      );
      expect(url.searchParams.get("queues")).toBe("team_a_etl,team_a_*");
      expect(byKind(manifests, "TriggerAuthentication")).toEqual([
        expect.objectContaining({
          metadata: expect.objectContaining({ name: "borda-worker-team-a" }),
          spec: { secretTargetRef: [{ parameter: "token", name: "team-a-token", key: "bwt" }] },
        }),
      ]);
    });

    it("renders no metrics port, monitors or KEDA objects unless asked, and fixed replicas", async () => {
      const manifests = await renderChart({
        workers: [
          { name: "worker-1", queues: ["worker-1"], replicas: 3, tokenSecret: { name: "w1" } },
        ],
      });
      expect(new Set(manifests.map((m) => m.kind))).toEqual(
        new Set(["Deployment", "PersistentVolumeClaim", "Secret", "Service"]),
      );
      const [service] = byKind(manifests, "Service");
      expect(service?.spec?.ports?.map((p) => p.name)).toEqual(["http"]);
      const worker = byKind(manifests, "Deployment").find(
        (d) => d.metadata.name === "borda-worker-worker-1",
      );
      expect(worker?.spec?.replicas).toBe(3);
      expect(worker?.spec?.template?.metadata?.annotations).toBeUndefined();
      const server = byKind(manifests, "Deployment").find((d) => d.metadata.name === "borda");
      if (!server) throw new Error("no server Deployment");
      expect(literalEnv(checkServerDeployment(server).container)).not.toHaveProperty(
        "BORDA_METRICS_PORT",
      );
    });

    it("refuses values Borda cannot run with, saying what to change", async () => {
      await expect(renderChart({ server: { replicas: 2 } })).rejects.toThrow(
        /server\.replicas must be 1 \(got 2\).*PostgreSQL/,
      );
      await expect(renderChart({ database: { embedded: false } })).rejects.toThrow(
        /needs PostgreSQL: set database\.url/,
      );
      await expect(
        renderChart({ workers: [{ name: "worker-1", queues: ["worker-1"] }] }),
      ).rejects.toThrow(/needs tokenSecret\.name/);
      await expect(renderChart({ metrics: { serviceMonitor: { enabled: true } } })).rejects.toThrow(
        /metrics\.serviceMonitor\.enabled needs metrics\.enabled=true/,
      );
      await expect(
        renderChart({
          workers: [
            {
              name: "worker-1",
              queues: ["worker-1"],
              tokenSecret: { name: "w1" },
              autoscaling: { enabled: true, minReplicas: 5, maxReplicas: 2 },
            },
          ],
        }),
      ).rejects.toThrow(/autoscaling needs 0 <= minReplicas <= maxReplicas/);
    });
  },
);
