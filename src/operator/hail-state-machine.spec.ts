import { describe, expect, it } from '@jest/globals';
import {
  driverMove,
  isRegistryTrouble,
  learntMove,
  registryTakenAt,
  resolveUpdate,
  updateDeadline,
  type HailState,
} from './hail-state-machine.js';
import { OperatorError } from './operator.errors.js';

const clocks = {
  receivedDeadlineMs: 10_000,
  decisionTimeoutMs: 30_000,
  customerTimeoutMs: 30_000,
  pickupTimeoutMs: 1_800_000,
  rideTimeoutMs: 7_200_000,
};
const receivedAt = new Date('2026-12-01T10:00:00Z');
const hail = (state: Partial<HailState>): HailState => ({ id: 'h1', status: 'received', receivedAt, decisionDeadlineAt: null, ...state });
const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as OperatorError).code;
  }
  return undefined;
};

describe('the hail state machine', () => {
  it("moves on the driver's answers the registry's table allows, from where the hail stands", () => {
    const accepted = driverMove(hail({ status: 'received' }), 'accept', receivedAt);
    expect(accepted).toEqual({ from: ['received'], to: 'accepted_by_taxi', cause: 'driver' });
    expect(driverMove(hail({ status: 'accepted_by_customer' }), 'customer-on-board', receivedAt)?.to).toBe('customer_on_board');
    expect(refusal(() => driverMove(hail({ status: 'accepted_by_taxi' }), 'customer-on-board', receivedAt))).toBe('ACTION_NOT_ALLOWED');
    expect(refusal(() => driverMove(hail({ status: 'declined_by_taxi' }), 'accept', receivedAt))).toBe('ACTION_NOT_ALLOWED');
  });

  it('answers 410 once the hail is over without the driver or its decision window has passed', () => {
    expect(refusal(() => driverMove(hail({ status: 'timeout_taxi' }), 'accept', receivedAt))).toBe('HAIL_OVER');
    expect(refusal(() => driverMove(hail({ status: 'failure' }), 'incident', receivedAt))).toBe('HAIL_OVER');
    const closed = hail({ status: 'received_by_taxi', decisionDeadlineAt: new Date(receivedAt.getTime() + 1000) });
    expect(refusal(() => driverMove(closed, 'decline', new Date(receivedAt.getTime() + 1001)))).toBe('DECISION_WINDOW_PASSED');
    expect(driverMove(closed, 'decline', new Date(receivedAt.getTime() + 1000))?.to).toBe('declined_by_taxi');
    for (const status of ['timeout_customer', 'timeout_accepted_by_customer'] as const) {
      expect(refusal(() => driverMove(hail({ status }), 'incident', receivedAt))).toBe('HAIL_OVER');
    }
    const pickup = hail({ status: 'accepted_by_customer', statusDeadlineAt: new Date(receivedAt.getTime() + 1000) });
    expect(refusal(() => driverMove(pickup, 'customer-on-board', new Date(receivedAt.getTime() + 1001)))).toBe('STATUS_WINDOW_PASSED');
    expect(driverMove(pickup, 'customer-on-board', new Date(receivedAt.getTime() + 999))?.to).toBe('customer_on_board');
  });

  it('takes the same answer again as done: nothing to move, nothing to send', () => {
    expect(driverMove(hail({ status: 'accepted_by_taxi' }), 'accept', receivedAt)).toBeNull();
    expect(driverMove(hail({ status: 'declined_by_taxi' }), 'decline', receivedAt)).toBeNull();
    // Even past the window: the registry answers a repeated status 200.
    const late = hail({ status: 'accepted_by_taxi', statusDeadlineAt: receivedAt });
    expect(driverMove(late, 'accept', new Date(receivedAt.getTime() + 60_000))).toBeNull();
  });

  it("resolves a PUT without answer or with a 4xx from the registry's hail", () => {
    for (const status of [500, 503, 429]) expect(isRegistryTrouble(status)).toBe(true);
    for (const status of [null, 400, 403, 404]) expect(isRegistryTrouble(status)).toBe(false);
    expect(resolveUpdate('received_by_taxi', 'received_by_taxi')).toEqual({ kind: 'delivered' });
    expect(resolveUpdate('received_by_taxi', 'accepted_by_taxi')).toEqual({ kind: 'delivered' });
    expect(resolveUpdate('received_by_taxi', 'received')).toEqual({ kind: 'early' });
    expect(resolveUpdate('received_by_taxi', 'received_by_operator')).toEqual({ kind: 'early' });
    expect(resolveUpdate('received_by_taxi', 'declined_by_customer')).toEqual({ kind: 'ended', status: 'declined_by_customer' });
    expect(resolveUpdate('accepted_by_taxi', 'timeout_taxi')).toEqual({ kind: 'ended', status: 'timeout_taxi' });
    expect(resolveUpdate('customer_on_board', 'incident_customer')).toEqual({ kind: 'ended', status: 'incident_customer' });
    expect(resolveUpdate('finished', 'finished')).toEqual({ kind: 'delivered' });
    // The early race is received_by_taxi's alone: an accept refused while the registry is behind is final.
    expect(resolveUpdate('accepted_by_taxi', 'received_by_operator')).toEqual({ kind: 'refused' });
    expect(resolveUpdate('accepted_by_taxi', undefined)).toEqual({ kind: 'unknown' });
  });

  it("counts a window from the registry's timestamp, kept between our send and now", () => {
    const sent = new Date('2026-12-01T10:00:00Z');
    const now = new Date('2026-12-01T10:00:04Z');
    expect(registryTakenAt({ last_status_change: '2026-12-01T10:00:01.500000+00:00' }, sent, now)).toEqual(
      new Date('2026-12-01T10:00:01.5Z'),
    );
    expect(registryTakenAt({ last_status_change: '2026-12-01T10:00:01.5' }, sent, now)).toEqual(new Date('2026-12-01T10:00:01.5Z'));
    expect(registryTakenAt({ last_status_change: '2026-12-01T09:00:00Z' }, sent, now)).toEqual(sent);
    expect(registryTakenAt({ last_status_change: '2026-12-01T11:00:00Z' }, sent, now)).toEqual(now);
    expect(registryTakenAt({ last_status_change: 'yesterday' }, sent, now)).toEqual(now);
    expect(registryTakenAt(undefined, sent, now)).toEqual(now);
  });

  it("bounds a driver answer's PUT by the decision window, at the latest the registry's two windows after the hail", () => {
    const decisionDeadlineAt = new Date(receivedAt.getTime() + 5000);
    expect(updateDeadline(hail({ decisionDeadlineAt }), 'accepted_by_taxi', receivedAt, clocks)).toEqual(decisionDeadlineAt);
    expect(updateDeadline(hail({}), 'declined_by_taxi', receivedAt, clocks)).toEqual(new Date(receivedAt.getTime() + 40_000));
    expect(updateDeadline(hail({}), 'finished', receivedAt, clocks)).toEqual(new Date(receivedAt.getTime() + 10 * 60_000));
    // Within the timer of the status it leaves.
    const pickupEnds = new Date(receivedAt.getTime() + 60_000);
    const waiting = hail({ status: 'accepted_by_customer', statusDeadlineAt: pickupEnds });
    expect(updateDeadline(waiting, 'customer_on_board', receivedAt, clocks)).toEqual(pickupEnds);
  });

  it('learns from a read what only the registry knows, and nothing from a registry behind us', () => {
    expect(learntMove('accepted_by_taxi', 'accepted_by_customer')).toEqual({
      from: ['accepted_by_taxi'],
      to: 'accepted_by_customer',
      cause: 'registry-poll',
    });
    expect(learntMove('received_by_taxi', 'declined_by_customer')?.to).toBe('declined_by_customer');
    expect(learntMove('customer_on_board', 'timeout_taxi')?.to).toBe('timeout_taxi');
    expect(learntMove('accepted_by_customer', 'timeout_accepted_by_customer')?.to).toBe('timeout_accepted_by_customer');
    expect(learntMove('accepted_by_taxi', 'received_by_taxi')).toBeUndefined();
    expect(learntMove('customer_on_board', 'accepted_by_customer')).toBeUndefined();
    expect(learntMove('accepted_by_taxi', 'accepted_by_taxi')).toBeUndefined();
    expect(learntMove('accepted_by_taxi', undefined)).toBeUndefined();
  });
});
