import net from "node:net";

/**
 * A TCP load balancer on loopback, in front of control plane replicas: each new
 * connection goes to the next backend in turn, skipping backends that refuse it (a
 * replica that is down), and is refused itself only when every backend refuses. Real
 * sockets, bytes passed through untouched, so what workers see through it is what they
 * would see through a real balancer: a kept-alive connection stays on its replica until
 * one side closes it.
 *
 * `dropAll()` resets every connection open through it, as a balancer that restarts or
 * loses its state does. With `answers: "drop"` it loses every answer instead: the request
 * reaches the backend, and the connection is reset at the first byte coming back, as
 * when a link fails after the server has acted on a request.
 */

export interface Backend {
  host: string;
  port: number;
}

export interface TcpProxyOptions {
  /** "drop": reset each connection at the first byte of its answer, before the client gets it. */
  answers?: "forward" | "drop";
}

export class TcpProxy {
  readonly #server: net.Server;
  readonly #backends: readonly Backend[];
  readonly #dropAnswers: boolean;
  readonly #open = new Set<net.Socket>();
  #next = 0;
  #droppedAnswers = 0;

  private constructor(backends: readonly Backend[], options: TcpProxyOptions) {
    this.#backends = backends;
    this.#dropAnswers = options.answers === "drop";
    this.#server = net.createServer({ pauseOnConnect: true }, (client) => this.#accept(client));
  }

  static async start(backends: readonly Backend[], options: TcpProxyOptions = {}) {
    if (backends.length === 0) throw new Error("a proxy needs at least one backend");
    const proxy = new TcpProxy(backends, options);
    await new Promise<void>((resolve, reject) => {
      proxy.#server.once("error", reject);
      proxy.#server.listen(0, "127.0.0.1", () => resolve());
    });
    return proxy;
  }

  get port(): number {
    return (this.#server.address() as net.AddressInfo).port;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Answers lost so far (`answers: "drop"`). */
  get droppedAnswers(): number {
    return this.#droppedAnswers;
  }

  /** Resets every connection open through the proxy, both sides. */
  dropAll(): void {
    for (const socket of this.#open) socket.resetAndDestroy();
  }

  async close(): Promise<void> {
    this.dropAll();
    await new Promise((resolve) => this.#server.close(resolve));
  }

  #accept(client: net.Socket): void {
    this.#track(client);
    client.on("error", () => {});
    // One try per backend, starting with the next in turn.
    const start = this.#next;
    this.#next = (this.#next + 1) % this.#backends.length;
    const tryBackend = (offset: number) => {
      if (client.destroyed) return;
      if (offset === this.#backends.length) {
        client.resetAndDestroy();
        return;
      }
      const backend = this.#backends[(start + offset) % this.#backends.length] as Backend;
      const upstream = net.connect(backend.port, backend.host);
      let connected = false;
      upstream.once("connect", () => {
        connected = true;
        this.#track(upstream);
        this.#splice(client, upstream);
      });
      upstream.on("error", () => {
        if (connected) client.resetAndDestroy();
        else tryBackend(offset + 1);
      });
    };
    tryBackend(0);
  }

  #splice(client: net.Socket, upstream: net.Socket): void {
    client.pipe(upstream);
    if (this.#dropAnswers) {
      upstream.once("data", () => {
        this.#droppedAnswers++;
        upstream.resetAndDestroy();
        client.resetAndDestroy();
      });
    } else {
      upstream.pipe(client);
    }
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
    client.resume();
  }

  #track(socket: net.Socket): void {
    this.#open.add(socket);
    socket.once("close", () => this.#open.delete(socket));
  }
}
