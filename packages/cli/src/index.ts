/** What DAG files import: `import { dag, task, bash } from "borda"`. */
export * from "@borda/sdk";
