import { describe, expect, it } from "vitest";
import { Counter, Gauge, Histogram, MetricsRegistry } from "../src/health/metricsText.js";

describe("Prometheus text exposition", () => {
  it("prints every family's HELP and TYPE lines, even before it has a sample", async () => {
    const registry = new MetricsRegistry();
    registry.register(new Counter("jobs_total", "Jobs."));
    registry.register(new Gauge("queue_depth", "Depth.", () => []));
    expect(await registry.render()).toBe(
      "# HELP jobs_total Jobs.\n# TYPE jobs_total counter\n# HELP queue_depth Depth.\n# TYPE queue_depth gauge\n",
    );
  });

  it("escapes label values and help text as the format requires", async () => {
    const registry = new MetricsRegistry();
    const counter = registry.register(new Counter("odd_total", 'Help with a \\ and\na "quote".'));
    counter.inc({ reason: 'a "b" \\ c\nd' });
    counter.inc({ reason: 'a "b" \\ c\nd' }, 2);
    expect(await registry.render()).toBe(
      [
        '# HELP odd_total Help with a \\\\ and\\na "quote".',
        "# TYPE odd_total counter",
        'odd_total{reason="a \\"b\\" \\\\ c\\nd"} 3',
        "",
      ].join("\n"),
    );
  });

  it("reads gauges when scraped and keeps histograms cumulative, with +Inf, sum and count", async () => {
    const registry = new MetricsRegistry();
    let depth = 1;
    registry.register(new Gauge("depth", "Depth.", async () => depth));
    const rtt = registry.register(new Histogram("rtt_seconds", "RTT.", [0.5, 0.1]));
    rtt.observe(0.05);
    rtt.observe(0.3);
    rtt.observe(7);
    depth = 4;
    expect(await registry.render()).toBe(
      [
        "# HELP depth Depth.",
        "# TYPE depth gauge",
        "depth 4",
        "# HELP rtt_seconds RTT.",
        "# TYPE rtt_seconds histogram",
        'rtt_seconds_bucket{le="0.1"} 1',
        'rtt_seconds_bucket{le="0.5"} 2',
        'rtt_seconds_bucket{le="+Inf"} 3',
        "rtt_seconds_sum 7.35",
        "rtt_seconds_count 3",
        "",
      ].join("\n"),
    );
  });

  it("refuses a family registered twice", () => {
    const registry = new MetricsRegistry();
    registry.register(new Counter("a_total", "A."));
    expect(() => registry.register(new Gauge("a_total", "A.", () => 0))).toThrow(/twice/);
  });
});
