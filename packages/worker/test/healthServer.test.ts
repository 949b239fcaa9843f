import { describe, expect, it } from "vitest";
import { type Readiness, startHealthServer } from "../src/health/healthServer.js";
import { useResources } from "./support/resources.js";

describe("health server", () => {
  const resources = useResources();

  it("answers /healthz while it runs and /readyz only while the worker is ready, saying where it stands", async () => {
    const standing = { state: "starting", link: "unreachable", attemptsAtRisk: 0 } as const;
    let readiness: Readiness = {
      ready: false,
      detail: "starting: not registered yet",
      ...standing,
    };
    const health = await startHealthServer(
      0,
      { readiness: () => readiness, metrics: async () => "" },
      "127.0.0.1",
    );
    resources.defer(() => health.close());
    const get = async (path: string) => {
      const response = await fetch(`http://127.0.0.1:${health.port}${path}`);
      return { status: response.status, body: await response.json() };
    };

    expect(await get("/healthz")).toEqual({ status: 200, body: { status: "ok" } });
    expect(await get("/readyz")).toEqual({
      status: 503,
      body: { status: "unavailable", detail: "starting: not registered yet", ...standing },
    });
    readiness = {
      ready: true,
      detail: "idle",
      state: "idle",
      link: "reachable",
      attemptsAtRisk: 0,
    };
    expect(await get("/readyz")).toEqual({
      status: 200,
      body: { status: "ok", detail: "idle", state: "idle", link: "reachable", attemptsAtRisk: 0 },
    });
    readiness = {
      ready: false,
      detail: "no heartbeat has succeeded for 16 s",
      state: "running",
      link: "at_risk",
      attemptsAtRisk: 2,
    };
    expect(await get("/readyz")).toEqual({
      status: 503,
      body: {
        status: "unavailable",
        detail: "no heartbeat has succeeded for 16 s",
        state: "running",
        link: "at_risk",
        attemptsAtRisk: 2,
      },
    });
    expect((await get("/healthz")).status).toBe(200);
    expect((await get("/nothing")).status).toBe(404);
  });

  it("closes promptly even with a probe's connection kept alive", async () => {
    const health = await startHealthServer(
      0,
      {
        readiness: () => ({
          ready: true,
          detail: "idle",
          state: "idle",
          link: "reachable",
          attemptsAtRisk: 0,
        }),
        metrics: async () => "",
      },
      "127.0.0.1",
    );
    await fetch(`http://127.0.0.1:${health.port}/healthz`, { keepalive: true });
    await health.close();
    await expect(fetch(`http://127.0.0.1:${health.port}/healthz`)).rejects.toThrow();
  });
});
