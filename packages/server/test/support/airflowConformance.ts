/**
 * Checks a body Borda answered on /api/v1 against what Apache Airflow's stable REST API v1
 * spec declares for the same operation and status, so that a client generated from
 * Airflow's spec can read it. The spec is read from shared/reference beside the repository;
 * where it is absent, `describeWithAirflowSpec` skips the suite and says why. The same
 * checks serve Airflow 3's v2 spec (`airflowV2Spec`, from scripts/airflow-v2-spec.sh).
 *
 * Airflow's v1 schemas are OpenAPI 3.0, not JSON Schema (v2's are 3.1, which these rules
 * leave as they are). They are translated once, here:
 * - `nullable: true` admits null wherever it is written, even beside a `$ref` or without a
 *   `type` (DAGDetail.dag_run_timeout, ScheduleInterval): Airflow itself answers null there.
 * - `format: datetime` (23 fields, TaskInstance.start_date among them) is checked as
 *   `date-time`: Airflow's serializer writes both as ISO-8601 with an offset.
 * - `discriminator` is enforced, not just annotated: a ScheduleInterval's `__type` must name
 *   the schema its body matches, because generated clients pick the class by it.
 * - Keywords beside a `$ref` are ignored, as OpenAPI 3.0 says (except `nullable`, above).
 * - Bodies are responses: `writeOnly` properties (passwords) must be absent and are never
 *   required; `readOnly` ones are checked like any other.
 * - `x-` extensions, `example`, `externalDocs` and `xml` are dropped.
 * - A `oneOf` without a discriminator is checked as `anyOf`: v2's branches overlap (a full
 *   TaskInstanceResponse is also a NewTaskResponse, in a clear's dry run), so Airflow's own
 *   answers would match two. v1 has none.
 * Properties Airflow does not declare are allowed, as its schemas do not forbid them.
 */
import { AssertionError } from "node:assert";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv, type ErrorObject, type SchemaObject, type ValidateFunction } from "ajv";
import formats from "ajv-formats";
import { OpenAPIV3 } from "openapi-types";
import { describe } from "vitest";
import { parse } from "yaml";

const repoRoot = fileURLToPath(new URL("../../../../", import.meta.url));

export const airflowSpecPath = path.resolve(
  repoRoot,
  "../shared/reference/airflow-rest-api-v1.yaml",
);

export function airflowSpecAvailable(): boolean {
  return existsSync(airflowSpecPath);
}

/** What `scripts/airflow-v2-spec.sh` extracts: Airflow 3.3.2's v2 REST and auth specs. */
export const airflowV2SpecDir = path.resolve(repoRoot, ".tools/airflow-spec/3.3.2");

/**
 * Checks against one of Airflow's specs: its operations (path templates as the spec
 * writes them) and the JSON bodies it declares for each status. v1 is the default one
 * the functions below use.
 */
export interface AirflowSpec {
  path: string;
  available(): boolean;
  operations(): AirflowOperation[];
  expectConformant(method: string, path: string, status: number, body: unknown): void;
}

export function airflowSpecAt(specPath: string, id: string): AirflowSpec {
  const load = () => loaded(specPath, id);
  return {
    path: specPath,
    available: () => existsSync(specPath),
    operations: () => operationsOf(load().spec),
    expectConformant: (method, template, status, body) =>
      conformant(load(), method, template, status, body),
  };
}

export const airflowV2Spec = airflowSpecAt(
  path.join(airflowV2SpecDir, "v2-rest-api-generated.yaml"),
  "airflow-rest-api-v2",
);
export const airflowAuthSpec = airflowSpecAt(
  path.join(airflowV2SpecDir, "v2-simple-auth-manager-generated.yaml"),
  "airflow-simple-auth-manager",
);

/** `describe`, or `describe.skip` naming the script that fetches Airflow 3's specs. */
export function describeWithAirflowV2Spec(title: string, suite: () => void): void {
  if (airflowV2Spec.available() && airflowAuthSpec.available()) describe(title, suite);
  else {
    describe.skip(
      `${title} — Airflow 3's v2 spec not found in ${airflowV2SpecDir}: run scripts/airflow-v2-spec.sh`,
      suite,
    );
  }
}

const v1Id = "airflow-rest-api-v1";
const v1 = () => loaded(airflowSpecPath, v1Id);

/** `describe`, or `describe.skip` with the reason in its title when the spec is absent. */
export function describeWithAirflowSpec(title: string, suite: () => void): void {
  if (airflowSpecAvailable()) describe(title, suite);
  else describe.skip(`${title} — Airflow's REST API spec not found at ${airflowSpecPath}`, suite);
}

export interface AirflowOperation {
  /** Lower case, as the spec writes it: "get", "post", "patch", ... */
  method: string;
  /** The spec's path template, relative to /api/v1: "/dags/{dag_id}". */
  path: string;
  operationId: string;
}

export function listAirflowOperations(): AirflowOperation[] {
  return operationsOf(v1().spec);
}

function operationsOf(spec: Spec): AirflowOperation[] {
  const operations: AirflowOperation[] = [];
  for (const [template, item] of Object.entries(spec.paths)) {
    for (const method of Object.values(OpenAPIV3.HttpMethods)) {
      const operationId = item?.[method]?.operationId;
      if (operationId) operations.push({ method, path: template, operationId });
    }
  }
  return operations;
}

/** The validator for `#/components/schemas/<name>` ("Pool", "DAGRun"), as a response body. */
export function airflowSchema(name: string): ValidateFunction {
  const { spec, ajv } = v1();
  if (!Object.hasOwn(spec.components?.schemas ?? {}, name)) {
    throw new Error(`Airflow's spec has no schema named ${name}`);
  }
  const validate = ajv.getSchema(`${v1Id}#/definitions/${name}`);
  if (!validate) throw new Error(`ajv did not compile Airflow's schema ${name}`);
  return validate;
}

/**
 * The validator for the JSON body the spec declares for `method path` answering `status`.
 * Throws when the spec declares no such operation, no such status, or no JSON body for it.
 */
export function airflowResponseSchema(
  method: string,
  path: string,
  status: number,
): ValidateFunction {
  return responseSchema(v1(), method, path, status);
}

function responseSchema(
  checker: Loaded,
  method: string,
  path: string,
  status: number,
): ValidateFunction {
  const { response, answer } = declaredResponse(checker.spec, method, path, status);
  const schema = response.content?.["application/json"]?.schema;
  if (!schema) throw new Error(`Airflow declares no JSON body for ${answer}`);
  let validate = checker.compiled.get(answer);
  if (!validate) {
    validate = checker.ajv.compile(translate(schema, checker.id));
    checker.compiled.set(answer, validate);
  }
  return validate;
}

/**
 * Throws an AssertionError listing every way `body` departs from what Airflow declares for
 * `method path` answering `status`. A status declared without a body (204) must come
 * without one: pass the raw payload, "" or undefined.
 */
export function expectAirflowConformant(
  method: string,
  path: string,
  status: number,
  body: unknown,
): void {
  conformant(v1(), method, path, status, body);
}

function conformant(
  checker: Loaded,
  method: string,
  path: string,
  status: number,
  body: unknown,
): void {
  const { response, answer } = declaredResponse(checker.spec, method, path, status);
  if (!response.content) {
    if (body === undefined || body === "") return;
    throw new AssertionError({ message: `Airflow declares no body for ${answer}, but one came` });
  }
  const validate = responseSchema(checker, method, path, status);
  if (validate(body)) return;
  // A set: the branches of an anyOf often fail alike ("must have required property 'days'").
  const problems = new Set((validate.errors ?? []).map((error) => `  ${describeError(error)}`));
  throw new AssertionError({
    message: `${answer}: the body does not conform to Airflow's spec\n${[...problems].join("\n")}`,
  });
}

type Spec = OpenAPIV3.Document;
type JsonSchema = SchemaObject | boolean;

/**
 * A loaded spec; `id` names where its translated `components.schemas` live in its ajv,
 * where every `$ref` points.
 */
interface Loaded {
  spec: Spec;
  ajv: Ajv;
  id: string;
  compiled: Map<string, ValidateFunction>;
}

const cache = new Map<string, Loaded>();

function loaded(specPath: string, id: string): Loaded {
  const cached = cache.get(specPath);
  if (cached) return cached;
  if (!existsSync(specPath)) {
    throw new Error(
      `Airflow's REST API spec is not at ${specPath}: wrap the suite in describeWithAirflowSpec (v1) or describeWithAirflowV2Spec (v2)`,
    );
  }
  const spec = parse(readFileSync(specPath, "utf8")) as Spec;
  const ajv = new Ajv({ allErrors: true, allowUnionTypes: true });
  // ajv-formats is CommonJS: under NodeNext its default import is the module, not the plugin.
  formats.default(ajv);
  const definitions = Object.fromEntries(
    Object.entries(spec.components?.schemas ?? {}).map(([name, schema]) => [
      name,
      translate(schema, id),
    ]),
  );
  ajv.addSchema({ $id: id, definitions });
  const result = { spec, ajv, id, compiled: new Map() };
  cache.set(specPath, result);
  return result;
}

function declaredResponse(spec: Spec, method: string, template: string, status: number) {
  const verb = method.toLowerCase() as OpenAPIV3.HttpMethods;
  const answer = `${verb.toUpperCase()} ${template} → ${status}`;
  const operation = spec.paths[template]?.[verb];
  if (!operation) throw new Error(`Airflow's spec has no ${verb.toUpperCase()} ${template}`);
  const responses = operation.responses;
  const declared = responses[String(status)];
  if (!declared) {
    throw new Error(
      `Airflow declares no ${status} for ${verb.toUpperCase()} ${template}; it declares ${Object.keys(responses).join(", ")}`,
    );
  }
  return { response: dereferenceResponse(spec, declared), answer };
}

function dereferenceResponse(
  spec: Spec,
  response: OpenAPIV3.ResponseObject | OpenAPIV3.ReferenceObject,
): OpenAPIV3.ResponseObject {
  if (!("$ref" in response)) return response;
  const name = response.$ref.replace("#/components/responses/", "");
  const target = spec.components?.responses?.[name];
  if (!target || "$ref" in target) throw new Error(`cannot follow ${response.$ref}`);
  return target;
}

/** Keywords OpenAPI 3.0 adds to JSON Schema that ajv must not see. */
const openApiOnly = new Set(["nullable", "discriminator", "example", "externalDocs", "xml"]);

type OpenApiSchema = OpenAPIV3.SchemaObject | OpenAPIV3.ReferenceObject;

/** OpenAPI 3.0 schema object → JSON Schema (draft-07) for a response body. */
function translate(schema: OpenApiSchema, id: string): JsonSchema {
  const recurse = (inner: OpenApiSchema) => translate(inner, id);
  const nullable = (schema as OpenAPIV3.SchemaObject).nullable === true;
  if ("$ref" in schema) {
    const ref = { $ref: absoluteRef(schema.$ref, id) };
    return nullable ? { anyOf: [{ type: "null" }, ref] } : ref;
  }
  const out: SchemaObject = {};
  for (const [keyword, value] of Object.entries(schema)) {
    if (keyword.startsWith("x-") || openApiOnly.has(keyword)) continue;
    out[keyword] = value;
  }
  if (schema.format === "datetime") out.format = "date-time";
  if ("items" in schema) out.items = recurse(schema.items);
  // OpenAPI 3.1's tuple (Airflow 3's ConfigOption value) is draft-07's array form of `items`.
  const tuple = (schema as { prefixItems?: OpenApiSchema[] }).prefixItems;
  if (tuple) {
    delete out.prefixItems;
    out.items = tuple.map(recurse);
  }
  if (schema.not) out.not = recurse(schema.not);
  if (typeof schema.additionalProperties === "object") {
    out.additionalProperties = recurse(schema.additionalProperties);
  }
  if (schema.allOf) out.allOf = schema.allOf.map(recurse);
  for (const applicator of ["anyOf", "oneOf"] as const) {
    const { discriminator, [applicator]: branches } = schema;
    if (!branches) continue;
    // Without a discriminator, oneOf is checked as anyOf (see the header).
    delete out[applicator];
    const into = applicator === "oneOf" && discriminator ? "oneOf" : "anyOf";
    out[into] = [
      ...(out[into] ?? []),
      ...branches.map((branch) =>
        discriminator ? discriminated(branch, discriminator, id) : recurse(branch),
      ),
    ];
  }
  if (schema.properties) {
    const writeOnly = Object.entries(schema.properties)
      .filter(([, property]) => !("$ref" in property) && property.writeOnly)
      .map(([name]) => name);
    out.properties = Object.fromEntries(
      Object.entries(schema.properties).map(([name, property]) => [
        name,
        writeOnly.includes(name) ? false : recurse(property),
      ]),
    );
    if (schema.required) out.required = schema.required.filter((name) => !writeOnly.includes(name));
  }
  if (!nullable) return out;
  const combined = out.allOf || out.anyOf || out.oneOf || out.not;
  if (out.type === undefined || combined) return { anyOf: [{ type: "null" }, out] };
  out.type = [out.type, "null"];
  if (out.enum && !out.enum.includes(null)) out.enum = [...out.enum, null];
  return out;
}

/**
 * A discriminated branch also requires the discriminator property to name it: generated
 * clients pick the class to decode into by that value, whatever the rest of the body matches.
 * Without a mapping, the value is the branch schema's name (OpenAPI 3.0's implicit mapping).
 * The branch must be an object: Airflow writes `nullable` on the schema holding the
 * discriminator, which admits null before any branch is tried.
 */
function discriminated(
  branch: OpenApiSchema,
  { propertyName, mapping }: OpenAPIV3.DiscriminatorObject,
  id: string,
): JsonSchema {
  if (!("$ref" in branch)) throw new Error("a discriminated branch must be a $ref");
  const name = branch.$ref.replace("#/components/schemas/", "");
  const value =
    Object.entries(mapping ?? {}).find(
      ([, target]) => target === branch.$ref || target === name,
    )?.[0] ?? name;
  return {
    allOf: [
      translate(branch, id),
      {
        type: "object",
        required: [propertyName],
        properties: { [propertyName]: { const: value } },
      },
    ],
  };
}

function absoluteRef(ref: string, id: string): string {
  const prefix = "#/components/schemas/";
  if (!ref.startsWith(prefix)) throw new Error(`a schema may only refer to a schema: ${ref}`);
  return `${id}#/definitions/${ref.slice(prefix.length)}`;
}

function describeError(error: ErrorObject): string {
  const where = error.instancePath || "(the body)";
  if (error.keyword === "false schema") {
    return `${where} must be absent: Airflow marks it writeOnly`;
  }
  if (error.keyword === "enum") {
    return `${where} ${error.message}: ${JSON.stringify(error.params.allowedValues)}`;
  }
  if (error.keyword === "const") {
    return `${where} ${error.message}: ${JSON.stringify(error.params.allowedValue)}`;
  }
  return `${where} ${error.message}`;
}
