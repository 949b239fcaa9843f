import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { generateApiTypes, schemaFile } from "../scripts/apiTypes.mjs";

it("the UI's API types match the OpenAPI document the server serves (else: npm run generate:api -w @borda/ui)", async () => {
  expect(readFileSync(schemaFile, "utf8")).toBe(await generateApiTypes());
});
