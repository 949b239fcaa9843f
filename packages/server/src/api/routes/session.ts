import { noContentSchema, sessionSchema, signInSchema } from "@borda/protocol";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { Role } from "../../auth/roles.js";
import {
  cookieValue,
  csrfTokenFor,
  issueSession,
  readSession,
  sessionCookieName,
  sessionTtlMs,
} from "../../auth/sessions.js";
import type { UserRecord } from "../../store/index.js";
import { type ApiContext, authorize } from "../apiContext.js";

const tags = ["Session"];

/**
 * `/auth/session` (Borda's own): sign in and out of the web UI. The session is an
 * HttpOnly, SameSite=Strict cookie (Secure behind HTTPS), so page scripts never see it;
 * changes made with it also need the CSRF token this answers with.
 */
export function sessionRoutes(api: ApiContext): FastifyPluginAsyncZod {
  /** The user's teams and role in each, for the UI to show; an Admin's: all, role null. */
  const teamsOf = async (user: UserRecord) =>
    user.role === Role.admin
      ? (await api.store.listTeams()).map((team) => ({ name: team.name, role: null }))
      : (await api.store.teamRolesOf(user.username)).map((m) => ({ name: m.team, role: m.role }));

  return async (app) => {
    app.post(
      "/auth/session",
      { schema: { tags, body: signInSchema, response: { 200: sessionSchema } } },
      async (request, reply) => {
        const user = await api.userAuth.signIn(request.body.username, request.body.password);
        const credentials = await api.store.getUser(user.username);
        if (!credentials) throw new Error("the user vanished while signing in");
        const session = issueSession(
          api.edge.options.secretKey,
          credentials,
          api.edge.options.clock.now(),
        );
        setCookie(request, reply, session.token, sessionTtlMs / 1000);
        return {
          username: user.username,
          role: user.role,
          teams: await teamsOf(user),
          csrf_token: session.csrfToken,
          expires_at: session.expiresAt.toISOString(),
        };
      },
    );

    app.get(
      "/auth/session",
      { schema: { tags, response: { 200: sessionSchema } } },
      async (request) => {
        const user = await authorize(api, request, Role.viewer);
        const token = cookieValue(request.headers.cookie, sessionCookieName);
        const session = token
          ? readSession(api.edge.options.secretKey, token, api.edge.options.clock.now())
          : null;
        return {
          username: user.username,
          role: user.role,
          teams: await teamsOf(user),
          // A page reload loses the token kept in memory; the page asks for it again here.
          csrf_token: token && session ? csrfTokenFor(api.edge.options.secretKey, token) : null,
          expires_at: session ? new Date(session.exp).toISOString() : null,
        };
      },
    );

    app.delete(
      "/auth/session",
      { schema: { tags, response: { 204: noContentSchema } } },
      async (request, reply) => {
        setCookie(request, reply, "", 0);
        return reply.code(204).send(null);
      },
    );
  };
}

function setCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  value: string,
  maxAgeSeconds: number,
): void {
  const secure = request.protocol === "https" || request.headers["x-forwarded-proto"] === "https";
  reply.header(
    "set-cookie",
    `${sessionCookieName}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure ? "; Secure" : ""}`,
  );
}
