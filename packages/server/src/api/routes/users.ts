import {
  BordaError,
  collectionQuerySchema,
  ErrorCode,
  noContentSchema,
  updateMaskQuerySchema,
  userBodySchema,
  userCollectionSchema,
  userPatchSchema,
  userSchema,
} from "@borda/protocol";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { hashPassword } from "../../auth/passwords.js";
import { Role } from "../../auth/roles.js";
import type { UserRecord } from "../../store/index.js";
import { type ApiContext, authorize, iso, page } from "../apiContext.js";
import { updateMask } from "../updateMask.js";

const tags = ["User"];
const userParams = z.object({ username: z.string().min(1).max(256) });

/** Airflow's UserCollectionItem; Borda keeps no names or email, and never answers a password. */
function toApiUser(user: UserRecord) {
  return {
    username: user.username,
    first_name: "",
    last_name: "",
    active: true,
    last_login: iso(user.lastLoginAt),
    login_count: null,
    failed_login_count: null,
    roles: [{ name: user.role }],
    created_on: iso(user.createdAt),
    changed_on: null,
  };
}

/** Users and their roles: Admin only, as in Airflow. */
export function userRoutes(api: ApiContext): FastifyPluginAsyncZod {
  const requireUser = async (username: string): Promise<UserRecord> => {
    const user = await api.store.getUser(username);
    if (!user) throw new BordaError(ErrorCode.notFound, `User '${username}' not found.`);
    return {
      username: user.username,
      role: user.role,
      createdAt: user.createdAt,
      lastLoginAt: user.lastLoginAt,
    };
  };

  return async (app) => {
    app.get(
      "/users",
      {
        schema: {
          tags,
          querystring: collectionQuerySchema,
          response: { 200: userCollectionSchema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.admin);
        const { items, total } = page(
          await api.store.listUsers(),
          request.query,
          {
            username: (u) => u.username,
            created_on: (u) => u.createdAt.getTime(),
            last_login: (u) => u.lastLoginAt?.getTime() ?? null,
          },
          "username",
        );
        return { users: items.map(toApiUser), total_entries: total };
      },
    );

    app.get(
      "/users/:username",
      { schema: { tags, params: userParams, response: { 200: userSchema } } },
      async (request) => {
        await authorize(api, request, Role.admin);
        return toApiUser(await requireUser(request.params.username));
      },
    );

    app.post(
      "/users",
      { schema: { tags, body: userBodySchema, response: { 200: userSchema } } },
      async (request) => {
        await authorize(api, request, Role.admin);
        const body = request.body;
        const role = body.roles[0]?.name as Role;
        if (await api.store.getUser(body.username)) {
          throw new BordaError(
            ErrorCode.conflict,
            `User '${body.username}' already exists; PATCH /users/${body.username} changes it.`,
          );
        }
        const passwordHash = await hashPassword(body.password);
        const user = await api.store.createUser(
          { username: body.username, role, passwordHash, team: body.team },
          new Date(),
        );
        return toApiUser(user);
      },
    );

    app.patch(
      "/users/:username",
      {
        schema: {
          tags,
          params: userParams,
          querystring: updateMaskQuerySchema,
          body: userPatchSchema,
          response: { 200: userSchema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.admin);
        const user = await requireUser(request.params.username);
        const mask = updateMask(request.query.update_mask, [
          "password",
          "roles",
          "username",
          "first_name",
          "last_name",
          "email",
        ]);
        const body = request.body;
        const wants = (field: string) => (mask ? mask.includes(field) : field in body);
        if (wants("username") && body.username !== undefined && body.username !== user.username) {
          throw new BordaError(
            ErrorCode.invalidInput,
            "username: a user cannot be renamed; create a new user instead.",
          );
        }
        const role = wants("roles") ? (body.roles?.[0]?.name as Role | undefined) : undefined;
        if (wants("roles") && role === undefined) {
          throw new BordaError(
            ErrorCode.invalidInput,
            "roles: give the user's one role, [{ name }].",
          );
        }
        if (wants("password") && body.password === undefined) {
          throw new BordaError(ErrorCode.invalidInput, "password: give the new password.");
        }
        if (role !== undefined) {
          await api.store.setUserRole(user.username, role, body.team);
        }
        if (wants("password") && body.password !== undefined) {
          await api.store.setUserPassword(user.username, await hashPassword(body.password));
        }
        return toApiUser(await requireUser(user.username));
      },
    );

    app.delete(
      "/users/:username",
      { schema: { tags, params: userParams, response: { 204: noContentSchema } } },
      async (request, reply) => {
        await authorize(api, request, Role.admin);
        const user = await requireUser(request.params.username);
        await api.store.deleteUser(user.username);
        return reply.code(204).send(null);
      },
    );
  };
}
