import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { Role } from "../../auth/roles.js";
import { type ApiContext, authorize } from "../apiContext.js";
import { reparseDagFile } from "../routes/dagChanges.js";

/** Re-parsing a DAG file now, a User's, as v1's; Airflow 3 answers 201 too. */
export function dagParsingRoutesV2(api: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.put(
      "/parseDagFile/:file_token",
      {
        schema: {
          tags: ["DAG Parsing"],
          operationId: "reparse_dag_file",
          params: z.object({ file_token: z.string().min(1).max(4096) }),
          response: { 201: z.undefined().describe("No content") },
        },
      },
      async (request, reply) => {
        await authorize(api, request, Role.user);
        await reparseDagFile(api, request, request.params.file_token);
        return reply.code(201).send();
      },
    );
  };
}
