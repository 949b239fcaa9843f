import { randomUUID } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * The worker's installation id, random and kept in `${workDir}/instance-id`. The control
 * plane lets a worker with the same name and instance id take its name back at once after
 * a restart, while refusing the name to another machine that still runs under it.
 */
export function loadInstanceId(workDir: string): string {
  const file = path.join(workDir, "instance-id");
  if (existsSync(file)) {
    const id = readFileSync(file, "utf8").trim();
    if (/^[A-Za-z0-9_.-]{8,100}$/.test(id)) return id;
  }
  const id = randomUUID();
  writeFileSync(file, `${id}\n`);
  return id;
}
