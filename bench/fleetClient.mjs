// A fleet of idle edge workers in one process, for `npm run bench -- fleet` (bench/fleet.mjs
// forks it). Each simulated worker speaks /edge/v1 as `borda worker` does when it has nothing
// to run: it registers, heartbeats every heartbeatIntervalMs (with ±10% jitter, the first one
// at a random point of the interval so the fleet does not beat in step) and keeps one fetch
// long-poll open (offering to run callbacks, as protocol 1.4 workers do), re-opened as soon as it answers. No task is ever run: its queue stays empty.
// Long-polls use a keep-alive agent with a socket each (as separate machines would); the short
// heartbeats share a smaller keep-alive pool, which keeps this process's file descriptors to
// about N + the pool.
//
// Told over IPC: { start: { url, token, count, queue } } → { registered } when all are in;
// { record: true|false } → heartbeat round trips are kept only while recording;
// { report: true } → { report: { rttMs, errors, loopDelayMs } }; { stop: true } → exits.
import { randomUUID } from "node:crypto";
import http from "node:http";
import os from "node:os";
import { monitorEventLoopDelay } from "node:perf_hooks";

const pollAgent = new http.Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });
const beatAgent = new http.Agent({ keepAlive: true, maxSockets: 256 });
const sysinfo = {
  platform: os.platform(),
  arch: os.arch(),
  cpus: os.cpus().length,
  loadAverage: os.loadavg(),
  memoryTotalBytes: os.totalmem(),
  memoryFreeBytes: os.freemem(),
  diskFreeBytes: null,
  nodeVersion: process.version,
};
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
let recording = false;
let stopping = false;
const rttMs = [];
/** Fetch long-polls answered while recording. */
let fetchesAnswered = 0;
/** Failures by kind of call, and by error code (ECONNRESET, ...) or HTTP status. */
const errors = { register: 0, heartbeat: 0, fetch: 0, byCode: {}, lastMessage: "" };

process.on("message", async (message) => {
  if (message.start) {
    const registered = await startFleet(message.start);
    process.send({ registered });
  } else if (message.record !== undefined) {
    recording = message.record;
    if (recording) {
      rttMs.length = 0;
      fetchesAnswered = 0;
      loopDelay.reset();
      loopDelay.enable();
    } else loopDelay.disable();
  } else if (message.report) {
    process.send({
      report: {
        rttMs,
        fetchesAnswered,
        errors,
        loopDelayMs: { p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 },
      },
    });
  } else if (message.stop) {
    stopping = true;
    pollAgent.destroy();
    beatAgent.destroy();
    process.exit(0);
  }
});

/** Registers `count` workers, 64 at a time; each then heartbeats and long-polls until stopped. */
async function startFleet({ url, token, count, queue }) {
  const names = Array.from({ length: count }, (_, i) => `fleet-${String(i).padStart(5, "0")}`);
  let next = 0;
  let registered = 0;
  const registerNext = async () => {
    while (next < names.length) {
      const name = names[next++];
      const worker = { name, instanceId: randomUUID(), url, token };
      const answer = await call(worker, "register", beatAgent, {
        instanceId: worker.instanceId,
        queues: [queue],
        concurrency: 1,
        version: "fleet",
        protocolVersion: "1.4",
        sysinfo,
      }).catch((error) => {
        errors.register += 1;
        noteError(error);
        return null;
      });
      if (!answer) continue;
      registered += 1;
      beat(worker, answer.heartbeatIntervalMs, Math.random() * answer.heartbeatIntervalMs);
      poll(worker);
    }
  };
  await Promise.all(Array.from({ length: 64 }, registerNext));
  return registered;
}

function beat(worker, intervalMs, delayMs) {
  setTimeout(async () => {
    if (stopping) return;
    const started = performance.now();
    try {
      await call(worker, "heartbeat", beatAgent, {
        instanceId: worker.instanceId,
        state: "idle",
        runningAttemptIds: [],
        freeSlots: 1,
        sysinfo,
      });
      if (recording) rttMs.push(performance.now() - started);
    } catch (error) {
      errors.heartbeat += 1;
      noteError(error);
    }
    beat(worker, intervalMs, intervalMs * (0.9 + Math.random() * 0.2));
  }, delayMs);
}

function poll(worker) {
  if (stopping) return;
  const fetch = { instanceId: worker.instanceId, freeSlots: 1, callbacks: true };
  call(worker, "fetch", pollAgent, fetch).then(
    () => {
      if (recording) fetchesAnswered += 1;
      poll(worker);
    },
    (error) => {
      errors.fetch += 1;
      noteError(error);
      setTimeout(() => poll(worker), 1000);
    },
  );
}

/** POSTs `body` to /edge/v1/workers/{name}/{what}; the parsed answer, or an error. */
function call(worker, what, agent, body) {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${worker.url}/edge/v1/workers/${worker.name}/${what}`,
      {
        method: "POST",
        agent,
        headers: {
          authorization: `Bearer ${worker.token}`,
          "content-type": "application/json",
          "content-length": Buffer.byteLength(payload),
        },
      },
      (response) => {
        const chunks = [];
        response.on("data", (chunk) => chunks.push(chunk));
        response.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          if (response.statusCode !== 200) {
            const error = new Error(
              `${what} answered ${response.statusCode}: ${text.slice(0, 200)}`,
            );
            reject(Object.assign(error, { status: `HTTP ${response.statusCode}` }));
          } else resolve(JSON.parse(text));
        });
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.end(payload);
  });
}

function noteError(error) {
  const code = error.code ?? error.status ?? "other";
  errors.byCode[code] = (errors.byCode[code] ?? 0) + 1;
  errors.lastMessage = error.message;
}
