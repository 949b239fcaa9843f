/**
 * A DAG's schedule in words ("every hour", "at 06:00 every day", "manual only") for the
 * shapes people actually write; anything else comes back as the expression itself, which
 * is still right, only less friendly. Times are the DAG's wall-clock times (its time zone).
 */
export function describeSchedule(schedule: string | null | undefined): string {
  if (!schedule) return "manual only";
  const preset = presets[schedule];
  if (preset) return preset;
  return describeCron(schedule) ?? schedule;
}

const presets: Record<string, string> = {
  "@once": "once",
  "@hourly": "every hour",
  "@daily": "at 00:00 every day",
  "@weekly": "at 00:00 every Sunday",
  "@monthly": "at 00:00 on day 1 of every month",
  "@quarterly": "at 00:00 on day 1 of every third month",
  "@yearly": "at 00:00 on 1 January every year",
  "@annually": "at 00:00 on 1 January every year",
};

const weekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const months = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

const number = /^\d+$/;
const step = /^\*\/(\d+)$/;

function describeCron(expression: string): string | null {
  let fields = expression.trim().split(/\s+/);
  // Six fields put seconds first; only whole minutes read naturally.
  if (fields.length === 6 && fields[0] === "0") fields = fields.slice(1);
  if (fields.length !== 5) return null;
  const [minute, hour, dayOfMonth, month, dayOfWeek] = fields as [
    string,
    string,
    string,
    string,
    string,
  ];

  if (hour === "*" && dayOfMonth === "*" && month === "*" && dayOfWeek === "*") {
    if (minute === "*") return "every minute";
    const minutes = step.exec(minute)?.[1];
    if (minutes) return Number(minutes) === 1 ? "every minute" : `every ${minutes} minutes`;
    if (minute === "0") return "every hour";
    if (number.test(minute)) return `every hour at :${pad(minute)}`;
    return null;
  }
  if (!number.test(minute)) return null;

  const hours = step.exec(hour)?.[1];
  if (hours && dayOfMonth === "*" && month === "*" && dayOfWeek === "*") {
    const at = minute === "0" ? "" : ` at :${pad(minute)}`;
    return Number(hours) === 1 ? `every hour${at}` : `every ${hours} hours${at}`;
  }

  const hourList = hour.split(",");
  if (!hourList.every((h) => number.test(h))) return null;
  const times = `at ${hourList.map((h) => `${pad(h)}:${pad(minute)}`).join(", ")}`;

  if (dayOfMonth === "*" && month === "*") {
    const days = describeWeekdays(dayOfWeek);
    return days ? `${times} ${days}` : null;
  }
  if (dayOfWeek !== "*" || !number.test(dayOfMonth)) return null;
  if (month === "*") return `${times} on day ${Number(dayOfMonth)} of every month`;
  const monthName = number.test(month) ? months[Number(month) - 1] : undefined;
  return monthName ? `${times} on ${Number(dayOfMonth)} ${monthName} every year` : null;
}

/** "every day", "on weekdays", "every Monday, Friday"; null for shapes not worth wording. */
function describeWeekdays(field: string): string | null {
  if (field === "*") return "every day";
  const upper = field.toUpperCase();
  if (upper === "1-5" || upper === "MON-FRI") return "on weekdays";
  if (["0,6", "6,0", "SAT,SUN", "SUN,SAT"].includes(upper)) return "on weekends";
  const names = upper.split(",").map(weekdayName);
  if (names.some((name) => name === undefined)) return null;
  return `every ${names.join(", ")}`;
}

/** A cron day of the week (0–7, Sunday twice, or its three-letter name) as its English name. */
function weekdayName(day: string): string | undefined {
  if (number.test(day)) return weekdays[Number(day) % 7];
  return weekdays.find((name) => name.slice(0, 3).toUpperCase() === day);
}

const pad = (value: string) => value.padStart(2, "0");
