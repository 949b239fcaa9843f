import type { TaskContext } from "./taskContext.js";

/**
 * Callbacks and notifiers (docs/notifications.md): what a task's success, failure or retry
 * and a run's end fire. A function runs on a worker of the task's queue with the task's
 * context and `ctx.callback`; a notifier (`webhookNotifier`, `slackNotifier`,
 * `emailNotifier`) is delivered by the control plane itself, through a connection. Neither
 * changes the state of the task or the run, whatever it does.
 */

/** Which event fired a callback, and what it knows of the failure. */
export interface CallbackDetails {
  readonly event: "success" | "failure" | "retry";
  /** `task`: the task's own callback; `dag`: the DAG's, for a run that finished. */
  readonly scope: "task" | "dag";
  /** The task instance's state after the transition (`failed`, `up_for_retry`, `success`). */
  readonly taskState: string | null;
  /** The run's final state, for a DAG's callback. */
  readonly runState: string | null;
  /** Failure and retry: the exception, as its type name and message (Airflow's `context["exception"]`). */
  readonly exception: { readonly type: string; readonly message: string } | null;
  /** Why the run finished as it did, for a DAG's callback (`task_failure`, `success`). */
  readonly reason: string | null;
}

/**
 * What a callback receives: the context of the task instance it is about (for a DAG's
 * callback, the one that decided the run) and `callback`. Its `inputs` and `upstream` are
 * empty; `ctx.connection()` and `ctx.variable()` read what the task may.
 */
export type CallbackContext = TaskContext & { readonly callback: CallbackDetails };

export type CallbackFunction = (ctx: CallbackContext) => unknown;

const notifierKey: unique symbol = Symbol.for("borda.notifier");

/** A built-in notifier, made by `webhookNotifier()`, `slackNotifier()` or `emailNotifier()`. */
export interface Notifier {
  readonly [notifierKey]: NotifierSpecJson;
}

/** The notifier as the DAG spec holds it (protocol's `NotifierSpec`). */
type NotifierSpecJson =
  | { kind: "webhook"; connId: string }
  | { kind: "slack"; connId: string; text?: string }
  | { kind: "smtp"; connId: string; to: string[]; from?: string; subject?: string };

/** One callback, one notifier, or a list of either. */
export type CallbackOption = CallbackFunction | Notifier | readonly (CallbackFunction | Notifier)[];

/**
 * POSTs the event as JSON (DAG, run, task, try, state, error, a link to the run) to the URL
 * of connection `connId`: its host when that is a URL, else `schema://host:port` plus extra
 * `endpoint`.
 */
export function webhookNotifier(options: { connId: string }): Notifier {
  return { [notifierKey]: { kind: "webhook", connId: options.connId } };
}

/**
 * Posts a message to a Slack incoming webhook: connection `connId` holds the webhook URL in
 * its password (or its host, and the token path in its password). Default text: a line
 * naming the DAG, run, task, try and error, with a link.
 */
export function slackNotifier(options: { connId: string; text?: string }): Notifier {
  return {
    [notifierKey]: {
      kind: "slack",
      connId: options.connId,
      ...(options.text === undefined ? {} : { text: options.text }),
    },
  };
}

/**
 * Mails `to` through the SMTP server of connection `connId` (host, port, login, password;
 * STARTTLS when offered, implicit TLS on port 465).
 */
export function emailNotifier(options: {
  connId: string;
  to: string | string[];
  from?: string;
  subject?: string;
}): Notifier {
  return {
    [notifierKey]: {
      kind: "smtp",
      connId: options.connId,
      to: [options.to].flat(),
      ...(options.from === undefined ? {} : { from: options.from }),
      ...(options.subject === undefined ? {} : { subject: options.subject }),
    },
  };
}

/** An event's targets split into the spec's part and the functions the bundle keeps. */
export interface ResolvedCallbacks {
  spec: { code: boolean; notifiers: NotifierSpecJson[] };
  functions: CallbackFunction[];
}

/** Resolves an `onFailure`-style option; `what` names it in the error. */
export function resolveCallbacks(
  option: CallbackOption | undefined,
  what: string,
): ResolvedCallbacks | undefined {
  if (option === undefined) return undefined;
  const items = Array.isArray(option) ? option : [option];
  const functions: CallbackFunction[] = [];
  const notifiers: NotifierSpecJson[] = [];
  for (const item of items as (CallbackFunction | Notifier)[]) {
    if (typeof item === "function") functions.push(item);
    else if (typeof item === "object" && item !== null && notifierKey in item) {
      notifiers.push(item[notifierKey]);
    } else {
      throw new Error(
        `${what} must be a function, a notifier (webhookNotifier(), slackNotifier(), emailNotifier()) or a list of them.`,
      );
    }
  }
  return { spec: { code: functions.length > 0, notifiers }, functions };
}

/**
 * Runs every function of an event in order, each even when one before it threw (as
 * Airflow runs a list of callbacks); then rethrows the first error.
 */
export async function runCallbacks(
  functions: readonly CallbackFunction[],
  ctx: CallbackContext,
): Promise<void> {
  const errors: unknown[] = [];
  for (const fn of functions) {
    try {
      await fn(ctx);
    } catch (error) {
      ctx.log(
        `A callback threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      errors.push(error);
    }
  }
  if (errors.length > 0) throw errors[0];
}
