import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { Backoff, type BackoffOptions, delay } from "../client/backoff.js";
import { EdgeCallError } from "../client/edgeClient.js";

/**
 * DAG bundles by content hash: `${workDir}/bundles/<sha256>.mjs` (a TypeScript DAG's ESM
 * file) or `.zip` (a Python DAG's files, which the Python runner imports). A bundle is fetched
 * from the control plane once, checked against its hash, and kept; since the name is the
 * hash of the content, a cached file never goes stale. Concurrent requests for the same
 * hash share one download, which goes on when one of them gives up.
 */

export interface BundleCacheOptions {
  dir: string;
  download(hash: string): Promise<Uint8Array>;
  /** Attempts at a download that fails for a transient reason. Default 5. */
  attempts?: number;
  backoff?: BackoffOptions;
}

const hashPattern = /^[a-f0-9]{64}$/;

export class BundleCache {
  readonly #options: BundleCacheOptions;
  /** Hashes whose file this process has checked (or written) already. */
  readonly #verified = new Set<string>();
  readonly #inFlight = new Map<string, Promise<string>>();

  constructor(options: BundleCacheOptions) {
    this.#options = options;
  }

  /**
   * The path of the bundle's file, downloading it first when it is not cached. Rejects
   * with `signal`'s reason when it aborts first.
   */
  async path(hash: string, signal: AbortSignal, format: "mjs" | "zip" = "mjs"): Promise<string> {
    if (!hashPattern.test(hash)) {
      throw new Error(`The job names bundle '${hash}', which is not a sha256 in hex.`);
    }
    const file = path.join(this.#options.dir, `${hash}.${format}`);
    if (this.#verified.has(hash)) return file;
    let pending = this.#inFlight.get(hash);
    if (!pending) {
      pending = this.#load(hash, file).finally(() => this.#inFlight.delete(hash));
      this.#inFlight.set(hash, pending);
    }
    return untilAborted(pending, signal);
  }

  async #load(hash: string, file: string): Promise<string> {
    if (existsSync(file) && sha256(await readFile(file)) === hash) {
      this.#verified.add(hash);
      return file;
    }
    const content = await this.#download(hash);
    const actual = sha256(content);
    if (actual !== hash) {
      throw new Error(
        `The control plane sent bundle ${hash} with sha256 ${actual}; refusing to run it.`,
      );
    }
    await mkdir(this.#options.dir, { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, content);
    await rename(temporary, file);
    this.#verified.add(hash);
    return file;
  }

  async #download(hash: string): Promise<Uint8Array> {
    const backoff = new Backoff(this.#options.backoff);
    const attempts = this.#options.attempts ?? 5;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#options.download(hash);
      } catch (error) {
        const transient = error instanceof EdgeCallError && error.transient;
        if (!transient || attempt >= attempts) {
          throw new Error(`Downloading DAG bundle ${hash} failed: ${(error as Error).message}`, {
            cause: error,
          });
        }
        await delay(backoff.next());
      }
    }
  }
}

function sha256(content: Uint8Array): string {
  return createHash("sha256").update(content).digest("hex");
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
