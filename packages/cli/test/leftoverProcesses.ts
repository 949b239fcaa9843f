// Vitest global setup: fails the run when a process a test started outlives the suite.
// Two ways to know one: while the tests run, the processes below this (the vitest)
// process are sampled every 100 ms (test files run in its pool's workers, and what a test
// spawns is their descendant until its parent exits and it is reparented); and at the
// end, a process reparented to init that started during the run and whose command line
// names this repository (a `borda` the tests ran) counts too, seen or not. Any still
// running after a short grace (one being reaped) is listed, killed, and the run fails.
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  descendantsOf,
  killAll,
  listProcesses,
  type ProcessInfo,
  stillRunning,
} from "./processTree.js";

const repository = path.resolve(fileURLToPath(new URL("../../..", import.meta.url)));

/** Vitest's own pool workers: the run's machinery, not something a test started. */
const isVitest = (p: ProcessInfo) => /[/\\]vitest[/\\]/.test(p.command);

const graceMs = 3000;

export default function leftoverProcesses(): () => Promise<void> {
  const seen = new Map<string, ProcessInfo>();
  const note = (p: ProcessInfo) => {
    if (!isVitest(p)) seen.set(`${p.pid}/${p.start}`, p);
  };
  const sample = () => {
    for (const p of descendantsOf(process.pid)) note(p);
  };
  const before = new Set(listProcesses().map((p) => `${p.pid}/${p.start}`));
  const timer = setInterval(sample, 100);
  timer.unref();
  return async () => {
    clearInterval(timer);
    sample();
    for (const p of listProcesses()) {
      const orphan = p.ppid === 1 && !before.has(`${p.pid}/${p.start}`);
      if (orphan && p.command.includes(repository)) note(p);
    }
    const deadline = Date.now() + graceMs;
    let alive: ProcessInfo[] = [];
    for (;;) {
      const now = listProcesses();
      alive = [...seen.values()].filter((p) => stillRunning(p, now));
      if (alive.length === 0 || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (alive.length === 0) return;
    killAll(alive);
    // Vitest reports an error thrown here but keeps the run's exit status: set it too.
    process.exitCode = 1;
    throw new Error(
      `${alive.length} process(es) the tests started outlived the suite (now killed); every test must stop what it starts and wait for it to exit:\n${alive
        .map((p) => `  pid ${p.pid}: ${p.command.slice(0, 200)}`)
        .join("\n")}`,
    );
  };
}
