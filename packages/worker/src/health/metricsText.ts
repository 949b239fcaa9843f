/**
 * Prometheus metrics in the text exposition format, version 0.0.4
 * (https://prometheus.io/docs/instrumenting/exposition_formats/): counters, gauges read
 * when scraped, and histograms, each family printed with its `# HELP` and `# TYPE` lines
 * even before it has a sample, so a dashboard (or its test) can learn from one scrape what
 * is exported.
 *
 * Why not prom-client, as the control plane uses: the worker is also shipped as one
 * bundled file, and aims at a small idle footprint (≤ 50 MB resident, issue 16);
 * prom-client brings its default process collectors, a cluster aggregator and a
 * dependency tree, for a handful of families this module prints in a hundred lines.
 */

export const metricsContentType = "text/plain; version=0.0.4; charset=utf-8";

export type Labels = Readonly<Record<string, string>>;

/** A sample of a gauge read at scrape time. */
export interface GaugeSample {
  labels?: Labels;
  value: number;
}

interface Family {
  readonly name: string;
  readonly help: string;
  readonly type: "counter" | "gauge" | "histogram";
  /** The sample lines, without the HELP and TYPE lines. */
  samples(): Promise<string[]> | string[];
}

export class Counter implements Family {
  readonly type = "counter";
  readonly #values = new Map<string, number>();

  constructor(
    readonly name: string,
    readonly help: string,
  ) {}

  inc(labels: Labels = {}, by = 1): void {
    const key = labelText(labels);
    this.#values.set(key, (this.#values.get(key) ?? 0) + by);
  }

  samples(): string[] {
    return [...this.#values].map(([labels, value]) => sampleLine(this.name, labels, value));
  }
}

/** A gauge whose value is read when scraped: the worker's state is the source of truth. */
export class Gauge implements Family {
  readonly type = "gauge";

  constructor(
    readonly name: string,
    readonly help: string,
    readonly read: () => number | GaugeSample[] | Promise<number | GaugeSample[]>,
  ) {}

  async samples(): Promise<string[]> {
    const read = await this.read();
    const samples = typeof read === "number" ? [{ value: read }] : read;
    return samples.map((s) => sampleLine(this.name, labelText(s.labels ?? {}), s.value));
  }
}

export class Histogram implements Family {
  readonly type = "histogram";
  readonly #bounds: readonly number[];
  readonly #counts: number[];
  #sum = 0;
  #count = 0;

  /** `buckets`: the upper bounds, ascending; `+Inf` is added. */
  constructor(
    readonly name: string,
    readonly help: string,
    buckets: readonly number[],
  ) {
    this.#bounds = [...buckets].sort((a, b) => a - b);
    this.#counts = this.#bounds.map(() => 0);
  }

  observe(value: number): void {
    this.#bounds.forEach((bound, i) => {
      if (value <= bound) this.#counts[i] = (this.#counts[i] ?? 0) + 1;
    });
    this.#sum += value;
    this.#count++;
  }

  samples(): string[] {
    const bucket = `${this.name}_bucket`;
    return [
      ...this.#bounds.map((bound, i) =>
        sampleLine(bucket, labelText({ le: numberText(bound) }), this.#counts[i] ?? 0),
      ),
      sampleLine(bucket, labelText({ le: "+Inf" }), this.#count),
      sampleLine(`${this.name}_sum`, "", this.#sum),
      sampleLine(`${this.name}_count`, "", this.#count),
    ];
  }
}

export class MetricsRegistry {
  readonly #families: Family[] = [];

  register<F extends Family>(family: F): F {
    if (this.#families.some((f) => f.name === family.name)) {
      throw new Error(`metric family ${family.name} is registered twice`);
    }
    this.#families.push(family);
    return family;
  }

  /** Every family, in the order registered, as one exposition. */
  async render(): Promise<string> {
    const blocks = await Promise.all(
      this.#families.map(async (family) =>
        [
          `# HELP ${family.name} ${escapeHelp(family.help)}`,
          `# TYPE ${family.name} ${family.type}`,
          ...(await family.samples()),
        ].join("\n"),
      ),
    );
    return `${blocks.join("\n")}\n`;
  }
}

function sampleLine(name: string, labels: string, value: number): string {
  return `${name}${labels} ${numberText(value)}`;
}

/** `{a="1",b="2"}`, or nothing for no labels; the key under which a counter keeps a sample. */
function labelText(labels: Labels): string {
  const pairs = Object.entries(labels).map(([k, v]) => `${k}="${escapeLabelValue(v)}"`);
  return pairs.length === 0 ? "" : `{${pairs.join(",")}}`;
}

/** In a label value, backslash, double quote and line feed are escaped. */
export function escapeLabelValue(value: string): string {
  return value.replaceAll("\\", "\\\\").replaceAll('"', '\\"').replaceAll("\n", "\\n");
}

/** In HELP text, backslash and line feed are escaped (a double quote is not). */
function escapeHelp(text: string): string {
  return text.replaceAll("\\", "\\\\").replaceAll("\n", "\\n");
}

function numberText(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Number.POSITIVE_INFINITY) return "+Inf";
  if (value === Number.NEGATIVE_INFINITY) return "-Inf";
  return String(value);
}
