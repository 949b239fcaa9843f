import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { Role } from "../../auth/roles.js";
import type { ImportErrorRecord } from "../../store/index.js";
import { type ApiContext, authorize, page } from "../apiContext.js";
import { importErrorOrder, requireImportError, toApiImportError } from "../routes/importErrors.js";
import { visibleTeams } from "../teamAccess.js";
import { instant, pageQuery, storedInt } from "./common.js";

const tags = ["Import Error"];

const importErrorV2Schema = z.object({
  import_error_id: z.number().int(),
  timestamp: instant,
  filename: z.string(),
  bundle_name: z.string().nullable(),
  stack_trace: z.string(),
});

/** An import error as Airflow 3's ImportErrorResponse: v1's, with no bundle (Borda has none). */
function toApiImportErrorV2(error: ImportErrorRecord) {
  return { ...toApiImportError(error), bundle_name: null };
}

/** v2's order fields, by v1's (Airflow 3 calls the id `id` too). */
const importErrorOrderV2 = { ...importErrorOrder, id: importErrorOrder.import_error_id };

// Strict: a filter Borda does not implement (a bundle, a prefix pattern) is a 422 naming it.
const importErrorListQuery = pageQuery(Object.keys(importErrorOrderV2))
  .extend({
    filename: z.string().max(2000).optional(),
    filename_pattern: z.string().max(2000).optional(),
  })
  .strict();

/** The DAG files that failed to load, read-only (a Viewer's, as in v1). */
export function importErrorRoutesV2(api: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/importErrors",
      {
        schema: {
          tags,
          operationId: "get_import_errors",
          querystring: importErrorListQuery,
          response: {
            200: z.object({
              import_errors: z.array(importErrorV2Schema),
              total_entries: z.number().int(),
            }),
          },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        const q = request.query;
        const pattern = q.filename_pattern?.toLowerCase();
        const errors = (await api.store.listImportErrors({ teams: visibleTeams(request) })).filter(
          (e) =>
            (q.filename === undefined || e.fileloc === q.filename) &&
            (pattern === undefined || e.fileloc.toLowerCase().includes(pattern)),
        );
        const { items, total } = page(errors, q, importErrorOrderV2, "id");
        return { import_errors: items.map(toApiImportErrorV2), total_entries: total };
      },
    );

    app.get(
      "/importErrors/:import_error_id",
      {
        schema: {
          tags,
          operationId: "get_import_error",
          params: z.object({ import_error_id: storedInt(0) }),
          response: { 200: importErrorV2Schema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        return toApiImportErrorV2(
          await requireImportError(api, request, request.params.import_error_id),
        );
      },
    );
  };
}
