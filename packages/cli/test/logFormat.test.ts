import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { afterEach, describe, expect, it } from "vitest";
import { bordaBin, eventually, TestResources } from "./support.js";

/**
 * `borda server`'s log as a person at a terminal sees it, and as a collector reading a pipe
 * does. The terminal is a real pseudo-terminal: util-linux's `script` runs the server in one.
 */
describe("borda server's log format", () => {
  const resources = new TestResources();
  afterEach(() => resources.cleanup());

  /** Starts the server, reads its output until the store is ready, and stops it. */
  async function firstLines(args: string[], options: { tty: boolean }): Promise<string> {
    const home = resources.dir("borda-log-");
    const command = [process.execPath, bordaBin, "server", ...args];
    const child: ChildProcess = resources.track(
      options.tty
        ? spawn("script", ["-qfec", command.map((a) => `'${a}'`).join(" "), "/dev/null"], {
            detached: true,
            stdio: ["pipe", "pipe", "pipe"],
            env: serverEnv(home),
          })
        : spawn(command[0] ?? "", command.slice(1), {
            detached: true,
            stdio: ["ignore", "pipe", "pipe"],
            env: serverEnv(home),
          }),
    );
    let output = "";
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on(
      "line",
      (line) => (output += `${line}\n`),
    );
    const exited = new Promise((resolve) => child.once("exit", resolve));
    await eventually(
      async () => output.includes("metadata store ready"),
      () => output,
    );
    process.kill(-(child.pid ?? 0), "SIGTERM");
    await exited;
    return output.split("\n").find((line) => line.includes("metadata store ready")) ?? "";
  }

  const serverEnv = (home: string) => ({
    PATH: process.env.PATH,
    HOME: home,
    BORDA_HOME: home,
    BORDA_PORT: "0",
    BORDA_HOST: "127.0.0.1",
  });
  const textLine =
    /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z INFO {2}metadata store ready database=\S+/;

  it("writes JSON lines into a pipe", async () => {
    const line = await firstLines([], { tty: false });
    expect(JSON.parse(line)).toMatchObject({ level: 30, msg: "metadata store ready" });
  });

  it("writes readable lines on a terminal", async () => {
    expect((await firstLines([], { tty: true })).replace(/\r$/, "")).toMatch(textLine);
  });

  it("writes what --log-format asks for, whatever stdout is", async () => {
    expect(await firstLines(["--log-format", "text"], { tty: false })).toMatch(textLine);
    const json = await firstLines(["--log-format", "json"], { tty: true });
    expect(JSON.parse(json.replace(/\r$/, ""))).toMatchObject({ msg: "metadata store ready" });
  });

  it("writes the worker's log readable on a terminal, JSON lines into a pipe", async () => {
    const env = {
      PATH: process.env.PATH,
      BORDA_API_URL: "http://127.0.0.1:9",
      BORDA_WORKER_TOKEN: "t",
      BORDA_WORKER_DIR: resources.dir(),
    };
    const workerLine = async (tty: boolean) => {
      const command = [process.execPath, bordaBin, "worker"];
      const child = resources.track(
        tty
          ? spawn("script", ["-qfec", command.map((a) => `'${a}'`).join(" "), "/dev/null"], {
              detached: true,
              stdio: ["pipe", "pipe", "pipe"],
              env,
            })
          : spawn(command[0] ?? "", command.slice(1), {
              detached: true,
              stdio: ["ignore", "pipe", "pipe"],
              env,
            }),
      );
      let output = "";
      // Under `script` the terminal carries stderr to its stdout.
      for (const stream of [child.stdout, child.stderr]) {
        stream?.on("data", (chunk: Buffer) => {
          output += chunk.toString();
        });
      }
      await eventually(
        async () => output.includes("retrying in"),
        () => output,
      );
      return output.split("\n").find((line) => line.includes("retrying in")) ?? "";
    };
    expect(await workerLine(true)).toMatch(/^\S+Z WARN {2}the control plane is not reachable yet/);
    expect(JSON.parse(await workerLine(false))).toMatchObject({ level: "warn" });
  });
});
