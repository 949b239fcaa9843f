import { spawn } from "node:child_process";
import { existsSync } from "node:fs";

/**
 * Prometheus' own checker, `promtool` (Debian's `prometheus` package): it checks the text
 * exposition (`check metrics`), and loads and unit-tests rule files (`check rules`,
 * `test rules`). Where it is missing a test that needs it is skipped with
 * `promtoolMissing()` as the reason, except under CI, where it must be there.
 */

export const promtoolPath = "/usr/bin/promtool";

/** Why promtool cannot run here; null when it can. Throws under CI=true without it. */
export function promtoolMissing(): string | null {
  if (existsSync(promtoolPath)) return null;
  if (process.env.CI === "true") {
    throw new Error(`${promtoolPath} is missing on CI: apt-get install prometheus`);
  }
  return `${promtoolPath} not found (apt-get install prometheus)`;
}

/** Runs promtool with `args` (and `input` on its stdin): its exit code and all it said. */
export function promtool(
  args: string[],
  options: { input?: string; cwd?: string } = {},
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(promtoolPath, args, {
      cwd: options.cwd,
      stdio: ["pipe", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (data: Buffer) => (output += data.toString()));
    child.stderr.on("data", (data: Buffer) => (output += data.toString()));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, output }));
    child.stdin.end(options.input ?? "");
  });
}

/** Feeds `exposition` to `promtool check metrics`: its exit code and what it said (problems, lint). */
export function promtoolCheck(
  exposition: string,
): Promise<{ code: number | null; output: string }> {
  return promtool(["check", "metrics"], { input: exposition });
}
