import { readdirSync, readFileSync } from "node:fs";

/**
 * The processes of this machine as /proc shows them (Linux), to find what a test started
 * and what it started in turn: a `borda standalone`, its task runners (which run in
 * process groups of their own), a browser.
 */
export interface ProcessInfo {
  pid: number;
  ppid: number;
  /** Start time in clock ticks since boot: with the pid, it names one process, never a reused pid. */
  start: string;
  command: string;
}

export function listProcesses(): ProcessInfo[] {
  const processes: ProcessInfo[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // The command name, in parentheses, may hold spaces; the fields after it may not.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // A zombie has exited; only its parent's wait is missing.
      if (fields[0] === "Z") continue;
      const command = readFileSync(`/proc/${entry}/cmdline`, "utf8").replaceAll("\0", " ").trim();
      processes.push({
        pid: Number(entry),
        ppid: Number(fields[1]),
        start: fields[19] ?? "",
        command,
      });
    } catch {
      // It exited while being read.
    }
  }
  return processes;
}

/** Every process below `root` (children, their children, ...), as of now. */
export function descendantsOf(root: number, processes = listProcesses()): ProcessInfo[] {
  const children = new Map<number, ProcessInfo[]>();
  for (const p of processes) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  const found: ProcessInfo[] = [];
  const visit = (pid: number) => {
    for (const child of children.get(pid) ?? []) {
      found.push(child);
      visit(child.pid);
    }
  };
  visit(root);
  return found;
}

/** Whether `p` (the very process, not a later one with its pid) is still running. */
export function stillRunning(p: ProcessInfo, processes = listProcesses()): boolean {
  return processes.some((q) => q.pid === p.pid && q.start === p.start);
}

/** SIGKILLs each of `processes` that still runs. */
export function killAll(processes: readonly ProcessInfo[]): void {
  const now = listProcesses();
  for (const p of processes) {
    if (!stillRunning(p, now)) continue;
    try {
      process.kill(p.pid, "SIGKILL");
    } catch {
      // Gone meanwhile.
    }
  }
}
