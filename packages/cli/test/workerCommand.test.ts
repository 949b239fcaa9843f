import { execFile, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { bordaBin } from "./support.js";

const run = promisify(execFile);

describe("borda worker", () => {
  let dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    dirs = [];
  });
  const workDir = () => {
    const dir = mkdtempSync(path.join(tmpdir(), "borda-worker-cli-"));
    dirs.push(dir);
    return dir;
  };

  /** Runs `borda worker` with only `env` (and PATH); resolves with its exit code and output. */
  async function worker(args: string[], env: Record<string, string> = {}) {
    try {
      const { stdout, stderr } = await run(process.execPath, [bordaBin, "worker", ...args], {
        env: { PATH: process.env.PATH, BORDA_WORKER_DIR: workDir(), ...env },
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  }

  it("documents every setting with its environment variable in --help, the token as environment only", async () => {
    const { stdout } = await worker(["--help"]);
    const help = stdout.replace(/\s+/g, " ");
    for (const variable of [
      "BORDA_API_URL",
      "BORDA_WORKER_TOKEN_FILE",
      "BORDA_QUEUES",
      "BORDA_CONCURRENCY",
      "BORDA_HOSTNAME",
      "BORDA_DRAIN_TIMEOUT",
      "PORT",
      "BORDA_WORKER_DIR",
      "BORDA_TASK_ENV",
    ]) {
      expect(help).toContain(`env ${variable}`);
    }
    expect(help).toContain("From the environment only: BORDA_WORKER_TOKEN");
    expect(help).not.toMatch(/--token </);
  });

  it("explains a missing or malformed setting in one line and exits 1", async () => {
    expect(await worker([])).toMatchObject({
      code: 1,
      stderr:
        "borda: BORDA_API_URL (--api-url) is required: the control plane's base URL, e.g. https://borda.example.com.\n",
    });
    expect(
      await worker(["--api-url", "borda.example.com"], { BORDA_WORKER_TOKEN: "t" }),
    ).toMatchObject({
      code: 1,
      stderr:
        "borda: BORDA_API_URL (--api-url) must be a URL such as https://borda.example.com; got 'borda.example.com'.\n",
    });
    expect(await worker(["--api-url", "https://borda.example.com"])).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/^borda: No worker token: set BORDA_WORKER_TOKEN.*\n$/),
    });
  });

  it("fails fast, in one line, when the URL is not a Borda control plane", async () => {
    const other = createServer((_, response) => response.writeHead(404).end("Not Found"));
    await new Promise<void>((resolve) => other.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
      expect(await worker([], { BORDA_API_URL: url, BORDA_WORKER_TOKEN: "t" })).toEqual({
        code: 1,
        stdout: "",
        stderr: `borda: ${url} is not a Borda control plane: GET /edge/v1/health answered 404. Check BORDA_API_URL (--api-url).\n`,
      });
    } finally {
      other.close();
    }
  });

  it("exits 0 on SIGTERM while still waiting for the control plane", async () => {
    // A port nothing listens on: the worker retries, logging each wait.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const child = spawn(process.execPath, [bordaBin, "worker"], {
      env: {
        PATH: process.env.PATH,
        BORDA_API_URL: `http://127.0.0.1:${port}`,
        BORDA_WORKER_TOKEN: "bwt_never_logged",
        BORDA_WORKER_DIR: workDir(),
      },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (text: Buffer) => {
      stderr += text.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    const deadline = Date.now() + 30_000;
    while (!stderr.includes("retrying in") && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // Into a pipe the worker logs JSON lines.
    expect(stderr).toMatch(
      /"level":"warn".*"msg":"the control plane is not reachable yet; retrying in/,
    );
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(stderr).not.toContain("bwt_never_logged");
  });
});
