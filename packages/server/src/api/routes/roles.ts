import {
  actionCollectionSchema,
  BordaError,
  collectionQuerySchema,
  ErrorCode,
  roleCollectionSchema,
  roleSchema,
} from "@borda/protocol";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { permissionActions, permissionsOf, roleNames } from "../../auth/rolePermissions.js";
import { Role } from "../../auth/roles.js";
import { type ApiContext, authorize, page } from "../apiContext.js";

/**
 * Airflow's `/roles` and `/permissions`, read-only: Borda's four roles are fixed (Airflow's
 * built-in ones); an Admin gives a user one of them. Creating, changing or deleting a role
 * is refused with a 403 that says so; those routes are left out of the OpenAPI document,
 * as Borda does not serve them (the coverage test names them as left out, and why).
 */

const tags = ["Role"];

const toApiRole = (role: Role) => ({
  name: role,
  actions: permissionsOf(role).map(({ action, resource }) => ({
    action: { name: action },
    resource: { name: resource },
  })),
});

export function roleRoutes(api: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/roles",
      {
        schema: {
          tags,
          operationId: "get_roles",
          querystring: collectionQuerySchema,
          response: { 200: roleCollectionSchema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.admin);
        const { items, total } = page(roleNames, request.query, { name: (r) => r }, "name");
        return { roles: items.map(toApiRole), total_entries: total };
      },
    );

    app.get(
      "/roles/:role_name",
      {
        schema: {
          tags,
          operationId: "get_role",
          params: z.object({ role_name: z.string().min(1).max(250) }),
          response: { 200: roleSchema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.admin);
        const role = roleNames.find((r) => r === request.params.role_name);
        if (!role) {
          throw new BordaError(
            ErrorCode.notFound,
            `Role '${request.params.role_name}' not found; Borda's roles are fixed: ${roleNames.join(", ")}.`,
          );
        }
        return toApiRole(role);
      },
    );

    const fixed = async (request: FastifyRequest) => {
      await authorize(api, request, Role.viewer);
      throw new BordaError(
        ErrorCode.forbidden,
        `Borda's roles are fixed (${roleNames.join(", ")}) and cannot be created, changed or deleted; an Admin gives a user one of them (PATCH /api/v1/users/{username}).`,
      );
    };
    const hidden = { schema: { hide: true } };
    app.post("/roles", hidden, fixed);
    app.patch("/roles/:role_name", hidden, fixed);
    app.delete("/roles/:role_name", hidden, fixed);

    app.get(
      "/permissions",
      {
        schema: {
          tags: ["Permission"],
          operationId: "get_permissions",
          querystring: collectionQuerySchema,
          response: { 200: actionCollectionSchema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.admin);
        const { limit, offset } = request.query;
        return {
          actions: permissionActions.slice(offset, offset + limit).map((name) => ({ name })),
          total_entries: permissionActions.length,
        };
      },
    );
  };
}
