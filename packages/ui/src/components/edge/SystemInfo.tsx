import type { EdgeWorker } from "../../api/types.js";
import { formatBytes } from "./formatBytes.js";

/** What a worker last reported about its machine: enough to tell an overloaded or full host. */
export function SystemInfo({ worker }: { worker: EdgeWorker }) {
  const info = worker.sysinfo;
  return (
    <dl className="sysinfo">
      <dt>Version</dt>
      <dd>
        {worker.version} <span className="muted">(Node {info.node_version})</span>
      </dd>
      <dt>Platform</dt>
      <dd>
        {info.platform}/{info.arch}
      </dd>
      <dt>CPUs</dt>
      <dd>{info.cpus}</dd>
      <dt>Load</dt>
      <dd title="1, 5 and 15 minute load averages">
        {info.load_average.map((load) => load.toFixed(2)).join(" ")}
      </dd>
      <dt>Memory</dt>
      <dd>
        {formatBytes(info.memory_total_bytes - info.memory_free_bytes)} used of{" "}
        {formatBytes(info.memory_total_bytes)}
      </dd>
      <dt>Disk free</dt>
      <dd>{info.disk_free_bytes === null ? "unknown" : formatBytes(info.disk_free_bytes)}</dd>
    </dl>
  );
}
