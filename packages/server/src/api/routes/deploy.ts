import { BordaError, deployDagFileSchema, deployResultSchema, ErrorCode } from "@borda/protocol";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { Role } from "../../auth/roles.js";
import { teamNotFound } from "../../store/index.js";
import { type ApiContext, authorize } from "../apiContext.js";
import { requireTeamAccess } from "../teamAccess.js";

/**
 * `POST /api/v1/dags/deploy` (Borda's own): uploads one DAG file, which goes through the
 * DAG processor like a file in the DAGs folder. This is how a control plane without a
 * shared folder (Kubernetes, Cloud Run) gets its DAGs: `borda dags deploy <file>`.
 *
 * The file belongs to the team its first folder names (`sales/etl.ts`: team `sales`;
 * `borda dags deploy --team sales etl.ts`), else to `default`; deploying needs Op there.
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
        const fileName = request.body.file_name;
        const team = await api.store.teamOfFile(fileName.replaceAll("\\", "/"));
        await requireTeamAccess(
          api,
          request,
          team,
          // GET /teams/{name}'s answer for a team that does not exist: a caller outside the
          // team learns nothing of it.
          () =>
            teamNotFound(
              team,
              " A deployed file belongs to the team its first folder names (borda dags deploy --team).",
            ),
          Role.op,
        );
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
