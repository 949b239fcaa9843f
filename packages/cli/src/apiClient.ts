import { apiPrefix } from "@borda/protocol";
import type { Command } from "commander";

/**
 * The client the admin commands (`borda dags|runs|tasks|pools`) use to talk to the REST
 * API: Node's fetch, an API token or HTTP Basic, JSON in and out, and every failure turned
 * into one line that says what to do, because main.ts prints it as `borda: <message>`.
 */

const defaultApiUrl = "http://127.0.0.1:8080";

export interface ApiOptions {
  apiUrl?: string;
  user?: string;
  token?: string;
}

/** Adds `--api-url`, `--token` and `--user` to a command that talks to the API. */
export function addApiOptions(command: Command): Command {
  return command
    .option("--api-url <url>", `the Borda server [env BORDA_API_URL] (default: ${defaultApiUrl})`)
    .option(
      "--token <token>",
      "an API token (bat_..., from `borda api-tokens create`), sent as a Bearer token; prefer the environment, which `ps` and shell history do not show [env BORDA_API_TOKEN]",
    )
    .option(
      "--user <user:password>",
      "credentials of a Borda user, sent with HTTP Basic [env BORDA_API_USER and BORDA_API_PASSWORD]",
    );
}

/** A non-2xx answer: its problem body's `detail`, with the status and stable code kept for callers. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string | null;

  constructor(status: number, code: string | null, message: string) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
  }
}

/** A path under /api/v1 with each interpolated value encoded as one path segment. */
export function apiPath(strings: TemplateStringsArray, ...values: string[]): string {
  return strings.reduce(
    (path, part, i) => path + part + (i < values.length ? encodeURIComponent(values[i] ?? "") : ""),
    "",
  );
}

type Query = Record<string, string | number | boolean | readonly string[] | undefined>;

export class ApiClient {
  readonly url: string;
  readonly #authorization: string | undefined;

  /** `authorization`: the `Authorization` header to send, if any. */
  constructor(url: string, authorization: string | undefined) {
    this.url = url.replace(/\/+$/, "").replace(/\/api\/v1$/, "");
    this.#authorization = authorization;
  }

  /**
   * Flags win over the environment, and a token over a user at the same level;
   * `--user name` alone takes the password from BORDA_API_PASSWORD.
   */
  static fromOptions(options: ApiOptions, env: NodeJS.ProcessEnv = process.env): ApiClient {
    const url = options.apiUrl ?? env.BORDA_API_URL ?? defaultApiUrl;
    if (options.token !== undefined && options.user !== undefined) {
      throw new Error("give --token or --user, not both.");
    }
    const token = options.token ?? (options.user === undefined ? env.BORDA_API_TOKEN : undefined);
    if (token) return new ApiClient(url, `Bearer ${token}`);
    const user = options.user ?? env.BORDA_API_USER;
    if (user === undefined || user === "") return new ApiClient(url, undefined);
    const colon = user.indexOf(":");
    const [username, password] =
      colon < 0
        ? [user, env.BORDA_API_PASSWORD ?? ""]
        : [user.slice(0, colon), user.slice(colon + 1)];
    return new ApiClient(url, `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`);
  }

  get<T>(path: string, query: Query = {}): Promise<T> {
    return this.#json<T>("GET", path, query, undefined);
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.#json<T>("POST", path, {}, body);
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.#json<T>("PATCH", path, {}, body);
  }

  put<T>(path: string, body?: unknown): Promise<T> {
    return this.#json<T>("PUT", path, {}, body);
  }

  async delete(path: string): Promise<void> {
    await this.request("DELETE", path, { accept: "application/json" });
  }

  /** Every item of a paged collection (`{ <key>: [...], total_entries }`), page by page. */
  async getAll<Key extends string, Item>(
    path: string,
    key: Key,
    query: Query = {},
  ): Promise<Item[]> {
    const items: Item[] = [];
    for (;;) {
      const page = await this.get<Record<Key, Item[]> & { total_entries: number }>(path, {
        ...query,
        limit: 1000,
        offset: items.length,
      });
      items.push(...page[key]);
      if (page[key].length === 0 || items.length >= page.total_entries) return items;
    }
  }

  /** A 2xx response, or an ApiError with the problem's detail, or the "cannot reach" error. */
  async request(
    method: string,
    path: string,
    options: { query?: Query; body?: unknown; accept: string },
  ): Promise<Response> {
    const url = new URL(`${this.url}${apiPrefix}${path}`);
    for (const [name, value] of Object.entries(options.query ?? {})) {
      if (value === undefined) continue;
      for (const v of Array.isArray(value) ? value : [value])
        url.searchParams.append(name, String(v));
    }
    const headers: Record<string, string> = { accept: options.accept };
    if (this.#authorization) headers.authorization = this.#authorization;
    if (options.body !== undefined) headers["content-type"] = "application/json";
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers,
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      });
    } catch (error) {
      throw new Error(
        `cannot reach the Borda API at ${this.url}: is \`borda server\` running? (set --api-url or BORDA_API_URL)`,
        { cause: error },
      );
    }
    if (!response.ok) throw await apiError(response);
    return response;
  }

  async #json<T>(method: string, path: string, query: Query, body: unknown): Promise<T> {
    const response = await this.request(method, path, {
      query,
      body,
      accept: "application/json",
    });
    return (await response.json()) as T;
  }
}

async function apiError(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => "");
  let detail: string | null = null;
  let code: string | null = null;
  try {
    const problem = JSON.parse(text) as { detail?: unknown; code?: unknown };
    if (typeof problem.detail === "string") detail = problem.detail;
    if (typeof problem.code === "string") code = problem.code;
  } catch {
    // not a problem body (a proxy's error page, say): fall back to the status line below
  }
  let message = (detail ?? `${response.status} ${response.statusText}`).replace(/\s*\n\s*/g, " ");
  if (response.status === 401) {
    message +=
      " (the CLI sends --token or BORDA_API_TOKEN, else --user user:password, or BORDA_API_USER and BORDA_API_PASSWORD)";
  }
  return new ApiError(response.status, code, message);
}

/**
 * Reads a server-sent event stream, calling `onEvent` for each event as it arrives.
 * Resolves when the server closes the stream.
 */
export async function readEvents(
  response: Response,
  onEvent: (event: { event: string; data: string; id: string | null }) => void,
): Promise<void> {
  if (!response.body) return;
  const decoder = new TextDecoder();
  let buffer = "";
  for await (const chunk of response.body) {
    buffer += decoder.decode(chunk as Uint8Array, { stream: true });
    for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = "message";
      let id: string | null = null;
      const data: string[] = [];
      for (const line of block.split("\n")) {
        const colon = line.indexOf(":");
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
        if (field === "event") event = value;
        else if (field === "data") data.push(value);
        else if (field === "id") id = value;
      }
      if (data.length > 0) onEvent({ event, data: data.join("\n"), id });
    }
  }
}
