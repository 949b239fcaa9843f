import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import {
  startServer,
  startWorker,
  TestResources,
  workersRegistered,
  workerToken,
} from "./support.js";

const repositoryGitignore = fileURLToPath(new URL("../../../.gitignore", import.meta.url));

describe("borda worker's own files", () => {
  const resources = new TestResources();
  afterAll(() => resources.cleanup());

  it("go under ./.borda by default, so a worker started in a checkout leaves git status clean", async () => {
    const checkout = resources.dir("borda-checkout-");
    const git = (...args: string[]) =>
      execFileSync("git", ["-C", checkout, ...args], { encoding: "utf8" });
    git("init", "--quiet");
    copyFileSync(repositoryGitignore, path.join(checkout, ".gitignore"));
    git("add", ".gitignore");
    git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "--quiet", "-m", "i");

    const cp = await startServer(resources, resources.dir("borda-state-"), {});
    const worker = startWorker(resources, {
      url: cp.url,
      token: await workerToken(cp, ["default"]),
      name: "in-checkout",
      queues: "default",
      cwd: checkout,
      // Empty counts as unset: the default applies.
      env: { BORDA_WORKER_DIR: "" },
    });
    await workersRegistered(cp, worker);
    worker.child.kill("SIGTERM");
    expect(await worker.exited).toBe(0);

    expect(existsSync(path.join(checkout, ".borda", "edge-worker"))).toBe(true);
    expect(git("status", "--porcelain", "--untracked-files=all")).toBe("");
  });
});
