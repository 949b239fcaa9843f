import { fileURLToPath } from "node:url";

/** The directory to put on PYTHONPATH so that `import borda` finds this runtime. */
export const pythonPath = fileURLToPath(new URL("./src", import.meta.url));
