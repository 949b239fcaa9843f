import { type ApiTeam, teamRoleNames } from "@borda/protocol";
import type { Command } from "commander";
import { ApiClient, type ApiOptions, addApiOptions, apiPath } from "../apiClient.js";
import { addOutputOption, instant, outputFormat, printFields, printRows } from "../output.js";

/** The team role named by `--role`, in any case; an error names the choices. */
function parseTeamRole(value: string): string {
  const role = teamRoleNames.find((r) => r.toLowerCase() === value.toLowerCase());
  if (!role) {
    throw new Error(
      `a team role is one of ${teamRoleNames.join(", ")}, not '${value}' (Admin is global, not a team's).`,
    );
  }
  return role;
}

/** Comma-separated queue patterns as a list. */
function queueList(text: string): string[] {
  return text
    .split(",")
    .map((q) => q.trim())
    .filter(Boolean);
}

const queuesHelp =
  "comma-separated queues the team owns; '*' is a wildcard, e.g. 'sales_*,reports' (no other team's may overlap)";

/**
 * `borda teams`: teams, the queues they own and their members, through the REST API
 * (`/api/v1/teams`; docs/teams.md). Admins change them; a member lists and shows their
 * own teams.
 */
export function registerTeamCommands(program: Command): void {
  const teams = program
    .command("teams")
    .description(
      "List, create, change and delete teams, and give users a role in them (changes need Admin). A team owns queues, the DAGs of its folder, pools, connections and variables.",
    );

  addOutputOption(
    addApiOptions(
      teams.command("list").description("List the teams (yours, or every team for an Admin)."),
    ),
  ).action(async (options: ApiOptions & { output?: string }) => {
    const format = outputFormat(options);
    printRows(
      await ApiClient.fromOptions(options).getAll<"teams", ApiTeam>("/teams", "teams"),
      [
        { header: "NAME", value: (t) => t.name },
        { header: "QUEUES", value: (t) => t.queues },
        { header: "YOUR ROLE", value: (t) => t.role },
        { header: "CREATED", value: (t) => instant(t.created_at) },
        { header: "DESCRIPTION", value: (t) => t.description },
      ],
      format,
    );
  });

  addOutputOption(
    addApiOptions(teams.command("show").description("Show one team.").argument("<team>")),
    "text",
  ).action(async (name: string, options: ApiOptions & { output?: string }) => {
    const format = outputFormat(options, "text");
    printFields(
      await ApiClient.fromOptions(options).get<ApiTeam>(apiPath`/teams/${name}`),
      [
        { label: "Name", value: (t) => t.name },
        { label: "Description", value: (t) => t.description },
        { label: "Queues", value: (t) => t.queues },
        { label: "Your role", value: (t) => t.role ?? "Admin" },
        { label: "Created", value: (t) => instant(t.created_at) },
      ],
      format,
    );
  });

  addApiOptions(
    teams
      .command("create")
      .description(
        "Create a team. Its DAGs are the files of the DAGs folder's subfolder of its name (and files deployed with `borda dags deploy --team`).",
      )
      .argument("<name>", "letters, digits, '-' and '_'; also its DAGs folder's name")
      .requiredOption("--queues <patterns>", queuesHelp)
      .option("--description <text>", "what the team is"),
  ).action(async (name: string, options: ApiOptions & { queues: string; description?: string }) => {
    const team = await ApiClient.fromOptions(options).post<ApiTeam>("/teams", {
      name,
      queues: queueList(options.queues),
      ...(options.description === undefined ? {} : { description: options.description }),
    });
    process.stdout.write(`Created team '${team.name}', owning queues ${team.queues.join(", ")}.\n`);
  });

  addApiOptions(
    teams
      .command("update")
      .description("Change a team's queues or description (the default team's queues are fixed).")
      .argument("<team>")
      .option("--queues <patterns>", `${queuesHelp}; replaces the team's list`)
      .option("--description <text>", "what the team is"),
  ).action(
    async (name: string, options: ApiOptions & { queues?: string; description?: string }) => {
      if (options.queues === undefined && options.description === undefined) {
        throw new Error("give --queues or --description (or both).");
      }
      const team = await ApiClient.fromOptions(options).patch<ApiTeam>(apiPath`/teams/${name}`, {
        ...(options.queues === undefined ? {} : { queues: queueList(options.queues) }),
        ...(options.description === undefined ? {} : { description: options.description }),
      });
      process.stdout.write(`Updated team '${team.name}': queues ${team.queues.join(", ")}.\n`);
    },
  );

  addApiOptions(
    teams
      .command("delete")
      .description(
        "Delete a team and its memberships; refused while it still owns DAGs, pools, connections, variables or worker tokens.",
      )
      .argument("<team>"),
  ).action(async (name: string, options: ApiOptions) => {
    await ApiClient.fromOptions(options).delete(apiPath`/teams/${name}`);
    process.stdout.write(`Deleted team '${name}'.\n`);
  });

  addOutputOption(
    addApiOptions(
      teams
        .command("members")
        .description("List a team's members and their roles.")
        .argument("<team>"),
    ),
  ).action(async (name: string, options: ApiOptions & { output?: string }) => {
    const format = outputFormat(options);
    printRows(
      await ApiClient.fromOptions(options).getAll<"members", { username: string; role: string }>(
        apiPath`/teams/${name}/members`,
        "members",
      ),
      [
        { header: "USERNAME", value: (m) => m.username },
        { header: "ROLE", value: (m) => m.role },
      ],
      format,
    );
  });

  addApiOptions(
    teams
      .command("add-member")
      .description("Give a user a role in a team (added, or their role there changed).")
      .argument("<team>")
      .argument("<username>")
      .requiredOption("--role <role>", `their role in the team: ${teamRoleNames.join(", ")}`),
  ).action(async (name: string, username: string, options: ApiOptions & { role: string }) => {
    const role = parseTeamRole(options.role);
    await ApiClient.fromOptions(options).put(apiPath`/teams/${name}/members/${username}`, {
      role,
    });
    process.stdout.write(`'${username}' is ${role} in team '${name}'.\n`);
  });

  addApiOptions(
    teams
      .command("remove-member")
      .description("Take a user out of a team (a user who is not an Admin keeps at least one).")
      .argument("<team>")
      .argument("<username>"),
  ).action(async (name: string, username: string, options: ApiOptions) => {
    await ApiClient.fromOptions(options).delete(apiPath`/teams/${name}/members/${username}`);
    process.stdout.write(`Removed '${username}' from team '${name}'.\n`);
  });
}
