/**
 * The timetable: which scheduled runs a DAG gets and the data interval of each, as pure
 * functions of the DAG's schedule and a `now` the caller passes in. The semantics are
 * Airflow 2's (`CronDataIntervalTimetable`, `OnceTimetable`, `NullTimetable`); the
 * daylight-saving policy is Borda's own and is explained to users in docs/scheduling.md.
 *
 * All instants are UTC. A cron expression is read as wall-clock times in the DAG's zone.
 */
import { BordaError, type DagSpec, ErrorCode } from "@borda/protocol";
import { Cron, CronPattern } from "croner";

export interface TimetableSpec {
  /** A cron expression (5 fields, or 6 with seconds first), a preset, or null: manual runs only. */
  schedule: string | null;
  /** ISO-8601 instant. The first data interval starts at the first tick at or after it. */
  startDate: string | null;
  /** ISO-8601 instant. No scheduled data interval starts after it. */
  endDate: string | null;
  /** IANA time zone, e.g. "Europe/Berlin", in which the cron's wall-clock times are read. */
  timezone: string;
  /** Create every interval since startDate (true), or none older than the latest complete one. */
  catchup: boolean;
}

/** The timetable fields of a DAG's spec. */
export function timetableOf(spec: DagSpec): TimetableSpec {
  return {
    schedule: spec.schedule,
    startDate: spec.startDate,
    endDate: spec.endDate,
    timezone: spec.timezone,
    catchup: spec.catchup,
  };
}

/** The span of time a run processes, [start, end). A point (start = end) for @once runs. */
export interface DataInterval {
  start: Date;
  end: Date;
}

export interface DagRunInfo {
  /** The start of the data interval. */
  logicalDate: Date;
  dataInterval: DataInterval;
  /** The run may be created from this instant on: the end of its data interval. */
  runAfter: Date;
}

/** Airflow's presets and the cron expressions they stand for. */
const cronPresets = new Map([
  ["@hourly", "0 * * * *"],
  ["@daily", "0 0 * * *"],
  ["@weekly", "0 0 * * 0"],
  ["@monthly", "0 0 1 * *"],
  ["@quarterly", "0 0 1 */3 *"],
  ["@yearly", "0 0 1 1 *"],
  ["@annually", "0 0 1 1 *"],
]);
const oncePreset = "@once";

/**
 * The next scheduled run after the last scheduled one (null: none yet), as of `now`; null
 * when there is none (manual-only, @once already done, past endDate, no startDate). The
 * result may lie in the future: its `runAfter` says when it becomes due. Throws a
 * BordaError (`invalid_input`) for an invalid schedule, time zone or date.
 */
export function nextDagRunInfo(
  spec: TimetableSpec,
  last: DataInterval | null,
  now: Date,
): DagRunInfo | null {
  const schedule = requireSchedule(spec);
  if (schedule.kind === "manual" || spec.startDate === null) return null;
  const startDate = toInstant(spec.startDate, spec.timezone).getTime();
  const endDate = spec.endDate === null ? null : toInstant(spec.endDate, spec.timezone).getTime();

  if (schedule.kind === "once") {
    if (last !== null || (endDate !== null && startDate > endDate)) return null;
    return runInfo(startDate, startDate);
  }

  const ticks = schedule.kind === "delta" ? deltaTicks(startDate, schedule.ms) : schedule.ticks;
  let start = tickAtOrAfter(ticks, startDate);
  if (start === null) return null;
  if (!spec.catchup) {
    const latest = latestCompleteInterval(ticks, now.getTime());
    if (latest !== null) start = Math.max(start, latest.start);
  }
  if (last !== null) {
    // The previous run's end is a tick unless the schedule changed since; then the new
    // schedule resumes from its own tick at or before that end, as Airflow does.
    const resume = tickAtOrBefore(ticks, last.end.getTime());
    if (resume !== null) start = Math.max(start, resume);
  }
  if (endDate !== null && start > endDate) return null;
  const end = ticks.after(start);
  return end === null ? null : runInfo(start, end);
}

/**
 * The runs a backfill from `from` to `to` covers (Airflow's `iter_dagrun_infos_between`):
 * every logical date of the schedule in [from, to], both ends included, in order,
 * regardless of the DAG's start date, end date and catchup, but only those whose data
 * interval has ended by `now`. At most `limit` + 1 are computed, so a caller can refuse
 * a range that is too long without computing it all. Throws a BordaError
 * (`invalid_input`) for a schedule that has no periodic dates (none, @once).
 */
export function dagRunInfosBetween(
  spec: TimetableSpec,
  from: Date,
  to: Date,
  now: Date,
  limit: number,
): DagRunInfo[] {
  const kind = requireSchedule(spec).kind;
  if (kind === "manual" || kind === "once") {
    throw new BordaError(
      ErrorCode.invalidInput,
      `a backfill needs a periodic schedule, and this DAG's is ${spec.schedule ?? "none (manual runs only)"}: trigger its runs one by one instead`,
    );
  }
  const range = {
    ...spec,
    startDate: from.toISOString(),
    endDate: to.toISOString(),
    catchup: true,
  };
  const infos: DagRunInfo[] = [];
  let next = nextDagRunInfo(range, null, now);
  while (next && next.dataInterval.end <= now && infos.length <= limit) {
    infos.push(next);
    next = nextDagRunInfo(range, next.dataInterval, now);
  }
  return infos;
}

/**
 * The data interval a manual run gets for a given logical date, as Airflow 2's
 * `infer_manual_data_interval`: for a cron schedule, the latest complete interval, i.e. the
 * one that ends at the latest tick at or before the logical date (a daily midnight DAG
 * triggered at 01:00 on the 25th gets [24th 00:00, 25th 00:00)); for a DAG without a
 * schedule or with @once, the point [logicalDate, logicalDate]; for an interval schedule,
 * the interval that ends at the logical date.
 */
export function manualDataInterval(spec: TimetableSpec, logicalDate: Date): DataInterval {
  const schedule = requireSchedule(spec);
  const at = logicalDate.getTime();
  if (schedule.kind === "delta") return interval(at - schedule.ms, at);
  const latest = schedule.kind === "cron" ? latestCompleteInterval(schedule.ticks, at) : null;
  return latest === null ? interval(at, at) : interval(latest.start, latest.end);
}

/**
 * Error message for an invalid schedule or time zone ("unknown preset '@dayly'; use one
 * of ..."), or null when valid. A missing startDate is not this function's concern.
 */
export function validateSchedule(schedule: string | null, timezone: string): string | null {
  const read = readSchedule(schedule, timezone);
  if (typeof read === "string") return read;
  // Only this check pays for a full search (croner looks up to year 9999), so it is not
  // part of reading a schedule, which the scheduler does on every pass.
  if (read.kind === "cron" && read.ticks.after(0) === null) {
    return `cron expression '${schedule}' never fires (no date matches it)`;
  }
  return null;
}

const dateTimePattern =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * Reads "2021-01-01", "2021-01-01T10:30", "2021-01-01T10:30:00" (fractions of a second
 * allowed) as wall-clock time in `timezone`; a string with "Z" or an offset ("+02:00") is
 * taken as that instant. A wall time that occurs twice (the hour repeated when clocks fall
 * back) is its first occurrence; one that does not exist (skipped when clocks spring
 * forward) is the instant the clocks jump, e.g. 02:30 on Berlin's spring-forward day is
 * 03:00 CEST. Throws a BordaError (`invalid_input`) for anything else.
 */
export function toInstant(value: string, timezone: string): Date {
  if (!isTimeZone(timezone)) throw new BordaError(ErrorCode.invalidInput, unknownZone(timezone));
  const match = dateTimePattern.exec(value);
  if (match === null) {
    throw new BordaError(
      ErrorCode.invalidInput,
      `cannot read '${value}' as a date: write "2021-01-01", "2021-01-01T10:30" or ` +
        `"2021-01-01T10:30:00" (read in ${timezone}), or an instant with "Z" or an offset ` +
        `such as "2021-01-01T10:30:00Z" or "2021-01-01T10:30:00+02:00"`,
    );
  }
  const [, year, month, day, hour = "0", minute = "0", second = "0", fraction = "", zone] = match;
  const fields = [year, month, day, hour, minute, second].map(Number) as Fields;
  const wall = wallTimeOf(fields, Number(fraction.padEnd(3, "0").slice(0, 3)));
  const offset = zone === undefined || zone === "Z" ? 0 : offsetMsOf(zone);
  if (!wallTimeMatches(wall, fields) || offset === null) {
    throw new BordaError(ErrorCode.invalidInput, `'${value}' is not a valid date and time`);
  }
  return new Date(zone === undefined ? firstInstantShowing(timezone, wall) : wall - offset);
}

// ---- reading a schedule -----------------------------------------------------------------

/** A schedule's instants, in ms since the epoch. Both directions are strict. */
interface Ticks {
  /** The first tick after t, or null when the schedule never fires again. */
  after(t: number): number | null;
  /** The last tick before t, or null when the schedule never fired before. */
  before(t: number): number | null;
}

type Schedule =
  | { kind: "manual" }
  | { kind: "once" }
  | { kind: "cron"; ticks: Ticks }
  /** `@every 30m`: fixed intervals from the start date on (Airflow's timedelta schedule). */
  | { kind: "delta"; ms: number };

const deltaPrefix = "@every ";
const deltaUnits: Record<string, number> = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000 };

/** `@every 1h30m` in ms, or a message saying what is wrong with it. */
function readDelta(schedule: string): number | string {
  const text = schedule.slice(deltaPrefix.length).trim();
  const parts = [...text.matchAll(/(\d+)([dhms])/g)];
  const ms = parts.reduce((sum, [, n, unit]) => sum + Number(n) * (deltaUnits[unit ?? ""] ?? 0), 0);
  if (parts.map((p) => p[0]).join("") !== text || ms <= 0) {
    return `invalid interval schedule '${schedule}': write @every followed by a duration in days, hours, minutes and seconds, such as '@every 1d', '@every 30m' or '@every 1h30m'`;
  }
  return ms;
}

/** Ticks every `ms` from `anchor` (the start date) on, both ways. */
function deltaTicks(anchor: number, ms: number): Ticks {
  return {
    after: (t) => anchor + (Math.floor((t - anchor) / ms) + 1) * ms,
    before: (t) => anchor + (Math.ceil((t - anchor) / ms) - 1) * ms,
  };
}

/** The schedule, or a message saying what is wrong with it. */
function readSchedule(schedule: string | null, timezone: string): Schedule | string {
  if (!isTimeZone(timezone)) return unknownZone(timezone);
  if (schedule === null) return { kind: "manual" };
  if (schedule === oncePreset) return { kind: "once" };
  if (schedule === deltaPrefix.trim() || schedule.startsWith(deltaPrefix)) {
    const ms = readDelta(schedule);
    return typeof ms === "string" ? ms : { kind: "delta", ms };
  }
  if (schedule.startsWith("@")) {
    const expression = cronPresets.get(schedule);
    if (expression === undefined) {
      const presets = [oncePreset, ...cronPresets.keys()].join(", ");
      return `unknown preset '${schedule}'; use one of ${presets}, '@every <duration>' (such as '@every 30m'), a cron expression, or null for manual runs only`;
    }
    return { kind: "cron", ticks: cronTicks(expression, timezone) };
  }
  const fields = schedule
    .trim()
    .split(/\s+/)
    .filter((field) => field !== "");
  if (fields.length !== 5 && fields.length !== 6) {
    return (
      `invalid cron expression '${schedule}': expected 5 fields (minute hour day-of-month ` +
      `month day-of-week), or 6 with seconds first, but found ${fields.length}`
    );
  }
  try {
    return { kind: "cron", ticks: cronTicks(fields.join(" "), timezone) };
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^CronPattern: /, "") : error;
    return `invalid cron expression '${schedule}': ${reason}`;
  }
}

function requireSchedule(spec: TimetableSpec): Schedule {
  const read = readSchedule(spec.schedule, spec.timezone);
  if (typeof read === "string") throw new BordaError(ErrorCode.invalidInput, read);
  return read;
}

/**
 * The ticks of a cron expression in a zone, under Borda's DST policy.
 *
 * Expressions that fire in every hour of the day (`@hourly`, `*\/15 * * * *`) follow
 * elapsed time: they tick at every instant whose local time matches, so times skipped by a
 * spring-forward do not fire and times repeated by a fall-back fire twice, an hour apart.
 * An hourly DAG keeps one-hour intervals through both transitions. croner 11 does exactly
 * this for them (it calls them "interval jobs"), so they use croner in the zone.
 *
 * All other expressions follow the wall clock: every matching local time fires once, at
 * the first instant the clocks show that time or a later one. A time repeated by a
 * fall-back fires on its first occurrence only; a time skipped by a spring-forward fires
 * when the clocks jump. So a daily 02:30 DAG gets exactly one run per local day. croner
 * does this only for a single time of day (`30 2 * * *`); lists, ranges and steps
 * (`0,30 2 * * *`, `*\/20 2 * * *`, `30 2,14 * * *`) are interval jobs to it, so it skips
 * their times in the gap (`0,30 2 * * *` gets no run at all on the spring-forward day) and
 * fires their repeated times twice. So these use croner in UTC, where no time is skipped
 * or repeated, to match wall-clock times written as if they were UTC, and map each match
 * to an instant here.
 */
function cronTicks(expression: string, timezone: string): Ticks {
  const mode = "5-or-6-parts";
  if (new CronPattern(expression, undefined, { mode }).hour.every((hour) => hour === 1)) {
    const cron = new Cron(expression, { mode, timezone });
    return {
      after: (t) => cron.nextRun(new Date(t))?.getTime() ?? null,
      before: (t) => cron.previousRuns(1, new Date(t))[0]?.getTime() ?? null,
    };
  }
  const wallCron = new Cron(expression, { mode, timezone: "UTC" });
  return {
    // firstInstantShowing(wall) grows with `wall`, and lies after t exactly when the clocks
    // have not shown `wall` by t, i.e. when wall > wallHighWater(t).
    after(t) {
      const wall = wallCron.nextRun(new Date(wallHighWater(timezone, t)));
      return wall === null ? null : firstInstantShowing(timezone, wall.getTime());
    },
    // croner's previousRuns is strict, so +1 ms asks for the last match at or before.
    before(t) {
      const [wall] = wallCron.previousRuns(1, new Date(wallHighWater(timezone, t - 1) + 1));
      return wall === undefined ? null : firstInstantShowing(timezone, wall.getTime());
    },
  };
}

function tickAtOrAfter(ticks: Ticks, t: number): number | null {
  return ticks.after(t - 1);
}

function tickAtOrBefore(ticks: Ticks, t: number): number | null {
  return ticks.before(t + 1);
}

/** The latest interval that has ended at or before t (Airflow: the latest complete one). */
function latestCompleteInterval(ticks: Ticks, t: number): { start: number; end: number } | null {
  const end = tickAtOrBefore(ticks, t);
  const start = end === null ? null : ticks.before(end);
  return start === null || end === null ? null : { start, end };
}

function interval(start: number, end: number): DataInterval {
  return { start: new Date(start), end: new Date(end) };
}

function runInfo(start: number, end: number): DagRunInfo {
  return {
    logicalDate: new Date(start),
    dataInterval: interval(start, end),
    runAfter: new Date(end),
  };
}

// ---- wall-clock arithmetic ----------------------------------------------------------------
//
// A wall-clock time is written as ms since the epoch as if the zone were UTC, so that
// "2025-03-30 02:30 in Berlin" is Date.UTC(2025, 2, 30, 2, 30). Offsets come from Intl
// (the ICU time zone data Node ships), read to the second. The code assumes what tzdb
// holds for every zone in modern times: a zone changes its offset at most once a day.

const dayMs = 24 * 60 * 60 * 1000;

type Fields = [
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
];

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timezone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timezone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone: timezone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timezone, formatter);
  }
  return formatter;
}

function isTimeZone(timezone: string): boolean {
  try {
    formatterFor(timezone);
    return true;
  } catch {
    return false;
  }
}

function unknownZone(timezone: string): string {
  return `unknown time zone '${timezone}'; use an IANA name such as 'Europe/Berlin', 'America/New_York' or 'UTC'`;
}

/** The zone's UTC offset at instant t (wall-clock time minus UTC), in ms. */
function offsetAt(timezone: string, t: number): number {
  const second = Math.floor(t / 1000) * 1000;
  const parts = new Map(
    formatterFor(timezone)
      .formatToParts(second)
      .map((p) => [p.type, p.value]),
  );
  const field = (type: Intl.DateTimeFormatPartTypes) => Number(parts.get(type));
  const fields: Fields = [
    field("year"),
    field("month"),
    field("day"),
    field("hour"),
    field("minute"),
    field("second"),
  ];
  return wallTimeOf(fields, 0) - second;
}

function wallTimeOf([year, month, day, hour, minute, second]: Fields, ms: number): number {
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, ms));
  date.setUTCFullYear(year); // Date.UTC would read years 0-99 as 1900-1999
  return date.getTime();
}

/** Whether the fields were a real calendar date and time (no 31 April, no 24:00). */
function wallTimeMatches(wall: number, [year, month, day, hour, minute, second]: Fields): boolean {
  const date = new Date(wall);
  return (
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute &&
    date.getUTCSeconds() === second
  );
}

/** "+02:00" as ms, or null when out of range. */
function offsetMsOf(zone: string): number | null {
  const hours = Number(zone.slice(1, 3));
  const minutes = Number(zone.slice(4, 6));
  if (hours > 23 || minutes > 59) return null;
  return (zone.startsWith("-") ? -1 : 1) * (hours * 60 + minutes) * 60_000;
}

/**
 * The latest wall-clock time the zone's clocks have shown at or before instant t. That is
 * t's own wall time, except during the hour after a fall-back, when the clocks show again
 * times they showed before the change.
 */
function wallHighWater(timezone: string, t: number): number {
  const wall = t + offsetAt(timezone, t);
  const dayBefore = t - dayMs;
  if (offsetAt(timezone, dayBefore) <= offsetAt(timezone, t)) return wall;
  const change = offsetChange(timezone, dayBefore, t);
  return Math.max(wall, change - 1 + offsetAt(timezone, change - 1));
}

/**
 * The first instant at which the zone's clocks show `wall` or a later time: the instant
 * when the time occurs once, the first one when it occurs twice (fall-back), and the
 * instant the clocks jump when it is skipped (spring-forward).
 */
function firstInstantShowing(timezone: string, wall: number): number {
  // An instant with this wall time lies within 14 hours of `wall` (the widest UTC offsets),
  // so the offsets a day either side are the only ones it can have.
  const offsetBefore = offsetAt(timezone, wall - dayMs);
  const offsetAfter = offsetAt(timezone, wall + dayMs);
  const candidates = [wall - offsetBefore, wall - offsetAfter].filter(
    (t) => t + offsetAt(timezone, t) === wall,
  );
  if (candidates.length > 0) return Math.min(...candidates);
  // Skipped: at `wall - offsetAfter` the old offset still holds, at `wall - offsetBefore`
  // the new one already does; the clocks jumped in between.
  return offsetChange(timezone, wall - offsetAfter, wall - offsetBefore);
}

/** The instant in (from, to] at which the zone took the offset it has at `to`. */
function offsetChange(timezone: string, from: number, to: number): number {
  const target = offsetAt(timezone, to);
  // Offsets change on whole seconds; bisect over whole seconds.
  let low = Math.floor(from / 1000) * 1000;
  let high = Math.floor(to / 1000) * 1000;
  while (high - low > 1000) {
    const middle = low + Math.floor((high - low) / 2000) * 1000;
    if (offsetAt(timezone, middle) === target) high = middle;
    else low = middle;
  }
  return high;
}
