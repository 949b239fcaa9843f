import {
  BordaError,
  collectionQuerySchema,
  configOptionParamsSchema,
  configQuerySchema,
  configSchema,
  ErrorCode,
  pluginCollectionSchema,
  providerCollectionSchema,
} from "@borda/protocol";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { Role } from "../../auth/roles.js";
import {
  type SettingName,
  sensitiveSettings,
  serverSettings,
  settingValues,
} from "../../config.js";
import { type ApiContext, authorize, sendPlainText, wantsPlainText } from "../apiContext.js";

/**
 * What the installation is: its configuration (when BORDA_EXPOSE_CONFIG allows), its
 * plugins (Borda loads none) and its providers (the parts of Airflow's Borda implements).
 */

/** The one section Borda's settings form; Airflow's options are grouped in several. */
const section = "borda";
/** How Airflow writes a sensitive value it will not show. */
const hidden = "< hidden >";

/** A setting's name as an option key, snake_case as Airflow's are: `dags_folder`. */
const optionKey = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * The parts of Airflow's provider packages that Borda's Python SDK implements, under the
 * packages' own names, as DAG files import them (docs/coming-from-airflow.md lists what
 * of each works).
 */
const providers = [
  [
    "apache-airflow-providers-standard",
    "BashOperator, PythonOperator, branch, short-circuit and empty operators, FileSensor, PythonSensor, ExternalTaskSensor",
  ],
  ["apache-airflow-providers-http", "HttpSensor"],
  ["apache-airflow-providers-smtp", "SmtpNotifier"],
  ["apache-airflow-providers-slack", "SlackWebhookNotifier"],
] as const;

function requireExposed(api: ApiContext): void {
  if (!api.config.exposeConfig) {
    throw new BordaError(
      ErrorCode.forbidden,
      "The configuration is not exposed: the administrator can set BORDA_EXPOSE_CONFIG=true (--expose-config true) to expose it, secrets masked.",
    );
  }
}

/** The options of Borda's section, sensitive values masked. */
function options(api: ApiContext) {
  const values = settingValues(api.config);
  return (Object.keys(serverSettings) as SettingName[]).map((name) => ({
    key: optionKey(name),
    value: sensitiveSettings.has(name) ? hidden : values[name],
  }));
}

/** Airflow's `text/plain` answer: the sections as an INI file. */
export const asIni = (sections: { name: string; options: { key: string; value: string }[] }[]) =>
  sections
    .map((s) => `[${s.name}]\n${s.options.map((o) => `${o.key} = ${o.value}\n`).join("")}`)
    .join("\n");

/**
 * The configuration's sections (Borda's one), or only `wanted` (404 past it); 403 unless
 * BORDA_EXPOSE_CONFIG. The caller authorizes (an Op's, in both APIs).
 */
export function configSections(api: ApiContext, wanted: string | undefined) {
  requireExposed(api);
  if (wanted !== undefined && wanted !== section) {
    throw new BordaError(
      ErrorCode.notFound,
      `Section '${wanted}' not found; Borda's settings are all in section '${section}'.`,
    );
  }
  return [{ name: section, options: options(api) }];
}

/** One option of the configuration, as the one section holding it; 404 if unknown. */
export function configOptionSections(api: ApiContext, wanted: string, option: string) {
  requireExposed(api);
  const found = wanted === section && options(api).find((o) => o.key === option);
  if (!found) {
    throw new BordaError(
      ErrorCode.notFound,
      `The option [${wanted}/${option}] is not found in config; GET /api/v1/config lists them (section '${section}').`,
    );
  }
  return [{ name: section, options: [found] }];
}

/** The providers Borda implements part of, with its own version. */
export function providerList(api: ApiContext) {
  return providers.map(([packageName, parts]) => ({
    package_name: packageName,
    description: `Borda's own implementation of part of this provider, in its Python SDK: ${parts}.`,
    version: api.serverVersion,
  }));
}

export function instanceInfoRoutes(api: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/config",
      {
        schema: {
          tags: ["Config"],
          operationId: "get_config",
          querystring: configQuerySchema,
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
          operationId: "get_value",
          params: configOptionParamsSchema,
          response: { 200: configSchema },
        },
      },
      async (request, reply) => {
        await authorize(api, request, Role.op);
        const sections = configOptionSections(api, request.params.section, request.params.option);
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
          querystring: collectionQuerySchema,
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
          response: { 200: providerCollectionSchema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        const list = providerList(api);
        return { providers: list, total_entries: list.length };
      },
    );
  };
}
