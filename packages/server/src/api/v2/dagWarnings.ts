import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { Role } from "../../auth/roles.js";
import { type ApiContext, authorize, page } from "../apiContext.js";
import { dagWarningOrder, dagWarnings } from "../routes/dagWarnings.js";
import { instant, pageQuery } from "./common.js";

/** Airflow 3's warning types; Borda tells only "non-existent pool" (routes/dagWarnings.ts). */
const warningTypes = ["asset conflict", "non-existent pool", "runtime varying value"] as const;

const dagWarningV2Schema = z.object({
  dag_id: z.string(),
  warning_type: z.enum(warningTypes),
  message: z.string(),
  timestamp: instant,
  dag_display_name: z.string(),
});

const dagWarningListQuery = pageQuery(Object.keys(dagWarningOrder)).extend({
  dag_id: z.string().min(1).max(250).optional(),
  warning_type: z.enum(warningTypes).optional(),
});

/** v1's DAG warnings, a Viewer's, under Airflow 3's name for the list. */
export function dagWarningRoutesV2(api: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/dagWarnings",
      {
        schema: {
          tags: ["DagWarning"],
          operationId: "list_dag_warnings",
          querystring: dagWarningListQuery,
          response: {
            200: z.object({
              dag_warnings: z.array(dagWarningV2Schema),
              total_entries: z.number().int(),
            }),
          },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        const q = request.query;
        const warnings = (await dagWarnings(api, request, q.dag_id)).filter(
          (w) => q.warning_type === undefined || w.warning_type === q.warning_type,
        );
        const { items, total } = page(warnings, q, dagWarningOrder, "dag_id");
        return {
          dag_warnings: items.map((w) => ({ ...w, dag_display_name: w.dag_id })),
          total_entries: total,
        };
      },
    );
  };
}
