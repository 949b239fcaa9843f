import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { BordaError, ErrorCode } from "@borda/protocol";

/**
 * The server's secret key (BORDA_SECRET_KEY): the key of the token hashes and, later, of
 * session signatures. Every replica must share it. When unset, one is generated once
 * into `${home}/secret_key` (readable by its owner only), so a single machine needs no
 * set-up.
 */
export function loadSecretKey(home: string, fromEnvironment: string | undefined): Buffer {
  if (fromEnvironment) {
    if (fromEnvironment.length < 32) {
      throw new BordaError(
        ErrorCode.configuration,
        "BORDA_SECRET_KEY must be at least 32 characters; generate one with `openssl rand -hex 32`.",
      );
    }
    return Buffer.from(fromEnvironment, "utf8");
  }
  const file = path.join(home, "secret_key");
  if (!existsSync(file)) {
    mkdirSync(home, { recursive: true });
    writeFileSync(file, `${randomBytes(32).toString("hex")}\n`, { mode: 0o600, flag: "wx" });
  }
  chmodSync(file, 0o600);
  return Buffer.from(readFileSync(file, "utf8").trim(), "utf8");
}
