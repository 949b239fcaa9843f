import { execFile, spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { airflowPython } from "./fixtures/airflow/airflowPython.js";
import { ServerProcess } from "./serverProcess.js";
import { bordaBin, eventually, freePorts, TestResources } from "./support.js";

/**
 * The first seed document, verbatim: its `dag_exemplo.py` (written against Airflow 2.10's
 * own API) byte for byte in the DAGs folder of `borda server`, an edge worker started as
 * the seed starts its own (`--concurrency 4`, queue `worker-1`), and the seed's three curl
 * calls (create the pool, unpause the DAG, trigger a run) run with real curl.
 */

const run = promisify(execFile);

const seed = fileURLToPath(
  new URL("../../../../shared/seeds/000_fa10dce02c192741.txt", import.meta.url),
);
/** The seed's three REST calls, byte for byte (pool, unpause, trigger). */
const seedCalls = fileURLToPath(new URL("./fixtures/seed-rest-calls.sh", import.meta.url));
const { python, skip: noPython } = airflowPython();
const skip = !existsSync(seed)
  ? `the seed document ${seed} is not here (../shared, beside the repository)`
  : noPython;

const dagId = "dag_exemplo_conta_ate_20";
const admin = `Basic ${Buffer.from("admin:admin").toString("base64")}`;

/**
 * `dag_exemplo.py` as the seed writes it: the bytes of the ```python block that starts with
 * the line "# dag_exemplo.py", up to its closing fence. Read as bytes (latin1 maps each
 * byte to one character), so nothing is re-encoded.
 */
function dagExemplo(): Buffer {
  const text = readFileSync(seed).toString("latin1");
  const block = /```python[ \t]*\r?\n(# dag_exemplo\.py[ \t]*\r?\n[\s\S]*?)^```/m.exec(text);
  if (!block?.[1]) throw new Error(`${seed} has no \`\`\`python block starting "# dag_exemplo.py"`);
  return Buffer.from(block[1], "latin1");
}

describe.skipIf(skip !== null)(
  skip === null
    ? "the first seed's dag_exemplo.py, verbatim, on borda server and an edge worker"
    : `the first seed's dag_exemplo.py end to end (skipped: ${skip})`,
  () => {
    const resources = new TestResources();
    afterEach(() => resources.cleanup());

    it("runs on the worker serving worker-1 after the seed's curl calls, its lines in the log as it counts, its result its XCom", async () => {
      const home = resources.dir("borda-seed-");
      const [port] = await freePorts(1);
      const server = new ServerProcess(resources, {
        home,
        port: port ?? 0,
        env: {
          BORDA_PYTHON: python ?? "python3",
          // The seed's calls sign in as admin:admin, and expect the DAG to start paused.
          BORDA_ADMIN_PASSWORD: "admin",
          BORDA_DAGS_PAUSED_AT_CREATION: "true",
        },
      });
      const dagFile = dagExemplo();
      expect(dagFile.toString("utf8")).toContain('@task(pool="worker-1", queue="worker-1")');
      writeFileSync(path.join(home, "dags", "dag_exemplo.py"), dagFile);
      await server.start();
      const api = async <T>(route: string): Promise<T> => {
        const response = await fetch(`${server.url}/api/v1${route}`, {
          headers: { authorization: admin },
        });
        if (!response.ok)
          throw new Error(`GET ${route}: ${response.status} ${await response.text()}`);
        return (await response.json()) as T;
      };
      const dag = await eventually(
        () => api<{ is_paused: boolean }>(`/dags/${dagId}`).catch(() => null),
        () => `the seed's DAG to be parsed:\n${server.output()}`,
      );
      expect(dag.is_paused).toBe(true);

      // The edge worker, as the seed starts it: `airflow edge worker --concurrency 4 --queue worker-1`.
      const tokenResponse = await fetch(`${server.url}/api/v1/edge/tokens`, {
        method: "POST",
        headers: { authorization: admin, "content-type": "application/json" },
        body: JSON.stringify({ name: "worker-1", queues: ["worker-1"] }),
      });
      const { token } = (await tokenResponse.json()) as { token: string };
      const worker = startSeedWorker(resources, server.url, token, python ?? "python3");
      await eventually(
        async () =>
          (
            await api<{ workers: { worker_name: string; state: string }[] }>("/edge/workers")
          ).workers.some((w) => w.worker_name === "edge-worker-1" && w.state === "idle"),
        () => `the worker to register:\n${worker.output()}`,
      );

      // The seed's calls name http://localhost:8080; curl's own configuration sends that
      // address to this server, so the calls run byte for byte beside suites that listen
      // on 8080 themselves. write-out ends each answer with a newline.
      const curlHome = resources.dir("borda-seed-curl-");
      writeFileSync(
        path.join(curlHome, ".curlrc"),
        `connect-to = "localhost:8080:127.0.0.1:${port}"\nwrite-out = "\\n"\nsilent\n`,
      );
      const { stdout } = await run("bash", [seedCalls], {
        env: { PATH: process.env.PATH, HOME: curlHome, CURL_HOME: curlHome },
      });
      const [pool, unpaused, dagRun] = stdout
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(pool).toMatchObject({ name: "worker-1", slots: 10, description: "Edge Pool" });
      expect(unpaused).toMatchObject({ dag_id: dagId, is_paused: false });
      expect(dagRun).toMatchObject({ dag_id: dagId, note: "Execução manual dinâmica", conf: {} });
      const runId = String(dagRun?.dag_run_id);
      expect(runId).toMatch(/^manual__\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      const runPath = `/dags/${dagId}/dagRuns/${encodeURIComponent(runId)}`;
      const taskPath = `${runPath}/taskInstances/count_to_twenty`;

      // While the task counts, its printed lines are already in its log.
      const partial = await eventually(async () => {
        const { content } = await api<{ content: string }>(
          `${taskPath}/logs/1?full_content=true`,
        ).catch(() => ({ content: "" }));
        return content.includes("Contando: 3 segundo(s)\n") ? content : null;
      }, "the first counted seconds in the task's log");
      expect(partial).not.toContain("Contagem concluída!");
      expect((await api<{ state: string }>(runPath)).state).toBe("running");
      const running = await api<{ state: string; hostname: string }>(taskPath);
      expect(running).toMatchObject({ state: "running", hostname: "edge-worker-1" });

      const finished = await eventually(
        async () => {
          const { state } = await api<{ state: string }>(runPath);
          return state === "success" || state === "failed" ? state : null;
        },
        () => `the run to finish:\n${worker.output()}`,
        90_000,
      );
      expect(finished).toBe("success");
      const taskInstance = await api<Record<string, unknown>>(taskPath);
      expect(taskInstance).toMatchObject({
        state: "success",
        hostname: "edge-worker-1",
        pool: "worker-1",
        queue: "worker-1",
        operator: "@task",
        try_number: 1,
      });
      const { content } = await api<{ content: string }>(`${taskPath}/logs/1?full_content=true`);
      for (let i = 1; i <= 20; i++) {
        expect(content.match(new RegExp(`Contando: ${i} segundo\\(s\\)\\n`, "g"))).toHaveLength(1);
      }
      expect(content).toContain("Contagem concluída!\n");
      expect(content).toContain(
        "INFO - Done. Returned value was: Contagem finalizada com sucesso\n",
      );
      const xcom = await api<{ value: unknown }>(
        `${taskPath}/xcomEntries/return_value?stringify=false`,
      );
      expect(xcom.value).toBe("Contagem finalizada com sucesso");
    }, 150_000);
  },
);

/** `borda worker --concurrency 4 --queues worker-1`, configured like an edge box. */
function startSeedWorker(resources: TestResources, url: string, token: string, python: string) {
  const child = resources.track(
    spawn(process.execPath, [bordaBin, "worker", "--concurrency", "4", "--queues", "worker-1"], {
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        BORDA_API_URL: url,
        BORDA_WORKER_TOKEN: token,
        BORDA_HOSTNAME: "edge-worker-1",
        BORDA_WORKER_DIR: resources.dir("borda-seed-worker-"),
        BORDA_PYTHON: python,
      },
    }),
  );
  let output = "";
  for (const stream of [child.stdout, child.stderr]) {
    if (stream) createInterface({ input: stream }).on("line", (line) => (output += `${line}\n`));
  }
  return { output: () => output };
}
