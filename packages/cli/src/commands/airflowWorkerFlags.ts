import { BordaError, ErrorCode } from "@borda/protocol/edge";
import { type Command, Option } from "commander";
import { longFlag, optionKey } from "./settingFlags.js";

/**
 * `airflow edge worker`'s flags (the edge3 provider's CLI) on `borda worker`, so a
 * command line written for Airflow works or says what to write instead. `-c` and `-q` are
 * Borda's own flags' short forms; the aliases below mean exactly what Borda's flag means.
 */
const aliases = [
  {
    flags: "--queue <names>",
    setting: "queues",
    help: "--queues (argparse lets Airflow users shorten --queues to --queue)",
  },
  { flags: "-H, --edge-hostname <name>", setting: "hostname", help: "--hostname" },
] as const;

/** Airflow's flags with no Borda equivalent, each with what Borda does instead. */
const refused = [
  {
    flags: "-t, --team-name <name>",
    instead: "a worker's team comes from its token (borda tokens create --team), not from a flag.",
  },
  {
    flags: "-D, --daemon",
    instead:
      "borda worker runs in the foreground; run it under systemd or in a container (docs/deploy-workers.md).",
  },
  {
    flags: "--pid [path]",
    instead:
      "borda worker writes no pid file; signal it through its supervisor (SIGTERM drains it).",
  },
  {
    flags: "--stdout <file>",
    instead: "borda worker logs to stderr; redirect it, or let the supervisor collect it.",
  },
  {
    flags: "--stderr <file>",
    instead: "borda worker logs to stderr; redirect it, or let the supervisor collect it.",
  },
  {
    flags: "-l, --log-file <file>",
    instead: "borda worker logs to stderr; redirect it (--log-format json for a log collector).",
  },
  {
    flags: "-u, --umask <mask>",
    instead: "borda worker does not daemonize; set the umask in the shell or unit that starts it.",
  },
] as const;

const verboseHelp = "--log-level debug";

/** Adds Airflow's worker flags to `command`, hidden from the option list; the help lists them. */
export function addAirflowWorkerFlags(command: Command): Command {
  for (const alias of aliases) command.addOption(new Option(alias.flags).hideHelp());
  command.addOption(new Option("-v, --verbose").hideHelp());
  for (const flag of refused) command.addOption(new Option(flag.flags).hideHelp());
  const lines = [
    ...aliases.map((a) => `  ${a.flags.padEnd(28)} as ${a.help}`),
    `  ${"-v, --verbose".padEnd(28)} as ${verboseHelp}`,
    ...refused.map((r) => `  ${r.flags.padEnd(28)} refused: ${r.instead}`),
  ];
  return command.addHelpText(
    "after",
    `\nAirflow's \`airflow edge worker\` flags (-c and -q are --concurrency and --queues):\n${lines.join("\n")}\n`,
  );
}

/**
 * Borda's settings from Airflow's flags in `options`, for those Borda's own flags did not
 * set; throws for a flag Borda refuses, saying what to use instead.
 */
export function airflowWorkerSettings(
  options: Record<string, unknown>,
  given: Partial<Record<string, string>>,
): Partial<Record<"queues" | "hostname" | "logLevel", string>> {
  for (const flag of refused) {
    if (options[optionKey(flag.flags)] !== undefined) {
      throw new BordaError(
        ErrorCode.invalidInput,
        `${longFlag(flag.flags)} (an Airflow edge worker flag) is not supported: ${flag.instead}`,
      );
    }
  }
  const settings: Partial<Record<"queues" | "hostname" | "logLevel", string>> = {};
  for (const alias of aliases) {
    const value = options[optionKey(alias.flags)];
    if (typeof value === "string" && given[alias.setting] === undefined) {
      settings[alias.setting] = value;
    }
  }
  if (options.verbose === true && given.logLevel === undefined) settings.logLevel = "debug";
  return settings;
}
