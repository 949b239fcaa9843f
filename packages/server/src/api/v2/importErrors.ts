import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { Role } from "../../auth/roles.js";
import type { ImportErrorRecord } from "../../store/index.js";
import { type ApiContext, authorize, page } from "../apiContext.js";
import { importErrorOrder, requireImportError, toApiImportError } from "../routes/importErrors.js";
import { instant, pageQuery } from "./common.js";

const tags = ["Import Error"];

const importErrorV2Schema = z.object({
  import_error_id: z.number().int(),
  timestamp: instant,
  filename: z.string(),
  bundle_name: z.string().nullable(),
  stack_trace: z.string(),
});

/** An import error as Airflow 3's ImportErrorResponse: v1's, outside any bundle. */
const toApiImportErrorV2 = (error: ImportErrorRecord) => ({
  ...toApiImportError(error),
  bundle_name: null,
});

export function importErrorRoutesV2(api: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/importErrors",
      {
        schema: {
          tags,
          operationId: "get_import_errors",
          querystring: pageQuery(Object.keys(importErrorOrder)),
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
        const { items, total } = page(
          await api.store.listImportErrors(),
          request.query,
          importErrorOrder,
          "import_error_id",
        );
        return { import_errors: items.map(toApiImportErrorV2), total_entries: total };
      },
    );

    app.get(
      "/importErrors/:import_error_id",
      {
        schema: {
          tags,
          operationId: "get_import_error",
          params: z.object({ import_error_id: z.coerce.number().int().min(0) }),
          response: { 200: importErrorV2Schema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        return toApiImportErrorV2(await requireImportError(api, request.params.import_error_id));
      },
    );
  };
}
