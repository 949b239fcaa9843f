import { createServer as createHttpServer, type IncomingMessage } from "node:http";
import { createServer as createNetServer } from "node:net";
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
  data: string;
}

/**
 * The least of an SMTP server (RFC 5321) on loopback: EHLO offering AUTH PLAIN, MAIL,
 * RCPT, DATA, QUIT. It records each message. Stopped after the test.
 */
export async function smtpReceiver(backend: Pick<Backend, "onCleanup">) {
  const mails: ReceivedMail[] = [];
  const server = createNetServer((socket) => {
    let buffer = "";
    let inData = false;
    let mail: ReceivedMail = { from: "", to: [], auth: null, data: "" };
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply("220 loopback ESMTP");
    socket.on("data", (chunk) => {
      buffer += chunk.toString("utf8");
      for (;;) {
        if (inData) {
          const end = buffer.indexOf("\r\n.\r\n");
          if (end < 0) return;
          mail.data = buffer.slice(0, end).replace(/^\.\./gm, ".");
          buffer = buffer.slice(end + 5);
          inData = false;
          mails.push(mail);
          mail = { from: "", to: [], auth: mail.auth, data: "" };
          reply("250 queued");
          continue;
        }
        const end = buffer.indexOf("\r\n");
        if (end < 0) return;
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const verb = line.split(" ")[0]?.toUpperCase();
        if (verb === "EHLO") reply("250-loopback\r\n250 AUTH PLAIN");
        else if (verb === "AUTH") {
          const [, login = "", password = ""] = Buffer.from(line.split(" ")[2] ?? "", "base64")
            .toString("utf8")
            .split("\0");
          mail.auth = { login, password };
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
          socket.end();
        } else reply("502 not implemented");
      }
    });
    socket.on("error", () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  backend.onCleanup(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { port, mails };
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
