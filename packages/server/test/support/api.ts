import { hashPassword } from "../../src/auth/passwords.js";
import { Role } from "../../src/auth/roles.js";
import type { ControlPlane } from "../../src/controlPlane.js";
import {
  type AirflowSpec,
  airflowAuthSpec,
  airflowSpecAvailable,
  airflowV2Spec,
  expectAirflowConformant,
  listAirflowOperations,
} from "./airflowConformance.js";
import type { Backend } from "./backends.js";
import { startTestControlPlane } from "./controlPlane.js";
import { mostLiteralTemplate } from "./openApiConformance.js";

// biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON the route answered.
export type Answer = { status: number; body: any };

/**
 * A control plane holding `dags`, with a user of each of Airflow's roles: `admin`,
 * `op`, `user` and `viewer`, each with the password `<name>-password`.
 */
export async function startApiWithUsers(
  backend: Backend,
  options: Parameters<typeof startTestControlPlane>[1] = {},
) {
  const cp = await startTestControlPlane(backend, {
    ...options,
    config: { adminUser: "admin", adminPassword: "admin-password", ...options.config },
  });
  for (const [username, role] of [
    ["viewer", Role.viewer],
    ["user", Role.user],
    ["op", Role.op],
  ] as const) {
    await cp.store.createUser(
      { username, role, passwordHash: await hashPassword(`${username}-password`) },
      new Date(),
    );
  }
  return cp;
}

/** The spec's path template for a concrete route: `/dags/etl/dagRuns` → `/dags/{dag_id}/dagRuns`. */
function templateOf(method: string, route: string): string | null {
  const templates = listAirflowOperations()
    .filter((op) => op.method.toLowerCase() === method.toLowerCase())
    .map((op) => op.path);
  return mostLiteralTemplate(templates, route.split("?")[0] ?? route) ?? null;
}

/**
 * Calls /api/v1 as `who` (a user whose password is `<who>-password`), or anonymously.
 * Every answer whose status Airflow's spec declares for the operation is checked against
 * Airflow's schema for it, so a client generated from that spec can read it.
 */
export function as(cp: ControlPlane, who: string | null) {
  return async (method: string, route: string, body?: unknown): Promise<Answer> => {
    const response = await fetch(`${cp.url}/api/v1${route}`, {
      method,
      headers: {
        ...(who
          ? { authorization: `Basic ${Buffer.from(`${who}:${who}-password`).toString("base64")}` }
          : {}),
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const answer = { status: response.status, body: text ? JSON.parse(text) : null };
    const template = airflowSpecAvailable() ? templateOf(method, route) : null;
    if (template) {
      try {
        expectAirflowConformant(method, template, answer.status, answer.body ?? undefined);
      } catch (error) {
        // Statuses Airflow's spec does not declare (a 409 on POST /pools, as Airflow itself answers) have no schema.
        if (!String(error).includes("declares no")) throw error;
      }
    }
    return answer;
  };
}

/** How a v2 request signs in: a user's password (HTTP Basic), a bearer token, or not at all. */
export type V2Credentials = { user: string } | { bearer: string } | null;

/**
 * Calls Airflow 3's paths (`/api/v2...`, `/auth/token...`) as `who`. Every answer is
 * checked against Airflow 3's spec for the operation: its status must be one the spec
 * declares and its body must match that status's schema (FastAPI's `{"detail": ...}` for
 * errors), so the official client, generated from that spec, can read it.
 */
export function asV2(cp: ControlPlane, who: V2Credentials) {
  return async (method: string, route: string, body?: unknown): Promise<Answer> => {
    const authorization =
      who === null
        ? undefined
        : "user" in who
          ? `Basic ${Buffer.from(`${who.user}:${who.user}-password`).toString("base64")}`
          : `Bearer ${who.bearer}`;
    const url = route.startsWith("/auth/") ? route : `/api/v2${route}`;
    const response = await fetch(`${cp.url}${url}`, {
      method,
      headers: {
        ...(authorization ? { authorization } : {}),
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const answer = { status: response.status, body: text ? JSON.parse(text) : null };
    const spec = url.startsWith("/auth/") ? airflowAuthSpec : airflowV2Spec;
    const template = v2TemplateOf(spec, method, url);
    if (!template) throw new Error(`Airflow 3's spec has no ${method} ${url}`);
    spec.expectConformant(method, template, answer.status, answer.body ?? undefined);
    return answer;
  };
}

function v2TemplateOf(spec: AirflowSpec, method: string, url: string): string | undefined {
  const templates = spec
    .operations()
    .filter((op) => op.method === method.toLowerCase())
    .map((op) => op.path);
  return mostLiteralTemplate(templates, url.split("?")[0] ?? url);
}
