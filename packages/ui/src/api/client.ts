import createClient, { type Middleware } from "openapi-fetch";
import type { paths } from "./schema.js";

/** An answer the API refused, with its problem body's message (`detail`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/**
 * The CSRF token of the signed-in session. The session cookie itself is HttpOnly; the token
 * comes with the session's JSON and goes back as `X-CSRF-Token` on every change.
 */
let csrfToken: string | null = null;
export function rememberCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when an answer says the session is gone, so the app can show the sign-in page. */
let onSignedOut: () => void = () => {};
export function whenSignedOut(listener: () => void): void {
  onSignedOut = listener;
}

const sessionMiddleware: Middleware = {
  onRequest({ request }) {
    if (request.method !== "GET" && csrfToken) request.headers.set("X-CSRF-Token", csrfToken);
    return request;
  },
  onResponse({ request, response }) {
    if (response.status === 401 && !request.url.endsWith("/api/v1/auth/session")) onSignedOut();
    return response;
  },
};

/** The typed client for Borda's REST API: paths, parameters and bodies come from its OpenAPI document. */
export const api = createClient<paths>({ baseUrl: "", credentials: "same-origin" });
api.use(sessionMiddleware);

interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The answer's data, or an ApiError carrying the problem's `detail` (or what went wrong). */
export async function ok<T>(call: Promise<Answer<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (response.ok) return data as T;
  const detail =
    error && typeof error === "object" && "detail" in error
      ? String((error as { detail: unknown }).detail)
      : `${response.status} ${response.statusText}`;
  throw new ApiError(response.status, detail);
}
