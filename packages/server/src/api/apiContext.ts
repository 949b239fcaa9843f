import { BordaError, ErrorCode } from "@borda/protocol";
import type { FastifyReply, FastifyRequest } from "fastify";
import { verifyApiToken } from "../auth/apiTokens.js";
import { looksLikeJwt, readAccessToken } from "../auth/jwt.js";
import { type Role, requireRole } from "../auth/roles.js";
import {
  cookieValue,
  csrfTokenFor,
  passwordFingerprint,
  readSession,
  sameText,
  sessionCookieName,
} from "../auth/sessions.js";
import type { UserAuth } from "../auth/users.js";
import type { ServerConfig } from "../config.js";
import type { Credentials } from "../credentials/credentials.js";
import type { DagProcessor } from "../dags/dagProcessor.js";
import type { EdgeService } from "../edge/edgeService.js";
import type { LogFollower } from "../logs/logFollower.js";
import type { Scheduler } from "../scheduler/scheduler.js";
import type { Store, UserCredentials, UserRecord } from "../store/index.js";
import { rememberCaller } from "./teamAccess.js";

/** What the REST API's routes work with. */
export interface ApiContext {
  store: Store;
  scheduler: Scheduler;
  processor: DagProcessor;
  logs: LogFollower;
  userAuth: UserAuth;
  serverVersion: string;
  /** Workers and their tokens: changes go through it so they reach a waiting worker at once. */
  edge: EdgeService;
  /** Connections and variables, sealed at rest. */
  credentials: Credentials;
  /**
   * The server's settings: what `GET /config` answers (when BORDA_EXPOSE_CONFIG allows),
   * and the switches routes follow (BORDA_TEST_CONNECTION, BORDA_JWT_EXPIRATION).
   */
  config: ServerConfig;
}

/** Who signed in for each request in flight, for the event log (a request is its key). */
const signedIn = new WeakMap<FastifyRequest, UserRecord>();

/**
 * The signed-in user of a request, who must have at least `role` in some team (401 / 403
 * otherwise). What they may do with each team's objects is then `teamAccess.ts`'s to
 * decide, and only its refusals are recorded: this one concerns no team's object, and
 * answers the same whatever the request names. They sign in by HTTP Basic, by an API
 * token (`Authorization: Bearer bat_...`), by an access token of `POST /auth/token`
 * (`Authorization: Bearer <JWT>`), or by a browser session.
 * `allowApiToken: false` refuses a request signed in by either kind of token (403).
 */
export async function authorize(
  api: ApiContext,
  request: FastifyRequest,
  role: Role,
  options: { allowApiToken?: boolean } = {},
): Promise<UserRecord> {
  const { authorization } = request.headers;
  const byToken = authorization !== undefined && /^Bearer\s/i.test(authorization);
  let user: UserRecord;
  if (byToken) {
    const { secretKey, clock } = api.edge.options;
    const bearer = authorization.replace(/^Bearer\s+/i, "").trim();
    user = asUserRecord(
      looksLikeJwt(bearer)
        ? await accessTokenUser(api, bearer)
        : await verifyApiToken(api.store, secretKey, authorization, clock.now()),
    );
  } else if (authorization) {
    user = await api.userAuth.authenticate(authorization);
  } else {
    user = await sessionUser(api, request);
  }
  signedIn.set(request, user);
  requireRole(user, role);
  await rememberCaller(api, request, user, role);
  if (byToken && options.allowApiToken === false) {
    throw new BordaError(
      ErrorCode.forbidden,
      "An API token cannot do this: sign in with your password (HTTP Basic) or a browser session.",
    );
  }
  return user;
}

/**
 * The user an access token names, as long as the token is well signed and unexpired and
 * the user still exists with the password it had when the token was made.
 */
async function accessTokenUser(api: ApiContext, token: string): Promise<UserCredentials> {
  const { secretKey, clock } = api.edge.options;
  const claims = readAccessToken(secretKey, token, clock.now());
  const user = claims ? await api.store.getUser(claims.sub) : null;
  if (!claims || !user || passwordFingerprint(user.passwordHash) !== claims.fp) {
    throw new BordaError(
      ErrorCode.unauthenticated,
      "The access token is invalid or expired, or its user's password changed or the user was deleted: get a new one with POST /auth/token.",
    );
  }
  return user;
}

/**
 * The user of a browser session (the cookie `POST /auth/session` set). An unsafe request
 * must carry the session's CSRF token in `X-CSRF-Token`.
 */
async function sessionUser(api: ApiContext, request: FastifyRequest): Promise<UserRecord> {
  const token = cookieValue(request.headers.cookie, sessionCookieName);
  const { secretKey, clock } = api.edge.options;
  const session = token ? readSession(secretKey, token, clock.now()) : null;
  const user = session ? await api.store.getUser(session.u) : null;
  if (!token || !session || !user || passwordFingerprint(user.passwordHash) !== session.fp) {
    throw new BordaError(
      ErrorCode.unauthenticated,
      "Sign in: send HTTP Basic credentials of a Borda user, or an API token (Authorization: Bearer bat_...), or an access token from POST /auth/token (Authorization: Bearer <token>), or sign in with POST /api/v1/auth/session.",
    );
  }
  if (!["GET", "HEAD", "OPTIONS"].includes(request.method)) {
    const sent = request.headers["x-csrf-token"];
    if (typeof sent !== "string" || !sameText(sent, csrfTokenFor(secretKey, token))) {
      throw new BordaError(
        ErrorCode.forbidden,
        "This change needs the session's CSRF token in the X-CSRF-Token header (POST /api/v1/auth/session returns it).",
      );
    }
  }
  return asUserRecord(user);
}

/** A user as routes see it: never its password hash or login throttle. */
function asUserRecord(user: UserCredentials): UserRecord {
  return {
    username: user.username,
    role: user.role,
    createdAt: user.createdAt,
    lastLoginAt: user.lastLoginAt,
  };
}

/** The user `authorize` signed in for this request; undefined when it did not run. */
export function signedInUser(request: FastifyRequest): UserRecord | undefined {
  return signedIn.get(request);
}

/** A page of `items`, ordered by `order_by` (a field of `orderable`, `-` first for descending). */
export function page<T>(
  items: readonly T[],
  query: { limit: number; offset: number; order_by?: string | undefined },
  orderable: Record<string, (item: T) => string | number | boolean | null>,
  defaultOrder: string,
): { items: T[]; total: number } {
  const { field, descending } = sortOrder(query.order_by, Object.keys(orderable), defaultOrder);
  const key = orderable[field] as (item: T) => string | number | boolean | null;
  const sorted = [...items].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    const order = x === y ? 0 : x === null ? -1 : y === null ? 1 : x < y ? -1 : 1;
    return descending ? -order : order;
  });
  return { items: sorted.slice(query.offset, query.offset + query.limit), total: items.length };
}

/** The field of `fields` and the direction `order_by` asks for (`-` first for descending). */
export function sortOrder<F extends string>(
  orderBy: string | undefined,
  fields: readonly F[],
  defaultOrder: string,
): { field: F; descending: boolean } {
  const wanted = orderBy ?? defaultOrder;
  const descending = wanted.startsWith("-");
  const field = (descending ? wanted.slice(1) : wanted) as F;
  if (!fields.includes(field)) {
    throw new BordaError(
      ErrorCode.invalidInput,
      `order_by: cannot order by '${field}'; use one of ${fields.join(", ")} (prefix '-' for descending).`,
    );
  }
  return { field, descending };
}

/** Whether the client asked for `text/plain` rather than JSON (Airflow's Accept negotiation). */
export function wantsPlainText(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? "";
  return accept.includes("text/plain") && !accept.includes("application/json");
}

/** Answers 200 with `text` as `text/plain`, bypassing the JSON serializer of the route's schema. */
export function sendPlainText(reply: FastifyReply, text: string): FastifyReply {
  reply.hijack();
  reply.raw.writeHead(200, { "content-type": "text/plain; charset=utf-8" });
  reply.raw.end(text);
  return reply;
}

export const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);
