import { z } from "zod";
import { secretIdSchema } from "./apiConnections.js";
import { CallbackEvent, CallbackScope } from "./taskTerms.js";

/**
 * Callbacks and notifications (docs/notifications.md). A task or a DAG names, per event,
 * whether it has a code callback (a function in its bundle, run on a worker of the task's
 * queue) and which built-in notifiers the control plane delivers itself. When the control
 * plane records the transition that fires the event, it records one delivery per target
 * in the same transaction (the outbox, docs/internals.md): a delivery is never lost, and
 * it never changes the state of the task or the run.
 */

export const NotifierKind = { webhook: "webhook", slack: "slack", smtp: "smtp" } as const;
export type NotifierKind = (typeof NotifierKind)[keyof typeof NotifierKind];

const emailAddress = z
  .string()
  .min(3)
  .max(320)
  .regex(/^[^\s@<>]+@[^\s@<>]+$/, "an e-mail address");

/**
 * A built-in notifier, configured by a connection (its secrets stay sealed until the
 * control plane delivers): `webhook` POSTs JSON to the connection's URL; `slack` posts a
 * message to the incoming-webhook URL the connection holds; `smtp` mails `to` through the
 * connection's SMTP server.
 */
export const notifierSpecSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal(NotifierKind.webhook), connId: secretIdSchema }),
  z.object({
    kind: z.literal(NotifierKind.slack),
    connId: secretIdSchema,
    /** The message; absent: a line naming the DAG, run, task, try and state. */
    text: z.string().max(4000).optional(),
  }),
  z.object({
    kind: z.literal(NotifierKind.smtp),
    connId: secretIdSchema,
    to: z.array(emailAddress).min(1).max(50),
    /** Absent: the connection's extra `from_email`, else its login. */
    from: emailAddress.optional(),
    subject: z.string().max(500).optional(),
  }),
]);
export type NotifierSpec = z.infer<typeof notifierSpecSchema>;

/** What one event fires. */
export const callbackTargetsSchema = z.object({
  /** The task (or DAG) declares a function for this event in its DAG file. */
  code: z.boolean(),
  notifiers: z.array(notifierSpecSchema).max(20),
});
export type CallbackTargets = z.infer<typeof callbackTargetsSchema>;

export const taskCallbacksSchema = z.object({
  onSuccess: callbackTargetsSchema.optional(),
  onFailure: callbackTargetsSchema.optional(),
  onRetry: callbackTargetsSchema.optional(),
});
export type TaskCallbacks = z.infer<typeof taskCallbacksSchema>;

/** A DAG's callbacks fire when one of its runs finishes (Airflow has no DAG-level retry). */
export const dagCallbacksSchema = taskCallbacksSchema.pick({ onSuccess: true, onFailure: true });
export type DagCallbacks = z.infer<typeof dagCallbacksSchema>;

/** The targets of `event` in `callbacks`, or undefined. */
export function callbackTargets(
  callbacks: TaskCallbacks | undefined,
  event: CallbackEvent,
): CallbackTargets | undefined {
  if (!callbacks) return undefined;
  return event === CallbackEvent.success
    ? callbacks.onSuccess
    : event === CallbackEvent.failure
      ? callbacks.onFailure
      : callbacks.onRetry;
}

/** The exception a failure or retry callback receives: Airflow's `context["exception"]`. */
export const callbackExceptionSchema = z.object({ type: z.string(), message: z.string() });
export type CallbackException = z.infer<typeof callbackExceptionSchema>;

/**
 * What a callback learns besides the task context: which event fired it, the exception
 * (failure and retry), and for a DAG's callback the run's state and the task instance that
 * decided it (Airflow passes the context of that task instance).
 */
export const callbackInfoSchema = z.object({
  event: z.enum([CallbackEvent.success, CallbackEvent.failure, CallbackEvent.retry]),
  scope: z.enum([CallbackScope.task, CallbackScope.dag]),
  /** The task instance's state after the transition (`failed`, `up_for_retry`, `success`). */
  taskState: z.string().nullable(),
  /** The run's state: its final state for a DAG's callback; null for a task's. */
  runState: z.string().nullable(),
  exception: callbackExceptionSchema.nullable(),
  /** Why the run finished as it did, for a DAG's callback (Airflow's `reason`). */
  reason: z.string().nullable(),
});
export type CallbackInfo = z.infer<typeof callbackInfoSchema>;

/**
 * Deliveries: `pending` waits (for a worker or its next try), `running` is claimed by a
 * replica or a worker under a lease, `delivered` and `failed` are final.
 */
export const DeliveryState = {
  pending: "pending",
  running: "running",
  delivered: "delivered",
  failed: "failed",
} as const;
export type DeliveryState = (typeof DeliveryState)[keyof typeof DeliveryState];

/** A delivery's target: a code callback (`code`), or a built-in notifier. */
export const deliveryTargets = ["code", ...Object.values(NotifierKind)] as const;
export type DeliveryTarget = (typeof deliveryTargets)[number];

/** A notification or callback delivery as the REST API shows it; secrets never appear. */
export const notificationSchema = z.object({
  id: z.number().int(),
  dag_id: z.string(),
  dag_run_id: z.string(),
  task_id: z.string().nullable(),
  map_index: z.number().int(),
  try_number: z.number().int().nullable(),
  scope: z.enum([CallbackScope.task, CallbackScope.dag]),
  event: z.enum([CallbackEvent.success, CallbackEvent.failure, CallbackEvent.retry]),
  target: z.enum(deliveryTargets),
  /** The notifier's connection id; null for a code callback. */
  conn_id: z.string().nullable(),
  state: z.enum([
    DeliveryState.pending,
    DeliveryState.running,
    DeliveryState.delivered,
    DeliveryState.failed,
  ]),
  /** Delivery tries made so far. */
  tries: z.number().int(),
  /** Why the last try failed (never a secret); null when none failed. */
  last_error: z.string().nullable(),
  /** What a code callback printed (its last 16 KiB), or null. */
  output: z.string().nullable(),
  /** The worker that ran a code callback, or null. */
  worker: z.string().nullable(),
  created_at: z.string(),
  finished_at: z.string().nullable(),
});
export type ApiNotification = z.infer<typeof notificationSchema>;

export const notificationCollectionSchema = z.object({
  notifications: z.array(notificationSchema),
  total_entries: z.number().int(),
});
export type NotificationCollection = z.infer<typeof notificationCollectionSchema>;
