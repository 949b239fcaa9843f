import {
  BordaError,
  collectionQuerySchema,
  ErrorCode,
  importErrorCollectionSchema,
  importErrorSchema,
} from "@borda/protocol";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { Role } from "../../auth/roles.js";
import type { ImportErrorRecord } from "../../store/index.js";
import { type ApiContext, authorize, page } from "../apiContext.js";
import { requireTeamAccess, visibleTeams } from "../teamAccess.js";

const tags = ["ImportError"];

export const toApiImportError = (error: ImportErrorRecord) => ({
  import_error_id: error.id,
  timestamp: error.createdAt.toISOString(),
  filename: error.fileloc,
  stack_trace:
    error.line === null ? error.message : `${error.fileloc}:${error.line}: ${error.message}`,
});

/** What a list of import errors can be ordered by. */
export const importErrorOrder = {
  import_error_id: (e: ImportErrorRecord) => e.id,
  timestamp: (e: ImportErrorRecord) => e.createdAt.getTime(),
  filename: (e: ImportErrorRecord) => e.fileloc,
};

/** The import error, if the caller may see its team's (another team's is as missing). */
export async function requireImportError(
  api: ApiContext,
  request: FastifyRequest,
  id: number,
): Promise<ImportErrorRecord> {
  const missing = () =>
    new BordaError(
      ErrorCode.notFound,
      `Import error ${id} not found; GET /importErrors lists them.`,
    );
  const error = (await api.store.listImportErrors()).find((e) => e.id === id);
  if (!error) throw missing();
  await requireTeamAccess(api, request, error.team, missing);
  return error;
}

export function importErrorRoutes(api: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/importErrors",
      {
        schema: {
          tags,
          querystring: collectionQuerySchema,
          response: { 200: importErrorCollectionSchema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        const { items, total } = page(
          await api.store.listImportErrors({ teams: visibleTeams(request) }),
          request.query,
          importErrorOrder,
          "import_error_id",
        );
        return { import_errors: items.map(toApiImportError), total_entries: total };
      },
    );

    app.get(
      "/importErrors/:import_error_id",
      {
        schema: {
          tags,
          params: z.object({ import_error_id: z.coerce.number().int().min(0) }),
          response: { 200: importErrorSchema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        return toApiImportError(
          await requireImportError(api, request, request.params.import_error_id),
        );
      },
    );
  };
}
