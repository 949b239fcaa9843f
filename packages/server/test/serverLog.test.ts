import { describe, expect, it } from "vitest";
import { resolveServerConfig } from "../src/config.js";
import { chooseLogFormat, textLogLine } from "../src/serverLog.js";

describe("the control plane's log format", () => {
  it("writes a pino entry as time, level, message and its fields, one word each", () => {
    const line = textLogLine({
      level: 40,
      time: Date.parse("2026-01-01T12:00:00.000Z"),
      pid: 4242,
      hostname: "box",
      msg: "database connection lost; reconnecting",
      database: "/srv/borda/borda.db",
      attempt: 3,
      err: { type: "Error", message: "connect ECONNREFUSED 127.0.0.1:5432", stack: "Error: …" },
      dag: { id: "etl" },
    });
    expect(line).toBe(
      '2026-01-01T12:00:00.000Z WARN  database connection lost; reconnecting database=/srv/borda/borda.db attempt=3 err="Error: connect ECONNREFUSED 127.0.0.1:5432" dag="{\\"id\\":\\"etl\\"}"\n',
    );
  });

  it("is text on a terminal and JSON elsewhere, unless a format is asked for", () => {
    expect(chooseLogFormat("auto", true)).toBe("text");
    expect(chooseLogFormat("auto", false)).toBe("json");
    expect(chooseLogFormat("json", true)).toBe("json");
    expect(chooseLogFormat("text", false)).toBe("text");
  });

  it("reads the format from --log-format or BORDA_LOG_FORMAT, auto by default, and refuses others", () => {
    expect(resolveServerConfig({}, {}).logFormat).toBe("auto");
    expect(resolveServerConfig({}, { BORDA_LOG_FORMAT: "json" }).logFormat).toBe("json");
    expect(resolveServerConfig({ logFormat: "text" }, { BORDA_LOG_FORMAT: "json" }).logFormat).toBe(
      "text",
    );
    expect(() => resolveServerConfig({ logFormat: "pretty" }, {})).toThrow(/auto, text, json/);
  });
});
