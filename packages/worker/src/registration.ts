import {
  BordaError,
  ErrorCode,
  edgeProtocolVersion,
  type RegisterResponse,
} from "@borda/protocol/edge";
import { Backoff, type BackoffOptions, delay } from "./client/backoff.js";
import { EdgeCallError, type EdgeClient, TransportFailure } from "./client/edgeClient.js";
import type { WorkerConfig } from "./config.js";
import { formatDuration } from "./formatDuration.js";
import type { Logger } from "./logger.js";
import { collectSysInfo } from "./sysInfo.js";
import { workerVersion } from "./version.js";

/**
 * Start-up's part of the conversation with the control plane: is there a Borda control
 * plane at the URL, speaking this worker's protocol; then registering with it (again, too,
 * when it has forgotten the worker). Both retry with backoff while the control plane is
 * merely away, and fail at once with a `BordaError` whose message says what to fix when
 * retrying cannot help: a wrong URL, a refused token, a taken name.
 */

export interface RegistrationContext {
  client: EdgeClient;
  /** Read at each registration: the queues and concurrency in effect. */
  config: WorkerConfig;
  instanceId: string;
  logger: Logger;
  backoff: BackoffOptions;
  /** Aborted when the worker is asked to stop: ends the retries. */
  signal: AbortSignal;
}

export async function checkControlPlane(context: RegistrationContext): Promise<void> {
  const { client, config, signal } = context;
  const { apiUrl } = config;
  const backoff = new Backoff(context.backoff);
  for (;;) {
    try {
      const health = await client.health(signal);
      if (health.protocolVersion.split(".")[0] !== edgeProtocolVersion.split(".")[0]) {
        throw new BordaError(
          ErrorCode.unsupportedVersion,
          `The control plane at ${apiUrl} speaks worker protocol ${health.protocolVersion}; this worker (${workerVersion}) speaks ${edgeProtocolVersion}. Install the worker of the control plane's version, ${health.version}.`,
        );
      }
      return;
    } catch (error) {
      if (!(error instanceof EdgeCallError)) throw error;
      if (signal.aborted) throw error;
      const unreachable = `Cannot reach the control plane at ${apiUrl}`;
      if (error.code === TransportFailure.unknownHost) {
        throw new BordaError(
          ErrorCode.configuration,
          `${unreachable}: its host name does not resolve (${error.detail}). Check BORDA_API_URL (--api-url).`,
        );
      }
      if (error.code === TransportFailure.tls) {
        throw new BordaError(
          ErrorCode.configuration,
          `${unreachable}: the TLS connection failed (${error.detail}). Check BORDA_API_URL (--api-url), and that this machine trusts the control plane's certificate (NODE_EXTRA_CA_CERTS).`,
        );
      }
      if (!error.transient) {
        throw new BordaError(
          ErrorCode.configuration,
          `${apiUrl} is not a Borda control plane: ${error.message}. Check BORDA_API_URL (--api-url).`,
        );
      }
      await waitToRetry(context, backoff, error, "the control plane is not reachable yet");
    }
  }
}

export async function register(context: RegistrationContext): Promise<RegisterResponse> {
  const { client, config, signal } = context;
  const backoff = new Backoff(context.backoff);
  for (;;) {
    try {
      return await client.register(
        {
          instanceId: context.instanceId,
          queues: config.queues,
          concurrency: config.concurrency,
          version: workerVersion,
          protocolVersion: edgeProtocolVersion,
          sysinfo: await collectSysInfo(config.workDir),
        },
        signal,
      );
    } catch (error) {
      if (!(error instanceof EdgeCallError)) throw error;
      if (signal.aborted) throw error;
      if (!error.transient) throw registrationRefused(error, config.hostname);
      await waitToRetry(context, backoff, error, "registration failed");
    }
  }
}

function registrationRefused(error: EdgeCallError, name: string): BordaError {
  if (error.status === 401 || error.status === 403) {
    return new BordaError(
      ErrorCode.unauthenticated,
      `The control plane refused the worker token: ${error.detail}`,
    );
  }
  if (error.status === 426 || error.code === ErrorCode.unsupportedVersion) {
    return new BordaError(
      ErrorCode.unsupportedVersion,
      `The control plane refused this worker's version (${workerVersion}, protocol ${edgeProtocolVersion}): ${error.detail}`,
    );
  }
  if (error.status === 409) {
    const hint = error.detail.includes("--hostname")
      ? ""
      : " Give this worker another name with --hostname (BORDA_HOSTNAME).";
    return new BordaError(
      ErrorCode.conflict,
      `The control plane refused the worker name '${name}': ${error.detail}${hint}`,
    );
  }
  return new BordaError(ErrorCode.configuration, `Registering failed: ${error.message}`);
}

async function waitToRetry(
  context: RegistrationContext,
  backoff: Backoff,
  error: Error,
  what: string,
): Promise<void> {
  const wait = backoff.next();
  context.logger.warn(`${what}; retrying in ${formatDuration(wait)}`, { error });
  await delay(wait, context.signal);
}
