import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { issueAccessToken } from "../../auth/jwt.js";
import type { ApiContext } from "../apiContext.js";
import { installFastApiErrors } from "./fastApiErrors.js";

const tags = ["Auth"];
const loginBody = z.object({ username: z.string().min(1), password: z.string().min(1) });
const loginResponse = z.object({ access_token: z.string() });

/**
 * `POST /auth/token` and `POST /auth/token/cli` (registered under `/auth`), as Airflow 3's simple auth manager
 * answers them (the official client's scripts use the first, `airflowctl auth login` the
 * second): a Borda user's username and password, as JSON or a form, for a 201 with an
 * access token (auth/jwt.ts) to send as `Authorization: Bearer <token>`. Wrong
 * credentials are a 401, with the same lock-out after repeated failures as every sign-in.
 */
export function authTokenRoutes(api: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    installFastApiErrors(app);
    // Airflow's login form posts urlencoded fields; only flat text fields are read.
    app.addContentTypeParser(
      "application/x-www-form-urlencoded",
      { parseAs: "string" },
      (_request, text, done) =>
        done(null, Object.fromEntries(new URLSearchParams(String(text)).entries())),
    );
    for (const [path, operationId] of [
      ["/token", "create_token"],
      ["/token/cli", "create_token_cli"],
    ] as const) {
      app.post(
        path,
        { schema: { tags, operationId, body: loginBody, response: { 201: loginResponse } } },
        async (request, reply) => {
          const user = await api.userAuth.signIn(request.body.username, request.body.password);
          const credentials = await api.store.getUser(user.username);
          if (!credentials) throw new Error("the user vanished while signing in");
          const { secretKey, clock } = api.edge.options;
          const token = issueAccessToken(
            secretKey,
            credentials,
            clock.now(),
            api.config.jwtExpirationMs,
          );
          return reply.code(201).send({ access_token: token });
        },
      );
    }
  };
}
