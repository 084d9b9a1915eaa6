import { describe, expect, it } from '@jest/globals';
import { registryUpdateBody, registryUrl } from './registry.client.js';
import { retryDelayMs } from './hail-lifecycle.service.js';
import { DRIVER_ACTIONS, isTerminal } from './hail-status.js';

describe('registryUrl', () => {
  it('joins paths instead of replacing the base path', () => {
    expect(registryUrl('https://dev.api.taxi', 'hails', 'abc')).toBe('https://dev.api.taxi/hails/abc');
    expect(registryUrl('https://h.example/api/v2/', 'hails', 'abc')).toBe('https://h.example/api/v2/hails/abc');
    expect(registryUrl('https://h.example/api/v2', 'hails', 'abc')).toBe('https://h.example/api/v2/hails/abc');
  });

  it('escapes the hail id, so an id cannot climb the path', () => {
    expect(registryUrl('https://h.example/api', 'hails', '../x?y')).toBe('https://h.example/api/hails/..%2Fx%3Fy');
  });
});

describe('registryUpdateBody', () => {
  it('keeps only the keys the registry accepts', () => {
    const sneaky = { status: 'accepted_by_taxi', taxi_phone_number: '06', note: 'x' } as never;
    expect(registryUpdateBody(sneaky)).toEqual({ status: 'accepted_by_taxi', taxi_phone_number: '06' });
    expect(registryUpdateBody({ status: 'received_by_taxi' })).toEqual({ status: 'received_by_taxi' });
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
