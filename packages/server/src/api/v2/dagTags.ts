import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { Role } from "../../auth/roles.js";
import { type ApiContext, authorize, page } from "../apiContext.js";
import { visibleTeams } from "../teamAccess.js";
import { pageQuery } from "./common.js";

// Strict: `tag_name_prefix_pattern`, which Borda does not implement, is a 422 naming it.
const dagTagQuery = pageQuery(["name"])
  .extend({ tag_name_pattern: z.string().max(250).optional() })
  .strict();

/**
 * Every tag some DAG the caller sees has, each once, by name (Airflow 3 lists them for its
 * tag filter).
 */
export function dagTagRoutesV2(api: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/dagTags",
      {
        schema: {
          tags: ["DAG"],
          operationId: "get_dag_tags",
          querystring: dagTagQuery,
          response: {
            200: z.object({ tags: z.array(z.string()), total_entries: z.number().int() }),
          },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        const pattern = request.query.tag_name_pattern?.toLowerCase();
        const names = new Set(
          (await api.store.listDags({ teams: visibleTeams(request) })).flatMap((dag) => dag.tags),
        );
        const wanted = [...names].filter(
          (name) => pattern === undefined || name.toLowerCase().includes(pattern),
        );
        const { items, total } = page(wanted, request.query, { name: (name) => name }, "name");
        return { tags: items, total_entries: total };
      },
    );
  };
}
