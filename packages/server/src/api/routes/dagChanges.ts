import {
  BordaError,
  dagBulkPatchQuerySchema,
  dagCollectionSchema,
  dagPatchSchema,
  ErrorCode,
  noContentSchema,
} from "@borda/protocol";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { Role } from "../../auth/roles.js";
import { type ApiContext, authorize } from "../apiContext.js";
import { requireTeamAccess, teamsWithRole } from "../teamAccess.js";
import { updateMask } from "../updateMask.js";
import { parseFileToken, toApiDag } from "./dags.js";
import { dagParams, requireDag } from "./pathParams.js";

/**
 * Changes to DAGs as a whole: pausing many at once, deleting one's metadata, and
 * re-parsing a DAG file now.
 */

const tags = ["DAG"];

export function dagChangeRoutes(api: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    /**
     * Pauses or unpauses the DAGs whose id contains `dag_id_pattern` (`~`: every DAG), as
     * Airflow does: the page `limit`/`offset` selects is changed and answered, in dag_id
     * order, and `total_entries` counts every match.
     */
    app.patch(
      "/dags",
      {
        schema: {
          tags,
          operationId: "patch_dags",
          querystring: dagBulkPatchQuerySchema,
          body: dagPatchSchema,
          response: { 200: dagCollectionSchema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.user);
        const q = request.query;
        updateMask(q.update_mask, ["is_paused"]);
        const pattern = q.dag_id_pattern === "~" ? "" : q.dag_id_pattern.toLowerCase();
        const wantedTags = q.tags === undefined ? [] : [q.tags].flat();
        // Only the DAGs of teams in which the caller may change them: the others are not
        // theirs to pause, whether they can see them or not.
        const teams = teamsWithRole(request, Role.user);
        const matching = (await api.store.listDags({ onlyActive: q.only_active, teams }))
          .filter(
            (dag) =>
              dag.dagId.toLowerCase().includes(pattern) &&
              (wantedTags.length === 0 || dag.tags.some((t) => wantedTags.includes(t))),
          )
          .sort((a, b) => (a.dagId < b.dagId ? -1 : 1));
        const selected = matching.slice(q.offset, q.offset + q.limit);
        const at = new Date();
        for (const dag of selected) {
          await api.store.setDagPaused(dag.dagId, request.body.is_paused, at);
        }
        if (!request.body.is_paused && selected.length > 0) void api.scheduler.runPass();
        const changed = await api.store.listDags({ dagIds: selected.map((d) => d.dagId) });
        const importErrors = await api.store.listImportErrors();
        return {
          dags: changed
            .sort((a, b) => (a.dagId < b.dagId ? -1 : 1))
            .map((dag) => toApiDag(dag, importErrors)),
          total_entries: matching.length,
        };
      },
    );

    /** Deletes the DAG's metadata: `deleteDag` below. */
    app.delete(
      "/dags/:dag_id",
      {
        schema: {
          tags,
          operationId: "delete_dag",
          params: dagParams,
          response: { 204: noContentSchema },
        },
      },
      async (request, reply) => {
        await authorize(api, request, Role.user);
        await deleteDag(api, request, request.params.dag_id);
        return reply.code(204).send(null);
      },
    );

    app.put(
      "/parseDagFile/:file_token",
      {
        schema: {
          tags,
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

/**
 * Processes the DAG file `fileToken` names now, changed or not, for both API versions: a
 * folder file from the folder, a deployed one from the source it was deployed with.
 * Airflow only queues the request; Borda returns once the file is recorded, so what a
 * client reads next is the new parse. A token naming no file, or another team's, is a 404.
 */
export async function reparseDagFile(
  api: ApiContext,
  request: FastifyRequest,
  fileToken: string,
): Promise<void> {
  const missing = () =>
    new BordaError(
      ErrorCode.notFound,
      "No DAG file has this file_token; GET /dags/{dag_id} gives the file_token of a DAG's file.",
    );
  const file = parseFileToken(fileToken);
  const source = file && (await api.store.getDagFileSource(file.origin, file.fileloc));
  if (!file || source === null) throw missing();
  await requireTeamAccess(api, request, await api.store.teamOfFile(file.fileloc), missing);
  if (file.origin === "folder") await api.processor.reparseFolderFile(file.fileloc);
  else await api.processor.deploy({ fileName: file.fileloc, source });
}

/**
 * Deletes the DAG's metadata (store.deleteDag says what goes), for both API versions. As in
 * Airflow, a DAG whose file is still in the DAGs folder comes back, with no history, the
 * next time the folder is scanned; a deployed file's DAG stays gone until deployed again.
 */
export async function deleteDag(
  api: ApiContext,
  request: FastifyRequest,
  dagId: string,
): Promise<void> {
  await requireDag(api, request, dagId);
  const outcome = await api.store.deleteDag(dagId);
  if (!outcome.deleted && outcome.reason === "notFound") {
    throw new BordaError(ErrorCode.notFound, `DAG '${dagId}' not found.`);
  }
  if (!outcome.deleted) {
    throw new BordaError(
      ErrorCode.conflict,
      `Task instances of DAG '${dagId}' are still running: wait for them to finish, or mark them failed (PATCH .../taskInstances/{task_id}), then delete the DAG.`,
    );
  }
  if (outcome.origin === "folder") api.processor.forgetFolderFile(outcome.fileloc);
}
