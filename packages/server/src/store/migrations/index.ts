import type { Migration, MigrationProvider } from "kysely";
import type { Dialect } from "../storeContext.js";
import { initialSchema } from "./001_initial.js";
import { edgeWorkersSchema } from "./002_edge_workers.js";
import { usersSchema } from "./003_users.js";
import { eventLogSchema } from "./004_event_log.js";
import { apiTokensSchema } from "./005_api_tokens.js";
import { workerTimeoutsSchema } from "./006_worker_timeouts.js";
import { credentialsSchema } from "./007_credentials.js";
import { runProgressIndexSchema } from "./008_run_progress_index.js";
import { sensorsSchema } from "./010_sensors.js";
import { backfillsSchema } from "./011_backfills.js";
import { callbackDeliveriesSchema } from "./012_callback_deliveries.js";
import { assetsSchema } from "./013_assets.js";
import { workerProtocolSchema } from "./014_worker_protocol.js";
import { workerSelfMaintenanceSchema } from "./015_worker_self_maintenance.js";
import { claimOrderSchema } from "./016_claim_order.js";
import { startUnconfirmedSchema } from "./017_start_unconfirmed.js";
import { teamsSchema } from "./018_teams.js";

/**
 * Every migration, in order. Names sort lexically; never rename or edit one that has
 * shipped — add the next.
 */
export function migrationProvider(dialect: Dialect): MigrationProvider {
  return {
    async getMigrations(): Promise<Record<string, Migration>> {
      return {
        "001_initial": { up: initialSchema(dialect) },
        "002_edge_workers": { up: edgeWorkersSchema },
        "003_users": { up: usersSchema },
        "004_event_log": { up: eventLogSchema(dialect) },
        "005_api_tokens": { up: apiTokensSchema },
        "006_worker_timeouts": { up: workerTimeoutsSchema },
        "007_credentials": { up: credentialsSchema },
        "008_run_progress_index": { up: runProgressIndexSchema },
        "010_sensors": { up: sensorsSchema },
        "011_backfills": { up: backfillsSchema(dialect) },
        "012_callback_deliveries": { up: callbackDeliveriesSchema(dialect) },
        "013_assets": { up: assetsSchema(dialect) },
        "014_worker_protocol": { up: workerProtocolSchema },
        "015_worker_self_maintenance": { up: workerSelfMaintenanceSchema },
        "016_claim_order": { up: claimOrderSchema },
        "017_start_unconfirmed": { up: startUnconfirmedSchema },
        "018_teams": { up: teamsSchema },
      };
    },
  };
}
