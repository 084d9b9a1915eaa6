import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { pathLengthMetres } from '../../src/mobility/geo.js';
import { Trip } from '../../src/mobility/trip.entity.js';
import { adminAuth, basic, createTestApp, TEST_EVENTS_CLIENTS, type TestApp } from '../helpers/test-app.js';
import { createBike, drainLocations, PARIS, point, riderAuth } from './mobility-fixtures.js';

describe('mobility: trips', () => {
  let testApp: TestApp;
  let nextRider = 1000;
  /** A fresh rider each time: trips of one test never block another's. */
  const newRider = async () => {
    const id = ++nextRider;
    return { id, auth: await riderAuth(testApp, id) };
  };

  beforeAll(async () => {
    testApp = await createTestApp();
  });
  afterAll(() => testApp.close());

  const startTrip = (auth: string, bikeId: string) =>
    testApp.http().post('/mobility/trips').set('Authorization', auth).send({ bike_id: bikeId });
  const getBike = async (id: string) => (await testApp.http().get(`/mobility/bikes/${id}`).expect(200)).body;

  describe('POST /mobility/trips', () => {
    it('starts a trip on an available bike from its position, and the bike goes on_trip', async () => {
      const rider = await newRider();
      const bike = await createBike(testApp, PARIS.lon, PARIS.lat);
      const response = await startTrip(rider.auth, bike.id).expect(201);
      expect(response.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        bike_id: bike.id,
        rider_id: rider.id,
        status: 'in_progress',
        locations: [point(PARIS.lon, PARIS.lat)],
        started_at: expect.stringMatching(/Z$/),
        ended_at: null,
        duration_s: null,
        distance_m: null,
        price: null,
        currency: null,
        pricing_plan_id: null,
      });
      expect((await getBike(bike.id)).status).toBe('on_trip');
    });

    it('refuses without a member token, and with another realm', async () => {
      const bike = await createBike(testApp, 2.3, 48.8);
      const anonymous = await testApp.http().post('/mobility/trips').send({ bike_id: bike.id }).expect(401);
      expect(anonymous.headers['www-authenticate']).toMatch(/^Bearer /);
      await startTrip(adminAuth(), bike.id).expect(401);
      expect((await getBike(bike.id)).status).toBe('available');
    });

    it('answers 404 for an unknown bike and 400 for a malformed or missing bike_id', async () => {
      const rider = await newRider();
      await startTrip(rider.auth, '7c9e6679-7425-40de-944b-e07fc1f90ae7').expect(404);
      const malformed = await startTrip(rider.auth, 'bike-1').expect(400);
      expect(malformed.body.errors).toEqual([{ code: 400, field: 'bike_id', message: expect.any(String) }]);
      await testApp.http().post('/mobility/trips').set('Authorization', rider.auth).send({}).expect(400);
    });

    it('answers 409 for a bike on a trip or non-operational', async () => {
      const first = await newRider();
      const second = await newRider();
      const bike = await createBike(testApp, 2.3, 48.8);
      await startTrip(first.auth, bike.id).expect(201);
      const busy = await startTrip(second.auth, bike.id).expect(409);
      expect(busy.body.errors[0]).toMatchObject({ code: 409, message: expect.stringContaining('not available') });

      const broken = await createBike(testApp, 2.3, 48.8, 'non_operational');
      await startTrip(second.auth, broken.id).expect(409);
      expect((await getBike(broken.id)).status).toBe('non_operational');
    });

    it('answers 409 when the rider already has a trip in progress, leaving the other bike available', async () => {
      const rider = await newRider();
      const [one, two] = [await createBike(testApp, 2.3, 48.8), await createBike(testApp, 2.3, 48.8)];
      await startTrip(rider.auth, one.id).expect(201);
      const response = await startTrip(rider.auth, two.id).expect(409);
      expect(response.body.errors[0].message).toContain('already have a trip in progress');
      expect((await getBike(two.id)).status).toBe('available');
    });

    it('starts exactly one trip among 20 parallel starts on one bike', async () => {
      const bike = await createBike(testApp, 2.3, 48.8);
      const riders = await Promise.all(Array.from({ length: 20 }, () => newRider()));
      const responses = await Promise.all(riders.map((rider) => startTrip(rider.auth, bike.id)));
      const statuses = responses.map((response) => response.status).sort();
      expect(statuses.filter((status) => status === 201)).toHaveLength(1);
      expect(statuses.filter((status) => status === 409)).toHaveLength(19);
      const trips = await testApp.http().get(`/mobility/trips?bike_id=${bike.id}`).set('Authorization', adminAuth()).expect(200);
      expect(trips.body).toHaveLength(1);
      expect((await getBike(bike.id)).status).toBe('on_trip');
    });

    it('starts at most one trip for a rider racing on 10 bikes, the other bikes left available', async () => {
      const rider = await newRider();
      const bikes = await Promise.all(Array.from({ length: 10 }, () => createBike(testApp, 2.3, 48.8)));
      const responses = await Promise.all(bikes.map((bike) => startTrip(rider.auth, bike.id)));
      expect(responses.filter((response) => response.status === 201)).toHaveLength(1);
      expect(responses.filter((response) => response.status === 409)).toHaveLength(9);
      const statuses = await Promise.all(bikes.map(async (bike) => (await getBike(bike.id)).status));
      expect(statuses.filter((status) => status === 'on_trip')).toHaveLength(1);
      expect(statuses.filter((status) => status === 'available')).toHaveLength(9);
    });
  });

  describe('positions during a trip, and POST /mobility/trips/:id/end', () => {
    it('appends positions to the path, computes duration and distance, frees the bike where it stopped', async () => {
      const rider = await newRider();
      const bike = await createBike(testApp, PARIS.lon, PARIS.lat);
      const trip = (await startTrip(rider.auth, bike.id).expect(201)).body;
      const t0 = Date.now();
      const path = [
        [2.351, 48.8535],
        [2.353, 48.854],
        [2.356, 48.8552],
      ];
      for (const [i, [lon, lat]] of path.entries()) {
        await testApp
          .http()
          .post(`/mobility/bikes/${bike.id}/locations`)
          .set('Authorization', adminAuth())
          // Recorded before the end (a point recorded after it would leave the path, see below).
          .send({ location: point(lon, lat), recorded_at: new Date(t0 + i * 10).toISOString() })
          .expect(202);
        await drainLocations(testApp);
      }
      const during = await testApp.http().get(`/mobility/trips/${trip.id}`).set('Authorization', rider.auth).expect(200);
      expect(during.body.locations).toEqual([point(PARIS.lon, PARIS.lat), ...path.map(([lon, lat]) => point(lon, lat))]);

      const ended = await testApp.http().post(`/mobility/trips/${trip.id}/end`).set('Authorization', rider.auth).expect(200);
      const expectedDistance = pathLengthMetres([[PARIS.lon, PARIS.lat], ...path].map(([lon, lat]) => ({ lon, lat })));
      expect(ended.body).toMatchObject({
        id: trip.id,
        status: 'ended',
        ended_at: expect.stringMatching(/Z$/),
        duration_s: expect.any(Number),
      });
      expect(ended.body.distance_m).toBeCloseTo(expectedDistance, 0);
      expect(ended.body.distance_m).toBeGreaterThan(400);
      expect(ended.body.duration_s).toBeGreaterThanOrEqual(0);
      expect(Date.parse(ended.body.ended_at)).toBeGreaterThanOrEqual(Date.parse(trip.started_at));

      const freed = await getBike(bike.id);
      expect(freed).toMatchObject({ status: 'available', location: point(2.356, 48.8552) });

      // Positions after the end move the bike, not the ended trip.
      await testApp
        .http()
        .post(`/mobility/bikes/${bike.id}/locations`)
        .set('Authorization', adminAuth())
        .send({ location: point(2.36, 48.86), recorded_at: new Date(t0 + 5000).toISOString() })
        .expect(202);
      await drainLocations(testApp);
      const after = await testApp.http().get(`/mobility/trips/${trip.id}`).set('Authorization', adminAuth()).expect(200);
      expect(after.body.locations).toHaveLength(4);
      expect((await getBike(bike.id)).location).toEqual(point(2.36, 48.86));
    });

    it('lets the rider start again once ended, and the bike be taken again', async () => {
      const rider = await newRider();
      const bike = await createBike(testApp, 2.3, 48.8);
      const trip = (await startTrip(rider.auth, bike.id).expect(201)).body;
      await testApp.http().post(`/mobility/trips/${trip.id}/end`).set('Authorization', rider.auth).expect(200);
      const again = await startTrip(rider.auth, bike.id).expect(201);
      expect(again.body.id).not.toBe(trip.id);
      expect(again.body.distance_m).toBeNull();
    });

    it('refuses ending twice (409), another rider (403), an unknown trip (404), no token (401)', async () => {
      const rider = await newRider();
      const other = await newRider();
      const bike = await createBike(testApp, 2.3, 48.8);
      const trip = (await startTrip(rider.auth, bike.id).expect(201)).body;
      await testApp.http().post(`/mobility/trips/${trip.id}/end`).expect(401);
      const forbidden = await testApp.http().post(`/mobility/trips/${trip.id}/end`).set('Authorization', other.auth).expect(403);
      expect(forbidden.body.errors[0].code).toBe(403);
      expect((await getBike(bike.id)).status).toBe('on_trip');
      await testApp.http().post('/mobility/trips/7c9e6679-7425-40de-944b-e07fc1f90ae7/end').set('Authorization', rider.auth).expect(404);
      await testApp.http().post(`/mobility/trips/${trip.id}/end`).set('Authorization', rider.auth).expect(200);
      const twice = await testApp.http().post(`/mobility/trips/${trip.id}/end`).set('Authorization', rider.auth).expect(409);
      expect(twice.body.errors[0]).toMatchObject({ code: 409, message: expect.stringContaining('already ended') });
    });

    it('ends exactly once under 10 parallel ends, the bike freed once', async () => {
      const rider = await newRider();
      const bike = await createBike(testApp, 2.3, 48.8);
      const trip = (await startTrip(rider.auth, bike.id).expect(201)).body;
      const responses = await Promise.all(
        Array.from({ length: 10 }, () => testApp.http().post(`/mobility/trips/${trip.id}/end`).set('Authorization', rider.auth)),
      );
      expect(responses.filter((response) => response.status === 200)).toHaveLength(1);
      expect(responses.filter((response) => response.status === 409)).toHaveLength(9);
      expect((await getBike(bike.id)).status).toBe('available');
    });

    it('keeps status and trips consistent when admins and riders race on one bike', async () => {
      const bike = await createBike(testApp, 2.3, 48.8);
      const riders = await Promise.all(Array.from({ length: 8 }, () => newRider()));
      const responses = await Promise.all([
        ...riders.map((rider) => startTrip(rider.auth, bike.id)),
        ...Array.from({ length: 8 }, () =>
          testApp.http().patch(`/mobility/bikes/${bike.id}`).set('Authorization', adminAuth()).send({ status: 'non_operational' }),
        ),
      ]);
      const started = responses.slice(0, 8).filter((response) => response.status === 201);
      expect(started.length).toBeLessThanOrEqual(1);
      expect(responses.every((response) => [200, 201, 409].includes(response.status))).toBe(true);
      const trips = await testApp
        .http()
        .get(`/mobility/trips?bike_id=${bike.id}&status=in_progress`)
        .set('Authorization', adminAuth())
        .expect(200);
      const status = (await getBike(bike.id)).status;
      // On a trip exactly when one trip is in progress; otherwise the admin's status stands.
      expect(trips.body).toHaveLength(started.length);
      expect(status).toBe(started.length === 1 ? 'on_trip' : 'non_operational');
    });

    it('refuses PATCHing a bike while it is on a trip (409), the bike stays on_trip', async () => {
      const rider = await newRider();
      const bike = await createBike(testApp, 2.3, 48.8);
      await startTrip(rider.auth, bike.id).expect(201);
      const response = await testApp
        .http()
        .patch(`/mobility/bikes/${bike.id}`)
        .set('Authorization', adminAuth())
        .send({ status: 'non_operational' })
        .expect(409);
      expect(response.body.errors[0].code).toBe(409);
      expect((await getBike(bike.id)).status).toBe('on_trip');
    });
  });

  it('leaves out of the path and the distance the points recorded after ended_at (a bike clock ahead of ours)', async () => {
    const rider = await newRider();
    const bike = await createBike(testApp, PARIS.lon, PARIS.lat);
    const trip = (await startTrip(rider.auth, bike.id).expect(201)).body;
    const report = async (lon: number, lat: number, recordedAt: Date) => {
      await testApp
        .http()
        .post(`/mobility/bikes/${bike.id}/locations`)
        .set('Authorization', adminAuth())
        .send({ location: point(lon, lat), recorded_at: recordedAt.toISOString() })
        .expect(202);
      await drainLocations(testApp);
    };
    await report(2.351, 48.8535, new Date());
    // Two minutes ahead: accepted (within the 5-minute skew) and applied while the trip is open.
    await report(2.36, 48.86, new Date(Date.now() + 120_000));
    const during = (await testApp.http().get(`/mobility/trips/${trip.id}`).set('Authorization', rider.auth).expect(200)).body;
    expect(during.locations).toHaveLength(3);

    const ended = (await testApp.http().post(`/mobility/trips/${trip.id}/end`).set('Authorization', rider.auth).expect(200)).body;
    expect(ended.locations).toEqual([point(PARIS.lon, PARIS.lat), point(2.351, 48.8535)]);
    const expected = pathLengthMetres([PARIS, { lon: 2.351, lat: 48.8535 }]);
    expect(ended.distance_m).toBeCloseTo(expected, 0);
    const stored = (await testApp.http().get(`/mobility/trips/${trip.id}`).set('Authorization', adminAuth()).expect(200)).body;
    expect(stored.locations).toEqual(ended.locations);
    expect(stored.distance_m).toBe(ended.distance_m);
  });

  describe('reading trips', () => {
    let rider: { id: number; auth: string };
    let trips: Array<{ id: string; bike_id: string }>;

    beforeAll(async () => {
      rider = await newRider();
      trips = [];
      for (let i = 0; i < 3; i++) {
        const bike = await createBike(testApp, 2.3, 48.8);
        const trip = (await startTrip(rider.auth, bike.id).expect(201)).body;
        if (i < 2) await testApp.http().post(`/mobility/trips/${trip.id}/end`).set('Authorization', rider.auth).expect(200);
        trips.push(trip);
      }
    });

    it('GET /mobility/trips/:id: its rider and the admin, not another rider', async () => {
      const other = await newRider();
      await testApp.http().get(`/mobility/trips/${trips[0].id}`).set('Authorization', rider.auth).expect(200);
      const asAdmin = await testApp.http().get(`/mobility/trips/${trips[0].id}`).set('Authorization', adminAuth()).expect(200);
      expect(asAdmin.body.status).toBe('ended');
      await testApp.http().get(`/mobility/trips/${trips[0].id}`).set('Authorization', other.auth).expect(403);
      const anonymous = await testApp.http().get(`/mobility/trips/${trips[0].id}`).expect(401);
      expect(anonymous.headers['www-authenticate']).toContain('Bearer');
      await testApp.http().get(`/mobility/trips/${trips[0].id}`).set('Authorization', basic('admin', 'nope')).expect(401);
      await testApp.http().get('/mobility/trips/7c9e6679-7425-40de-944b-e07fc1f90ae7').set('Authorization', adminAuth()).expect(404);
    });

    it("GET /mobility/me/trips: the rider's own, newest first, paginated and filtered", async () => {
      const mine = await testApp.http().get('/mobility/me/trips').set('Authorization', rider.auth).expect(200);
      expect(mine.body.map((trip: { id: string }) => trip.id)).toEqual([trips[2].id, trips[1].id, trips[0].id]);
      expect(mine.headers['x-total-count']).toBe('3');
      const inProgress = await testApp.http().get('/mobility/me/trips?status=in_progress').set('Authorization', rider.auth).expect(200);
      expect(inProgress.body.map((trip: { id: string }) => trip.id)).toEqual([trips[2].id]);
      const page = await testApp.http().get('/mobility/me/trips?perPage=1&page=3').set('Authorization', rider.auth).expect(200);
      expect(page.body.map((trip: { id: string }) => trip.id)).toEqual([trips[0].id]);
      expect(page.headers.link).toContain('rel="prev"');
      await testApp.http().get('/mobility/me/trips').set('Authorization', adminAuth()).expect(401);
      const other = await newRider();
      const none = await testApp.http().get('/mobility/me/trips').set('Authorization', other.auth).expect(200);
      expect(none.body).toEqual([]);
    });

    it('GET /mobility/trips: admin only, filtered by bike and status', async () => {
      const byBike = await testApp.http().get(`/mobility/trips?bike_id=${trips[1].bike_id}`).set('Authorization', adminAuth()).expect(200);
      expect(byBike.body.map((trip: { id: string }) => trip.id)).toEqual([trips[1].id]);
      const ended = await testApp.http().get('/mobility/trips?status=ended&perPage=100').set('Authorization', adminAuth()).expect(200);
      expect(ended.body.every((trip: { status: string }) => trip.status === 'ended')).toBe(true);
      expect(Number(ended.headers['x-total-count'])).toBeGreaterThanOrEqual(2);
      await testApp.http().get('/mobility/trips?status=paused').set('Authorization', adminAuth()).expect(400);
      await testApp.http().get('/mobility/trips?bike_id=nope').set('Authorization', adminAuth()).expect(400);
      await testApp.http().get('/mobility/trips').set('Authorization', rider.auth).expect(401);
    });
  });

  describe('domain events (stream mobility.trips)', () => {
    /** Every event of one name in the stream, read by a fresh consumer through the events API. */
    const eventsNamed = async (eventName: string) => {
      const response = await testApp
        .http()
        .get(`/api/v1/streams/mobility.trips/events?eventName=${eventName}&limit=1000`)
        .set('Authorization', basic('alice', TEST_EVENTS_CLIENTS.alice))
        .set('X-Consumer-ID', `mobility-test-${Date.now()}-${Math.random()}`)
        .expect(200);
      const body = typeof response.body === 'string' ? JSON.parse(response.body) : response.body;
      return body as Array<{ event: { name: string }; payload: Record<string, unknown> }>;
    };

    it('publishes TripStarted and TripEnded with the trip, and nothing for a refused start', async () => {
      const rider = await newRider();
      const bike = await createBike(testApp, 2.3, 48.8);
      const trip = (await startTrip(rider.auth, bike.id).expect(201)).body;
      const startedBefore = (await eventsNamed('TripStarted')).length;
      await startTrip((await newRider()).auth, bike.id).expect(409);
      expect(await eventsNamed('TripStarted')).toHaveLength(startedBefore);

      const started = (await eventsNamed('TripStarted')).find((event) => event.payload.trip_id === trip.id);
      expect(started?.payload).toEqual({
        trip_id: trip.id,
        bike_id: bike.id,
        rider_id: rider.id,
        started_at: trip.started_at,
        location: point(2.3, 48.8),
      });

      const ended = (await testApp.http().post(`/mobility/trips/${trip.id}/end`).set('Authorization', rider.auth).expect(200)).body;
      const endedEvent = (await eventsNamed('TripEnded')).find((event) => event.payload.trip_id === trip.id);
      expect(endedEvent?.payload).toMatchObject({
        trip_id: trip.id,
        bike_id: bike.id,
        rider_id: rider.id,
        ended_at: ended.ended_at,
        duration_s: ended.duration_s,
      });
    });
  });

  describe('the database itself', () => {
    it('refuses a second in-progress trip for one rider even when the service is bypassed', async () => {
      const rider = await newRider();
      const [one, two] = [await createBike(testApp, 2.3, 48.8), await createBike(testApp, 2.3, 48.8)];
      await startTrip(rider.auth, one.id).expect(201);
      const db = testApp.app.get(DataSource);
      const secondTrip = {
        id: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
        bikeId: two.id,
        riderId: rider.id,
        status: 'in_progress' as const,
        locations: [],
        locationTimes: [],
        startedAt: new Date(),
      };
      // PostgreSQL names the index, SQLite the column.
      await expect(db.createQueryBuilder().insert().into(Trip).values(secondTrip).execute()).rejects.toThrow(
        /UQ_trips_rider_in_progress|trips\.rider_id/,
      );
      expect((await getBike(two.id)).status).toBe('available');
    });
  });
});
