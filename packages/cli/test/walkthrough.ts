import { type ChildProcess, spawn } from "node:child_process";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { bordaBin, eventually, type Outcome, type TestResources } from "./support.js";

/**
 * Follows a docs page as a reader would, for docsWalkthrough.test.ts. A page marks what the
 * reader runs by a fenced block's info string:
 *
 *     ```sh walkthrough:<step>              commands, run to the end (they must exit 0)
 *     ```sh walkthrough:<step> background   a command that keeps running (a server, a
 *                                           worker), started in "a terminal of its own"
 *     ```ts walkthrough:<step> file=<path>  a file the reader saves at <path> (~/ is HOME)
 *
 * The blocks run in one shell session, `borda` being the built CLI: a command block starts
 * in the directory and with the exported variables the previous one left, as in one
 * terminal; a background block starts from that same state.
 *
 * The test changes only what must differ from the page on this machine (ports, the
 * database), through the variables the page sets them in. A pin either gives a variable
 * one value, which is also set before every block, or maps each value the page assigns
 * to the test's value. Every line of a block that assigns a pinned variable, `export
 * NAME=...` or `NAME=...` (in a heredoc, say), is rewritten to the test's value; a pinned
 * variable set any other way is an error, so the page stays followable by this test.
 */

export interface DocBlock {
  step: string;
  background: boolean;
  /** For a file block: where the reader saves it. */
  file: string | null;
  body: string;
}

export type Pins = Readonly<Record<string, string | Readonly<Record<string, string>>>>;

/** The marked blocks of a page; `block()` hands out each one and `unrun()` names the rest. */
export class WalkthroughPage {
  readonly #blocks = new Map<string, DocBlock>();
  readonly #taken = new Set<string>();

  constructor(readonly file: string) {
    for (const block of walkthroughBlocks(readFileSync(file, "utf8"))) {
      if (this.#blocks.has(block.step)) {
        throw new Error(`${file}: two blocks are marked walkthrough:${block.step}`);
      }
      this.#blocks.set(block.step, block);
    }
  }

  block(step: string): DocBlock {
    const block = this.#blocks.get(step);
    if (!block) throw new Error(`${this.file} has no block marked walkthrough:${step}`);
    this.#taken.add(step);
    return block;
  }

  /** Steps of the page the test has not taken: a walkthrough must cover them all. */
  unrun(): string[] {
    return [...this.#blocks.keys()].filter((step) => !this.#taken.has(step));
  }
}

function walkthroughBlocks(markdown: string): DocBlock[] {
  const blocks: DocBlock[] = [];
  let open: { fence: string; info: string[]; lines: string[] } | null = null;
  for (const line of markdown.split("\n")) {
    if (open) {
      const close = /^\s*(`{3,})\s*$/.exec(line);
      if (close && (close[1] ?? "").length >= open.fence.length) {
        const step = open.info.find((word) => word.startsWith("walkthrough:"));
        if (step) {
          blocks.push({
            step: step.slice("walkthrough:".length),
            background: open.info.includes("background"),
            file: open.info.find((word) => word.startsWith("file="))?.slice("file=".length) ?? null,
            body: open.lines.join("\n"),
          });
        }
        open = null;
      } else {
        open.lines.push(line);
      }
      continue;
    }
    const fence = /^\s*(`{3,})(.*)$/.exec(line);
    if (fence)
      open = { fence: fence[1] ?? "", info: (fence[2] ?? "").trim().split(/\s+/), lines: [] };
  }
  return blocks;
}

/** A background block's process, still running: what it printed so far. */
export interface BackgroundBlock {
  output(): string;
}

interface Started {
  child: ChildProcess;
  exited: Promise<number | null>;
  /** Its output pipes closed: the block's processes have all exited. */
  closed: boolean;
}

/**
 * One reader's shell session in `home`, with a `borda` on PATH that runs the built CLI.
 * `stop()` ends every process it started: SIGTERM to each process group, so servers and
 * workers stop as a reader's Ctrl+C would stop them, then SIGKILL for any still there.
 */
export class WalkthroughShell {
  readonly #home: string;
  readonly #pins: Pins;
  readonly #env: Record<string, string>;
  readonly #state: string;
  readonly #started: Started[] = [];

  constructor(resources: TestResources, options: { home: string; pins?: Pins }) {
    this.#home = options.home;
    this.#pins = options.pins ?? {};
    const own = resources.dir("borda-walkthrough-shell-");
    const bin = path.join(own, "bin");
    mkdirSync(bin);
    writeFileSync(
      path.join(bin, "borda"),
      `#!/bin/sh\nexec ${shellQuote(process.execPath)} ${shellQuote(bordaBin)} "$@"\n`,
    );
    chmodSync(path.join(bin, "borda"), 0o755);
    this.#state = path.join(own, "state.sh");
    writeFileSync(this.#state, `cd ${shellQuote(this.#home)}\n`);
    this.#env = {
      PATH: `${bin}:${process.env.PATH ?? "/usr/bin:/bin"}`,
      HOME: this.#home,
      LANG: "C.UTF-8",
      TMPDIR: process.env.TMPDIR ?? "/tmp",
    };
  }

  /** Runs a command block to its end; rejects with what it printed unless it exits 0. */
  async run(block: DocBlock, timeoutMs = 60_000): Promise<Outcome> {
    const script = `${this.#script(block)}\n{ export -p; printf 'cd %q\\n' "$PWD"; } > ${shellQuote(this.#state)}\n`;
    const { child, exited, output } = this.#spawn(script);
    const timer = setTimeout(() => killGroup(child, "SIGKILL"), timeoutMs);
    const code = await exited.finally(() => clearTimeout(timer));
    const outcome = { code: code ?? 1, ...output() };
    if (outcome.code !== 0) {
      throw new Error(
        `walkthrough:${block.step} exited ${code ?? "on a signal"}:\n${outcome.stdout}\n${outcome.stderr}`,
      );
    }
    return outcome;
  }

  /** Starts a background block and waits until what it prints matches `ready`. */
  async start(block: DocBlock, ready: RegExp, timeoutMs = 30_000): Promise<BackgroundBlock> {
    if (!block.background) throw new Error(`walkthrough:${block.step} is not a background block`);
    const { exited, output } = this.#spawn(this.#script(block));
    const printed = () => {
      const { stdout, stderr } = output();
      return `${stdout}${stderr}`;
    };
    let ended = false;
    void exited.then(() => (ended = true));
    await eventually(
      async () => {
        if (ended) throw new Error(`walkthrough:${block.step} ended early:\n${printed()}`);
        return ready.test(printed());
      },
      `walkthrough:${block.step} to print ${ready} (so far:\n${printed()})`,
      timeoutMs,
    );
    return { output: printed };
  }

  /** Saves a file block where the page says to. */
  save(block: DocBlock): void {
    if (block.file === null) throw new Error(`walkthrough:${block.step} is not a file block`);
    const file = block.file.startsWith("~/")
      ? path.join(this.#home, block.file.slice(2))
      : path.resolve(this.#home, block.file);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${block.body}\n`);
  }

  async stop(): Promise<void> {
    const running = this.#started.splice(0).filter((started) => !started.closed);
    for (const { child } of running) killGroup(child, "SIGTERM");
    // A draining worker may spend a few seconds delivering its last reports; then, SIGKILL.
    const deadline = new Promise((resolve) => setTimeout(resolve, 8000).unref());
    await Promise.race([Promise.all(running.map(({ exited }) => exited)), deadline]);
    for (const started of running) if (!started.closed) killGroup(started.child, "SIGKILL");
  }

  /** The block as a script: strict, in the session's state, with the test's pins. */
  #script(block: DocBlock): string {
    const preset = Object.entries(this.#pins)
      .filter((entry): entry is [string, string] => typeof entry[1] === "string")
      .map(([name, value]) => `export ${name}=${shellQuote(value)}`);
    return [
      "set -euo pipefail",
      `. ${shellQuote(this.#state)}`,
      ...preset,
      pinAssignments(block, this.#pins),
    ].join("\n");
  }

  #spawn(script: string) {
    // Its own process group, so that stopping it stops what it started (`borda` under bash).
    const child = spawn("bash", ["-c", script], {
      cwd: this.#home,
      env: this.#env,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (data: Buffer) => (stdout += data.toString()));
    child.stderr?.on("data", (data: Buffer) => (stderr += data.toString()));
    const started: Started = {
      child,
      exited: new Promise((resolve) => child.once("close", resolve)),
      closed: false,
    };
    void started.exited.then(() => (started.closed = true));
    this.#started.push(started);
    return { child, exited: started.exited, output: () => ({ stdout, stderr }) };
  }
}

/** Rewrites the block's assignments of pinned variables to the test's values. */
function pinAssignments(block: DocBlock, pins: Pins): string {
  return block.body
    .split("\n")
    .map((line) => {
      const assignment = /^(\s*)(export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
      const name = assignment?.[3] ?? "";
      const pin = pins[name];
      if (!assignment || pin === undefined) {
        for (const pinned of Object.keys(pins)) {
          if (new RegExp(`\\b${pinned}=`).test(line)) {
            throw new Error(
              `walkthrough:${block.step} sets ${pinned} in a way the test cannot change (only whole-line assignments): ${line}`,
            );
          }
        }
        return line;
      }
      const [, indent = "", exported = "", , rest = ""] = assignment;
      const pageValue = rest
        .replace(/\s+#.*$/, "")
        .trim()
        .replace(/^(["'])(.*)\1$/, "$2");
      const value = typeof pin === "string" ? pin : pin[pageValue];
      if (value === undefined) {
        throw new Error(
          `walkthrough:${block.step} sets ${name}=${pageValue}, for which the test has no value of its own`,
        );
      }
      if (!/^[\w:/.@%+,=-]+$/.test(value)) {
        throw new Error(`the test's ${name} must need no quoting in a heredoc; got ${value}`);
      }
      return `${indent}${exported}${name}=${value}`;
    })
    .join("\n");
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (!child.pid) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

function shellQuote(text: string): string {
  return `'${text.replaceAll("'", "'\\''")}'`;
}
