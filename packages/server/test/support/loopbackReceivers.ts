import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer as createHttpServer, type IncomingMessage } from "node:http";
import { createServer as createNetServer, type Socket } from "node:net";
import path from "node:path";
import { TLSSocket } from "node:tls";
import type { Backend } from "./backends.js";

/** A request a loopback HTTP receiver got. */
export interface ReceivedRequest {
  method: string;
  path: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON was posted.
  body: any;
}

/**
 * An HTTP server on loopback that records every request; `status(path)` decides each
 * answer (default 200). Stopped after the test.
 */
export async function httpReceiver(
  backend: Pick<Backend, "onCleanup">,
  status: (path: string) => number = () => 200,
) {
  const received: ReceivedRequest[] = [];
  const server = createHttpServer(async (request, response) => {
    const text = await readBody(request);
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON
    }
    received.push({ method: request.method ?? "", path: request.url ?? "", body });
    response.statusCode = status(request.url ?? "");
    response.end("{}");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  backend.onCleanup(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
  return { url: `http://127.0.0.1:${port}`, port, received };
}

/** A mail an SMTP receiver got. */
export interface ReceivedMail {
  from: string;
  to: string[];
  /** The decoded `AUTH PLAIN` login and password, when the client signed in. */
  auth: { login: string; password: string } | null;
  /** Whether the client had upgraded the connection with STARTTLS. */
  tls: boolean;
  data: string;
}

/**
 * The least of an SMTP server (RFC 5321) on loopback: EHLO offering AUTH PLAIN (and
 * STARTTLS, given a key and certificate), MAIL, RCPT, DATA, QUIT. It records each message.
 * Stopped after the test.
 */
export async function smtpReceiver(
  backend: Pick<Backend, "onCleanup">,
  options: { tls?: { key: string; cert: string } } = {},
) {
  const mails: ReceivedMail[] = [];
  const serve = (stream: Socket, encrypted: boolean) => {
    let buffer = "";
    let inData = false;
    let auth: ReceivedMail["auth"] = null;
    let mail: ReceivedMail = { from: "", to: [], auth, tls: encrypted, data: "" };
    const reply = (line: string) => stream.write(`${line}\r\n`);
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString("utf8");
      for (;;) {
        if (inData) {
          const end = buffer.indexOf("\r\n.\r\n");
          if (end < 0) return;
          mail.data = buffer.slice(0, end).replace(/^\.\./gm, ".");
          buffer = buffer.slice(end + 5);
          inData = false;
          mails.push({ ...mail, auth });
          mail = { from: "", to: [], auth, tls: encrypted, data: "" };
          reply("250 queued");
          continue;
        }
        const end = buffer.indexOf("\r\n");
        if (end < 0) return;
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const verb = line.split(" ")[0]?.toUpperCase();
        if (verb === "EHLO") {
          reply(
            options.tls && !encrypted
              ? "250-loopback\r\n250-STARTTLS\r\n250 AUTH PLAIN"
              : "250-loopback\r\n250 AUTH PLAIN",
          );
        } else if (verb === "STARTTLS" && options.tls && !encrypted) {
          stream.off("data", onData);
          reply("220 ready to start TLS");
          const secure = new TLSSocket(stream, { isServer: true, ...options.tls });
          secure.on("error", () => {});
          serve(secure, true);
          return;
        } else if (verb === "AUTH") {
          const [, login = "", password = ""] = Buffer.from(line.split(" ")[2] ?? "", "base64")
            .toString("utf8")
            .split("\0");
          auth = { login, password };
          reply("235 ok");
        } else if (verb === "MAIL") {
          mail.from = /<(.*)>/.exec(line)?.[1] ?? "";
          reply("250 ok");
        } else if (verb === "RCPT") {
          mail.to.push(/<(.*)>/.exec(line)?.[1] ?? "");
          reply("250 ok");
        } else if (verb === "DATA") {
          inData = true;
          reply("354 go ahead");
        } else if (verb === "QUIT") {
          reply("221 bye");
          stream.end();
        } else reply("502 not implemented");
      }
    };
    stream.on("data", onData);
  };
  const server = createNetServer((socket) => {
    socket.on("error", () => {});
    socket.write("220 loopback ESMTP\r\n");
    serve(socket, false);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  backend.onCleanup(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { port, mails };
}

/**
 * A throwaway key and self-signed certificate for 127.0.0.1, made with the openssl
 * command; null where there is none.
 */
export function selfSignedCertificate(dir: string): { key: string; cert: string } | null {
  const keyFile = path.join(dir, "key.pem");
  const certFile = path.join(dir, "cert.pem");
  const made = spawnSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-days",
      "1",
      "-subj",
      "/CN=127.0.0.1",
    ].concat(["-keyout", keyFile, "-out", certFile]),
    { stdio: "ignore" },
  );
  if (made.status !== 0) return null;
  return { key: readFileSync(keyFile, "utf8"), cert: readFileSync(certFile, "utf8") };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = "";
    request.on("data", (chunk: Buffer) => {
      text += chunk.toString("utf8");
    });
    request.on("end", () => resolve(text));
  });
}
