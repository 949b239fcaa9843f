import { execFile } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { eventually, startStandalone, TestResources } from "./support.js";

const run = promisify(execFile);

/** The first seed document's DAG, written for Borda (its sleep shortened for the test). */
const exemploDag = `
import { dag } from "borda";

export default dag(
  { id: "dag_exemplo_conta_ate_20", schedule: null, startDate: "2021-01-01", catchup: false, tags: ["example"] },
  ({ task }) => {
    task({ id: "count_to_twenty", pool: "worker-1", queue: "worker-1" }, async (ctx) => {
      for (let i = 1; i <= 20; i++) {
        ctx.log(\`Contando: \${i} segundo(s)\`);
        await ctx.sleep(100);
      }
      ctx.log("Contagem concluída!");
      return "Contagem finalizada com sucesso";
    });
  },
);
`;

/** The seed's three REST calls, byte for byte (pool, unpause, trigger). */
const seedCalls = fileURLToPath(new URL("./fixtures/seed-rest-calls.sh", import.meta.url));

describe("the first seed document's REST calls", () => {
  const resources = new TestResources();
  afterEach(() => resources.cleanup());

  it("create the pool, unpause the DAG and trigger a run that succeeds on the worker, against borda standalone", async () => {
    const cwd = resources.dir("borda-seed-");
    mkdirSync(path.join(cwd, "dags"));
    writeFileSync(path.join(cwd, "dags", "dag_exemplo.ts"), exemploDag);
    // The seed's calls name http://localhost:8080, so this server listens there.
    const standalone = await startStandalone(resources, cwd, {
      BORDA_PORT: "8080",
      BORDA_ADMIN_PASSWORD: "admin",
    });
    const get = async (route: string) => {
      const response = await fetch(`http://localhost:8080/api/v1${route}`, {
        headers: { authorization: `Basic ${Buffer.from("admin:admin").toString("base64")}` },
      }).catch(() => null);
      return response?.ok ? ((await response.json()) as Record<string, unknown>) : null;
    };
    await eventually(
      () => get("/dags/dag_exemplo_conta_ate_20"),
      `the DAG to be parsed (${standalone.lines.join("\n")})`,
    );

    const { stdout } = await run("bash", [seedCalls], { cwd });
    const [pool, dag, dagRun] = jsonObjects(stdout);
    expect(pool).toMatchObject({
      name: "worker-1",
      slots: 10,
      description: "Edge Pool",
      open_slots: 10,
    });
    expect(dag).toMatchObject({ dag_id: "dag_exemplo_conta_ate_20", is_paused: false });
    expect(dagRun).toMatchObject({
      dag_id: "dag_exemplo_conta_ate_20",
      dag_run_id: expect.stringMatching(/^manual__\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      note: "Execução manual dinâmica",
      conf: {},
    });

    const runId = encodeURIComponent(String(dagRun?.dag_run_id));
    const finished = await eventually(async () => {
      const state = (await get(`/dags/dag_exemplo_conta_ate_20/dagRuns/${runId}`))?.state;
      return state === "success" || state === "failed" ? state : null;
    }, "the run to finish");
    expect(finished).toBe("success");
  });
});

/** The JSON objects curl printed back to back (it adds no newline after a body). */
function jsonObjects(text: string): Record<string, unknown>[] {
  const objects: Record<string, unknown>[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{") {
      if (depth++ === 0) start = i;
    } else if (c === "}" && --depth === 0) {
      objects.push(JSON.parse(text.slice(start, i + 1)) as Record<string, unknown>);
    }
  }
  return objects;
}
