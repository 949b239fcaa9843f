import {
  BordaError,
  collectionQuerySchema,
  ErrorCode,
  importErrorCollectionSchema,
  importErrorSchema,
} from "@borda/protocol";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { Role } from "../../auth/roles.js";
import type { ImportErrorRecord } from "../../store/index.js";
import { type ApiContext, authorize, page } from "../apiContext.js";

const tags = ["ImportError"];

const toApiImportError = (error: ImportErrorRecord) => ({
  import_error_id: error.id,
  timestamp: error.createdAt.toISOString(),
  filename: error.fileloc,
  stack_trace:
    error.line === null ? error.message : `${error.fileloc}:${error.line}: ${error.message}`,
});

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
          await api.store.listImportErrors(),
          request.query,
          {
            import_error_id: (e) => e.id,
            timestamp: (e) => e.createdAt.getTime(),
            filename: (e) => e.fileloc,
          },
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
        const error = (await api.store.listImportErrors()).find(
          (e) => e.id === request.params.import_error_id,
        );
        if (!error)
          throw new BordaError(
            ErrorCode.notFound,
            `Import error ${request.params.import_error_id} not found.`,
          );
        return toApiImportError(error);
      },
    );
  };
}
