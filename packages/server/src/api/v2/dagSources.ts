import { BordaError, ErrorCode } from "@borda/protocol";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { Role } from "../../auth/roles.js";
import { type ApiContext, authorize, sendPlainText, wantsPlainText } from "../apiContext.js";
import { dagParams, requireDag } from "../routes/pathParams.js";
import { storedInt } from "./common.js";

const dagSourceV2Schema = z.object({
  content: z.string().nullable(),
  dag_id: z.string(),
  version_number: z.number().int().nullable(),
  dag_display_name: z.string(),
});

/**
 * A DAG's source as its version recorded it: the current version's, or the one
 * `version_number` names. JSON, or the bare text with `Accept: text/plain`, as in v1.
 */
export function dagSourceRoutesV2(api: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/dagSources/:dag_id",
      {
        schema: {
          tags: ["DagSource"],
          operationId: "get_dag_source",
          params: dagParams,
          querystring: z.object({ version_number: storedInt(1).optional() }),
          response: { 200: dagSourceV2Schema },
        },
      },
      async (request, reply) => {
        await authorize(api, request, Role.viewer);
        const { dag_id: dagId } = request.params;
        const wanted = request.query.version_number;
        const dag = await requireDag(api, request, dagId);
        const version =
          wanted === undefined
            ? dag.currentVersion
            : await api.store.getDagVersionByNumber(dagId, wanted);
        if (!version) {
          throw new BordaError(
            ErrorCode.notFound,
            `DAG '${dagId}' has no version ${wanted ?? "yet"}; GET /dags/${dagId}/details gives its latest.`,
          );
        }
        if (wantsPlainText(request)) return sendPlainText(reply, version.source);
        return {
          content: version.source,
          dag_id: dagId,
          version_number: version.versionNumber,
          dag_display_name: dagId,
        };
      },
    );
  };
}
