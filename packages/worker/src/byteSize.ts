/**
 * Sizes as people write them in flags: `500MB`, `1.5G`, `200MiB`, `1048576`. Decimal
 * units (kB/K, MB/M, GB/G, TB/T) are powers of 1000, as in Kubernetes quantities and df
 * -H; binary ones (KiB/Ki, MiB/Mi, GiB/Gi, TiB/Ti) powers of 1024. Case does not matter.
 */

const units: Record<string, number> = {
  "": 1,
  b: 1,
  k: 1e3,
  kb: 1e3,
  m: 1e6,
  mb: 1e6,
  g: 1e9,
  gb: 1e9,
  t: 1e12,
  tb: 1e12,
  ki: 1024,
  kib: 1024,
  mi: 1024 ** 2,
  mib: 1024 ** 2,
  gi: 1024 ** 3,
  gib: 1024 ** 3,
  ti: 1024 ** 4,
  tib: 1024 ** 4,
};

/** The number of bytes `text` names, or null when it is not a size. */
export function parseByteSize(text: string): number | null {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  if (!match) return null;
  const unit = units[(match[2] ?? "").toLowerCase()];
  if (unit === undefined) return null;
  return Math.round(Number(match[1]) * unit);
}

/** A size for a log line or a reason: `312 MB`, `1.2 GB` (decimal, as df -H prints). */
export function formatByteSize(bytes: number): string {
  for (const [unit, size] of [
    ["TB", 1e12],
    ["GB", 1e9],
    ["MB", 1e6],
    ["kB", 1e3],
  ] as const) {
    if (bytes >= size) {
      const value = bytes / size;
      return `${value >= 100 ? Math.round(value) : Number(value.toPrecision(3))} ${unit}`;
    }
  }
  return `${bytes} B`;
}
