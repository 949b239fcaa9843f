import { BordaError, ErrorCode } from "@borda/protocol";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type DagRunInfo,
  type DataInterval,
  manualDataInterval,
  nextDagRunInfo,
  type TimetableSpec,
  toInstant,
  validateSchedule,
} from "../src/scheduler/timetable.js";

const berlin = "Europe/Berlin";
const newYork = "America/New_York";
const hourMs = 60 * 60 * 1000;

function spec(overrides: Partial<TimetableSpec> = {}): TimetableSpec {
  return {
    schedule: "@daily",
    startDate: "2025-01-01T00:00:00Z",
    endDate: null,
    timezone: "UTC",
    catchup: true,
    ...overrides,
  };
}

const at = (iso: string) => new Date(iso);
const iso = (date: Date) => date.toISOString();
const span = (interval: DataInterval) => [iso(interval.start), iso(interval.end)];

/** Creates runs the way the scheduler does: each due run in turn, continuing after the last. */
function dueRuns(timetable: TimetableSpec, now: Date, last: DataInterval | null = null) {
  const runs: DagRunInfo[] = [];
  for (let next = nextDagRunInfo(timetable, last, now); next && next.runAfter <= now; ) {
    runs.push(next);
    if (runs.length > 5000) throw new Error("the timetable does not advance");
    last = next.dataInterval;
    next = nextDagRunInfo(timetable, last, now);
  }
  return runs;
}

/** Every run starts where the previous ended, moves forward, and is due at its end. */
function expectContiguousChain(runs: DagRunInfo[]) {
  expect(runs.length).toBeGreaterThan(0);
  runs.forEach((run, i) => {
    expect(run.logicalDate).toEqual(run.dataInterval.start);
    expect(run.runAfter).toEqual(run.dataInterval.end);
    expect(run.dataInterval.end.getTime()).toBeGreaterThan(run.dataInterval.start.getTime());
    const previous = runs[i - 1];
    if (previous) expect(run.dataInterval.start).toEqual(previous.dataInterval.end);
  });
  expect(new Set(runs.map((run) => iso(run.logicalDate))).size).toBe(runs.length);
}

function localDay(date: Date, timezone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: timezone }).format(date);
}

function localTime(date: Date, timezone: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone: timezone,
    hour: "2-digit",
    minute: "2-digit",
  }).format(date);
}

function runsPerLocalDay(runs: DagRunInfo[], timezone: string): Map<string, string[]> {
  const days = new Map<string, string[]>();
  for (const run of runs) {
    const day = localDay(run.logicalDate, timezone);
    days.set(day, [...(days.get(day) ?? []), localTime(run.logicalDate, timezone)]);
  }
  return days;
}

function addDays(day: string, days: number): string {
  return new Date(Date.parse(day) + days * 24 * hourMs).toISOString().slice(0, 10);
}

/**
 * The DST transitions of 2025 and 2026 in both test zones. Clocks skip 02:00-03:00 in
 * spring in both zones; in autumn they repeat 02:00-03:00 in Berlin and 01:00-02:00 in
 * New York. `daily` is a daily schedule whose time is skipped or repeated that day, and
 * `fires` is the instant its run gets: when the clocks jump, or the first occurrence.
 */
const transitions = [
  {
    name: "Berlin spring-forward of 2025",
    zone: berlin,
    day: "2025-03-30",
    daily: "30 2 * * *",
    fires: "2025-03-30T01:00:00.000Z",
    hours: 23,
  },
  {
    name: "Berlin fall-back of 2025",
    zone: berlin,
    day: "2025-10-26",
    daily: "30 2 * * *",
    fires: "2025-10-26T00:30:00.000Z",
    hours: 25,
  },
  {
    name: "Berlin spring-forward of 2026",
    zone: berlin,
    day: "2026-03-29",
    daily: "30 2 * * *",
    fires: "2026-03-29T01:00:00.000Z",
    hours: 23,
  },
  {
    name: "Berlin fall-back of 2026",
    zone: berlin,
    day: "2026-10-25",
    daily: "30 2 * * *",
    fires: "2026-10-25T00:30:00.000Z",
    hours: 25,
  },
  {
    name: "New York spring-forward of 2025",
    zone: newYork,
    day: "2025-03-09",
    daily: "30 2 * * *",
    fires: "2025-03-09T07:00:00.000Z",
    hours: 23,
  },
  {
    name: "New York fall-back of 2025",
    zone: newYork,
    day: "2025-11-02",
    daily: "30 1 * * *",
    fires: "2025-11-02T05:30:00.000Z",
    hours: 25,
  },
  {
    name: "New York spring-forward of 2026",
    zone: newYork,
    day: "2026-03-08",
    daily: "30 2 * * *",
    fires: "2026-03-08T07:00:00.000Z",
    hours: 23,
  },
  {
    name: "New York fall-back of 2026",
    zone: newYork,
    day: "2026-11-01",
    daily: "30 1 * * *",
    fires: "2026-11-01T05:30:00.000Z",
    hours: 25,
  },
] as const;

/** Catches up from three local days before the transition to noon four days after it. */
function walkAcross(transition: (typeof transitions)[number], schedule: string) {
  const timetable = spec({
    schedule,
    timezone: transition.zone,
    startDate: iso(toInstant(addDays(transition.day, -3), transition.zone)),
  });
  const now = toInstant(`${addDays(transition.day, 4)}T12:00`, transition.zone);
  return dueRuns(timetable, now);
}

describe("daylight saving time", () => {
  describe.each(transitions)("across the $name", (transition) => {
    it("creates one run per local day for a daily time the transition skips or repeats", () => {
      const runs = walkAcross(transition, transition.daily);
      expectContiguousChain(runs);
      const days = runsPerLocalDay(runs, transition.zone);
      const expectedDays = [-3, -2, -1, 0, 1, 2, 3].map((d) => addDays(transition.day, d));
      expect([...days.keys()]).toEqual(expectedDays);
      for (const times of days.values()) expect(times).toHaveLength(1);
      const onTheDay = runs.find(
        (run) => localDay(run.logicalDate, transition.zone) === transition.day,
      );
      expect(iso(onTheDay?.logicalDate ?? new Date(0))).toBe(transition.fires);
    });

    it("creates one run per local day for a daily time away from the transition", () => {
      const runs = walkAcross(transition, "15 9 * * *");
      expectContiguousChain(runs);
      const days = runsPerLocalDay(runs, transition.zone);
      expect(days.size).toBe(7);
      for (const times of days.values()) expect(times).toEqual(["09:15"]);
    });

    it("keeps an hourly schedule at one-hour intervals, one run per hour the day has", () => {
      const runs = walkAcross(transition, "@hourly");
      expectContiguousChain(runs);
      for (const run of runs) {
        expect(run.dataInterval.end.getTime() - run.dataInterval.start.getTime()).toBe(hourMs);
      }
      const days = runsPerLocalDay(runs, transition.zone);
      expect(days.get(transition.day)).toHaveLength(transition.hours);
      expect(days.get(addDays(transition.day, -1))).toHaveLength(24);
      expect(days.get(addDays(transition.day, 1))).toHaveLength(24);
    });

    it("keeps a quarter-hourly schedule at 15-minute intervals without duplicate instants", () => {
      const runs = walkAcross(transition, "*/15 * * * *");
      expectContiguousChain(runs);
      for (const run of runs) {
        expect(run.dataInterval.end.getTime() - run.dataInterval.start.getTime()).toBe(hourMs / 4);
      }
      expect(runsPerLocalDay(runs, transition.zone).get(transition.day)).toHaveLength(
        transition.hours * 4,
      );
    });

    it("fires each listed time once per local day, and skipped times once when the clocks jump", () => {
      // A list of fixed times: croner alone would lose the skipped times and double the
      // repeated ones.
      const runs = walkAcross(transition, "0,30 1,2 * * *");
      expectContiguousChain(runs);
      const days = runsPerLocalDay(runs, transition.zone);
      // The walk ends at noon: the last day's 02:30 run is not due yet, so leave that day out.
      const lastDay = addDays(transition.day, 4);
      expect([...days.keys()].at(-1)).toBe(lastDay);
      days.delete(lastDay);
      expect(days.size).toBe(7);
      for (const [day, times] of days) {
        const skipped = day === transition.day && transition.hours === 23;
        expect(times).toEqual(
          skipped ? ["01:00", "01:30", "03:00"] : ["01:00", "01:30", "02:00", "02:30"],
        );
      }
    });
  });

  it("fires a stepped schedule inside the skipped hour once, when the clocks jump", () => {
    const timetable = spec({
      schedule: "*/20 2 * * *",
      timezone: berlin,
      startDate: "2025-03-28T00:00:00Z",
    });
    const runs = dueRuns(timetable, at("2025-03-31T12:00:00Z"));
    expectContiguousChain(runs);
    expect(runs.map((run) => localTime(run.logicalDate, berlin))).toEqual([
      "02:00",
      "02:20",
      "02:40", // 28 March
      "02:00",
      "02:20",
      "02:40", // 29 March
      "03:00", // 30 March: 02:00-03:00 does not exist
      "02:00",
      "02:20", // 31 March; the 02:40 run is due on 1 April
    ]);
  });

  it("fires a stepped schedule inside the repeated hour only on its first occurrence", () => {
    const timetable = spec({
      schedule: "*/20 2 * * *",
      timezone: berlin,
      startDate: "2025-10-26T00:00:00Z",
    });
    const runs = dueRuns(timetable, at("2025-10-27T12:00:00Z"));
    expectContiguousChain(runs);
    expect(runs.map((run) => iso(run.logicalDate))).toEqual([
      "2025-10-26T00:00:00.000Z", // 02:00 CEST
      "2025-10-26T00:20:00.000Z",
      "2025-10-26T00:40:00.000Z",
      "2025-10-27T01:00:00.000Z", // 02:00 CET, the next day
      "2025-10-27T01:20:00.000Z",
    ]);
  });

  it("starts after the repeated times already passed when startDate falls in the repeated hour", () => {
    // 02:05 CET: the clocks showed 02:20 and 02:40 already, an hour earlier (CEST).
    const timetable = spec({
      schedule: "*/20 2 * * *",
      timezone: berlin,
      startDate: "2025-10-26T01:05:00Z",
    });
    const first = nextDagRunInfo(timetable, null, at("2025-11-01T00:00:00Z"));
    expect(first && span(first.dataInterval)).toEqual([
      "2025-10-27T01:00:00.000Z",
      "2025-10-27T01:20:00.000Z",
    ]);
  });

  it("counts the repeated times already passed when now falls in the repeated hour", () => {
    const timetable = spec({ schedule: "*/20 2 * * *", timezone: berlin, catchup: false });
    const latest = nextDagRunInfo(timetable, null, at("2025-10-26T01:05:00Z"));
    expect(latest && span(latest.dataInterval)).toEqual([
      "2025-10-26T00:20:00.000Z", // 02:20 CEST
      "2025-10-26T00:40:00.000Z", // 02:40 CEST
    ]);
  });

  it("skips to the latest complete daily interval while the clocks repeat an hour", () => {
    // 02:45 CET, the second time the Berlin clocks show 02:45 that night.
    const now = at("2025-10-26T01:45:00Z");
    const timetable = spec({ schedule: "30 2 * * *", timezone: berlin, catchup: false });
    const first = nextDagRunInfo(timetable, null, now);
    expect(first && span(first.dataInterval)).toEqual([
      "2025-10-25T00:30:00.000Z",
      "2025-10-26T00:30:00.000Z",
    ]);
    const second = first && nextDagRunInfo(timetable, first.dataInterval, now);
    expect(second && span(second.dataInterval)).toEqual([
      "2025-10-26T00:30:00.000Z",
      "2025-10-27T01:30:00.000Z",
    ]);
  });

  it("skips to the latest complete hourly interval while the clocks repeat an hour", () => {
    const timetable = spec({ schedule: "@hourly", timezone: berlin, catchup: false });
    const latest = nextDagRunInfo(timetable, null, at("2025-10-26T01:30:00Z"));
    expect(latest && span(latest.dataInterval)).toEqual([
      "2025-10-26T00:00:00.000Z", // 02:00 CEST
      "2025-10-26T01:00:00.000Z", // 02:00 CET
    ]);
  });

  it("keeps the interval chain consistent around any instant, in any zone", () => {
    const zones = [
      berlin,
      newYork,
      "UTC",
      "Australia/Lord_Howe",
      "Asia/Kolkata",
      "America/Santiago",
    ];
    const schedules = [
      "30 2 * * *",
      "*/20 1,2 * * *",
      "@hourly",
      "*/15 * * * *",
      "0,30 1,2 * * *",
      "0 */2 * * *",
      "@daily",
      "45 1 * * 0",
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.constantFrom(...schedules),
        fc.oneof(
          fc.integer({
            min: Date.parse("2025-01-01T00:00:00Z"),
            max: Date.parse("2026-12-31T00:00:00Z"),
          }),
          // Half the instants fall in the six local hours around a transition of the table.
          fc
            .tuple(fc.constantFrom(...transitions), fc.integer({ min: 0, max: 6 * hourMs }))
            .map(([{ day, zone }, offset]) => toInstant(day, zone).getTime() + offset),
        ),
        (timezone, schedule, ms) => {
          const now = new Date(ms);
          const timetable = spec({ schedule, timezone, startDate: "2024-01-01T00:00:00Z" });
          const latest = manualDataInterval(timetable, now);
          expect(latest.end.getTime()).toBeLessThanOrEqual(ms);
          expect(latest.start.getTime()).toBeLessThan(latest.end.getTime());
          // The interval after the latest complete one is still open at `now`.
          const next = nextDagRunInfo(timetable, latest, now);
          expect(next?.dataInterval.start).toEqual(latest.end);
          expect(next?.runAfter.getTime()).toBeGreaterThan(ms);
          // A DAG that does not catch up starts with exactly that latest interval.
          const skipped = nextDagRunInfo({ ...timetable, catchup: false }, null, now);
          expect(skipped?.dataInterval).toEqual(latest);
          // A start date on a tick is that tick.
          const fromTick = nextDagRunInfo(
            { ...timetable, startDate: iso(latest.start) },
            null,
            now,
          );
          expect(fromTick?.dataInterval).toEqual(latest);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe("nextDagRunInfo", () => {
  it.each([
    ["@hourly", "2025-01-15T10:00:00.000Z", "2025-01-15T11:00:00.000Z"],
    ["@daily", "2025-01-16T00:00:00.000Z", "2025-01-17T00:00:00.000Z"],
    ["@weekly", "2025-01-19T00:00:00.000Z", "2025-01-26T00:00:00.000Z"],
    ["@monthly", "2025-02-01T00:00:00.000Z", "2025-03-01T00:00:00.000Z"],
    ["@quarterly", "2025-04-01T00:00:00.000Z", "2025-07-01T00:00:00.000Z"],
    ["@yearly", "2026-01-01T00:00:00.000Z", "2027-01-01T00:00:00.000Z"],
    ["@annually", "2026-01-01T00:00:00.000Z", "2027-01-01T00:00:00.000Z"],
  ])(
    "schedules %s as its cron equivalent, from the first tick at or after startDate",
    (schedule, start, end) => {
      // Wednesday 15 January 2025, 10:00 UTC.
      const timetable = spec({ schedule, startDate: "2025-01-15T10:00:00Z" });
      const first = nextDagRunInfo(timetable, null, at("2030-01-01T00:00:00Z"));
      expect(first).toEqual({
        logicalDate: at(start),
        dataInterval: { start: at(start), end: at(end) },
        runAfter: at(end),
      });
    },
  );

  it("reads presets as wall-clock times in the DAG's time zone", () => {
    const timetable = spec({
      schedule: "@daily",
      timezone: newYork,
      startDate: "2025-01-15T10:00:00Z",
    });
    const first = nextDagRunInfo(timetable, null, at("2030-01-01T00:00:00Z"));
    expect(first && span(first.dataInterval)).toEqual([
      "2025-01-16T05:00:00.000Z",
      "2025-01-17T05:00:00.000Z",
    ]);
  });

  it("continues each catch-up run where the previous one ended", () => {
    const runs = dueRuns(spec({ schedule: "0 6 * * *" }), at("2025-01-05T12:00:00Z"));
    expect(runs.map((run) => span(run.dataInterval))).toEqual([
      ["2025-01-01T06:00:00.000Z", "2025-01-02T06:00:00.000Z"],
      ["2025-01-02T06:00:00.000Z", "2025-01-03T06:00:00.000Z"],
      ["2025-01-03T06:00:00.000Z", "2025-01-04T06:00:00.000Z"],
      ["2025-01-04T06:00:00.000Z", "2025-01-05T06:00:00.000Z"],
    ]);
  });

  it("returns the next run even before it is due, with runAfter at its interval's end", () => {
    const last = { start: at("2025-01-04T00:00:00Z"), end: at("2025-01-05T00:00:00Z") };
    const next = nextDagRunInfo(spec(), last, at("2025-01-05T12:00:00Z"));
    expect(next?.runAfter).toEqual(at("2025-01-06T00:00:00Z"));
  });

  it("aligns a startDate between ticks to the next tick", () => {
    const timetable = spec({ schedule: "0 6 * * *", startDate: "2025-01-01T07:00:00Z" });
    const first = nextDagRunInfo(timetable, null, at("2025-02-01T00:00:00Z"));
    expect(first && span(first.dataInterval)).toEqual([
      "2025-01-02T06:00:00.000Z",
      "2025-01-03T06:00:00.000Z",
    ]);
  });

  it("waits for a startDate in the future, whether or not the DAG catches up", () => {
    const now = at("2025-05-01T00:00:00Z");
    for (const catchup of [true, false]) {
      const timetable = spec({ startDate: "2025-06-01T00:00:00Z", catchup });
      const first = nextDagRunInfo(timetable, null, now);
      expect(first && span(first.dataInterval)).toEqual([
        "2025-06-01T00:00:00.000Z",
        "2025-06-02T00:00:00.000Z",
      ]);
      expect(dueRuns(timetable, now)).toEqual([]);
    }
  });

  it("schedules no interval that starts after endDate", () => {
    const timetable = spec({ endDate: "2025-01-03T00:00:00Z" });
    const runs = dueRuns(timetable, at("2025-02-01T00:00:00Z"));
    expect(runs.map((run) => iso(run.logicalDate))).toEqual([
      "2025-01-01T00:00:00.000Z",
      "2025-01-02T00:00:00.000Z",
      "2025-01-03T00:00:00.000Z", // starts at endDate, so it runs
    ]);
    const last = runs.at(-1)?.dataInterval ?? null;
    expect(nextDagRunInfo(timetable, last, at("2025-02-01T00:00:00Z"))).toBeNull();
  });

  it("has nothing to schedule once endDate is before the first tick", () => {
    const timetable = spec({ startDate: "2025-01-01T12:00:00Z", endDate: "2025-01-01T18:00:00Z" });
    expect(nextDagRunInfo(timetable, null, at("2025-02-01T00:00:00Z"))).toBeNull();
  });

  describe("without catchup", () => {
    const noCatchup = spec({ catchup: false });
    const now = at("2025-03-10T15:00:00Z");

    it("starts with the latest complete interval only, then continues after it", () => {
      const runs = dueRuns(noCatchup, now);
      expect(runs.map((run) => span(run.dataInterval))).toEqual([
        ["2025-03-09T00:00:00.000Z", "2025-03-10T00:00:00.000Z"],
      ]);
      const next = nextDagRunInfo(noCatchup, runs[0]?.dataInterval ?? null, now);
      expect(next && span(next.dataInterval)).toEqual([
        "2025-03-10T00:00:00.000Z",
        "2025-03-11T00:00:00.000Z",
      ]);
    });

    it("takes the interval that ends exactly now as the latest complete one", () => {
      const first = nextDagRunInfo(noCatchup, null, at("2025-03-10T00:00:00Z"));
      expect(first && span(first.dataInterval)).toEqual([
        "2025-03-09T00:00:00.000Z",
        "2025-03-10T00:00:00.000Z",
      ]);
    });

    it("skips the intervals missed while the DAG was paused", () => {
      const last = { start: at("2025-03-01T00:00:00Z"), end: at("2025-03-02T00:00:00Z") };
      const next = nextDagRunInfo(noCatchup, last, now);
      expect(next && span(next.dataInterval)).toEqual([
        "2025-03-09T00:00:00.000Z",
        "2025-03-10T00:00:00.000Z",
      ]);
    });
  });

  it("resumes from the new schedule's tick at or before the last run's end after a schedule change", () => {
    const last = { start: at("2025-01-01T10:00:00Z"), end: at("2025-01-01T11:00:00Z") }; // was hourly
    const next = nextDagRunInfo(spec({ schedule: "@daily" }), last, at("2025-01-03T00:00:00Z"));
    expect(next && span(next.dataInterval)).toEqual([
      "2025-01-01T00:00:00.000Z",
      "2025-01-02T00:00:00.000Z",
    ]);
  });

  it("runs @once at its startDate with a point interval, and never again", () => {
    const timetable = spec({
      schedule: "@once",
      startDate: "2025-01-01T10:00:00Z",
      catchup: false,
    });
    const once = nextDagRunInfo(timetable, null, at("2025-06-01T00:00:00Z"));
    expect(once).toEqual({
      logicalDate: at("2025-01-01T10:00:00Z"),
      dataInterval: { start: at("2025-01-01T10:00:00Z"), end: at("2025-01-01T10:00:00Z") },
      runAfter: at("2025-01-01T10:00:00Z"),
    });
    expect(
      nextDagRunInfo(timetable, once?.dataInterval ?? null, at("2025-06-01T00:00:00Z")),
    ).toBeNull();
  });

  it("does not run @once when endDate is before startDate", () => {
    const timetable = spec({
      schedule: "@once",
      startDate: "2025-01-02T00:00:00Z",
      endDate: "2025-01-01T00:00:00Z",
    });
    expect(nextDagRunInfo(timetable, null, at("2025-06-01T00:00:00Z"))).toBeNull();
  });

  it("schedules nothing without a schedule, or without a startDate", () => {
    const now = at("2025-06-01T00:00:00Z");
    expect(nextDagRunInfo(spec({ schedule: null }), null, now)).toBeNull();
    expect(nextDagRunInfo(spec({ startDate: null }), null, now)).toBeNull();
    expect(nextDagRunInfo(spec({ schedule: "@once", startDate: null }), null, now)).toBeNull();
  });

  it("rejects an invalid schedule with an invalid_input error", () => {
    expect(() =>
      nextDagRunInfo(spec({ schedule: "@dayly" }), null, at("2025-06-01T00:00:00Z")),
    ).toThrow(
      expect.objectContaining({
        code: ErrorCode.invalidInput,
        message: expect.stringContaining("@dayly"),
      }),
    );
  });
});

describe("manualDataInterval", () => {
  it("gives a cron DAG's manual run the latest complete interval before its logical date", () => {
    const interval = manualDataInterval(spec(), at("2025-01-25T01:00:00Z"));
    expect(span(interval)).toEqual(["2025-01-24T00:00:00.000Z", "2025-01-25T00:00:00.000Z"]);
  });

  it("gives a logical date on a tick the interval that ends there", () => {
    const interval = manualDataInterval(spec(), at("2025-01-25T00:00:00Z"));
    expect(span(interval)).toEqual(["2025-01-24T00:00:00.000Z", "2025-01-25T00:00:00.000Z"]);
  });

  it("reads the schedule in the DAG's time zone, across a skipped hour", () => {
    const timetable = spec({ schedule: "30 2 * * *", timezone: berlin });
    const interval = manualDataInterval(timetable, at("2025-03-30T12:00:00Z"));
    expect(span(interval)).toEqual(["2025-03-29T01:30:00.000Z", "2025-03-30T01:00:00.000Z"]);
  });

  it("gives a point interval to DAGs without a schedule and to @once DAGs", () => {
    const logicalDate = at("2025-01-25T01:02:03Z");
    for (const schedule of [null, "@once"]) {
      expect(manualDataInterval(spec({ schedule }), logicalDate)).toEqual({
        start: logicalDate,
        end: logicalDate,
      });
    }
  });
});

describe("interval schedules (@every)", () => {
  it("runs fixed intervals from the start date on, as Airflow's timedelta schedules do", () => {
    const every = spec({ schedule: "@every 1h30m", startDate: "2025-01-01T00:10:00Z" });
    expect(dueRuns(every, at("2025-01-01T05:00:00Z")).map((r) => span(r.dataInterval))).toEqual([
      ["2025-01-01T00:10:00.000Z", "2025-01-01T01:40:00.000Z"],
      ["2025-01-01T01:40:00.000Z", "2025-01-01T03:10:00.000Z"],
      ["2025-01-01T03:10:00.000Z", "2025-01-01T04:40:00.000Z"],
    ]);
  });

  it("starts from the latest complete interval without catchup", () => {
    const every = spec({ schedule: "@every 1d", catchup: false });
    const [first] = dueRuns(every, at("2025-03-10T12:00:00Z"));
    expect(first && span(first.dataInterval)).toEqual([
      "2025-03-09T00:00:00.000Z",
      "2025-03-10T00:00:00.000Z",
    ]);
  });

  it("gives a manual run the interval that ends at its logical date", () => {
    expect(
      span(manualDataInterval(spec({ schedule: "@every 30m" }), at("2025-01-02T10:00:00Z"))),
    ).toEqual(["2025-01-02T09:30:00.000Z", "2025-01-02T10:00:00.000Z"]);
  });

  it.each(["@every", "@every 0m", "@every 5x", "@every 1h 30m"])("refuses %j", (schedule) => {
    expect(validateSchedule(schedule, "UTC")).toMatch(/invalid interval schedule.*'@every 30m'/);
  });
});

describe("validateSchedule", () => {
  it.each([
    [null, "UTC"],
    ["@once", "UTC"],
    ["@daily", berlin],
    ["0 6 * * 1-5", newYork],
    ["*/5 * * * *", "UTC"],
    ["0 30 2 * * *", berlin],
    ["0 0 L * *", "UTC"],
    ["  0  6 * * MON ", "UTC"],
  ])("accepts %j in %s", (schedule, timezone) => {
    expect(validateSchedule(schedule, timezone)).toBeNull();
  });

  it("names the presets when a preset is unknown", () => {
    expect(validateSchedule("@dayly", "UTC")).toBe(
      "unknown preset '@dayly'; use one of @once, @hourly, @daily, @weekly, @monthly, @quarterly, @yearly, @annually, '@every <duration>' (such as '@every 30m'), a cron expression, or null for manual runs only",
    );
  });

  it.each([
    ["", "found 0"],
    ["* * *", "found 3"],
    ["0 0 * * * * *", "found 7"],
  ])("asks for five or six fields in %j", (schedule, found) => {
    expect(validateSchedule(schedule, "UTC")).toBe(
      `invalid cron expression '${schedule}': expected 5 fields (minute hour day-of-month month day-of-week), or 6 with seconds first, but found ${found.slice(6)}`,
    );
  });

  it("says which field of a cron expression is wrong", () => {
    expect(validateSchedule("61 * * * *", "UTC")).toBe(
      "invalid cron expression '61 * * * *': Invalid value for minute: 61",
    );
  });

  it("rejects a cron expression that never fires", () => {
    expect(validateSchedule("0 0 30 2 *", "UTC")).toBe(
      "cron expression '0 0 30 2 *' never fires (no date matches it)",
    );
  });

  it("rejects an unknown time zone, with or without a schedule", () => {
    const message =
      "unknown time zone 'Europe/Berln'; use an IANA name such as 'Europe/Berlin', 'America/New_York' or 'UTC'";
    expect(validateSchedule("@daily", "Europe/Berln")).toBe(message);
    expect(validateSchedule(null, "Europe/Berln")).toBe(message);
  });
});

describe("toInstant", () => {
  it.each([
    ["2021-01-01", berlin, "2020-12-31T23:00:00.000Z"],
    ["2021-07-01T10:30", berlin, "2021-07-01T08:30:00.000Z"],
    ["2021-07-01T10:30:15", berlin, "2021-07-01T08:30:15.000Z"],
    ["2021-01-01", newYork, "2021-01-01T05:00:00.000Z"],
    ["2021-07-01T10:30", newYork, "2021-07-01T14:30:00.000Z"],
    ["2021-01-01T10:30:00.250", newYork, "2021-01-01T15:30:00.250Z"],
  ])("reads %s as wall-clock time in %s", (value, timezone, expected) => {
    expect(iso(toInstant(value, timezone))).toBe(expected);
  });

  it.each([
    ["2021-01-01T10:30:00Z", "2021-01-01T10:30:00.000Z"],
    ["2021-01-01T10:30Z", "2021-01-01T10:30:00.000Z"],
    ["2021-01-01T10:30:00.5Z", "2021-01-01T10:30:00.500Z"],
    ["2021-01-01T10:30:00+02:00", "2021-01-01T08:30:00.000Z"],
    ["2021-01-01T10:30:00-05:30", "2021-01-01T16:00:00.000Z"],
  ])("takes %s as the instant it names, whatever the zone", (value, expected) => {
    expect(iso(toInstant(value, berlin))).toBe(expected);
    expect(iso(toInstant(value, newYork))).toBe(expected);
  });

  it.each([
    ["2025-03-30T02:30", berlin, "2025-03-30T01:00:00.000Z"],
    ["2026-03-29T02:00", berlin, "2026-03-29T01:00:00.000Z"],
    ["2025-03-09T02:30", newYork, "2025-03-09T07:00:00.000Z"],
    ["2026-03-08T02:59:59", newYork, "2026-03-08T07:00:00.000Z"],
  ])(
    "maps %s, skipped by the spring-forward in %s, to the instant the clocks jump",
    (value, timezone, expected) => {
      expect(iso(toInstant(value, timezone))).toBe(expected);
    },
  );

  it.each([
    ["2025-10-26T02:30", berlin, "2025-10-26T00:30:00.000Z"],
    ["2025-11-02T01:30", newYork, "2025-11-02T05:30:00.000Z"],
  ])(
    "maps %s, repeated by the fall-back in %s, to its first occurrence",
    (value, timezone, expected) => {
      expect(iso(toInstant(value, timezone))).toBe(expected);
    },
  );

  it.each([
    "",
    "yesterday",
    "2021-1-1",
    "2021-01-01 10:30",
    "2021-01-01T10",
    "2021-01-01Z",
    "2021-13-01",
    "2021-02-29",
    "2021-04-31",
    "2021-01-01T24:00",
    "2021-01-01T10:60",
    "2021-01-01T10:30:60",
    "2021-01-01T10:30:00+24:00",
  ])("rejects %j with an invalid_input error that quotes it", (value) => {
    let error: unknown;
    try {
      toInstant(value, berlin);
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(BordaError);
    expect(error).toMatchObject({ code: ErrorCode.invalidInput });
    expect((error as Error).message).toContain(`'${value}'`);
  });

  it("rejects an unknown time zone with an invalid_input error", () => {
    expect(() => toInstant("2021-01-01", "Mars/Olympus_Mons")).toThrow(
      expect.objectContaining({
        code: ErrorCode.invalidInput,
        message: expect.stringContaining("Mars/Olympus_Mons"),
      }),
    );
  });
});
