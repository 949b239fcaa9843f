import { expect, it } from "vitest";
import { airflowV2Spec, describeWithAirflowV2Spec } from "./support/airflowConformance.js";
import { startApiWithUsers } from "./support/api.js";
import { describeEachBackend } from "./support/backends.js";
import type { OpenApiDocument } from "./support/openApiConformance.js";

/**
 * How much of Airflow 3's v2 REST API Borda serves, read from Borda's own OpenAPI
 * document: it prints the operations served and those not (the list docs/api.md gives),
 * and fails if Borda serves a /api/v2 operation Airflow 3 does not have.
 */
describeWithAirflowV2Spec("Airflow 3's v2 operations that Borda serves", () => {
  describeEachBackend("coverage of the v2 spec", (backend) => {
    it("serves only Airflow 3's operations, and says which it does not serve", async () => {
      const cp = await startApiWithUsers(backend);
      const document = (await (
        await fetch(`${cp.url}/api/v1/openapi.json`)
      ).json()) as OpenApiDocument;
      const served = new Set(
        Object.entries(document.paths)
          .filter(([path]) => path.startsWith("/api/v2/"))
          .flatMap(([path, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`)),
      );
      const operations = airflowV2Spec
        .operations()
        .map((op) => ({ key: `${op.method.toUpperCase()} ${op.path}`, id: op.operationId }));
      const known = new Set(operations.map((op) => op.key));
      expect(
        [...served].filter((key) => !known.has(key)),
        "Borda serves these under /api/v2, but Airflow 3's spec has no such operation",
      ).toEqual([]);
      const missing = operations.filter((op) => !served.has(op.key));
      console.log(
        `Borda serves ${served.size} of the ${operations.length} operations of Airflow 3's v2 REST API. Not served:\n${missing
          .map((op) => `  ${op.key} (${op.id})`)
          .join("\n")}`,
      );
      expect(served.size).toBeGreaterThan(0);
    });
  });
});
