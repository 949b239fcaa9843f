import { BordaError, ErrorCode } from "@borda/protocol";
import type { FastifyRequest } from "fastify";
import { type Role, requireRole } from "../auth/roles.js";
import type { UserAuth } from "../auth/users.js";
import type { DagProcessor } from "../dags/dagProcessor.js";
import type { LogFollower } from "../logs/logFollower.js";
import type { Scheduler } from "../scheduler/scheduler.js";
import type { Store, UserRecord } from "../store/index.js";

/** What the REST API's routes work with. */
export interface ApiContext {
  store: Store;
  scheduler: Scheduler;
  processor: DagProcessor;
  logs: LogFollower;
  userAuth: UserAuth;
  serverVersion: string;
}

/** The signed-in user of a request, who must have at least `role` (401 / 403 otherwise). */
export async function authorize(
  api: ApiContext,
  request: FastifyRequest,
  role: Role,
): Promise<UserRecord> {
  const user = await api.userAuth.authenticate(request.headers.authorization);
  requireRole(user, role);
  return user;
}

/** A page of `items`, ordered by `order_by` (a field of `orderable`, `-` first for descending). */
export function page<T>(
  items: readonly T[],
  query: { limit: number; offset: number; order_by?: string | undefined },
  orderable: Record<string, (item: T) => string | number | boolean | null>,
  defaultOrder: string,
): { items: T[]; total: number } {
  const orderBy = query.order_by ?? defaultOrder;
  const descending = orderBy.startsWith("-");
  const field = descending ? orderBy.slice(1) : orderBy;
  const key = orderable[field];
  if (!key) {
    throw new BordaError(
      ErrorCode.invalidInput,
      `order_by: cannot order by '${field}'; use one of ${Object.keys(orderable).join(", ")} (prefix '-' for descending).`,
    );
  }
  const sorted = [...items].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    const order = x === y ? 0 : x === null ? -1 : y === null ? 1 : x < y ? -1 : 1;
    return descending ? -order : order;
  });
  return { items: sorted.slice(query.offset, query.offset + query.limit), total: items.length };
}

export const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);
