/**
 * The whole `borda` program, every command; main.ts imports it for anything but
 * `borda worker`.
 */
import { bordaProgram } from "./bordaProgram.js";
import { registerApiTokenCommands } from "./commands/apiTokens.js";
import { registerBackfillCommands } from "./commands/backfills.js";
import { registerConnectionCommands } from "./commands/connections.js";
import { registerDagCommands } from "./commands/dags.js";
import { registerDbCommands } from "./commands/db.js";
import { registerPoolCommands } from "./commands/pools.js";
import { registerRunCommands } from "./commands/runs.js";
import { registerServerCommands } from "./commands/server.js";
import { registerStatusCommand } from "./commands/status.js";
import { registerTaskCommands } from "./commands/tasks.js";
import { registerTeamCommands } from "./commands/teams.js";
import { registerTokenCommands } from "./commands/tokens.js";
import { registerUserCommands } from "./commands/users.js";
import { registerVariableCommands } from "./commands/variables.js";
import { registerWorkerCommand } from "./commands/worker.js";
import { registerWorkersCommands } from "./commands/workers.js";
import { runProgram } from "./runProgram.js";

const program = bordaProgram().description(
  "Borda: a workflow orchestrator whose tasks run on edge workers anywhere.",
);

registerServerCommands(program);
registerDbCommands(program);
registerTokenCommands(program);
registerWorkerCommand(program);
registerDagCommands(program);
registerRunCommands(program);
registerBackfillCommands(program);
registerTaskCommands(program);
registerPoolCommands(program);
registerConnectionCommands(program);
registerVariableCommands(program);
registerUserCommands(program);
registerTeamCommands(program);
registerApiTokenCommands(program);
registerWorkersCommands(program);
registerStatusCommand(program);

await runProgram(program);
