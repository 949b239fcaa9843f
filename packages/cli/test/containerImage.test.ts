import { execFile, execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

/**
 * The image from deploy/Containerfile, built and run: `borda --version` in it prints this
 * version. It needs a container engine that builds and runs containers here: podman,
 * buildah, or docker with a running engine. Without one the test is skipped; so it is when
 * the engine cannot get the base image (no registry) or cannot start a container.
 */

const repo = fileURLToPath(new URL("../../../", import.meta.url));
const containerfile = path.join(repo, "deploy", "Containerfile");
const baseImage = /^ARG NODE_IMAGE=(\S+)$/m.exec(readFileSync(containerfile, "utf8"))?.[1];
const { version } = JSON.parse(readFileSync(path.join(repo, "packages/cli/package.json"), "utf8"));
const exec = promisify(execFile);

type Engine = "podman" | "buildah" | "docker";

/** The first engine whose `info` answers: a docker client without an engine does not. */
function findEngine(): Engine | null {
  for (const engine of ["podman", "buildah", "docker"] as const) {
    try {
      execFileSync(engine, ["info"], { stdio: "ignore", timeout: 30_000 });
      return engine;
    } catch {}
  }
  return null;
}

async function call(engine: Engine, args: string[], timeoutMs = 120_000): Promise<string> {
  try {
    const { stdout } = await exec(engine, args, { timeout: timeoutMs, maxBuffer: 256 << 20 });
    return stdout;
  } catch (error) {
    const { stderr, message } = error as { stderr?: string; message: string };
    throw new Error(`${engine} ${args[0]} failed: ${stderr?.trim() || message}`);
  }
}

/**
 * Runs a throwaway container of `image`. podman and docker pass `args` to the image's
 * entrypoint; buildah runs no entrypoint, so `args` must start with the command.
 */
async function runContainer(engine: Engine, image: string, args: string[]): Promise<string> {
  if (engine !== "buildah") return call(engine, ["run", "--rm", image, ...args]);
  const container = (await call(engine, ["from", image])).trim();
  try {
    return await call(engine, ["run", container, "--", ...args]);
  } finally {
    await call(engine, ["rm", container]).catch(() => {});
  }
}

/** Why this engine cannot build the image here, or null when it can. */
async function cannotBuild(engine: Engine, image: string): Promise<string | null> {
  const inspect = engine === "buildah" ? ["inspect", "--type", "image"] : ["image", "inspect"];
  const present = await call(engine, [...inspect, image]).then(
    () => true,
    () => false,
  );
  if (!present) {
    const pulled = await call(engine, ["pull", image], 600_000).catch((error: Error) => error);
    if (pulled instanceof Error) return `${engine} cannot get ${image}: ${lastLine(pulled)}`;
  }
  const ran = await runContainer(engine, image, ["node", "--version"]).catch((e: Error) => e);
  return ran instanceof Error ? `${engine} cannot run a container here: ${lastLine(ran)}` : null;
}

/** An engine's complaint in one line: its last, which is the error (podman prints notes first). */
const lastLine = (error: Error) => error.message.trim().split("\n").at(-1);

const engine = findEngine();

describe.skipIf(engine === null)(
  engine === null
    ? "the container image (skipped: no container engine (podman, buildah or a docker engine) on this machine; see docs/deploy-kubernetes.md)"
    : `the container image, built with ${engine}`,
  () => {
    it(
      "builds from deploy/Containerfile and runs `borda --version` in it",
      async (context) => {
        if (engine === null) return; // skipped above
        if (!baseImage)
          throw new Error("deploy/Containerfile has no `ARG NODE_IMAGE=<image>` line");
        const reason = await cannotBuild(engine, baseImage);
        if (reason !== null) context.skip(reason);
        const tag = `borda-image-test:${process.pid}`;
        try {
          // A cold build installs every dependency and compiles better-sqlite3: minutes.
          await call(engine, ["build", "-f", containerfile, "-t", tag, repo], 20 * 60_000);
          const printed = await runContainer(
            engine,
            tag,
            engine === "buildah" ? ["borda", "--version"] : ["--version"],
          );
          expect(printed.trim()).toBe(version);
        } finally {
          await call(engine, ["rmi", "-f", tag]).catch(() => {});
        }
      },
      30 * 60_000,
    );
  },
);
