import { NotifierKind, type NotifierSpec } from "@borda/protocol";
import type { ConnectionValue } from "../credentials/credentials.js";
import type { DeliveryRecord } from "../store/index.js";
import { describeSocketError, sendMail } from "./smtpClient.js";

/**
 * The built-in notifiers (docs/notifications.md): each turns a delivery and its opened
 * connection into one webhook POST, Slack message or e-mail. They throw `NotifierError`
 * with a reason that names the connection and never its secrets (not the URL, which for
 * Slack is itself the secret, nor a password).
 */

export class NotifierError extends Error {
  override name = "NotifierError";
}

/** What every notifier tells: the facts of the event, and where to look. */
export interface NotificationFacts {
  dag_id: string;
  run_id: string;
  task_id: string | null;
  map_index: number;
  try_number: number | null;
  event: string;
  scope: string;
  /** The task instance's state (the deciding one's, for a DAG's notification). */
  state: string | null;
  run_state: string | null;
  error: string | null;
  exception: { type: string; message: string } | null;
  /** The run's page in the UI. */
  link: string;
}

export function notificationFacts(delivery: DeliveryRecord, baseUrl: string): NotificationFacts {
  const { info } = delivery;
  return {
    dag_id: delivery.dagId,
    run_id: delivery.runId,
    task_id: delivery.taskId,
    map_index: delivery.mapIndex,
    try_number: delivery.tryNumber,
    event: delivery.event,
    scope: delivery.scope,
    state: info.taskState,
    run_state: info.runState,
    error: info.exception ? `${info.exception.type}: ${info.exception.message}` : null,
    exception: info.exception,
    link: `${baseUrl.replace(/\/$/, "")}/dags/${encodeURIComponent(delivery.dagId)}/runs/${encodeURIComponent(delivery.runId)}`,
  };
}

/** One line saying what happened: "Task etl.load failed (run manual__..., try 2): ValueError: boom". */
export function summary(facts: NotificationFacts): string {
  const what =
    facts.scope === "dag" ? `DAG run ${facts.dag_id}` : `Task ${facts.dag_id}.${facts.task_id}`;
  const verb =
    facts.event === "failure"
      ? "failed"
      : facts.event === "retry"
        ? "is up for retry"
        : "succeeded";
  const where = `run ${facts.run_id}${facts.scope === "task" ? `, try ${facts.try_number}` : ""}`;
  return `${what} ${verb} (${where})${facts.error ? `: ${facts.error}` : ""}`;
}

export async function deliverNotification(
  notifier: NotifierSpec,
  connection: ConnectionValue,
  facts: NotificationFacts,
  timeoutMs: number,
): Promise<void> {
  switch (notifier.kind) {
    case NotifierKind.webhook:
      return post(webhookUrl(connection), facts, connection, timeoutMs);
    case NotifierKind.slack: {
      const text = notifier.text ?? `${summary(facts)} <${facts.link}|View the run>`;
      return post(slackUrl(connection), { text }, connection, timeoutMs);
    }
    case NotifierKind.smtp:
      return mail(notifier, connection, facts, timeoutMs);
  }
}

/**
 * A webhook connection's URL: its host when that is a whole URL, else Airflow's HTTP
 * connection form (`schema` as the scheme, host, port) plus extra `endpoint`.
 */
function webhookUrl(connection: ConnectionValue): string {
  const host = connection.host ?? "";
  if (/^https?:\/\//i.test(host)) return host;
  if (host === "") throw new NotifierError(`Connection '${connection.connId}' has no host.`);
  const scheme = /^https?$/i.test(connection.schema ?? "") ? connection.schema : "https";
  const port = connection.port === null ? "" : `:${connection.port}`;
  const endpoint = String(extra(connection).endpoint ?? "").replace(/^\/?/, "/");
  return `${scheme}://${host}${port}${endpoint === "/" ? "" : endpoint}`;
}

/**
 * A Slack incoming-webhook connection (Airflow's `slackwebhook`): the whole webhook URL in
 * the password, or the host (`https://hooks.slack.com/services`) with the token path in
 * the password.
 */
function slackUrl(connection: ConnectionValue): string {
  const password = connection.password ?? "";
  if (/^https?:\/\//i.test(password)) return password;
  const host = connection.host || "https://hooks.slack.com/services";
  if (password === "") {
    throw new NotifierError(
      `Connection '${connection.connId}' holds no webhook: put the webhook URL (or its token path) in its password.`,
    );
  }
  const base = /^https?:\/\//i.test(host) ? host : `https://${host}`;
  return `${base.replace(/\/$/, "")}/${password.replace(/^\//, "")}`;
}

async function post(
  url: string,
  body: unknown,
  connection: ConnectionValue,
  timeoutMs: number,
): Promise<void> {
  const where = `the webhook of connection '${connection.connId}'`;
  let answer: Response;
  try {
    answer = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "borda-notifier" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: "error",
    });
  } catch (error) {
    const cause = (error as Error).cause;
    const reason =
      (error as Error).name === "TimeoutError"
        ? "no answer in time"
        : cause instanceof Error
          ? describeSocketError(cause)
          : (error as Error).name;
    throw new NotifierError(`Could not reach ${where}: ${reason}.`);
  }
  await answer.body?.cancel();
  if (!answer.ok) throw new NotifierError(`${where} answered HTTP ${answer.status}.`);
}

async function mail(
  notifier: Extract<NotifierSpec, { kind: "smtp" }>,
  connection: ConnectionValue,
  facts: NotificationFacts,
  timeoutMs: number,
): Promise<void> {
  const options = extra(connection);
  const from = notifier.from ?? String(options.from_email ?? connection.login ?? "");
  if (!connection.host || !from.includes("@")) {
    throw new NotifierError(
      `Connection '${connection.connId}' needs a host, and a sender: the notifier's from, extra from_email, or a login that is an address.`,
    );
  }
  const text = [
    summary(facts),
    "",
    `DAG: ${facts.dag_id}`,
    `Run: ${facts.run_id}`,
    ...(facts.task_id ? [`Task: ${facts.task_id}`, `Try: ${facts.try_number}`] : []),
    `State: ${facts.scope === "dag" ? facts.run_state : facts.state}`,
    ...(facts.error ? [`Error: ${facts.error}`] : []),
    "",
    `Open the run: ${facts.link}`,
  ].join("\n");
  try {
    await sendMail({
      host: connection.host,
      port: connection.port ?? 25,
      ...(options.ssl === true || options.use_ssl === true ? { secure: true } : {}),
      ...(options.disable_tls === true ? { startTls: false } : {}),
      allowPlainAuth: options.allow_plain_auth === true,
      rejectUnauthorized: options.verify !== false,
      login: connection.login,
      password: connection.password,
      from,
      to: notifier.to,
      subject: notifier.subject ?? `[Borda] ${summary({ ...facts, error: null })}`,
      text,
      timeoutMs,
    });
  } catch (error) {
    throw new NotifierError(
      `Mail through connection '${connection.connId}' failed: ${(error as Error).message}`,
    );
  }
}

function extra(connection: ConnectionValue): Record<string, unknown> {
  if (!connection.extra) return {};
  try {
    const parsed: unknown = JSON.parse(connection.extra);
    return typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
