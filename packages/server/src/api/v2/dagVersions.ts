import { BordaError, ErrorCode } from "@borda/protocol";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { Role } from "../../auth/roles.js";
import { type DagVersionRecord, dagVersionOrderFields } from "../../store/index.js";
import { type ApiContext, authorize, sortOrder } from "../apiContext.js";
import { dagParams, requireDag, unlessAll } from "../routes/pathParams.js";
import { visibleTeams } from "../teamAccess.js";
import { instant, nameUuid, pageQuery, storedInt } from "./common.js";

const tags = ["DagVersion"];

export const dagVersionV2Schema = z.object({
  id: z.string().describe("UUID"),
  version_number: z.number().int(),
  dag_id: z.string(),
  bundle_name: z.string().nullable(),
  bundle_version: z.string().nullable(),
  created_at: instant,
  dag_display_name: z.string(),
  bundle_url: z.string().nullable(),
});

/**
 * A DAG version as Airflow 3's DagVersionResponse. Airflow names a version by a UUID,
 * Borda by its DAG and number, so the UUID is derived from those; Borda has no bundles.
 */
export function toApiDagVersionV2(version: DagVersionRecord) {
  return {
    id: nameUuid([version.dagId, version.versionNumber]),
    version_number: version.versionNumber,
    dag_id: version.dagId,
    bundle_name: null,
    bundle_version: null,
    created_at: version.createdAt.toISOString(),
    dag_display_name: version.dagId,
    bundle_url: null,
  };
}

/** Borda has no DAG bundles: a bundle filter could only be answered wrongly, so it is refused. */
const noBundle = (name: string) =>
  z
    .string()
    .optional()
    .refine((value) => value === undefined, {
      message: `Borda has no DAG bundles: its versions cannot be filtered by ${name}`,
    });

const dagVersionListQuery = pageQuery(dagVersionOrderFields).extend({
  version_number: storedInt(1).optional(),
  bundle_name: noBundle("bundle_name"),
  bundle_version: noBundle("bundle_version"),
});

const versionParams = dagParams.extend({
  version_number: storedInt(1),
});

/**
 * The versions the DAG processor recorded of a DAG (`~`: of every DAG the caller sees), as
 * Airflow 3's.
 */
export function dagVersionRoutesV2(api: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/dags/:dag_id/dagVersions",
      {
        schema: {
          tags,
          operationId: "get_dag_versions",
          params: dagParams,
          querystring: dagVersionListQuery,
          response: {
            200: z.object({
              dag_versions: z.array(dagVersionV2Schema),
              total_entries: z.number().int(),
            }),
          },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        const q = request.query;
        const dagId = unlessAll(request.params.dag_id);
        if (dagId !== undefined) await requireDag(api, request, dagId);
        const { field, descending } = sortOrder(q.order_by, dagVersionOrderFields, "id");
        const { versions, total } = await api.store.findDagVersions(
          { dagId, versionNumber: q.version_number, teams: visibleTeams(request) },
          { orderBy: field, descending, limit: q.limit, offset: q.offset },
        );
        return { dag_versions: versions.map(toApiDagVersionV2), total_entries: total };
      },
    );

    app.get(
      "/dags/:dag_id/dagVersions/:version_number",
      {
        schema: {
          tags,
          operationId: "get_dag_version",
          params: versionParams,
          response: { 200: dagVersionV2Schema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        const { dag_id: dagId, version_number: wanted } = request.params;
        await requireDag(api, request, dagId);
        const version = await api.store.getDagVersionByNumber(dagId, wanted);
        if (!version) {
          throw new BordaError(
            ErrorCode.notFound,
            `DAG '${dagId}' has no version ${wanted}; GET /dags/${dagId}/dagVersions lists its versions.`,
          );
        }
        return toApiDagVersionV2(version);
      },
    );
  };
}
