import { configSchema, pluginCollectionSchema } from "@borda/protocol";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { Role } from "../../auth/roles.js";
import { type ApiContext, authorize, sendPlainText, wantsPlainText } from "../apiContext.js";
import {
  asIni,
  configOptionSections,
  configSections,
  providerList,
} from "../routes/instanceInfo.js";
import { storedInt } from "./common.js";

/**
 * The installation in Airflow 3's shapes: its configuration (v1's, whose Config shape
 * Airflow 3 kept), its plugins (none) and its providers (v1's, with no documentation URL).
 */

const pagingQuery = z.object({
  limit: storedInt(0).default(50),
  offset: storedInt(0).default(0),
});

const providerV2Schema = z.object({
  package_name: z.string(),
  description: z.string(),
  version: z.string(),
  documentation_url: z.string().nullable(),
});

export function instanceInfoRoutesV2(api: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/config",
      {
        schema: {
          tags: ["Config"],
          operationId: "get_config",
          querystring: z.object({ section: z.string().max(250).optional() }),
          response: { 200: configSchema },
        },
      },
      async (request, reply) => {
        await authorize(api, request, Role.op);
        const sections = configSections(api, request.query.section);
        if (wantsPlainText(request)) return sendPlainText(reply, asIni(sections));
        return { sections };
      },
    );

    app.get(
      "/config/section/:section/option/:option",
      {
        schema: {
          tags: ["Config"],
          operationId: "get_config_value",
          params: z.object({ section: z.string(), option: z.string() }),
          response: { 200: configSchema },
        },
      },
      async (request, reply) => {
        await authorize(api, request, Role.op);
        const { section, option } = request.params;
        const sections = configOptionSections(api, section, option);
        if (wantsPlainText(request)) return sendPlainText(reply, asIni(sections));
        return { sections };
      },
    );

    /** Airflow plugins extend its webserver and scheduler in Python; Borda loads none. */
    app.get(
      "/plugins",
      {
        schema: {
          tags: ["Plugin"],
          operationId: "get_plugins",
          querystring: pagingQuery,
          response: { 200: pluginCollectionSchema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        return { plugins: [], total_entries: 0 };
      },
    );

    app.get(
      "/providers",
      {
        schema: {
          tags: ["Provider"],
          operationId: "get_providers",
          querystring: pagingQuery,
          response: {
            200: z.object({
              providers: z.array(providerV2Schema),
              total_entries: z.number().int(),
            }),
          },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        const { limit, offset } = request.query;
        const list = providerList(api);
        return {
          providers: list
            .slice(offset, offset + limit)
            .map((p) => ({ ...p, documentation_url: null })),
          total_entries: list.length,
        };
      },
    );
  };
}
