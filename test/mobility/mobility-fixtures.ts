import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { TokenService } from '../../src/common/auth/token.service.js';
import { DataSource } from 'typeorm';
import { ensureMember } from '../members/members-helpers.js';
import { BIKE_LOCATIONS_QUEUE } from '../../src/mobility/bike-locations.processor.js';
import { BIKE_LOCATIONS_WORK } from '../../src/mobility/bike-locations.work.js';
import { adminAuth, type TestApp } from '../helpers/test-app.js';

/** Paris, Notre-Dame: the centre of the test fleets. */
export const PARIS = { lon: 2.3499, lat: 48.853 };

export const point = (lon: number, lat: number) => ({ type: 'Point', coordinates: [lon, lat] });

/** Creates a bike through the admin route and returns its JSON. */
export async function createBike(testApp: TestApp, lon: number, lat: number, status?: string) {
  const response = await testApp
    .http()
    .post('/mobility/bikes')
    .set('Authorization', adminAuth())
    .send({ location: point(lon, lat), ...(status ? { status } : {}) })
    .expect(201);
  return response.body as { id: string; status: string; location: { coordinates: [number, number] }; location_updated_at: string };
}

/** `Authorization` header of a member (rider) id; the member is created if it does not exist. */
export async function riderAuth(testApp: TestApp, memberId: number): Promise<string> {
  await ensureMember(testApp, memberId);
  const token = await testApp.app.get(TokenService).issue('member', memberId, 0);
  return `Bearer ${token.access_token}`;
}

export function locationsQueue(testApp: TestApp): Queue {
  return testApp.app.get<Queue>(getQueueToken(BIKE_LOCATIONS_QUEUE));
}

/** Waits until every queued position report has been processed (its job, and its durable row). */
export async function drainLocations(testApp: TestApp, timeoutMs = 10_000): Promise<void> {
  const queue = locationsQueue(testApp);
  const dataSource = testApp.app.get(DataSource);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const counts = await queue.getJobCounts();
    const [{ n }] = await dataSource.query(`SELECT COUNT(*) AS n FROM due_work WHERE kind = '${BIKE_LOCATIONS_WORK}'`);
    if (counts.waiting + counts.active + counts.delayed === 0 && Number(n) === 0) return;
    if (Date.now() > deadline) throw new Error(`bike-locations not drained: ${JSON.stringify(counts)}, ${n} row(s)`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
