import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

/** The built web UI (`@borda/ui`'s dist/), or null when it has not been built. */
export function findWebUi(): string | null {
  try {
    const manifest = createRequire(import.meta.url).resolve("@borda/ui/package.json");
    const dist = path.join(path.dirname(manifest), "dist");
    return existsSync(path.join(dist, "index.html")) ? dist : null;
  } catch {
    return null;
  }
}

const notBuiltPage = `<!doctype html><meta charset="utf-8"><title>Borda</title>
<p>The web UI is not built. Run <code>npm run build</code> in the Borda checkout, then reload.
The REST API is at <a href="/api/docs">/api/docs</a>.</p>`;

/**
 * Serves the single-page app at `/`: its files by name (hashed assets cached for a year),
 * and index.html for any other page path, so a deep link like /dags/etl/runs/x loads the
 * app, which routes it. API paths never fall back to the page: their 404 stays JSON.
 */
export async function serveWebUi(
  app: FastifyInstance,
  root: string | null,
): Promise<(request: FastifyRequest, reply: FastifyReply) => boolean> {
  if (root) {
    await app.register(fastifyStatic, {
      root,
      prefix: "/",
      wildcard: true,
      index: "index.html",
      setHeaders: (response, file) => {
        const hashed = file.includes(`${path.sep}assets${path.sep}`);
        response.header(
          "cache-control",
          hashed ? "public, max-age=31536000, immutable" : "no-cache",
        );
      },
    });
  } else {
    app.get("/", { schema: { hide: true } }, async (_request, reply) =>
      reply.type("text/html; charset=utf-8").send(notBuiltPage),
    );
  }
  return (request, reply) => {
    const isPage =
      request.method === "GET" &&
      !/^\/(api|edge)\//.test(request.url) &&
      (request.headers.accept ?? "").includes("text/html");
    if (!isPage) return false;
    if (root) void reply.type("text/html; charset=utf-8").sendFile("index.html");
    else void reply.type("text/html; charset=utf-8").send(notBuiltPage);
    return true;
  };
}
