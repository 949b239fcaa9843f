import { problemSchema } from "@borda/protocol";
import fc from "fast-check";
import { expect, it } from "vitest";
import { httpErrorSchema } from "../src/api/v2/fastApiErrors.js";
import { describeEachBackend } from "./support/backends.js";
import { newWorkerToken, startTestControlPlane } from "./support/controlPlane.js";

const dag = `import { dag } from "borda";
export default dag({ id: "fuzzed", params: { n: { type: "integer", default: 1 } } }, ({ task }) => { task({ id: "t" }, () => 1); });`;

/** A path segment: sometimes a real id, mostly noise (including encoded slashes, unicode, huge). */
const segment = fc.oneof(
  fc.constantFrom(
    "fuzzed",
    "t",
    "default_pool",
    "~",
    "w1",
    "1",
    "-1",
    "%2F",
    "%00",
    "a".repeat(300),
  ),
  fc.string({ maxLength: 20 }).map(encodeURIComponent),
  fc.string({ unit: "binary", maxLength: 8 }).map(encodeURIComponent),
);

const queryValue = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.integer().map(String),
  fc.constantFrom("true", "false", "", "-1"),
);
const query = fc
  .dictionary(
    fc.constantFrom(
      "limit",
      "offset",
      "order_by",
      "tags",
      "paused",
      "only_active",
      "state",
      "update_mask",
      "token",
      "full_content",
      "x",
    ),
    queryValue,
    { maxKeys: 4 },
  )
  .map((params) => new URLSearchParams(params).toString());

/** Bodies: valid JSON of every shape, JSON with plausible keys and wrong values, and non-JSON text. */
const body = fc.oneof(
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc
    .dictionary(
      fc.constantFrom(
        "name",
        "slots",
        "is_paused",
        "conf",
        "dag_run_id",
        "logical_date",
        "queues",
        "instanceId",
        "offset",
        "data",
        "file_name",
        "source",
        "state",
        "note",
      ),
      fc.oneof(fc.jsonValue(), fc.string(), fc.integer(), fc.constant(null)),
    )
    .map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 40 }),
  fc.constant(""),
);

describeEachBackend("every endpoint under malformed input", (backend) => {
  it("never answers 5xx, and every error carries the documented problem body (FastAPI's on Airflow 3's paths)", async () => {
    const cp = await startTestControlPlane(backend, {
      dags: { "fuzzed.ts": dag },
      config: { adminUser: "admin", adminPassword: "admin-password" },
    });
    const { token } = await newWorkerToken(cp, ["*"]);
    const doc = (await (await fetch(`${cp.url}/api/v1/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const operations = Object.entries(doc.paths).flatMap(([route, methods]) =>
      Object.keys(methods)
        .filter((m) => ["get", "post", "patch", "put", "delete"].includes(m))
        .map((method) => ({ method: method.toUpperCase(), route })),
    );
    expect(operations.length).toBeGreaterThan(20);

    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...operations),
        fc.array(segment, { minLength: 5, maxLength: 5 }),
        query,
        body,
        fc.boolean(),
        async (operation, segments, search, payload, sendJsonType) => {
          let i = 0;
          const path = operation.route.replace(
            /\{[^}]+\}/g,
            () => segments[i++ % segments.length] ?? "x",
          );
          const edge = path.startsWith("/edge/v1");
          const airflow3 = path.startsWith("/api/v2/") || path.startsWith("/auth/token");
          const response = await fetch(`${cp.url}${path}${search ? `?${search}` : ""}`, {
            method: operation.method,
            headers: {
              authorization: edge
                ? `Bearer ${token}`
                : `Basic ${Buffer.from("admin:admin-password").toString("base64")}`,
              ...(operation.method === "GET" || operation.method === "DELETE"
                ? {}
                : { "content-type": sendJsonType ? "application/json" : "text/plain" }),
            },
            body: operation.method === "GET" || operation.method === "DELETE" ? undefined : payload,
            signal: AbortSignal.timeout(30_000),
          });
          const text = await response.text();
          const where = `${operation.method} ${path}?${search} ${payload.slice(0, 80)} → ${response.status} ${text.slice(0, 200)}`;
          expect(response.status, where).toBeLessThan(500);
          if (response.status >= 400 && airflow3) {
            // Airflow 3's paths answer errors as FastAPI does: `{"detail": ...}`.
            expect(httpErrorSchema.safeParse(JSON.parse(text)).success, where).toBe(true);
          } else if (response.status >= 400) {
            const parsed = problemSchema.safeParse(JSON.parse(text));
            expect(parsed.success, where).toBe(true);
            expect(parsed.data?.status, where).toBe(response.status);
          }
        },
      ),
      { numRuns: 1500 },
    );
  });
});
