import type { ApiUser } from "@borda/protocol";
import type { Command } from "commander";
import { ApiClient, type ApiOptions, addApiOptions, apiPath } from "../apiClient.js";
import { addOutputOption, instant, outputFormat, printRows } from "../output.js";

const roles = ["Admin", "Op", "User", "Viewer"];

/** The role named by `--role` or an argument, in any case; an error names the choices. */
function parseRole(value: string): string {
  const role = roles.find((r) => r.toLowerCase() === value.toLowerCase());
  if (!role) throw new Error(`the role must be one of ${roles.join(", ")}, not '${value}'.`);
  return role;
}

/** A password from --password, or else BORDA_NEW_USER_PASSWORD (kept out of shell history). */
function passwordFrom(options: { password?: string }): string {
  const password = options.password ?? process.env.BORDA_NEW_USER_PASSWORD ?? "";
  if (password === "") {
    throw new Error("give the password: --password, or BORDA_NEW_USER_PASSWORD.");
  }
  return password;
}

const teamHelp =
  "the team in which the user holds the role (default: the default team); Admin is every team's. `borda teams add-member` gives more teams";

/** "Op role in team 'sales'", or just "Op role" when no team was named (or for Admin). */
function roleIn(role: string, team: string | undefined): string {
  return team === undefined || role === "Admin" ? `${role} role` : `${role} role in team '${team}'`;
}

/** `borda users`: who may use the REST API and the UI, and with which role (Admin only). */
export function registerUserCommands(program: Command): void {
  const users = program
    .command("users")
    .description(
      "List, create, change and delete the users of the REST API and the UI (needs Admin).",
    );

  addOutputOption(addApiOptions(users.command("list").description("List the users."))).action(
    async (options: ApiOptions & { output?: string }) => {
      const format = outputFormat(options);
      printRows(
        await ApiClient.fromOptions(options).getAll<"users", ApiUser>("/users", "users"),
        [
          { header: "USERNAME", value: (u) => u.username },
          { header: "ROLE", value: (u) => u.roles.map((r) => r.name).join(",") },
          { header: "CREATED", value: (u) => instant(u.created_on) },
          { header: "LAST LOGIN", value: (u) => instant(u.last_login) },
        ],
        format,
      );
    },
  );

  addApiOptions(
    users
      .command("create")
      .description(
        "Create a user. The password comes from --password, or else from BORDA_NEW_USER_PASSWORD (which keeps it out of the shell history).",
      )
      .argument("<username>")
      .requiredOption("--role <role>", `the user's role: ${roles.join(", ")}`)
      .option("--team <team>", teamHelp)
      .option("--password <password>", "the new user's password [env BORDA_NEW_USER_PASSWORD]"),
  ).action(
    async (
      username: string,
      options: ApiOptions & { role: string; team?: string; password?: string },
    ) => {
      const role = parseRole(options.role);
      const user = await ApiClient.fromOptions(options).post<ApiUser>("/users", {
        username,
        password: passwordFrom(options),
        roles: [{ name: role }],
        ...(options.team === undefined ? {} : { team: options.team }),
      });
      process.stdout.write(
        `Created user '${user.username}' with the ${roleIn(role, options.team)}.\n`,
      );
    },
  );

  addApiOptions(
    users
      .command("set-role")
      .description(
        "Give a user another role, in the team named by --team (the default team when none); Admin is global. The last Admin keeps theirs.",
      )
      .argument("<username>")
      .argument("<role>", `the new role: ${roles.join(", ")}`)
      .option("--team <team>", teamHelp),
  ).action(async (username: string, roleName: string, options: ApiOptions & { team?: string }) => {
    const role = parseRole(roleName);
    await ApiClient.fromOptions(options).patch<ApiUser>(
      apiPath`/users/${username}?update_mask=roles`,
      { roles: [{ name: role }], ...(options.team === undefined ? {} : { team: options.team }) },
    );
    process.stdout.write(`'${username}' now has the ${roleIn(role, options.team)}.\n`);
  });

  addApiOptions(
    users
      .command("set-password")
      .description(
        "Set a user's password; their browser sessions end. From --password, or else BORDA_NEW_USER_PASSWORD.",
      )
      .argument("<username>")
      .option("--password <password>", "the new password [env BORDA_NEW_USER_PASSWORD]"),
  ).action(async (username: string, options: ApiOptions & { password?: string }) => {
    await ApiClient.fromOptions(options).patch<ApiUser>(
      apiPath`/users/${username}?update_mask=password`,
      { password: passwordFrom(options) },
    );
    process.stdout.write(`Set the password of '${username}'.\n`);
  });

  addApiOptions(
    users.command("delete").description("Delete a user.").argument("<username>"),
  ).action(async (username: string, options: ApiOptions) => {
    await ApiClient.fromOptions(options).delete(apiPath`/users/${username}`);
    process.stdout.write(`Deleted user '${username}'.\n`);
  });
}
