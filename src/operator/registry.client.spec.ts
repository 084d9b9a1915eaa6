import { describe, expect, it } from '@jest/globals';
import type { RegistryHailUpdate } from './hail-update.entity.js';
import { registryHailOf, registryStatusOf, registryUpdateBody, registryUrl } from './registry.client.js';
import { DRIVER_ACTIONS, isTerminal, retryDelayMs } from './hail-state-machine.js';

describe('registryUrl', () => {
  it('joins paths instead of replacing the base path', () => {
    expect(registryUrl('https://dev.api.taxi', 'hails', 'abc')).toBe('https://dev.api.taxi/hails/abc');
    expect(registryUrl('https://h.example/api/v2/', 'hails', 'abc')).toBe('https://h.example/api/v2/hails/abc');
    expect(registryUrl('https://h.example/api/v2', 'hails', 'abc')).toBe('https://h.example/api/v2/hails/abc');
  });

  it('escapes the hail id, so an id cannot climb the path', () => {
    expect(registryUrl('https://h.example/api', 'hails', '../x?y')).toBe('https://h.example/api/hails/..%2Fx%3Fy');
    expect(registryUrl('https://h.example/api', 'hails', 'a/b#c')).toBe('https://h.example/api/hails/a%2Fb%23c');
  });

  it('refuses dot segments and empty ones, which the URL parser would resolve away', () => {
    for (const segment of ['..', '.', '']) {
      expect(() => registryUrl('https://h.example/api', 'hails', segment)).toThrow(/refusing the path segment/);
    }
    expect(registryUrl('https://h.example/api', 'hails', '...')).toBe('https://h.example/api/hails/...');
    expect(registryUrl('https://h.example/api', 'hails', '%2e%2e')).toBe('https://h.example/api/hails/%252e%252e');
  });
});

describe("the registry's answers", () => {
  it('reads the hail and its status only from a 2xx holding one', () => {
    const answer = (status: number | null, body: unknown) => ({ status, body, error: null, durationMs: 1 });
    expect(registryStatusOf(answer(200, { data: [{ status: 'accepted_by_customer' }] }))).toBe('accepted_by_customer');
    expect(registryHailOf(answer(200, { data: [{ status: 'finished', customer_phone_number: '06' }] }))).toMatchObject({
      customer_phone_number: '06',
    });
    for (const odd of [answer(404, { data: [{ status: 'finished' }] }), answer(null, undefined), answer(200, { data: [] })]) {
      expect(registryStatusOf(odd)).toBeUndefined();
    }
    expect(registryStatusOf(answer(200, { data: [{ status: 7 }] }))).toBeUndefined();
    expect(registryHailOf(answer(200, { data: [null] }))).toBeUndefined();
  });
});

describe('registryUpdateBody', () => {
  it('keeps only the keys the registry accepts', () => {
    const sneaky = { status: 'accepted_by_taxi', taxi_phone_number: '06', note: 'x' } as never;
    expect(registryUpdateBody(sneaky)).toEqual({ status: 'accepted_by_taxi', taxi_phone_number: '06' });
    expect(registryUpdateBody({ status: 'received_by_taxi' })).toEqual({ status: 'received_by_taxi' });
    const report = { reporting_customer: true, reporting_customer_reason: 'no_show', status: undefined } as RegistryHailUpdate;
    expect(registryUpdateBody(report)).toEqual({ reporting_customer: true, reporting_customer_reason: 'no_show' });
    expect(Object.keys(registryUpdateBody(report))).not.toContain('status');
  });
});

describe('retryDelayMs', () => {
  it('retries the first time within 250 ms, then backs off to at most a second', () => {
    expect(retryDelayMs(1)).toBeLessThanOrEqual(250);
    expect(retryDelayMs(2)).toBeGreaterThan(retryDelayMs(1));
    expect(retryDelayMs(20)).toBe(1000);
  });
});

describe('the local state machine', () => {
  it('never leaves a terminal status through a driver action', () => {
    for (const rule of Object.values(DRIVER_ACTIONS)) {
      for (const from of rule.from) expect(isTerminal(from)).toBe(false);
    }
  });

  it('sends customer_on_board only after the customer accepted, finished only from on board', () => {
    expect(DRIVER_ACTIONS['customer-on-board'].from).toEqual(['accepted_by_customer']);
    expect(DRIVER_ACTIONS.finish.from).toEqual(['customer_on_board']);
  });
});
