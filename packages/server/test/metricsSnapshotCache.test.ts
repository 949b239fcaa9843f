import { describe, expect, it } from "vitest";
import {
  MetricsSnapshotCache,
  metricsSnapshotCacheMs,
} from "../src/metrics/metricsSnapshotCache.js";
import type { MetricsSnapshot } from "../src/store/index.js";

const snapshotWith = (queued: number): MetricsSnapshot => ({
  queues: [{ queue: "q", queued, running: 0, oldestQueuedAt: null }],
  pools: [],
  workers: [],
});

describe("the metrics snapshot cache", () => {
  it("reads once for concurrent callers and for the cache period, then reads again", async () => {
    let now = 0;
    let reads = 0;
    const cache = new MetricsSnapshotCache(
      async () => snapshotWith(++reads),
      () => now,
    );
    const concurrent = await Promise.all([cache.get(), cache.get(), cache.get()]);
    expect(reads).toBe(1);
    expect(concurrent.map((s) => s.queues[0]?.queued)).toEqual([1, 1, 1]);
    now = metricsSnapshotCacheMs - 1;
    expect((await cache.get()).queues[0]?.queued).toBe(1);
    now = metricsSnapshotCacheMs;
    expect((await cache.get()).queues[0]?.queued).toBe(2);
    expect(reads).toBe(2);
  });

  it("does not keep a failed read: the next caller reads again", async () => {
    let fail = true;
    const cache = new MetricsSnapshotCache(
      async () => {
        if (fail) throw new Error("database unreachable");
        return snapshotWith(7);
      },
      () => 0,
    );
    await expect(cache.get()).rejects.toThrow("database unreachable");
    fail = false;
    expect((await cache.get()).queues[0]?.queued).toBe(7);
  });
});
