import { type QueryClient, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, ok, rememberCsrfToken } from "./client.js";
import type { Session } from "./types.js";

const sessionKey = ["session"] as const;

/** Who is signed in (null: nobody). Reading it also restores the CSRF token after a reload. */
export function useSession() {
  return useQuery({
    queryKey: sessionKey,
    queryFn: async (): Promise<Session | null> => {
      const { data, response } = await api.GET("/api/v1/auth/session");
      if (response.status === 401) return null;
      const session = await ok(Promise.resolve({ data, response }));
      rememberCsrfToken(session.csrf_token);
      return session;
    },
    staleTime: Number.POSITIVE_INFINITY,
    refetchInterval: false,
  });
}

/**
 * Drops everything read as the previous user, keeping the session query itself: the frame
 * watches it, and setting it is what swaps the sign-in form for the app (or back).
 */
function forgetAllBut(client: QueryClient, session: Session | null): void {
  client.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] });
  client.setQueryData(sessionKey, session);
}

export function useSignIn() {
  const client = useQueryClient();
  return async (username: string, password: string) => {
    const session = await ok(api.POST("/api/v1/auth/session", { body: { username, password } }));
    rememberCsrfToken(session.csrf_token);
    forgetAllBut(client, session);
  };
}

export function useSignOut() {
  const client = useQueryClient();
  return async () => {
    await ok(api.DELETE("/api/v1/auth/session"));
    rememberCsrfToken(null);
    forgetAllBut(client, null);
  };
}

/**
 * Whether the signed-in user sees more than one team's objects: only then do lists name
 * each object's team, so a single-team install looks as it always did.
 */
export function useSeesTeams(): boolean {
  return (useSession().data?.teams.length ?? 0) > 1;
}

type NeededRole = "User" | "Op" | "Admin";

/** Whether the signed-in user's role may do what `role` may (Airflow's order: Viewer < User < Op < Admin). */
export function useCan(role: NeededRole): boolean {
  const session = useSession().data;
  return session ? roleAllows(session.role, role) : false;
}

/** Whether `role` may do what `needed` may. */
export function roleAllows(role: Session["role"], needed: NeededRole): boolean {
  const order = ["Viewer", "User", "Op", "Admin"];
  return order.indexOf(role) >= order.indexOf(needed);
}
