import { createServer, Server, Socket, connect } from 'node:net';

/**
 * A loopback TCP proxy in front of a real service, so a test can cut the service off from the app
 * (and restore it), or slow every round trip down, without stopping the shared server or mocking a
 * client.
 */
export class TcpProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  /** Added to each direction of every connection: a round trip gets twice this. */
  private delayMs = 0;
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async start(port = 0): Promise<number> {
    this.server = createServer((client) => {
      const upstream = connect(this.targetPort, this.targetHost);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => socket.destroy());
      }
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
      this.relay(client, upstream);
      this.relay(upstream, client);
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
    return this.port;
  }

  /** Refuses new connections and drops the open ones. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }

  /** Listens again on the same port. */
  async restore(): Promise<void> {
    if (this.server) return;
    await this.start(this.port);
  }

  /** Delays every chunk by `ms` in each direction from now on (0: back to a straight pipe). */
  delay(ms: number): void {
    this.delayMs = ms;
  }

  /**
   * Copies `from` to `to`, each chunk no earlier than `delayMs` after it arrived and never before
   * the chunk ahead of it, so the stream stays in order when the delay changes.
   */
  private relay(from: Socket, to: Socket): void {
    const pending: Array<{ at: number; chunk: Buffer }> = [];
    let timer: NodeJS.Timeout | undefined;
    const flush = () => {
      timer = undefined;
      const now = Date.now();
      while (pending.length > 0 && pending[0].at <= now) {
        const { chunk } = pending.shift()!;
        if (!to.destroyed) to.write(chunk);
      }
      if (pending.length > 0) timer = setTimeout(flush, pending[0].at - now);
    };
    from.on('data', (chunk: Buffer) => {
      if (this.delayMs === 0 && pending.length === 0) {
        if (!to.destroyed) to.write(chunk);
        return;
      }
      const last = pending.at(-1)?.at ?? 0;
      pending.push({ at: Math.max(Date.now() + this.delayMs, last), chunk });
      timer ??= setTimeout(flush, Math.max(0, pending[0].at - Date.now()));
    });
    from.on('close', () => clearTimeout(timer));
  }
}
