import { describe, expect, it } from "vitest";
import { createLogger } from "../src/logger.js";

const now = () => new Date("2026-11-21T05:12:00.123Z");

describe("worker logger", () => {
  it("writes one concise line per event: time, level, message, fields", () => {
    const lines: string[] = [];
    const logger = createLogger({
      level: "info",
      format: "text",
      now,
      write: (l) => lines.push(l),
    });
    logger.info("task started", { attemptId: "a-1", dagId: "etl", try: 2 });
    logger.warn("the fetch failed", {
      error: Object.assign(new Error("refused"), { code: "unreachable" }),
    });
    logger.debug("not shown at info");
    expect(lines).toEqual([
      "2026-11-21T05:12:00.123Z INFO  task started attemptId=a-1 dagId=etl try=2\n",
      '2026-11-21T05:12:00.123Z WARN  the fetch failed error="refused (unreachable)"\n',
    ]);
  });

  it("writes JSON objects in json format, and nothing when silent", () => {
    const lines: string[] = [];
    createLogger({ level: "debug", format: "json", now, write: (l) => lines.push(l) }).debug(
      "hello",
      { queues: "a,b" },
    );
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      { level: "debug", time: "2026-11-21T05:12:00.123Z", msg: "hello", queues: "a,b" },
    ]);
    const silent: string[] = [];
    createLogger({ level: "silent", format: "text", write: (l) => silent.push(l) }).error("x");
    expect(silent).toEqual([]);
  });
});
