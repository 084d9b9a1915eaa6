import { describe, expect, it } from '@jest/globals';
import type { BatchedAppend } from './events.repository.js';
import { laterInStream, laterOfSameKey } from './events.repository.js';
import { deliveredEventText, toConsumerPositionView, toStreamSummaryViews } from './events.views.js';

const at = (iso: string) => new Date(iso);

describe('events views', () => {
  it('a delivered event: the envelope with id and sequence, keys in the contract order, the stored blocks spliced in as they are', () => {
    const event = {
      id: 'e1',
      eventName: 'OrderPlaced',
      sequence: 3,
      position: 7,
      version: 1,
      system: '{"id":"s"}',
      trigger: '{"type":"system"}',
      payload: '{"n": 12345678901234567890123, "price": 1.10, "n": 2}',
      createdAt: at('2026-11-22T10:15:30.000Z'),
    };
    expect(deliveredEventText(event)).toBe(
      '{"event":{"name":"OrderPlaced","version":1,"id":"e1","sequence":3},"system":{"id":"s"},"trigger":{"type":"system"},' +
        '"payload":{"n": 12345678901234567890123, "price": 1.10, "n": 2},"createdAt":"2026-11-22T10:15:30.000Z"}',
    );
    expect(deliveredEventText(event, true)).toMatch(/"createdAt":"2026-11-22T10:15:30.000Z","position":7}$/);
  });

  it('stream summaries: events of all names summed, the latest append, a stream without events kept', () => {
    const views = toStreamSummaryViews([
      { stream: 'a', producerId: 'p', eventName: 'X', lastSequence: 2, lastEventAt: at('2026-01-01T00:00:00Z') },
      { stream: 'a', producerId: 'p', eventName: 'Y', lastSequence: 3, lastEventAt: at('2026-01-02T00:00:00Z') },
      { stream: 'b', producerId: 'q', eventName: null, lastSequence: 0, lastEventAt: null },
    ]);
    expect(views).toEqual([
      { name: 'a', producerId: 'p', events: 5, eventNames: ['X', 'Y'], lastEventAt: '2026-01-02T00:00:00.000Z' },
      { name: 'b', producerId: 'q', events: 0, eventNames: [], lastEventAt: null },
    ]);
  });

  it('a consumer position: how far behind the last sequence', () => {
    const view = toConsumerPositionView({
      consumerId: 'c',
      eventName: 'X',
      acknowledgedSequence: 4,
      lastSequence: 10,
      movedAt: at('2026-01-01T00:00:00Z'),
    });
    expect(view).toEqual({ consumerId: 'c', eventName: 'X', offset: 4, behind: 6, movedAt: '2026-01-01T00:00:00.000Z' });
  });
});

describe('laterOfSameKey', () => {
  it('counts, for each append of a batch, the appends of its (stream, event name) after it', () => {
    const append = (stream: string, name: string) => ({ stream, event: { name } }) as BatchedAppend;
    expect(laterOfSameKey([append('a', 'X'), append('a', 'Y'), append('a', 'X'), append('b', 'X'), append('a', 'X')])).toEqual([
      2, 0, 1, 0, 0,
    ]);
  });
});

describe('laterInStream', () => {
  it('counts, for each append of a batch, the appends of its stream after it, whatever their names', () => {
    const append = (stream: string, name: string) => ({ stream, event: { name } }) as BatchedAppend;
    expect(laterInStream([append('a', 'X'), append('a', 'Y'), append('b', 'X'), append('a', 'X')])).toEqual([2, 1, 0, 0]);
  });
});
