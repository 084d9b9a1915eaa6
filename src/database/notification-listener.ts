import pg from 'pg';

/**
 * A PostgreSQL connection of its own that LISTENs on one channel until `stop()`, and comes back a
 * second after it is refused or lost. `listening` runs each time the LISTEN is in place again: what
 * was notified while away is for the caller to catch up on (its polls do the rest).
 */
export class NotificationListener {
  private client: pg.Client | undefined;
  private stopped = false;

  constructor(
    private readonly url: string,
    private readonly channel: string,
    private readonly on: { notified: (payload: string) => void; listening: () => void },
  ) {
    void this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.client?.end().catch(() => undefined);
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      const client = new pg.Client({ connectionString: this.url, connectionTimeoutMillis: 2000 });
      const lost = new Promise<void>((resolve) => {
        client.on('error', () => resolve());
        client.on('end', () => resolve());
      });
      try {
        await client.connect();
        client.on('notification', (message) => this.on.notified(message.payload ?? ''));
        await client.query(`LISTEN ${this.channel}`);
        this.client = client;
        if (this.stopped) break;
        this.on.listening();
        await lost;
      } catch {
        // refused or dropped: retry below
      }
      this.client = undefined;
      await client.end().catch(() => undefined);
      if (!this.stopped) await new Promise((resolve) => setTimeout(resolve, 1000).unref());
    }
  }
}
