import net from "node:net";
import tls from "node:tls";

/**
 * A small SMTP client (RFC 5321) for the e-mail notifier: one message per connection.
 * Implicit TLS on port 465 (or `secure`), else a plain connection upgraded with STARTTLS
 * whenever the server offers it (unless `startTls` is false); AUTH PLAIN when a login is
 * given, and only over TLS unless `allowPlainAuth` (a loopback relay). Written here rather
 * than taken as a dependency: this much of SMTP is short, and the control plane needs
 * nothing else of a mail library.
 */

export interface SmtpMessage {
  host: string;
  port: number;
  /** Implicit TLS (SMTPS). Default: port 465. */
  secure?: boolean;
  /** Upgrade with STARTTLS when offered. Default true. */
  startTls?: boolean;
  /** Send credentials over a connection without TLS. Default false. */
  allowPlainAuth?: boolean;
  /** Verify the server's certificate. Default true. */
  rejectUnauthorized?: boolean;
  login?: string | null;
  password?: string | null;
  from: string;
  to: readonly string[];
  subject: string;
  text: string;
  timeoutMs?: number;
}

/** An SMTP conversation that went wrong; the message names the step, never a credential. */
export class SmtpError extends Error {
  override name = "SmtpError";
}

export async function sendMail(message: SmtpMessage): Promise<void> {
  const secure = message.secure ?? message.port === 465;
  const tlsOptions = {
    servername: net.isIP(message.host) ? undefined : message.host,
    rejectUnauthorized: message.rejectUnauthorized ?? true,
  };
  let socket: net.Socket = secure
    ? tls.connect({ host: message.host, port: message.port, ...tlsOptions })
    : net.connect({ host: message.host, port: message.port });
  socket.setTimeout(message.timeoutMs ?? 30_000);
  let conversation = new Conversation(socket);
  try {
    await conversation.expect(220, "greeting");
    let features = await conversation.ehlo();
    let encrypted = secure;
    if (!encrypted && features.has("STARTTLS") && message.startTls !== false) {
      await conversation.command("STARTTLS", 220);
      conversation.detach();
      socket = tls.connect({ socket, ...tlsOptions });
      await new Promise<void>((resolve, reject) => {
        socket.once("secureConnect", resolve);
        socket.once("error", reject);
      });
      conversation = new Conversation(socket);
      features = await conversation.ehlo();
      encrypted = true;
    }
    if (message.login) {
      if (!encrypted && !message.allowPlainAuth) {
        throw new SmtpError(
          'The SMTP server offers no TLS, and Borda does not send a password in clear: enable STARTTLS or port 465, or set extra {"allow_plain_auth": true} for a trusted relay.',
        );
      }
      const token = Buffer.from(`\0${message.login}\0${message.password ?? ""}`).toString("base64");
      await conversation.command(`AUTH PLAIN ${token}`, 235, "AUTH");
    }
    await conversation.command(`MAIL FROM:<${message.from}>`, 250);
    for (const to of message.to) await conversation.command(`RCPT TO:<${to}>`, [250, 251]);
    await conversation.command("DATA", 354);
    await conversation.command(`${formatMessage(message)}\r\n.`, 250, "the message");
    await conversation.command("QUIT", 221).catch(() => {});
  } finally {
    socket.destroy();
  }
}

/** Headers and body, CRLF line ends, dot-stuffed (RFC 5321 4.5.2). */
function formatMessage(message: SmtpMessage): string {
  const header = (value: string) =>
    /^[\x20-\x7e]*$/.test(value)
      ? value
      : `=?UTF-8?B?${Buffer.from(value, "utf8").toString("base64")}?=`;
  const lines = [
    `From: ${message.from}`,
    `To: ${message.to.join(", ")}`,
    `Subject: ${header(message.subject.replace(/[\r\n]+/g, " "))}`,
    `Date: ${new Date().toUTCString()}`,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: 8bit",
    "",
    ...message.text.split(/\r?\n/),
  ];
  return lines.map((line) => (line.startsWith(".") ? `.${line}` : line)).join("\r\n");
}

/** Reads the server's replies (multi-line ones whole) and sends commands. */
class Conversation {
  readonly #socket: net.Socket;
  #buffer = "";
  #waiting: ((reply: { code: number; lines: string[] } | Error) => void) | null = null;
  readonly #replies: ({ code: number; lines: string[] } | Error)[] = [];
  readonly #onData = (chunk: Buffer) => {
    this.#buffer += chunk.toString("utf8");
    for (;;) {
      const reply = this.#takeReply();
      if (!reply) break;
      this.#deliver(reply);
    }
  };
  readonly #onEnd = (error?: Error) =>
    this.#deliver(
      new SmtpError(
        error
          ? `The SMTP connection failed: ${describeSocketError(error)}`
          : "The SMTP server closed the connection.",
      ),
    );
  readonly #onTimeout = () => {
    this.#deliver(new SmtpError("The SMTP server stopped answering (timeout)."));
    this.#socket.destroy();
  };

  constructor(socket: net.Socket) {
    this.#socket = socket;
    socket.on("data", this.#onData);
    socket.on("error", this.#onEnd);
    socket.on("close", () => this.#onEnd());
    socket.on("timeout", this.#onTimeout);
  }

  /** Stops reading: the socket is handed to TLS. */
  detach(): void {
    this.#socket.off("data", this.#onData);
    this.#socket.removeAllListeners("error");
    this.#socket.removeAllListeners("close");
    this.#socket.off("timeout", this.#onTimeout);
  }

  async ehlo(): Promise<Set<string>> {
    const reply = await this.command("EHLO borda", 250);
    return new Set(reply.lines.slice(1).map((line) => line.split(" ")[0]?.toUpperCase() ?? ""));
  }

  async command(
    line: string,
    expected: number | number[],
    what = line.split(" ")[0],
  ): Promise<{ code: number; lines: string[] }> {
    this.#socket.write(`${line}\r\n`);
    return this.expect(expected, what ?? line);
  }

  async expect(
    expected: number | number[],
    what: string,
  ): Promise<{ code: number; lines: string[] }> {
    const reply = await this.#next();
    if (reply instanceof Error) throw reply;
    const codes = Array.isArray(expected) ? expected : [expected];
    if (!codes.includes(reply.code)) {
      throw new SmtpError(
        `The SMTP server refused ${what}: ${reply.code} ${reply.lines.join(" ").slice(0, 300)}`,
      );
    }
    return reply;
  }

  #next(): Promise<{ code: number; lines: string[] } | Error> {
    const ready = this.#replies.shift();
    if (ready) return Promise.resolve(ready);
    return new Promise((resolve) => {
      this.#waiting = resolve;
    });
  }

  #deliver(reply: { code: number; lines: string[] } | Error): void {
    const waiting = this.#waiting;
    this.#waiting = null;
    if (waiting) waiting(reply);
    else this.#replies.push(reply);
  }

  /** One whole reply from the buffer: lines `250-...` continue, `250 ...` ends it. */
  #takeReply(): { code: number; lines: string[] } | null {
    const lines: string[] = [];
    let offset = 0;
    for (;;) {
      const end = this.#buffer.indexOf("\r\n", offset);
      if (end < 0) return null;
      const line = this.#buffer.slice(offset, end);
      offset = end + 2;
      lines.push(line.slice(4));
      if (line[3] !== "-") {
        this.#buffer = this.#buffer.slice(offset);
        return { code: Number(line.slice(0, 3)), lines };
      }
    }
  }
}

/** A socket error as a reason, without the address (a connection's host is sealed). */
export function describeSocketError(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code ?? error.name;
}
