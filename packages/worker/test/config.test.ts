import { writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { resolveWorkerConfig, workerSettings } from "../src/config.js";
import { useResources } from "./support/resources.js";

const token = "bwt_0123456789abcdef_secret";
const minimal = { BORDA_API_URL: "https://borda.example.com", BORDA_WORKER_TOKEN: token };

function errorOf(resolve: () => unknown): string {
  try {
    resolve();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected the configuration to be refused");
}

describe("worker configuration", () => {
  const resources = useResources();

  it("names each Cloud Run instance apart, where every host is called localhost", () => {
    const names = [1, 2].map(
      () => resolveWorkerConfig({}, { ...minimal, K_REVISION: "team-a-worker-00003-xyz" }).hostname,
    );
    for (const name of names) expect(name).toMatch(/^team-a-worker-00003-xyz-[0-9a-f]{8}$/);
    expect(names[0]).not.toBe(names[1]);
    const chosen = { ...minimal, K_REVISION: "r", BORDA_HOSTNAME: "edge-7" };
    expect(resolveWorkerConfig({}, chosen).hostname).toBe("edge-7");
  });

  it("needs only the control plane's URL and a token; everything else has a default", () => {
    expect(resolveWorkerConfig({}, minimal)).toEqual({
      apiUrl: "https://borda.example.com",
      token,
      queues: ["default"],
      concurrency: 8,
      hostname: os.hostname(),
      heartbeatIntervalMs: 5000,
      drainTimeoutMs: 300_000,
      healthPort: null,
      workDir: path.resolve(".borda/edge-worker"),
      fetchWaitMs: 25_000,
      python: "python3",
      taskEnv: [],
      secretsDir: null,
      logLevel: "info",
      logFormat: "auto",
      selfCheck: {
        minFreeDiskBytes: null,
        minFreeMemoryBytes: null,
        command: null,
        intervalMs: 30_000,
        timeoutMs: 10_000,
      },
    });
  });

  it("takes a flag over its environment variable, and the environment over the default", () => {
    const config = resolveWorkerConfig(
      { concurrency: "2", queues: "gpu, team_a_* ,default", hostname: "edge-7" },
      {
        ...minimal,
        BORDA_CONCURRENCY: "4",
        BORDA_HOSTNAME: "from-env",
        BORDA_HEARTBEAT_INTERVAL: "0.5",
        PORT: "8080",
        BORDA_TASK_ENV: "GOOGLE_APPLICATION_CREDENTIALS,TEAM_BUCKET",
        BORDA_LOG_FORMAT: "json",
        BORDA_LOG_LEVEL: "",
      },
    );
    expect(config).toMatchObject({
      concurrency: 2,
      queues: ["gpu", "team_a_*", "default"],
      hostname: "edge-7",
      heartbeatIntervalMs: 500,
      healthPort: 8080,
      taskEnv: ["GOOGLE_APPLICATION_CREDENTIALS", "TEAM_BUCKET"],
      logFormat: "json",
      logLevel: "info",
    });
  });

  it("reads the self-maintenance thresholds as sizes in decimal or binary units; 0 turns a check off", () => {
    const checks = (flags: Parameters<typeof resolveWorkerConfig>[0], env = {}) =>
      resolveWorkerConfig(flags, { ...minimal, ...env }).selfCheck;
    expect(
      checks(
        { minFreeDisk: "500MB", healthCheck: " /opt/check.sh --quick " },
        { BORDA_MIN_FREE_MEMORY: "1.5GiB", BORDA_HEALTH_CHECK_INTERVAL: "2" },
      ),
    ).toEqual({
      minFreeDiskBytes: 500_000_000,
      minFreeMemoryBytes: 1.5 * 1024 ** 3,
      command: "/opt/check.sh --quick",
      intervalMs: 2000,
      timeoutMs: 10_000,
    });
    expect(checks({ minFreeDisk: "0", minFreeMemory: "0MB" })).toMatchObject({
      minFreeDiskBytes: null,
      minFreeMemoryBytes: null,
    });
    expect(checks({ minFreeDisk: "2048" }).minFreeDiskBytes).toBe(2048);
    expect(checks({ minFreeDisk: "200m" }).minFreeDiskBytes).toBe(200_000_000);
    expect(checks({ minFreeDisk: "200Mi" }).minFreeDiskBytes).toBe(200 * 1024 ** 2);
  });

  it("keeps the base URL, without a trailing slash or a pasted /edge/v1", () => {
    const url = (value: string) => resolveWorkerConfig({ apiUrl: value }, minimal).apiUrl;
    expect(url("https://borda.example.com/")).toBe("https://borda.example.com");
    expect(url("http://10.0.0.5:8080/borda/edge/v1/")).toBe("http://10.0.0.5:8080/borda");
  });

  it("explains a missing or malformed URL", () => {
    expect(errorOf(() => resolveWorkerConfig({}, { BORDA_WORKER_TOKEN: token }))).toBe(
      "BORDA_API_URL (--api-url) is required: the control plane's base URL, e.g. https://borda.example.com.",
    );
    expect(errorOf(() => resolveWorkerConfig({ apiUrl: "borda.example.com" }, minimal))).toBe(
      "BORDA_API_URL (--api-url) must be a URL such as https://borda.example.com; got 'borda.example.com'.",
    );
    expect(
      errorOf(() => resolveWorkerConfig({ apiUrl: "ftp://borda.example.com" }, minimal)),
    ).toMatch(/must be an http:\/\/ or https:\/\/ URL/);
    expect(
      errorOf(() => resolveWorkerConfig({ apiUrl: "https://user:pw@borda.example.com" }, minimal)),
    ).toMatch(/no query, fragment or credentials/);
  });

  it("reads the token from the environment or a file, never from a flag", () => {
    expect(workerSettings.token.flag).toBeNull();
    expect(errorOf(() => resolveWorkerConfig({}, { BORDA_API_URL: "https://b.example" }))).toBe(
      "No worker token: set BORDA_WORKER_TOKEN, or pass --token-file <path> (BORDA_WORKER_TOKEN_FILE).",
    );
    const file = path.join(resources.dir(), "token");
    writeFileSync(file, "bwt_from_file\n");
    expect(resolveWorkerConfig({ tokenFile: file }, minimal).token).toBe("bwt_from_file");
    const missing = path.join(resources.dir(), "nothing-here");
    expect(errorOf(() => resolveWorkerConfig({ tokenFile: missing }, minimal))).toMatch(
      new RegExp(`^Reading the worker token from ${missing} \\(--token-file\\) failed: ENOENT`),
    );
  });

  it("refuses bad values, naming the variable, the flag and the value (never the token)", () => {
    const refused = (flags: Parameters<typeof resolveWorkerConfig>[0], env = {}) =>
      errorOf(() => resolveWorkerConfig(flags, { ...minimal, ...env }));
    expect(refused({ concurrency: "0" })).toBe(
      "BORDA_CONCURRENCY (--concurrency) must be a whole number from 1 to 10000; got '0'.",
    );
    expect(refused({ queues: "ok,not ok" })).toMatch(
      /^BORDA_QUEUES \(--queues\) must be queue names/,
    );
    expect(refused({ queues: " , " })).toMatch(/must be at least one queue name/);
    expect(refused({ hostname: "my host" })).toMatch(
      /^BORDA_HOSTNAME \(--hostname\) must be a name/,
    );
    expect(refused({ healthPort: "http" })).toBe(
      "PORT (--health-port) must be a port number from 0 to 65535; got 'http'.",
    );
    expect(refused({ drainTimeout: "-1" })).toBe(
      "BORDA_DRAIN_TIMEOUT (--drain-timeout) must be a positive number of seconds; got '-1'.",
    );
    expect(refused({ fetchWait: "600" })).toMatch(/must be at most 120 seconds/);
    expect(refused({ logLevel: "loud" })).toMatch(/error, warn, info, debug, silent/);
    expect(refused({ logFormat: "xml" })).toMatch(/auto, text or json/);
    expect(refused({ taskEnv: "OK,1BAD" })).toMatch(/comma-separated environment variable names/);
    expect(refused({ minFreeDisk: "lots" })).toBe(
      "BORDA_MIN_FREE_DISK (--min-free-disk) must be a size such as 500MB, 2GiB or 0 (off); got 'lots'.",
    );
    expect(refused({}, { BORDA_MIN_FREE_MEMORY: "200 XB" })).toMatch(
      /^BORDA_MIN_FREE_MEMORY \(--min-free-memory\) must be a size/,
    );
    expect(refused({ healthCheckInterval: "0" })).toMatch(
      /^BORDA_HEALTH_CHECK_INTERVAL \(--health-check-interval\) must be a positive number/,
    );
    for (const message of [refused({ concurrency: "x" }), refused({ taskEnv: "?" })]) {
      expect(message).not.toContain(token);
    }
  });

  it("takes a secrets directory that exists, and refuses one that does not or is a file", () => {
    const dir = resources.dir();
    const file = path.join(dir, "AIRFLOW_VAR_REGION");
    writeFileSync(file, "eu-west");
    expect(resolveWorkerConfig({}, { ...minimal, BORDA_SECRETS_DIR: dir }).secretsDir).toBe(dir);
    expect(
      errorOf(() => resolveWorkerConfig({ secretsDir: path.join(dir, "nope") }, minimal)),
    ).toMatch(/^BORDA_SECRETS_DIR \(--secrets-dir\) names .*nope, which cannot be read: ENOENT/);
    expect(errorOf(() => resolveWorkerConfig({ secretsDir: file }, minimal))).toBe(
      `BORDA_SECRETS_DIR (--secrets-dir) must be a directory; ${file} is not one.`,
    );
  });

  it("refuses to pass the worker's own BORDA_* variables on to tasks", () => {
    expect(
      errorOf(() => resolveWorkerConfig({ taskEnv: "PATH,BORDA_WORKER_TOKEN" }, minimal)),
    ).toBe(
      "BORDA_TASK_ENV (--task-env) may not pass BORDA_WORKER_TOKEN to tasks: BORDA_* variables are the worker's own settings (its token among them). Give the task another name for it.",
    );
  });
});
