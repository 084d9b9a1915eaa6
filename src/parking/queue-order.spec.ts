import { describe, expect, it } from '@jest/globals';
import { priorityKey, queueOrder, QueuedRequest } from './queue-order.js';

const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 9, minute));
const request = (id: number, created: number, lastServed: number | null = null, extra: Partial<QueuedRequest> = {}): QueuedRequest => ({
  id,
  createdAt: at(created),
  lastServedAt: lastServed === null ? null : at(lastServed),
  frontOfQueue: false,
  indefinite: false,
  ...extra,
});

describe('priorityKey', () => {
  it('is the creation time for a borrower never served', () => {
    expect(priorityKey(request(1, 5))).toEqual(at(5));
  });

  it('is the last-served time when that is later', () => {
    expect(priorityKey(request(1, 5, 20))).toEqual(at(20));
    expect(priorityKey(request(1, 5, 2))).toEqual(at(5));
  });
});

describe('queueOrder', () => {
  it('serves first come, first served', () => {
    expect(queueOrder([request(3, 30), request(1, 10), request(2, 20)]).map((r) => r.id)).toEqual([1, 2, 3]);
  });

  it('puts a borrower just served behind everyone already queued (no camping at the front)', () => {
    // Borrower of request 1 queued first but was served at minute 40: the newcomer at minute 30 goes first.
    expect(queueOrder([request(1, 10, 40), request(2, 30)]).map((r) => r.id)).toEqual([2, 1]);
  });

  it('serves dated requests before indefinite ones, each kind in its own priority order', () => {
    const ordered = queueOrder([
      request(1, 1, null, { indefinite: true }),
      request(2, 50),
      request(3, 0, null, { indefinite: true }),
      request(4, 40),
    ]);
    expect(ordered.map((r) => r.id)).toEqual([4, 2, 3, 1]);
  });

  it('puts requests that lost their loan at the front', () => {
    expect(queueOrder([request(1, 10), request(2, 50, 60, { frontOfQueue: true }), request(3, 5)]).map((r) => r.id)).toEqual([2, 3, 1]);
  });

  it('breaks equal keys by request id so the order is stable', () => {
    expect(queueOrder([request(7, 10), request(4, 10), request(5, 10)]).map((r) => r.id)).toEqual([4, 5, 7]);
  });
});
