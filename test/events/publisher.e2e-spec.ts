import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AsyncResource } from 'node:async_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { DomainEventRejectedError, DomainEventsPublisher } from '../../src/events/domain-events.publisher.js';
import { isSqliteRun } from '../helpers/sql.js';
import { createTestApp, TestApp } from '../helpers/test-app.js';
import { append, consume, jsonBody } from './events-helpers.js';

interface Delivered {
  event: { name: string; version: number; id: string; sequence: number };
  system: Record<string, unknown>;
  trigger: Record<string, unknown>;
  payload: Record<string, unknown>;
}

/** The in-process door other modules publish through: the same rules as HTTP, no HTTP. */
describe('DomainEventsPublisher', () => {
  let testApp: TestApp;
  let publisher: DomainEventsPublisher;
  let dataSource: DataSource;
  const http = () => testApp.http();
  const read = async (stream: string, name: string, consumer = 'reader') =>
    jsonBody(await consume(http(), stream, consumer, { eventName: name, limit: 1000 }).expect(200)) as Delivered[];

  beforeAll(async () => {
    testApp = await createTestApp({ processors: false });
    publisher = testApp.app.get(DomainEventsPublisher);
    dataSource = testApp.app.get(DataSource);
  });
  afterAll(() => testApp.close());

  it('appends to a stream it creates and owns, with platform defaults, readable over HTTP', async () => {
    const first = await publisher.publish({
      stream: 'operator.hails',
      producerId: 'citymove.operator',
      name: 'HailStatusChanged',
      payload: { hailId: 'h1', status: 'received' },
    });
    const second = await publisher.publish({
      stream: 'operator.hails',
      producerId: 'citymove.operator',
      name: 'HailStatusChanged',
      version: 2,
      payload: { hailId: 'h1', status: 'accepted' },
      trigger: { type: 'http', name: 'PUT /hails/h1' },
    });
    expect(first.sequence).toBe(1);
    expect(second.sequence).toBe(2);

    const events = await read('operator.hails', 'HailStatusChanged');
    expect(events.map((e) => e.event)).toEqual([
      { name: 'HailStatusChanged', version: 1, id: first.id, sequence: 1 },
      { name: 'HailStatusChanged', version: 2, id: second.id, sequence: 2 },
    ]);
    expect(events[0].system).toEqual({ id: 'citymove', name: 'citymove', time: expect.stringMatching(/Z$/), timezone: 'UTC' });
    expect(events[0].trigger).toEqual({ type: 'system', name: 'citymove.operator' });
    expect(events[1].trigger).toEqual({ type: 'http', name: 'PUT /hails/h1' });
    expect(events[1].payload).toEqual({ hailId: 'h1', status: 'accepted' });
  });

  it('refuses a stream another producer owns, HTTP or in-process, and an HTTP producer its stream', async () => {
    await append(http(), 'taken', 'outsider').expect(200);
    await expect(publisher.publish({ stream: 'taken', producerId: 'citymove.parking', name: 'X', payload: {} })).rejects.toMatchObject({
      name: 'DomainEventRejectedError',
      status: 423,
    });
    await publisher.publish({ stream: 'parking.loans', producerId: 'citymove.parking', name: 'LoanStarted', payload: {} });
    expect((await append(http(), 'parking.loans', 'outsider').expect(423)).text).toBe('"Locked - Second writers not allowed"');
  });

  it('refuses an invalid event before touching the store', async () => {
    await expect(publisher.publish({ stream: 'a/b', producerId: 'citymove.x', name: 'X', payload: {} })).rejects.toBeInstanceOf(
      DomainEventRejectedError,
    );
    await expect(
      publisher.publish({ stream: 'ok', producerId: 'citymove.x', name: 'X', payload: null as unknown as Record<string, unknown> }),
    ).rejects.toMatchObject({ status: 400 });
  });

  it("commits with the caller's transaction and vanishes with its rollback, leaving no gap", async () => {
    const stream = 'mobility.trips';
    const producerId = 'citymove.mobility';
    await publisher.publish({ stream, producerId, name: 'TripStarted', payload: { trip: 1 } });

    await expect(
      dataSource.transaction(async (manager) => {
        await publisher.publish({ stream, producerId, name: 'TripStarted', payload: { trip: 2 } }, manager);
        throw new Error('the trip could not be saved');
      }),
    ).rejects.toThrow('the trip could not be saved');
    expect((await read(stream, 'TripStarted')).map((e) => e.payload)).toEqual([{ trip: 1 }]);

    let published: { sequence: number } | undefined;
    let readDuringTransaction: Promise<Delivered[]> | undefined;
    // Another client's read: supertest starts the in-process server in its caller's async context,
    // which inside the transaction would make the request look like part of it.
    const readAsAnotherClient = AsyncResource.bind(() => read(stream, 'TripStarted'));
    await dataSource.transaction(async (manager) => {
      published = await publisher.publish({ stream, producerId, name: 'TripStarted', payload: { trip: 3 } }, manager);
      // Not visible to anyone else before the caller commits. On PostgreSQL a reader answers without
      // it; on SQLite's one connection a reader waits in the queue of transactions until the commit.
      readDuringTransaction = readAsAnotherClient();
      if (isSqliteRun()) {
        const first = await Promise.race([readDuringTransaction.then(() => 'read'), sleep(300).then(() => 'still waiting')]);
        expect(first).toBe('still waiting');
      } else {
        expect((await readDuringTransaction).map((e) => e.payload)).toEqual([{ trip: 1 }]);
      }
    });
    if (isSqliteRun()) expect((await readDuringTransaction)?.map((e) => e.payload)).toEqual([{ trip: 1 }, { trip: 3 }]);
    expect(published?.sequence).toBe(2);
    expect((await read(stream, 'TripStarted')).map((e) => e.event.sequence)).toEqual([1, 2]);
  });

  it("rolls back a stream created inside a caller's failed transaction", async () => {
    await expect(
      dataSource.transaction(async (manager) => {
        await publisher.publish({ stream: 'never', producerId: 'citymove.members', name: 'Joined', payload: {} }, manager);
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    await consume(http(), 'never', 'reader').expect(404);
    // The name is free again: another producer may create it.
    await append(http(), 'never', 'someone-else').expect(200);
  });

  // 30 callers' transactions on a new stream, more than the pool's 20 connections: also proves the
  // publisher never needs a second connection while a caller holds one (that would exhaust the pool).
  it('keeps sequences gapless under parallel publishes, with and without transactions', async () => {
    const publishes = Array.from({ length: 60 }, (_, i) =>
      i % 2 === 0
        ? publisher.publish({ stream: 'busy', producerId: 'citymove.operator', name: 'Tick', payload: { i } })
        : dataSource.transaction((manager) =>
            publisher.publish({ stream: 'busy', producerId: 'citymove.operator', name: 'Tick', payload: { i } }, manager),
          ),
    );
    const results = await Promise.all(publishes);
    expect(results.map((r) => r.sequence).sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect((await read('busy', 'Tick')).map((e) => e.event.sequence)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
  });
});
