// `npm run docs:config`: writes docs/configuration.md, the configuration reference, from the
// settings tables. packages/cli/src/configReference.ts builds the text (run `tsc -b
// packages/cli` first, as the npm script does); packages/cli/test/configReference.test.ts
// fails when the committed file is not what it builds.
import { writeFileSync } from "node:fs";
import { configReference } from "../packages/cli/dist/configReference.js";

const file = new URL("../docs/configuration.md", import.meta.url);
writeFileSync(file, configReference());
console.log("wrote docs/configuration.md");
