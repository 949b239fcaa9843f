import { statfs } from "node:fs/promises";
import os from "node:os";
import type { SysInfo } from "@borda/protocol";

/** What the worker tells the control plane about its machine; `dir` is the disk that matters. */
export async function collectSysInfo(dir: string): Promise<SysInfo> {
  let diskFreeBytes: number | null = null;
  try {
    const disk = await statfs(dir);
    diskFreeBytes = disk.bavail * disk.bsize;
  } catch {
    // Unknown (the directory is gone, or the platform cannot tell).
  }
  return {
    platform: process.platform,
    arch: process.arch,
    cpus: os.availableParallelism(),
    loadAverage: os.loadavg(),
    memoryTotalBytes: os.totalmem(),
    memoryFreeBytes: os.freemem(),
    diskFreeBytes,
    nodeVersion: process.version,
  };
}
