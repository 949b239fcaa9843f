import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { ControlPlane } from "@borda/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  bordaBin,
  eventually,
  startServer,
  startWorker,
  TestResources,
  workerToken,
} from "./support.js";

const run = promisify(execFile);

/** `borda worker` with a command line written for `airflow edge worker`. */
describe("borda worker with Airflow's edge worker flags", () => {
  const resources = new TestResources();
  let cp: ControlPlane;
  beforeAll(async () => {
    cp = await startServer(resources, resources.dir("borda-airflow-flags-"), {});
  });
  afterAll(() => resources.cleanup());

  async function worker(args: string[]) {
    try {
      const { stdout, stderr } = await run(process.execPath, [bordaBin, "worker", ...args], {
        env: {
          PATH: process.env.PATH,
          BORDA_API_URL: cp.url,
          BORDA_WORKER_TOKEN: "t",
          BORDA_WORKER_DIR: resources.dir(),
        },
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  }

  it("serves the queues, slots and name given as -q/--queue, -c and -H/--edge-hostname", async () => {
    const args = [
      ["--queue", "worker-1", "-c", "3", "-H", "edge-a", "-v"],
      ["-q", "worker-2,default", "--concurrency", "2", "--edge-hostname", "edge-b"],
    ];
    const token = await workerToken(cp, ["*"]);
    for (const [i, flags] of args.entries()) {
      startWorker(resources, {
        url: cp.url,
        token,
        name: `ignored-${i}`,
        queues: "x",
        args: flags,
      });
    }
    const registered = await eventually(async () => {
      const workers = await cp.edge.listWorkers();
      return workers.length === 2 ? workers : null;
    }, "both workers to register");
    const seen = Object.fromEntries(
      registered.map((w) => [w.name, { queues: w.configuredQueues, concurrency: w.concurrency }]),
    );
    expect(seen).toEqual({
      "edge-a": { queues: ["worker-1"], concurrency: 3 },
      "edge-b": { queues: ["worker-2", "default"], concurrency: 2 },
    });
  });

  it("refuses Airflow's flags that mean nothing here, saying what Borda does instead", async () => {
    for (const [flags, instead] of [
      [["--daemon"], /--daemon \(an Airflow edge worker flag\) is not supported: .*foreground/],
      [["--pid", "/run/w.pid"], /--pid .*no pid file/],
      [["-l", "/var/log/w.log"], /--log-file .*stderr/],
      [["--stdout", "out.log"], /--stdout .*stderr/],
      [["-u", "077"], /--umask .*umask/],
      [["-t", "blue"], /--team-name .*borda tokens create --team/],
    ] as const) {
      const outcome = await worker([...flags]);
      expect(outcome.code).toBe(1);
      expect(outcome.stderr).toMatch(instead);
    }
  });

  it("lists Airflow's flags in --help", async () => {
    const { stdout } = await worker(["--help"]);
    expect(stdout).toContain("-q, --queues <names>");
    expect(stdout).toContain("-c, --concurrency <slots>");
    expect(stdout).toMatch(/-H, --edge-hostname <name> +as --hostname/);
    expect(stdout).toMatch(/--queue <names> +as --queues/);
    expect(stdout).toMatch(/-D, --daemon +refused: /);
  });
});
