import { afterEach, describe, expect, it } from '@jest/globals';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ConfigType } from '@nestjs/config';
import type { operatorConfig } from '../config/configuration.js';
import type { DueWorkRepository } from '../database/due-work/due-work.repository.js';
import { HailAdmissionService } from './hail-admission.service.js';
import type { HailRepository } from './hail.repository.js';

/** An admission whose database is idle and keeping up: only the in-flight bounds can refuse. */
function admission(): HailAdmissionService {
  const hails = { queriesWaitingForConnection: () => 0 } as unknown as HailRepository;
  const dueWork = { oldestWaiting: async () => null } as unknown as DueWorkRepository;
  const config = { admissionMaxLagMs: 2000 } as ConfigType<typeof operatorConfig>;
  return new HailAdmissionService(hails, dueWork, config);
}

const refused = (outcome: PromiseSettledResult<unknown>) => outcome.status === 'rejected';

describe('HailAdmissionService: in-flight hails', () => {
  let service: HailAdmissionService | undefined;
  afterEach(() => service?.onApplicationShutdown());

  it('admits a burst of hails that are each stored quickly, however many arrive at once', async () => {
    service = admission();
    // A pause lined 40 hails up: each is stored in 20 ms once it ends.
    const outcomes = await Promise.allSettled(Array.from({ length: 40 }, () => service!.admit(() => sleep(20))));
    expect(outcomes.filter(refused)).toHaveLength(0);
  });

  it('refuses once 8 hails are in flight and the oldest has been stored for more than 200 ms', async () => {
    service = admission();
    const slow = Array.from({ length: 8 }, () => service!.admit(() => sleep(400)));
    await sleep(250);
    await expect(service.admit(async () => 'stored')).rejects.toMatchObject({ code: 'HAIL_CANNOT_BE_SERVED_IN_TIME' });
    await Promise.all(slow);
    // Once they are stored, the next hail is taken again.
    await expect(service.admit(async () => 'stored')).resolves.toBe('stored');
  });

  it('refuses beyond 64 in flight however fast they go', async () => {
    service = admission();
    const outcomes = await Promise.allSettled(Array.from({ length: 70 }, () => service!.admit(() => sleep(50))));
    expect(outcomes.filter(refused)).toHaveLength(6);
  });
});
