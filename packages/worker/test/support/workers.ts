import type { WorkerConfig } from "../../src/config.js";
import { EdgeWorker } from "../../src/worker.js";
import type { EdgeWorkerOptions } from "../../src/workerOptions.js";
import type { TestBundle } from "./bundles.js";
import { FakeControlPlane, testToken } from "./fakeControlPlane.js";
import { silentLogger, type useResources } from "./resources.js";

/**
 * Edge workers against a fake control plane on loopback, with timings short enough for
 * tests (200 ms heartbeats, 2 s long-polls, 200 ms kill grace); each is drained and the
 * control plane stopped after the test.
 */
export function testWorkers(resources: ReturnType<typeof useResources>) {
  function newWorker(
    server: FakeControlPlane,
    config: Partial<WorkerConfig> = {},
    options: EdgeWorkerOptions = {},
  ): EdgeWorker {
    const worker = new EdgeWorker(
      {
        apiUrl: server.url,
        token: testToken,
        queues: ["default"],
        concurrency: 4,
        hostname: "edge-test",
        heartbeatIntervalMs: 200,
        drainTimeoutMs: 30_000,
        healthPort: 0,
        workDir: resources.dir(),
        fetchWaitMs: 2000,
        python: "python3",
        taskEnv: [],
        secretsDir: null,
        logLevel: "silent",
        logFormat: "text",
        selfCheck: {
          minFreeDiskBytes: null,
          minFreeMemoryBytes: null,
          command: null,
          intervalMs: 30_000,
          timeoutMs: 10_000,
        },
        ...config,
      },
      {
        logger: silentLogger,
        backoff: { baseMs: 10, capMs: 200 },
        killGraceMs: 200,
        logFlushIntervalMs: 20,
        exitFlushTimeoutMs: 2000,
        healthHost: "127.0.0.1",
        ...options,
      },
    );
    resources.defer(() => worker.drain({ timeoutMs: 0 }));
    return worker;
  }

  return {
    /** A control plane serving `bundles`. */
    async controlPlane(...bundles: TestBundle[]): Promise<FakeControlPlane> {
      const server = await new FakeControlPlane().start();
      for (const bundle of bundles) server.bundles.set(bundle.hash, bundle.content);
      resources.defer(() => server.stop());
      return server;
    },

    newWorker,

    async startedWorker(
      server: FakeControlPlane,
      config: Partial<WorkerConfig> = {},
      options: EdgeWorkerOptions = {},
    ): Promise<EdgeWorker> {
      const worker = newWorker(server, config, options);
      await worker.start();
      return worker;
    },

    /** What the worker's readiness probe answers. */
    async readyz(worker: EdgeWorker): Promise<{ status: number; body: Record<string, unknown> }> {
      const response = await fetch(`http://127.0.0.1:${worker.healthPort}/readyz`);
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    },
  };
}
