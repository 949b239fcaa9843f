import { z } from "zod";
import { collectionQuerySchema, instant } from "./api.js";

/**
 * Airflow's endpoints about the installation rather than its DAGs: configuration,
 * plugins, providers, roles and permissions, DAG warnings, and what keeps a task
 * instance from running. Borda answers what it has, in Airflow's shapes.
 */

// ---- configuration ---------------------------------------------------------------------

export const configSchema = z.object({
  sections: z.array(
    z.object({
      name: z.string(),
      options: z.array(z.object({ key: z.string(), value: z.string() })),
    }),
  ),
});
export type ApiConfig = z.infer<typeof configSchema>;

export const configQuerySchema = z.object({ section: z.string().min(1).max(250).optional() });

export const configOptionParamsSchema = z.object({
  section: z.string().min(1).max(250),
  option: z.string().min(1).max(250),
});

// ---- plugins and providers -------------------------------------------------------------

export const pluginCollectionSchema = z.object({
  plugins: z.array(z.object({ name: z.string() })),
  total_entries: z.number().int(),
});

export const providerSchema = z.object({
  package_name: z.string(),
  description: z.string(),
  version: z.string(),
});

export const providerCollectionSchema = z.object({
  providers: z.array(providerSchema),
  total_entries: z.number().int(),
});

// ---- roles and permissions -------------------------------------------------------------

export const roleSchema = z.object({
  name: z.string(),
  actions: z.array(
    z.object({ action: z.object({ name: z.string() }), resource: z.object({ name: z.string() }) }),
  ),
});

export const roleCollectionSchema = z.object({
  roles: z.array(roleSchema),
  total_entries: z.number().int(),
});

export const actionCollectionSchema = z.object({
  actions: z.array(z.object({ name: z.string() })),
  total_entries: z.number().int(),
});

// ---- DAG warnings ----------------------------------------------------------------------

export const dagWarningSchema = z.object({
  dag_id: z.string(),
  warning_type: z.string(),
  message: z.string(),
  timestamp: instant,
});

/** Airflow names the list `import_errors` here too. */
export const dagWarningCollectionSchema = z.object({
  import_errors: z.array(dagWarningSchema),
  total_entries: z.number().int(),
});

export const dagWarningQuerySchema = collectionQuerySchema.extend({
  dag_id: z.string().min(1).max(250).optional(),
  warning_type: z.string().min(1).max(100).optional(),
});

// ---- task instances: dependencies and extra links --------------------------------------

export const taskInstanceDependencyCollectionSchema = z.object({
  dependencies: z.array(z.object({ name: z.string(), reason: z.string() })),
});

export const extraLinkCollectionSchema = z.object({
  extra_links: z.array(
    z.object({
      class_ref: z.object({ module_path: z.string(), class_name: z.string() }),
      name: z.string(),
      href: z.string(),
    }),
  ),
});
