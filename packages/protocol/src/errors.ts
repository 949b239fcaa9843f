/**
 * Stable error codes. A code never changes meaning; clients branch on it, people read
 * the message next to it.
 */
export const ErrorCode = {
  invalidInput: "invalid_input",
  notFound: "not_found",
  conflict: "conflict",
  /** A report about an attempt that is no longer the current one (fencing). */
  staleAttempt: "stale_attempt",
  unauthenticated: "unauthenticated",
  forbidden: "forbidden",
  importError: "import_error",
  payloadTooLarge: "payload_too_large",
  configuration: "configuration",
  /** The worker speaks a protocol version the server does not accept (or the reverse). */
  unsupportedVersion: "unsupported_version",
  internal: "internal",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** A failure with a stable code and a message that says what to do. */
export class BordaError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: { cause?: unknown; details?: Record<string, unknown> } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = "BordaError";
    this.code = code;
    this.details = options.details;
  }
}
