import type { ApiPool } from "@borda/protocol";
import type { Command } from "commander";
import { ApiClient, ApiError, type ApiOptions, addApiOptions, apiPath } from "../apiClient.js";
import { addOutputOption, outputFormat, printRows } from "../output.js";
import { moveTeamHelp } from "./credentialCommands.js";

/** `borda pools`: the slots that limit how many tasks run at once, through the REST API. */
export function registerPoolCommands(program: Command): void {
  const pools = program
    .command("pools")
    .description("List, create, resize and delete pools (limits on concurrent tasks).");

  addOutputOption(addApiOptions(pools.command("list").description("List the pools."))).action(
    async (options: ApiOptions & { output?: string }) => {
      const format = outputFormat(options);
      printRows(
        await ApiClient.fromOptions(options).getAll<"pools", ApiPool>("/pools", "pools"),
        [
          { header: "NAME", value: (p) => p.name },
          { header: "SLOTS", value: (p) => p.slots },
          { header: "RUNNING", value: (p) => p.running_slots },
          { header: "QUEUED", value: (p) => p.queued_slots },
          { header: "OPEN", value: (p) => p.open_slots },
          { header: "DESCRIPTION", value: (p) => p.description },
        ],
        format,
      );
    },
  );

  addApiOptions(
    pools
      .command("set")
      .description("Create a pool, or change the slots (and description) of an existing one.")
      .argument("<name>")
      .argument("<slots>", "how many slots; 0 holds every task of the pool")
      .option("--description <text>", "what the pool is for")
      .option("--team <team>", moveTeamHelp),
  ).action(
    async (
      name: string,
      slotsText: string,
      options: ApiOptions & { description?: string; team?: string },
    ) => {
      const slots = Number(slotsText);
      if (!Number.isInteger(slots) || slots < 0) {
        throw new Error(`<slots> must be a whole number, 0 or more, not '${slotsText}'.`);
      }
      const client = ApiClient.fromOptions(options);
      const fields = {
        slots,
        ...(options.description === undefined ? {} : { description: options.description }),
        ...(options.team === undefined ? {} : { team: options.team }),
      };
      let pool: ApiPool;
      let created = false;
      try {
        pool = await client.patch<ApiPool>(apiPath`/pools/${name}`, fields);
      } catch (error) {
        if (!(error instanceof ApiError && error.status === 404)) throw error;
        pool = await client.post<ApiPool>("/pools", { name, ...fields });
        created = true;
      }
      process.stdout.write(
        `${created ? "Created" : "Updated"} pool '${pool.name}' with ${pool.slots} slots.\n`,
      );
    },
  );

  addApiOptions(pools.command("delete").description("Delete a pool.").argument("<name>")).action(
    async (name: string, options: ApiOptions) => {
      await ApiClient.fromOptions(options).delete(apiPath`/pools/${name}`);
      process.stdout.write(`Deleted pool '${name}'.\n`);
    },
  );
}
