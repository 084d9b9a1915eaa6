import { describe, expect, it } from '@jest/globals';
import {
  borrowRefusal,
  lendRefusal,
  matchesAtOnce,
  mayBeServed,
  priorityKey,
  QUEUE_REASONS,
  queueOrder,
  queueReason,
  type QueuedRequest,
  REASONS,
} from './loan-matching.js';

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

describe('who may queue, lend and be served', () => {
  const free = { lends: false, holdsValidPass: false, served: false, queued: false };

  it('lets a borrower with nothing that day queue', () => {
    expect(borrowRefusal(free)).toBeUndefined();
  });

  it('refuses a borrower who lends that day before any other reason (nobody lends and borrows the same date)', () => {
    expect(borrowRefusal({ lends: true, holdsValidPass: true, served: true, queued: true })).toBe(REASONS.lends);
  });

  it('refuses the owner of a pass valid that day, then a borrower already served, then one already queued', () => {
    expect(borrowRefusal({ ...free, holdsValidPass: true, served: true, queued: true })).toBe(REASONS.holdsValidPass);
    expect(borrowRefusal({ ...free, served: true, queued: true })).toBe(REASONS.alreadyServed);
    expect(borrowRefusal({ ...free, queued: true })).toBe(REASONS.alreadyQueued);
  });

  it('offers a pass once per date, and not on a date its owner borrows', () => {
    expect(lendRefusal({ offered: false, borrows: false })).toBeUndefined();
    expect(lendRefusal({ offered: true, borrows: true })).toBe(REASONS.alreadyOffered);
    expect(lendRefusal({ offered: false, borrows: true })).toBe(REASONS.borrows);
  });

  it('serves participants who are not busy that date', () => {
    const eligibility = { participants: new Set([1, 2]), unavailable: new Set([2]) };
    expect([1, 2, 3].filter((id) => mayBeServed(id, eligibility))).toEqual([1]);
  });

  it('matches at once only on dates already locked in (same-day service)', () => {
    expect(matchesAtOnce({ lockedAt: null })).toBe(false);
    expect(matchesAtOnce({ lockedAt: new Date() })).toBe(true);
  });
});

describe('queueReason', () => {
  it('names what queueOrder sorted the request by, in its precedence', () => {
    expect(queueReason(request(1, 5))).toBe(QUEUE_REASONS.firstCome);
    expect(queueReason(request(1, 5, 2))).toBe(QUEUE_REASONS.firstCome);
    expect(queueReason(request(1, 5, 20))).toBe(QUEUE_REASONS.servedRecently);
    expect(queueReason(request(1, 5, 20, { frontOfQueue: true }))).toBe(QUEUE_REASONS.lostLoan);
    expect(queueReason(request(1, 5, 20, { indefinite: true }))).toBe(QUEUE_REASONS.indefinite);
  });

  it('agrees with the order: every "served recently" request stands behind the first-come ones created before its service', () => {
    const queue = queueOrder([request(1, 1, 30), request(2, 10), request(3, 20)]);
    expect(queue.map((r) => [r.id, queueReason(r)])).toEqual([
      [2, QUEUE_REASONS.firstCome],
      [3, QUEUE_REASONS.firstCome],
      [1, QUEUE_REASONS.servedRecently],
    ]);
  });
});
