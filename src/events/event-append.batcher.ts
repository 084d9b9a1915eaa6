import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { randomUUID } from 'node:crypto';
import { MicroBatcher } from '../common/batching/micro-batcher.js';
import { eventsConfig } from '../config/configuration.js';
import type { EventToAppend, IdempotencyClaim } from './event-envelope.js';
import { type BatchOutcome, type BatchedAppend, EventsRepository } from './events.repository.js';

/** What a batch answers each of its appends: its event, a remembered key, or the error that refused it alone. */
type AppendOutcome = BatchOutcome | { error: unknown };

/**
 * Enough to amortise a commit and a round trip; bounded in size too (characters of JSON), as one
 * envelope may weigh up to 1 MiB.
 */
const MAX_BATCH = 500;
const MAX_BATCH_JSON_LENGTH = 4 * 1024 * 1024;
/**
 * Batches in flight at once, each on its own pool connection on PostgreSQL: one batch waiting on a
 * row lock (a publishing module's transaction holds its counter row until it commits) does not hold
 * back the appends of every other stream, and the commits of overlapping batches share WAL flushes.
 */
const CONCURRENT_BATCHES = 4;

/**
 * Group commit of appends to existing streams. Appends arriving while batches are being written are
 * gathered into the next one, so under load one statement (PostgreSQL) or one transaction (SQLite)
 * and one commit serve dozens of appends: the per-append costs that bounded the store (a round trip,
 * a socket write on each side, a commit and its flush) are paid once per batch. A lone append still
 * goes at once.
 *
 * Every guarantee of the single append holds: the counter rows are locked until the batch commits,
 * so sequences stay gapless and in commit order, and a batch commits or rolls back whole. An append
 * that the database refuses for its own content (it cannot happen after validation, but a batch
 * must not fail for one bad neighbour) is retried alone, so only it fails.
 *
 * Appends with an Idempotency-Key batch too: the statement claims the keys first and leaves out an
 * append whose key is remembered. Repeats of one key in the same batch (parallel retries) send only
 * the first to the database; the others answer what it answers.
 */
@Injectable()
export class EventAppendBatcher {
  private readonly logger = new Logger(EventAppendBatcher.name);
  private readonly batcher = new MicroBatcher<BatchedAppend, AppendOutcome>((appends) => this.write(appends), {
    maxBatch: MAX_BATCH,
    concurrency: CONCURRENT_BATCHES,
    weigh: (append) => append.event.system.length + append.event.trigger.length + append.event.payload.length,
    maxWeight: MAX_BATCH_JSON_LENGTH,
  });

  constructor(
    private readonly repository: EventsRepository,
    @Inject(eventsConfig.KEY) private readonly config: ConfigType<typeof eventsConfig>,
  ) {}

  /** Appends to a stream that exists, in the next batch; resolves once that batch committed. */
  async append(stream: string, event: EventToAppend, idempotency?: IdempotencyClaim): Promise<BatchOutcome> {
    const outcome = await this.batcher.submit({ id: randomUUID(), stream, event, idempotency });
    if ('error' in outcome) throw outcome.error;
    return outcome;
  }

  private async write(appends: BatchedAppend[]): Promise<AppendOutcome[]> {
    const { leaders, leaderOf } = firstOfEachKey(appends);
    const outcomes = await this.writeLeaders(leaders);
    const byId = new Map(leaders.map((leader, i) => [leader.id, outcomes[i]]));
    return appends.map((append) => {
      const leader = leaderOf.get(append) ?? append;
      const outcome = byId.get(leader.id) as AppendOutcome;
      if (leader === append || !('appended' in outcome)) return outcome;
      // A repeat of a key its leader just wrote: the key is remembered now, with the leader's digest.
      return { remembered: { eventId: outcome.appended.id, digest: (leader.idempotency as IdempotencyClaim).digest } };
    });
  }

  private async writeLeaders(appends: BatchedAppend[]): Promise<AppendOutcome[]> {
    try {
      return await this.repository.appendBatch(appends, new Date(Date.now() - this.config.idempotencyKeyMs));
    } catch (error) {
      if (appends.length > 1 && this.repository.refusesContent(error)) return this.writeEachAlone(appends, error);
      throw error;
    }
  }

  private async writeEachAlone(appends: BatchedAppend[], cause: unknown): Promise<AppendOutcome[]> {
    this.logger.warn(`a batch of ${appends.length} appends was refused (${String(cause)}); appending each alone`);
    const outcomes: AppendOutcome[] = [];
    for (const append of appends) {
      try {
        outcomes.push(...(await this.writeLeaders([append])));
      } catch (error) {
        outcomes.push({ error });
      }
    }
    return outcomes;
  }
}

/** The appends to send (every one without a key, the first of each (stream, key)), and each repeat's first. */
function firstOfEachKey(appends: BatchedAppend[]): { leaders: BatchedAppend[]; leaderOf: Map<BatchedAppend, BatchedAppend> } {
  const firsts = new Map<string, BatchedAppend>();
  const leaders: BatchedAppend[] = [];
  const leaderOf = new Map<BatchedAppend, BatchedAppend>();
  for (const append of appends) {
    if (append.idempotency === undefined) {
      leaders.push(append);
      continue;
    }
    const key = `${append.stream}\u0000${append.idempotency.key}`;
    const first = firsts.get(key);
    if (first === undefined) {
      firsts.set(key, append);
      leaders.push(append);
    } else {
      leaderOf.set(append, first);
    }
  }
  return { leaders, leaderOf };
}
