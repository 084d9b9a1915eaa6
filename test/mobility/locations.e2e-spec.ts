import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BikePositionsService } from '../../src/mobility/bike-positions.service.js';
import { BikesService } from '../../src/mobility/bikes.service.js';
import { adminAuth, createTestApp, type TestApp } from '../helpers/test-app.js';
import { createBike, drainLocations, locationsQueue, point, riderAuth } from './mobility-fixtures.js';

describe('mobility: position reports through the bike-locations queue', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp();
  });
  afterAll(() => testApp.close());

  const report = (bikeId: string, body: object) =>
    testApp.http().post(`/mobility/bikes/${bikeId}/locations`).set('Authorization', adminAuth()).send(body);
  const getBike = async (id: string) => (await testApp.http().get(`/mobility/bikes/${id}`).expect(200)).body;
  const at = (base: number, seconds: number) => new Date(base + seconds * 1000).toISOString();

  it('answers 202 at once with what was queued, then the processor moves the bike', async () => {
    const bike = await createBike(testApp, 2.3, 48.8);
    const recordedAt = at(Date.now(), 1);
    const response = await report(bike.id, { location: point(2.31, 48.81), recorded_at: recordedAt }).expect(202);
    expect(response.body).toEqual({ bike_id: bike.id, location: point(2.31, 48.81), recorded_at: recordedAt, status: 'queued' });
    await drainLocations(testApp);
    expect(await getBike(bike.id)).toMatchObject({ location: point(2.31, 48.81), location_updated_at: recordedAt });
  });

  it('accepts an id in capitals, the same bike', async () => {
    const bike = await createBike(testApp, 2.3, 48.8);
    const recordedAt = at(Date.now(), 1);
    const response = await report(bike.id.toUpperCase(), { location: point(2.305, 48.805), recorded_at: recordedAt }).expect(202);
    expect(response.body.bike_id).toBe(bike.id);
    await drainLocations(testApp);
    expect((await getBike(bike.id.toUpperCase())).location).toEqual(point(2.305, 48.805));
  });

  it('defaults recorded_at to the time of arrival', async () => {
    const bike = await createBike(testApp, 2.3, 48.8);
    const before = Date.now();
    const response = await report(bike.id, { location: point(2.32, 48.82) }).expect(202);
    expect(Date.parse(response.body.recorded_at)).toBeGreaterThanOrEqual(before);
    await drainLocations(testApp);
    expect((await getBike(bike.id)).location).toEqual(point(2.32, 48.82));
  });

  it('answers 404 for an unknown bike before queueing anything', async () => {
    const queue = locationsQueue(testApp);
    await drainLocations(testApp);
    const before = await queue.getJobCounts();
    const response = await report('7c9e6679-7425-40de-944b-e07fc1f90ae7', { location: point(2.3, 48.8) }).expect(404);
    expect(response.body.errors[0].code).toBe(404);
    await report('bike-1', { location: point(2.3, 48.8) }).expect(404);
    const after = await queue.getJobCounts();
    expect(after.waiting + after.active + after.completed + after.failed).toBe(
      before.waiting + before.active + before.completed + before.failed,
    );
  });

  it('refuses bad input (400, one entry per field), other credentials (401), and queues nothing', async () => {
    const bike = await createBike(testApp, 2.3, 48.8);
    const bad = await report(bike.id, { location: point(2.3, 95), recorded_at: 'yesterday' }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['location', 'recorded_at']);
    const future = await report(bike.id, { location: point(2.3, 48.8), recorded_at: at(Date.now(), 3600) }).expect(400);
    expect(future.body.errors).toEqual([{ code: 400, field: 'recorded_at', message: expect.stringContaining('future') }]);
    await testApp
      .http()
      .post(`/mobility/bikes/${bike.id}/locations`)
      .send({ location: point(2.3, 48.8) })
      .expect(401);
    const rider = await riderAuth(testApp, 77);
    await testApp
      .http()
      .post(`/mobility/bikes/${bike.id}/locations`)
      .set('Authorization', rider)
      .send({ location: point(2.3, 48.8) })
      .expect(401);
    await drainLocations(testApp);
    expect((await getBike(bike.id)).location).toEqual(point(2.3, 48.8));
  });

  it('drops a report older than the bike position (out-of-order delivery)', async () => {
    const bike = await createBike(testApp, 2.3, 48.8);
    const base = Date.now();
    await report(bike.id, { location: point(2.34, 48.84), recorded_at: at(base, 20) }).expect(202);
    await drainLocations(testApp);
    // Arrives later, recorded earlier: accepted by the route, dropped by the processor.
    await report(bike.id, { location: point(2.33, 48.83), recorded_at: at(base, 10) }).expect(202);
    await drainLocations(testApp);
    expect(await getBike(bike.id)).toMatchObject({ location: point(2.34, 48.84), location_updated_at: at(base, 20) });
    // A report older than the bike's creation is stale too.
    await report(bike.id, { location: point(2.35, 48.85), recorded_at: at(base, -3600) }).expect(202);
    await drainLocations(testApp);
    expect((await getBike(bike.id)).location).toEqual(point(2.34, 48.84));
  });

  it('never moves a bike backwards under 30 reports queued in shuffled order and applied concurrently', async () => {
    const bike = await createBike(testApp, 2.3, 48.8);
    const base = Date.now();
    const seconds = Array.from({ length: 30 }, (_, i) => i + 1).sort(() => Math.random() - 0.5);
    await Promise.all(seconds.map((s) => report(bike.id, { location: point(2.3 + s / 1000, 48.8), recorded_at: at(base, s) }).expect(202)));
    await drainLocations(testApp);
    expect(await getBike(bike.id)).toMatchObject({ location: point(2.3 + 30 / 1000, 48.8), location_updated_at: at(base, 30) });
  });

  it('keeps the newest when the service applies 40 reports in parallel (the processor concurrency race)', async () => {
    const bike = await createBike(testApp, 2.3, 48.8);
    const service = testApp.app.get(BikePositionsService);
    const base = Date.now();
    const seconds = Array.from({ length: 40 }, (_, i) => i + 1).sort(() => Math.random() - 0.5);
    const applied = await Promise.all(
      seconds.map((s) => service.applyLocation({ bikeId: bike.id, lon: 2.3 + s / 1000, lat: 48.8, recordedAt: at(base, s) })),
    );
    expect(applied.some(Boolean)).toBe(true);
    expect(await getBike(bike.id)).toMatchObject({ location: point(2.3 + 40 / 1000, 48.8), location_updated_at: at(base, 40) });
  });

  it('applies a burst of reports for many bikes, parked and riding alike, each reporting whether it applied', async () => {
    const service = testApp.app.get(BikePositionsService);
    const bikes = await Promise.all(Array.from({ length: 30 }, () => createBike(testApp, 2.3, 48.8)));
    const rider = await riderAuth(testApp, 4343);
    const riding = bikes[7];
    const trip = (await testApp.http().post('/mobility/trips').set('Authorization', rider).send({ bike_id: riding.id }).expect(201)).body;
    const base = Date.now();
    const fresh = bikes.map((bike, i) => ({ bikeId: bike.id, lon: 2.4 + i / 1000, lat: 48.9, recordedAt: at(base, 5) }));
    const stale = bikes.slice(0, 5).map((bike) => ({ bikeId: bike.id, lon: 0, lat: 0, recordedAt: at(base, -3600) }));
    const results = await Promise.all([...fresh, ...stale].map((report) => service.applyLocation(report)));
    expect(results.slice(0, fresh.length).every(Boolean)).toBe(true);
    expect(results.slice(fresh.length).some(Boolean)).toBe(false);
    const positions = await Promise.all(bikes.map(async (bike) => (await getBike(bike.id)).location));
    expect(positions).toEqual(fresh.map((report) => point(report.lon, report.lat)));
    const path = (await testApp.http().get(`/mobility/trips/${trip.id}`).set('Authorization', rider).expect(200)).body.locations;
    expect(path).toEqual([point(2.3, 48.8), point(fresh[7].lon, fresh[7].lat)]);
  });

  it("applies a job of reports received together, each bike's in recorded order, none lost to the order of arrival", async () => {
    const service = testApp.app.get(BikePositionsService);
    const riding = await createBike(testApp, 2.3, 48.8);
    const parked = await createBike(testApp, 2.3, 48.8);
    const rider = await riderAuth(testApp, 4444);
    const trip = (await testApp.http().post('/mobility/trips').set('Authorization', rider).send({ bike_id: riding.id }).expect(201)).body;
    const base = Date.now();
    const result = await service.applyLocations([
      { bikeId: riding.id, lon: 2.303, lat: 48.8, recordedAt: at(base, 3) },
      { bikeId: parked.id, lon: 2.5, lat: 48.9, recordedAt: at(base, 1) },
      { bikeId: riding.id, lon: 2.301, lat: 48.8, recordedAt: at(base, 1) },
      { bikeId: riding.id, lon: 2.302, lat: 48.8, recordedAt: at(base, 2) },
      { bikeId: parked.id, lon: 0, lat: 0, recordedAt: at(base, -3600) },
    ]);
    expect(result).toEqual({ applied: 4, dropped: 1 });
    const path = (await testApp.http().get(`/mobility/trips/${trip.id}`).set('Authorization', rider).expect(200)).body.locations;
    expect(path).toEqual([point(2.3, 48.8), point(2.301, 48.8), point(2.302, 48.8), point(2.303, 48.8)]);
    expect((await getBike(parked.id)).location).toEqual(point(2.5, 48.9));
  });

  it('queues reports received together as one job', async () => {
    const bikes = await Promise.all(Array.from({ length: 20 }, () => createBike(testApp, 2.3, 48.8)));
    await drainLocations(testApp);
    const queue = locationsQueue(testApp);
    // Finished jobs are trimmed from Redis, so count them as they complete (this app processes them).
    const completed: number[] = [];
    const onCompleted = (job: { data: { reports: unknown[] } }) => completed.push(job.data.reports.length);
    queue.on('completed', onCompleted);
    // Reports queued in one turn of the event loop, as parallel requests arrive under load.
    const service = testApp.app.get(BikesService);
    await Promise.all(bikes.map((bike) => service.queueLocation(bike.id, { location: { type: 'Point', coordinates: [2.31, 48.81] } })));
    await drainLocations(testApp);
    queue.removeListener('completed', onCompleted);
    expect(completed).toEqual([20]);
    const positions = await Promise.all(bikes.map(async (bike) => (await getBike(bike.id)).location));
    expect(positions.every((location) => location.coordinates[0] === 2.31)).toBe(true);
  });

  it('appends only accepted reports to the trip path, in recorded order', async () => {
    const bike = await createBike(testApp, 2.3, 48.8);
    const rider = await riderAuth(testApp, 4242);
    const trip = (await testApp.http().post('/mobility/trips').set('Authorization', rider).send({ bike_id: bike.id }).expect(201)).body;
    const base = Date.now();
    await report(bike.id, { location: point(2.301, 48.8), recorded_at: at(base, 1) }).expect(202);
    await drainLocations(testApp);
    await report(bike.id, { location: point(2.303, 48.8), recorded_at: at(base, 3) }).expect(202);
    await drainLocations(testApp);
    await report(bike.id, { location: point(2.302, 48.8), recorded_at: at(base, 2) }).expect(202);
    await drainLocations(testApp);
    const current = (await testApp.http().get(`/mobility/trips/${trip.id}`).set('Authorization', rider).expect(200)).body;
    expect(current.locations).toEqual([point(2.3, 48.8), point(2.301, 48.8), point(2.303, 48.8)]);
  });
});
