/**
 * Checks an answer of /api/v1, /api/v2 or /edge/v1 against Borda's own OpenAPI document: the status
 * must be one the operation declares (an exact code, or `4XX`/`5XX`), a declared JSON body
 * must validate against its schema, and a body-less status (204) must come without one.
 *
 * `checkEveryAnswerAgainstOpenApi` (installed for every suite by vitest's setup file) runs
 * this on every answer a test reads through `fetch`, so the whole suite, the fuzz test
 * included, shows that the document describes what the server really does.
 */
import { AssertionError } from "node:assert";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import formats from "ajv-formats";

interface MediaType {
  schema?: Record<string, unknown>;
}
interface Operation {
  responses: Record<string, { content?: Record<string, MediaType> }>;
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
}

/** The document Borda serves; it is the same for every server of one build. */
let documentFetch: Promise<OpenApiDocument> | undefined;
const validators = new Map<string, ValidateFunction>();
const ajv = new Ajv2020({ allErrors: true, strict: false });
formats.default(ajv);

/**
 * The template among `templates` that serves `pathname`, or undefined. The most literal
 * one wins (`/dags/deploy` over `/dags/{dag_id}`, `.../{task_id}/tries` over
 * `.../{task_id}/{map_index}`); an empty segment still matches a parameter, as the router
 * hands it to the route, whose schema answers it with a 400.
 */
export function mostLiteralTemplate(
  templates: Iterable<string>,
  pathname: string,
): string | undefined {
  const segments = pathname.split("/");
  let best: { template: string; literals: number } | undefined;
  for (const template of templates) {
    const parts = template.split("/");
    if (parts.length !== segments.length) continue;
    let literals = 0;
    const matches = parts.every((part, i) => {
      if (part.startsWith("{")) return true;
      literals += 1;
      return part === segments[i];
    });
    if (matches && (!best || literals > best.literals)) best = { template, literals };
  }
  return best?.template;
}

/** The operation serving `method pathname` in Borda's document. */
function findOperation(document: OpenApiDocument, method: string, pathname: string) {
  const verb = method.toLowerCase();
  const templates = Object.keys(document.paths).filter((t) => document.paths[t]?.[verb]);
  const template = mostLiteralTemplate(templates, pathname);
  const operation = template ? document.paths[template]?.[verb] : undefined;
  return template && operation ? { template, operation } : undefined;
}

const problemKeys = ["status", "title", "detail", "type", "code"];

export function expectDocumented(
  document: OpenApiDocument,
  answer: { method: string; pathname: string; status: number; contentType: string; body: string },
): void {
  const { method, pathname, status, contentType, body } = answer;
  const found = findOperation(document, method, pathname);
  const where = `${method} ${pathname} → ${status}`;
  if (!found) {
    // No such operation: the router's 4xx, with the problem body like every error.
    const parsed = contentType.includes("json") ? JSON.parse(body) : null;
    if (status >= 400 && status < 500 && problemKeys.every((key) => key in (parsed ?? {}))) {
      return;
    }
    // /api/v2 answers them as Airflow 3 does: `{"detail": ...}`.
    if (status === 404 && pathname.startsWith("/api/v2/") && "detail" in (parsed ?? {})) return;
    throw new AssertionError({ message: `${where}: no operation in the OpenAPI document` });
  }
  const responses = found.operation.responses;
  const declaredAs = [String(status), `${String(status)[0]}XX`, "default"].find(
    (key) => responses[key],
  );
  const declared = declaredAs ? responses[declaredAs] : undefined;
  if (!declaredAs || !declared) {
    throw new AssertionError({
      message: `${where}: ${found.template} declares only ${Object.keys(responses).join(", ")}`,
    });
  }
  if (!declared.content) {
    if (body === "") return;
    throw new AssertionError({ message: `${where}: declared without a body, but one came` });
  }
  const schema = declared.content["application/json"]?.schema;
  // Other media (text/plain logs, event streams, bundles) are negotiated beside the JSON one.
  if (!schema || !contentType.includes("json")) return;
  const key = `${method} ${found.template} ${declaredAs}`;
  let validate = validators.get(key);
  if (!validate) {
    validate = ajv.compile(schema);
    validators.set(key, validate);
  }
  if (validate(JSON.parse(body))) return;
  const problems = new Set((validate.errors ?? []).map(describeError));
  throw new AssertionError({
    message: `${where}: the body does not match ${found.template} in the OpenAPI document\n${[...problems].join("\n")}`,
  });
}

function describeError(error: ErrorObject): string {
  return `  ${error.instancePath || "(the body)"} ${error.message}`;
}

/**
 * Wraps the global `fetch` so that every answer from a Borda API on loopback is checked
 * with `expectDocumented`; a mismatch rejects the test's own call with the reason. Event
 * streams and non-JSON bodies are not read, so following a log still streams.
 */
export function checkEveryAnswerAgainstOpenApi(): void {
  const realFetch = globalThis.fetch;
  globalThis.fetch = async (input, init) => {
    const response = await realFetch(input, init);
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = (
      init?.method ?? (input instanceof Request ? input.method : "GET")
    ).toUpperCase();
    const isLoopback = url.hostname === "127.0.0.1" || url.hostname === "localhost";
    if (!isLoopback || !/^\/(api\/v[12]|edge\/v1)\//.test(url.pathname) || method === "HEAD") {
      return response;
    }
    if (url.pathname === "/api/v1/openapi.json") return response;
    documentFetch ??= realFetch(`${url.origin}/api/v1/openapi.json`)
      .then((answer) => answer.json() as Promise<OpenApiDocument>)
      .catch((error: unknown) => {
        documentFetch = undefined;
        throw error;
      });
    const contentType = response.headers.get("content-type") ?? "";
    const readable = response.status === 204 || contentType.includes("json");
    const body = readable ? await response.clone().text() : "";
    expectDocumented(await documentFetch, {
      method,
      pathname: url.pathname,
      status: response.status,
      contentType,
      body,
    });
    return response;
  };
}
