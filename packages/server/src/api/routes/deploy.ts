import { BordaError, deployDagFileSchema, deployResultSchema, ErrorCode } from "@borda/protocol";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { Role } from "../../auth/roles.js";
import { type ApiContext, authorize } from "../apiContext.js";

/**
 * `POST /api/v1/dags/deploy` (Borda's own): uploads one DAG file, which goes through the
 * DAG processor like a file in the DAGs folder. This is how a control plane without a
 * shared folder (Kubernetes, Cloud Run) gets its DAGs: `borda dags deploy <file>`.
 */
export function deployRoutes(api: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      "/dags/deploy",
      {
        schema: { tags: ["DAG"], body: deployDagFileSchema, response: { 200: deployResultSchema } },
      },
      async (request) => {
        await authorize(api, request, Role.op);
        const result = await api.processor.deploy({
          fileName: request.body.file_name,
          source: request.body.source,
        });
        if ("importError" in result) {
          const { message, line } = result.importError;
          throw new BordaError(
            ErrorCode.importError,
            `${request.body.file_name}${line === null ? "" : `:${line}`}: ${message}`,
            { details: { file_name: request.body.file_name, line, message } },
          );
        }
        return {
          file_name: request.body.file_name,
          dags: result.versions.map((v) => ({
            dag_id: v.dagId,
            version_number: v.versionNumber,
            new_version: v.created,
          })),
        };
      },
    );
  };
}
