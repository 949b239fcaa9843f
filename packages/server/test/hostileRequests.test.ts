import { connect } from "node:net";
import { problemSchema } from "@borda/protocol";
import { expect, it } from "vitest";
import { maxJsonDepth } from "../src/http/jsonBody.js";
import { describeEachBackend } from "./support/backends.js";
import { edgeClient, newWorkerToken, startTestControlPlane } from "./support/controlPlane.js";

/**
 * Requests a fuzzer driven by the OpenAPI document does not send: bodies that nest deep,
 * are not UTF-8, are too large or empty; numbers past every range; keys given twice;
 * URLs too long, with NUL, with broken percent-encoding. Each gets a 4xx problem body
 * that says what is wrong, on the REST API and on the worker API alike, and nothing of it
 * reaches the database.
 */

const admin = `Basic ${Buffer.from("admin:admin-password").toString("base64")}`;
const nested = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;

async function startHostile(backend: Parameters<typeof startTestControlPlane>[0]) {
  const cp = await startTestControlPlane(backend, {
    config: { adminUser: "admin", adminPassword: "admin-password" },
  });
  const { token } = await newWorkerToken(cp, ["*"]);
  const worker = edgeClient(cp, token);
  expect((await worker.register(["default"])).status).toBe(200);
  /** Sends raw bytes; answers the status and the problem body (checked to be one). */
  const send = async (
    method: string,
    path: string,
    body?: string | Blob,
    contentType: string | null = "application/json",
  ) => {
    const response = await fetch(`${cp.url}${path}`, {
      method,
      headers: {
        authorization: path.startsWith("/edge/") ? `Bearer ${token}` : admin,
        ...(contentType ? { "content-type": contentType } : {}),
      },
      body,
    });
    const text = await response.text();
    return { status: response.status, text };
  };
  return { cp, send };
}

function expectProblem(answer: { status: number; text: string }, status: number, detail: RegExp) {
  expect(answer.status, answer.text).toBe(status);
  const parsed = problemSchema.parse(JSON.parse(answer.text));
  expect(parsed.status).toBe(status);
  expect(parsed.detail).toMatch(detail);
}

/** Sends bytes as they are, for requests no HTTP client would form. */
function sendRaw(url: string, request: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.end(request));
    let answer = "";
    socket.on("data", (chunk) => {
      answer += chunk;
    });
    socket.on("end", () => resolve(answer));
    socket.on("error", reject);
  });
}

describeEachBackend("requests shaped to hurt the parser", (backend) => {
  it("refuses bodies nested past the limit with a 400, on both APIs, and keeps serving", async () => {
    const { cp, send } = await startHostile(backend);
    const tooDeep = new RegExp(`more than ${maxJsonDepth} levels`);
    expectProblem(await send("POST", "/api/v1/pools", nested(5000)), 400, tooDeep);
    expectProblem(
      await send("POST", "/edge/v1/workers/w1/heartbeat", `{"x":${nested(5000)}}`),
      400,
      tooDeep,
    );
    // One level past the limit is refused; at the limit it is read, and brackets inside
    // strings are text, not nesting.
    expectProblem(
      await send("POST", "/api/v1/pools", `{"name":"deep","slots":1,"x":${nested(maxJsonDepth)}}`),
      400,
      tooDeep,
    );
    for (const body of [
      `{"name":"at_limit","slots":1,"x":${nested(maxJsonDepth - 1)}}`,
      JSON.stringify({ name: "brackets", slots: 1, description: "[{".repeat(2500) }),
    ]) {
      const answer = await send("POST", "/api/v1/pools", body);
      expect(answer.status, answer.text).toBe(200);
    }
    expect((await fetch(`${cp.url}/api/v1/health`)).status).toBe(200);
  });

  it("refuses a body that is not UTF-8 instead of storing a replaced name", async () => {
    const { cp, send } = await startHostile(backend);
    const body = new Blob(['{"name":"bad', new Uint8Array([0xff, 0xfe]), '","slots":1}']);
    expectProblem(await send("POST", "/api/v1/pools", body), 400, /not valid UTF-8/);
    expect((await cp.store.listPools()).map((pool) => pool.name)).not.toContain("bad\uFFFD\uFFFD");
    expectProblem(
      await send(
        "POST",
        "/edge/v1/workers/w1/heartbeat",
        new Blob(['{"instanceId":"', new Uint8Array([0xc3, 0x28]), '"}']),
      ),
      400,
      /not valid UTF-8/,
    );
    // Real non-ASCII text is fine.
    const named = await send("POST", "/api/v1/pools", JSON.stringify({ name: "café", slots: 1 }));
    expect(named.status, named.text).toBe(200);
  });

  it("refuses numbers outside every range and prototype keys; a key given twice keeps its last value", async () => {
    const { send } = await startHostile(backend);
    for (const slots of ["1e400", "-1e400", "9007199254740993", "2147483648", "1.5", "-2"]) {
      const answer = await send("POST", "/api/v1/pools", `{"name":"n${slots}","slots":${slots}}`);
      expectProblem(answer, 400, /slots/);
    }
    // A map index or try number past 32 bits is refused before PostgreSQL's integer sees it.
    for (const path of [
      "/api/v1/eventLogs?map_index=29847192843",
      "/api/v1/eventLogs?try_number=29847192843",
      "/api/v1/datasets/events?source_map_index=-29847192843",
      "/api/v1/dags/d/dagRuns/r/taskInstances/t/29847192843",
      "/api/v1/dags/d/dagRuns/r/taskInstances/t/tries/29847192843",
    ]) {
      expectProblem(await send("GET", path, undefined, null), 400, /(map_index|try_number)/);
    }
    // The same on /api/v2, in FastAPI's 422 (schemathesis found these as 500s on PostgreSQL).
    for (const path of [
      "/api/v2/eventLogs?try_number=-9007199254740991",
      "/api/v2/assets/events?source_map_index=-9007199254740991",
      "/api/v2/dagSources/d?version_number=9007199254740990",
      "/api/v2/dags/d/dagRuns/r/taskInstances/t/xcomEntries?map_index=9007199254740990",
      "/api/v2/dags/d/dagVersions/29847192843",
    ]) {
      const answer = await send("GET", path, undefined, null);
      expect(answer.status, `${path}: ${answer.text}`).toBe(422);
      expect(JSON.parse(answer.text).detail[0].loc[0]).toBe(path.includes("?") ? "query" : "path");
    }
    // A v2 pool's slots too (schemathesis found 3968844289 as a 500 on PostgreSQL).
    const v2Pool = await send("POST", "/api/v2/pools", '{"name":"big","slots":3968844289}');
    expect(v2Pool.status, v2Pool.text).toBe(422);
    expectProblem(
      await send("POST", "/api/v1/pools", '{"name":"proto","slots":1,"__proto__":{"slots":2}}'),
      400,
      /__proto__/,
    );
    const twice = await send("POST", "/api/v1/pools", '{"name":"twice","slots":1,"slots":3}');
    expect(twice.status, twice.text).toBe(200);
    expect(JSON.parse(twice.text).slots).toBe(3);
    expectProblem(
      await send(
        "POST",
        "/edge/v1/workers/w1/fetch",
        '{"instanceId":"instance-w1","freeSlots":1e400}',
      ),
      400,
      /freeSlots/,
    );
  });

  it("answers 413 to a body over the limit and 400 to an empty or non-JSON one, on both APIs", async () => {
    const { send } = await startHostile(backend);
    const huge = JSON.stringify({
      name: "huge",
      slots: 1,
      description: "x".repeat(3 * 1024 * 1024),
    });
    expectProblem(await send("POST", "/api/v1/pools", huge), 413, /body/i);
    expectProblem(await send("POST", "/edge/v1/workers/w1/heartbeat", huge), 413, /body/i);
    for (const path of ["/api/v1/pools", "/edge/v1/workers/w1/heartbeat"]) {
      expectProblem(await send("POST", path, ""), 400, /empty/i);
      expectProblem(await send("POST", path, "{"), 400, /JSON/);
      expectProblem(
        await send("POST", path, "<pool/>", "application/xml"),
        415,
        /application\/xml/,
      );
      const plain = await send("POST", path, "name=p", "text/plain");
      expect(plain.status, plain.text).toBe(400);
      expect(problemSchema.parse(JSON.parse(plain.text)).status).toBe(400);
    }
  });

  it("refuses long strings, long ids and long URLs with a 4xx problem body", async () => {
    const { cp, send } = await startHostile(backend);
    expectProblem(
      await send("POST", "/api/v1/pools", JSON.stringify({ name: "p".repeat(10_000), slots: 1 })),
      400,
      /name/,
    );
    const longId = await send("GET", `/api/v1/pools/${"p".repeat(5000)}`);
    expect(longId.status, longId.text).toBeGreaterThanOrEqual(400);
    expect(longId.status, longId.text).toBeLessThan(500);
    expect(problemSchema.parse(JSON.parse(longId.text)).status).toBe(longId.status);
    expectProblem(await send("GET", `/api/v1/pools?x=${"q".repeat(20_000)}`), 431, /16 KiB/);
    expectProblem(
      await send("GET", `/edge/v1/bundles/${"a".repeat(20_000)}`, undefined, null),
      431,
      /16 KiB/,
    );
    // Airflow 3's paths answer FastAPI's shape, even before Fastify sees the request.
    const longV2 = await send("GET", `/api/v2/pools?x=${"q".repeat(20_000)}`);
    expect(longV2.status).toBe(431);
    expect(JSON.parse(longV2.text)).toEqual({ detail: expect.stringMatching(/16 KiB/) });
    // So does a path parameter past the router's limit, refused before any route matches.
    const longToken = await send(
      "PUT",
      `/api/v2/parseDagFile/${"0".repeat(1500)}`,
      undefined,
      null,
    );
    expect(longToken.status).toBe(414);
    expect(Object.keys(JSON.parse(longToken.text))).toEqual(["detail"]);
    expect((await fetch(`${cp.url}/api/v1/health`)).status).toBe(200);
  });

  it("refuses NUL and broken percent-encoding in paths and queries", async () => {
    const { cp, send } = await startHostile(backend);
    expectProblem(await send("GET", "/api/v1/pools/a%00b"), 400, /NUL/);
    expectProblem(await send("GET", "/api/v1/pools?order_by=name%00"), 400, /NUL/);
    expectProblem(await send("GET", "/api/v1/pools/%E0%A4%A"), 400, /./);
    expectProblem(await send("GET", "/api/v1/pools/%ZZ"), 400, /./);
    for (const name of ["w%001", "%ZZ", "%E0%A4%A"]) {
      const edge = await send("POST", `/edge/v1/workers/${name}/heartbeat`, "{}");
      expect(edge.status, edge.text).toBe(400);
      expect(problemSchema.parse(JSON.parse(edge.text)).status).toBe(400);
    }
    const raw = await sendRaw(cp.url, "GET /api/v1/pools/a\u0000b HTTP/1.1\r\nHost: x\r\n\r\n");
    expect(raw).toMatch(/^HTTP\/1\.1 400 /);
    const rawBody = raw.slice(raw.indexOf("\r\n\r\n") + 4);
    expect(problemSchema.parse(JSON.parse(rawBody)).detail).toMatch(/not valid HTTP/);
  });
});
