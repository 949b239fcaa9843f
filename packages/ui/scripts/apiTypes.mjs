/**
 * The UI's API types, generated from the OpenAPI document the control plane serves, so the
 * UI never hand-writes a shape the API already describes. `npm run generate:api -w
 * @borda/ui` rewrites src/api/schema.d.ts; a test fails when the committed file is stale.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { resolveServerConfig, startControlPlane } from "@borda/server";
import openapiTS, { astToString } from "openapi-typescript";

export const schemaFile = fileURLToPath(new URL("../src/api/schema.d.ts", import.meta.url));

const header = `// Generated from Borda's OpenAPI document by packages/ui/scripts/apiTypes.mjs.
// Do not edit: run \`npm run generate:api -w @borda/ui\` after changing an API schema.
`;

/** Starts a throwaway control plane, reads its OpenAPI document and renders the types. */
export async function generateApiTypes() {
  const home = mkdtempSync(path.join(tmpdir(), "borda-api-types-"));
  const controlPlane = await startControlPlane({
    ...resolveServerConfig({}, {}),
    home,
    dagsFolder: path.join(home, "dags"),
    port: 0,
    host: "127.0.0.1",
    logLevel: "silent",
  });
  try {
    const document = await (await fetch(`${controlPlane.url}/api/v1/openapi.json`)).json();
    return header + astToString(await openapiTS(document));
  } finally {
    await controlPlane.stop();
    rmSync(home, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(schemaFile, await generateApiTypes());
  console.log(`wrote ${path.relative(process.cwd(), schemaFile)}`);
}
