import { Validator } from "@seriousme/openapi-schema-validator";
import { expect, it } from "vitest";
import { describeEachBackend } from "./support/backends.js";
import { startTestControlPlane } from "./support/controlPlane.js";

/**
 * The OpenAPI document is generated from the same zod schemas that validate every request
 * and serialise every response (a response that does not match its schema is a 500, which
 * the suites, the fuzz test included, would catch), so what the document says is what the
 * server does. Here: the document itself is valid OpenAPI 3.1.
 */
describeEachBackend("the OpenAPI document", (backend) => {
  it("is valid OpenAPI 3.1 and describes both APIs", async () => {
    const cp = await startTestControlPlane(backend);
    const doc = (await (await fetch(`${cp.url}/api/v1/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    const validator = new Validator();
    const result = await validator.validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
    const paths = Object.keys(doc.paths);
    expect(paths.filter((p) => p.startsWith("/api/v1/")).length).toBeGreaterThan(10);
    expect(paths.filter((p) => p.startsWith("/edge/v1/")).length).toBeGreaterThan(5);
  });

  it("is readable at /api/docs, a page with no outside assets", async () => {
    const cp = await startTestControlPlane(backend);
    const response = await fetch(`${cp.url}/api/docs`);
    expect(response.headers.get("content-type")).toContain("text/html");
    const page = await response.text();
    expect(page).toContain('fetch("/api/v1/openapi.json")');
    expect(page).not.toMatch(/<(script|link)[^>]+(src|href)="https?:/);
  });
});
