import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { adminAuth, createTestApp, type TestApp } from '../helpers/test-app.js';
import { expectValidGbfs, gbfsSchemaValidator } from './gbfs-schemas.js';
import { createBike, drainLocations, point, riderAuth } from './mobility-fixtures.js';

type Ring = Array<[number, number]>;

/** A closed square ring, counterclockwise, `half` degrees either side of the centre. */
const squareRing = (lon: number, lat: number, half: number): Ring => [
  [lon - half, lat - half],
  [lon + half, lat - half],
  [lon + half, lat + half],
  [lon - half, lat + half],
  [lon - half, lat - half],
];
const round6 = (value: number) => Math.round(value * 1e6) / 1e6;
/** A closed ring of `n` positions around a circle (and the closing one). */
const circleRing = (lon: number, lat: number, radius: number, n: number): Ring => {
  const ring = Array.from(
    { length: n },
    (_, i) =>
      [round6(lon + radius * Math.cos((2 * Math.PI * i) / n)), round6(lat + radius * Math.sin((2 * Math.PI * i) / n))] as [number, number],
  );
  return [...ring, ring[0]];
};
const multiPolygon = (...polygons: Ring[][]) => ({ type: 'MultiPolygon', coordinates: polygons });
const rule = (overrides: Record<string, unknown> = {}) => ({
  ride_start_allowed: true,
  ride_end_allowed: true,
  ride_through_allowed: true,
  ...overrides,
});
const NO_PARKING = rule({ ride_end_allowed: false });
const NO_START = rule({ ride_start_allowed: false });

/** About one street (~110 m) in longitude at Paris' latitude. */
const ONE_STREET = 0.0015;

describe('mobility: geofencing zones', () => {
  let testApp: TestApp;
  let nextRider = 4000;
  const newRider = async () => riderAuth(testApp, ++nextRider);

  beforeAll(async () => {
    testApp = await createTestApp({ env: { GBFS_LANGUAGE: 'fr' } });
  });
  afterAll(() => testApp.close());

  const createZone = (body: Record<string, unknown>) =>
    testApp.http().post('/mobility/geofencing-zones').set('Authorization', adminAuth()).send(body);
  const zoneCount = async () => Number((await testApp.sql<{ n: string | number }>('SELECT COUNT(*) AS n FROM geofencing_zones'))[0].n);
  const startTrip = (auth: string, bikeId: string) =>
    testApp.http().post('/mobility/trips').set('Authorization', auth).send({ bike_id: bikeId });
  const endTrip = (auth: string, tripId: string) => testApp.http().post(`/mobility/trips/${tripId}/end`).set('Authorization', auth);
  const moveBike = async (bikeId: string, lon: number, lat: number) => {
    await testApp
      .http()
      .post(`/mobility/bikes/${bikeId}/locations`)
      .set('Authorization', adminAuth())
      .send({ location: point(lon, lat) })
      .expect(202);
    await drainLocations(testApp);
  };
  const bikeStatus = async (bikeId: string) => (await testApp.http().get(`/mobility/bikes/${bikeId}`).expect(200)).body.status;

  describe('admin CRUD', () => {
    it('creates, reads, lists, changes and deletes a zone', async () => {
      const created = await createZone({
        name: 'Parvis: no parking',
        geometry: multiPolygon([squareRing(10.0, 40.0, 0.001)]),
        rules: [{ vehicle_type_ids: ['ebike'], ...NO_PARKING, maximum_speed_kph: 10 }],
        start: '2026-01-01T00:00:00Z',
      }).expect(201);
      expect(created.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        name: 'Parvis: no parking',
        geometry: multiPolygon([squareRing(10.0, 40.0, 0.001)]),
        rules: [
          {
            vehicle_type_ids: ['ebike'],
            ride_start_allowed: true,
            ride_end_allowed: false,
            ride_through_allowed: true,
            maximum_speed_kph: 10,
          },
        ],
        start: '2026-01-01T00:00:00.000Z',
        end: null,
        created_at: expect.stringMatching(/Z$/),
        updated_at: expect.stringMatching(/Z$/),
      });
      const id = created.body.id;
      expect((await testApp.http().get(`/mobility/geofencing-zones/${id}`).set('Authorization', adminAuth()).expect(200)).body).toEqual(
        created.body,
      );
      const list = await testApp.http().get('/mobility/geofencing-zones').set('Authorization', adminAuth()).expect(200);
      expect(list.body.map((zone: { id: string }) => zone.id)).toContain(id);
      expect(Number(list.headers['x-total-count'])).toBeGreaterThanOrEqual(1);

      const changed = await testApp
        .http()
        .patch(`/mobility/geofencing-zones/${id}`)
        .set('Authorization', adminAuth())
        .send({ name: 'Parvis', start: null, end: '2030-01-01T01:00:00+01:00' })
        .expect(200);
      expect(changed.body).toMatchObject({ id, name: 'Parvis', start: null, end: '2030-01-01T00:00:00.000Z', rules: created.body.rules });
      const badWindow = await testApp
        .http()
        .patch(`/mobility/geofencing-zones/${id}`)
        .set('Authorization', adminAuth())
        .send({ start: '2031-01-01T00:00:00Z' })
        .expect(400);
      expect(badWindow.body.errors).toEqual([{ code: 400, field: 'end', message: 'end must be after start' }]);

      await testApp.http().delete(`/mobility/geofencing-zones/${id}`).set('Authorization', adminAuth()).expect(204);
      await testApp.http().get(`/mobility/geofencing-zones/${id}`).set('Authorization', adminAuth()).expect(404);
      await testApp.http().delete(`/mobility/geofencing-zones/${id}`).set('Authorization', adminAuth()).expect(404);
    });

    it('keeps exteriors counterclockwise and holes clockwise (the right-hand rule GBFS requires), however they were drawn', async () => {
      const clockwiseExterior = [...squareRing(11, 40, 0.01)].reverse();
      const counterclockwiseHole = squareRing(11, 40, 0.001);
      const created = await createZone({
        name: 'rewound',
        geometry: multiPolygon([clockwiseExterior, counterclockwiseHole]),
        rules: [rule()],
      }).expect(201);
      expect(created.body.geometry.coordinates[0]).toEqual([squareRing(11, 40, 0.01), [...counterclockwiseHole].reverse()]);
    });

    it('requires the admin', async () => {
      const body = { name: 'x', geometry: multiPolygon([squareRing(12, 40, 0.001)]), rules: [rule()] };
      await testApp.http().post('/mobility/geofencing-zones').send(body).expect(401);
      await testApp
        .http()
        .post('/mobility/geofencing-zones')
        .set('Authorization', await newRider())
        .send(body)
        .expect(401);
      await testApp.http().get('/mobility/geofencing-zones').expect(401);
    });

    const BAD_GEOMETRIES: Array<[string, unknown, RegExp]> = [
      ['a Polygon', { type: 'Polygon', coordinates: [squareRing(2, 48, 0.01)] }, /type must be "MultiPolygon"/],
      ['no polygons', multiPolygon(), /non-empty array of polygons/],
      ['an open ring', multiPolygon([squareRing(2, 48, 0.01).slice(0, 4)]), /at least 4 positions|not closed/],
      [
        'a ring not closed',
        multiPolygon([
          [
            [2, 48],
            [2.1, 48],
            [2.1, 48.1],
            [2, 48.1],
          ],
        ]),
        /not closed/,
      ],
      ['a longitude out of range', multiPolygon([squareRing(180, 0, 1)]), /coordinates\[0\]\[0\]\[1\] longitude .* \[-180, 180\], got 181/],
      ['a latitude out of range', multiPolygon([squareRing(0, 90, 1)]), /latitude .* \[-90, 90\], got 91/],
      [
        'lat/lon as strings',
        multiPolygon([squareRing(2, 48, 0.01).map(([lon, lat]) => [String(lon), String(lat)] as unknown as [number, number])]),
        /finite numbers/,
      ],
      [
        'a position of three numbers',
        multiPolygon([squareRing(2, 48, 0.01).map(([lon, lat]) => [lon, lat, 0] as unknown as [number, number])]),
        /two numbers/,
      ],
      [
        'a ring enclosing no area',
        multiPolygon([
          [
            [2, 48],
            [2.1, 48],
            [2.2, 48],
            [2, 48],
          ],
        ]),
        /encloses no area/,
      ],
      [
        'too many positions',
        multiPolygon(...Array.from({ length: 11 }, (_, i) => [circleRing(2 + i * 0.01, 48, 0.004, 1000)])),
        /at most 10000 positions/,
      ],
      ['an unknown member', { ...multiPolygon([squareRing(2, 48, 0.01)]), bbox: [0, 0, 1, 1] }, /unknown member "bbox"/],
      ['null', null, /MultiPolygon object|must not be null/],
    ];

    it.each(BAD_GEOMETRIES)('refuses %s with a 400 on geometry, and stores nothing', async (_case, geometry, message) => {
      const before = await zoneCount();
      const response = await createZone({ name: 'bad', geometry, rules: [rule()] }).expect(400);
      expect(response.body.errors).toEqual([{ code: 400, field: 'geometry', message: expect.stringMatching(message) }]);
      expect(await zoneCount()).toBe(before);
    });

    it('refuses any generated junk geometry with a 400, fast', async () => {
      const before = await zoneCount();
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.anything(),
            fc.record({
              type: fc.constant('MultiPolygon'),
              coordinates: fc.array(fc.array(fc.array(fc.array(fc.double(), { maxLength: 3 }), { maxLength: 5 }), { maxLength: 2 }), {
                maxLength: 2,
              }),
            }),
          ),
          async (geometry) => {
            const started = Date.now();
            const response = await createZone({ name: 'junk', geometry, rules: [rule()] });
            // Random positions may, rarely, make a valid shape: then it is stored, else a 400.
            expect([201, 400]).toContain(response.status);
            if (response.status === 201)
              await testApp.http().delete(`/mobility/geofencing-zones/${response.body.id}`).set('Authorization', adminAuth()).expect(204);
            expect(Date.now() - started).toBeLessThan(2000);
          },
        ),
        { numRuns: 40 },
      );
      expect(await zoneCount()).toBe(before);
    });

    const BAD_BODIES: Array<[string, Record<string, unknown>, string]> = [
      ['no rules', { rules: [] }, 'rules'],
      [
        'a rule without ride_end_allowed',
        { rules: [{ ride_start_allowed: true, ride_through_allowed: true }] },
        'rules[0].ride_end_allowed',
      ],
      ['an empty vehicle_type_id', { rules: [rule({ vehicle_type_ids: [''] })] }, 'rules[0].vehicle_type_ids'],
      ['an empty vehicle_type_ids', { rules: [rule({ vehicle_type_ids: [] })] }, 'rules[0].vehicle_type_ids'],
      ['a negative speed', { rules: [rule({ maximum_speed_kph: -1 })] }, 'rules[0].maximum_speed_kph'],
      ['an unknown rule member', { rules: [rule({ station_parking: 'yes' })] }, 'rules[0].station_parking'],
      ['a start without an offset', { start: '2026-12-01T10:00:00' }, 'start'],
      ['an end before the start', { start: '2026-12-02T00:00:00Z', end: '2026-12-01T00:00:00Z' }, 'end'],
      ['an empty name', { name: '' }, 'name'],
    ];

    it.each(BAD_BODIES)('refuses %s with a 400 naming the field', async (_case, change, field) => {
      const before = await zoneCount();
      const response = await createZone({
        name: 'bad',
        geometry: multiPolygon([squareRing(13, 40, 0.001)]),
        rules: [rule()],
        ...change,
      }).expect(400);
      expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
      expect(await zoneCount()).toBe(before);
    });
  });

  describe('trips obey the zones', () => {
    it('refuses to end a trip in a no-parking zone with a 409 naming it, then accepts it one street away', async () => {
      const centre = { lon: 2.3499, lat: 48.853 };
      const zone = (
        await createZone({
          name: 'Parvis Notre-Dame',
          geometry: multiPolygon([squareRing(centre.lon, centre.lat, 0.0008)]),
          rules: [NO_PARKING],
        }).expect(201)
      ).body;
      const rider = await newRider();
      const bike = await createBike(testApp, centre.lon, centre.lat);
      const trip = (await startTrip(rider, bike.id).expect(201)).body;

      const refused = await endTrip(rider, trip.id).expect(409);
      expect(refused.body.errors).toEqual([
        { code: 409, message: `rides may not end in zone "Parvis Notre-Dame" (${zone.id}): park outside it` },
      ]);
      expect((await testApp.http().get(`/mobility/trips/${trip.id}`).set('Authorization', rider).expect(200)).body.status).toBe(
        'in_progress',
      );
      expect(await bikeStatus(bike.id)).toBe('on_trip');

      await moveBike(bike.id, centre.lon + ONE_STREET, centre.lat);
      const ended = await endTrip(rider, trip.id).expect(200);
      expect(ended.body.status).toBe('ended');
      expect(await bikeStatus(bike.id)).toBe('available');
    });

    it('refuses to start a trip in a no-start zone, the bike staying available; starts outside it', async () => {
      const centre = { lon: 2.31, lat: 48.87 };
      const zone = (
        await createZone({
          name: 'Station forecourt',
          geometry: multiPolygon([squareRing(centre.lon, centre.lat, 0.0008)]),
          rules: [NO_START],
        }).expect(201)
      ).body;
      const rider = await newRider();
      const inside = await createBike(testApp, centre.lon, centre.lat);
      const refused = await startTrip(rider, inside.id).expect(409);
      expect(refused.body.errors).toEqual([
        { code: 409, field: 'bike_id', message: `rides may not start in zone "Station forecourt" (${zone.id})` },
      ]);
      expect(await bikeStatus(inside.id)).toBe('available');
      expect(await testApp.sql('SELECT id FROM trips WHERE bike_id = $1', [inside.id])).toEqual([]);
      // Nor may it be reserved: the reservation could not be used.
      const reserving = await testApp
        .http()
        .post('/mobility/reservations')
        .set('Authorization', rider)
        .send({ bike_id: inside.id })
        .expect(409);
      expect(reserving.body.errors[0].message).toBe(`rides may not start in zone "Station forecourt" (${zone.id})`);

      const outside = await createBike(testApp, centre.lon + ONE_STREET, centre.lat);
      const trip = (await startTrip(rider, outside.id).expect(201)).body;
      // A no-start zone does not forbid ending there.
      await moveBike(outside.id, centre.lon, centre.lat);
      await endTrip(rider, trip.id).expect(200);
    });

    it('lets a ride end in a hole of a no-parking zone', async () => {
      const centre = { lon: 2.29, lat: 48.84 };
      const exterior = squareRing(centre.lon, centre.lat, 0.005);
      const hole = [...squareRing(centre.lon, centre.lat, 0.001)].reverse();
      await createZone({ name: 'Ring with a courtyard', geometry: multiPolygon([exterior, hole]), rules: [NO_PARKING] }).expect(201);
      const rider = await newRider();
      const bike = await createBike(testApp, centre.lon + 0.003, centre.lat);
      const trip = (await startTrip(rider, bike.id).expect(201)).body;
      await endTrip(rider, trip.id).expect(409);
      await moveBike(bike.id, centre.lon, centre.lat);
      await endTrip(rider, trip.id).expect(200);
    });

    it('where zones overlap, the first in the feed (the oldest) decides; rules for other vehicle types do not concern bikes', async () => {
      const centre = { lon: 2.27, lat: 48.86 };
      // Oldest: a small zone where parking is allowed, inside a larger no-parking one created after it.
      await createZone({ name: 'Bike bay', geometry: multiPolygon([squareRing(centre.lon, centre.lat, 0.0005)]), rules: [rule()] }).expect(
        201,
      );
      await createZone({ name: 'Square', geometry: multiPolygon([squareRing(centre.lon, centre.lat, 0.003)]), rules: [NO_PARKING] }).expect(
        201,
      );
      // A zone whose only rule is for scooters: it holds no rule for a bike, the next zone decides.
      await createZone({
        name: 'Scooters only',
        geometry: multiPolygon([squareRing(centre.lon + 0.002, centre.lat, 0.0005)]),
        rules: [rule({ vehicle_type_ids: ['scooter'] })],
      }).expect(201);

      const rider = await newRider();
      const inBay = await createBike(testApp, centre.lon, centre.lat);
      const trip = (await startTrip(rider, inBay.id).expect(201)).body;
      await endTrip(rider, trip.id).expect(200);

      const inSquare = await createBike(testApp, centre.lon + 0.002, centre.lat);
      const second = (await startTrip(rider, inSquare.id).expect(201)).body;
      const refused = await endTrip(rider, second.id).expect(409);
      expect(refused.body.errors[0].message).toContain('"Square"');
    });

    it('a zone holds only within its start and end', async () => {
      const centre = { lon: 2.25, lat: 48.85 };
      const future = new Date(Date.now() + 3_600_000).toISOString();
      const past = new Date(Date.now() - 3_600_000).toISOString();
      await createZone({
        name: 'Market day',
        geometry: multiPolygon([squareRing(centre.lon, centre.lat, 0.001)]),
        rules: [NO_PARKING],
        start: future,
      }).expect(201);
      await createZone({
        name: 'Past works',
        geometry: multiPolygon([squareRing(centre.lon, centre.lat, 0.001)]),
        rules: [NO_PARKING],
        end: past,
      }).expect(201);
      const rider = await newRider();
      const bike = await createBike(testApp, centre.lon, centre.lat);
      const trip = (await startTrip(rider, bike.id).expect(201)).body;
      await endTrip(rider, trip.id).expect(200);
    });
  });

  describe('geofencing_zones.json', () => {
    it('is listed in gbfs.json, publishes the zones not over in precedence order, and validates', async () => {
      const discovery = await testApp.http().get('/mobility/gbfs/gbfs.json').expect(200);
      expect(discovery.body.data.feeds.map((feed: { name: string }) => feed.name)).toContain('geofencing_zones');

      const response = await testApp.http().get('/mobility/gbfs/geofencing_zones.json').expect(200);
      expectValidGbfs('geofencing_zones', response.body);
      expect(response.body).toMatchObject({ version: '3.0', ttl: 60, data: { global_rules: [] } });
      const features = response.body.data.geofencing_zones.features as Array<{
        properties: { name: Array<{ text: string; language: string }>; start?: string; end?: string; rules: unknown[] };
      }>;
      const names = features.map((feature) => feature.properties.name[0].text);
      expect(names).toEqual(expect.arrayContaining(['Parvis Notre-Dame', 'Bike bay', 'Square', 'Market day']));
      expect(names).not.toContain('Past works');
      expect(names.indexOf('Bike bay')).toBeLessThan(names.indexOf('Square'));
      const parvis = features.find((feature) => feature.properties.name[0].text === 'Parvis Notre-Dame')!;
      expect(parvis.properties).toEqual({ name: [{ text: 'Parvis Notre-Dame', language: 'fr' }], rules: [NO_PARKING] });
      expect(features.find((feature) => feature.properties.name[0].text === 'Market day')!.properties.start).toMatch(/Z$/);
    });

    it('the validator catches a broken zone file (the check is not vacuous)', () => {
      const validate = gbfsSchemaValidator('geofencing_zones');
      const broken = {
        last_updated: new Date().toISOString(),
        ttl: 60,
        version: '3.0',
        data: {
          geofencing_zones: {
            type: 'FeatureCollection',
            features: [
              { type: 'Feature', geometry: { type: 'Polygon', coordinates: [] }, properties: { rules: [{ ride_start_allowed: true }] } },
            ],
          },
          global_rules: [],
        },
      };
      expect(validate(broken)).toBe(false);
    });
  });
  describe('global rules', () => {
    const globalRules = () => testApp.http().get('/mobility/geofencing-global-rules').set('Authorization', adminAuth());
    const setGlobalRules = (body: unknown) =>
      testApp
        .http()
        .put('/mobility/geofencing-global-rules')
        .set('Authorization', adminAuth())
        .send(body as object);
    const feed = () => testApp.http().get('/mobility/gbfs/geofencing_zones.json').expect(200);
    /** "No parking outside the service area", for every vehicle but scooters, which may not even start there. */
    const SERVICE_AREA_ONLY = [rule({ vehicle_type_ids: ['scooter'], ride_start_allowed: false, ride_end_allowed: false }), NO_PARKING];
    const centre = { lon: 2.4, lat: 48.8 };

    // The scenarios above expect none: whatever a test leaves, the next file-level state has none.
    afterAll(async () => {
      await setGlobalRules({ rules: [] }).expect(200);
    });

    it('an admin sets and reads them, replaced whole; bad rules are a 400 that changes nothing; only the admin', async () => {
      expect((await globalRules().expect(200)).body).toEqual({ rules: [], updated_at: null });
      await testApp
        .http()
        .put('/mobility/geofencing-global-rules')
        .send({ rules: [NO_PARKING] })
        .expect(401);
      await testApp.http().get('/mobility/geofencing-global-rules').expect(401);
      for (const bad of [{}, { rules: 'none' }, { rules: [{ ride_start_allowed: 'yes' }] }, { rules: [rule({ vehicle_type_ids: [] })] }]) {
        const refused = await setGlobalRules(bad).expect(400);
        expect(refused.body.errors.length).toBeGreaterThan(0);
      }
      expect((await globalRules().expect(200)).body).toEqual({ rules: [], updated_at: null });

      const set = await setGlobalRules({ rules: SERVICE_AREA_ONLY }).expect(200);
      expect(set.body).toEqual({ rules: SERVICE_AREA_ONLY, updated_at: expect.stringMatching(/Z$/) });
      expect((await globalRules().expect(200)).body).toEqual(set.body);
      const replaced = await setGlobalRules({ rules: [NO_START] }).expect(200);
      expect(replaced.body.rules).toEqual([NO_START]);
      await setGlobalRules({ rules: [] }).expect(200);
      expect((await globalRules().expect(200)).body.rules).toEqual([]);
    });

    it('hold where no zone has a rule for the bike: a ride ends only inside the service area; rules for other types do not concern bikes', async () => {
      await createZone({
        name: 'Service area',
        geometry: multiPolygon([squareRing(centre.lon, centre.lat, 0.005)]),
        rules: [rule()],
      }).expect(201);
      await setGlobalRules({ rules: SERVICE_AREA_ONLY }).expect(200);
      const rider = await newRider();

      // Inside the service area its own rule decides: start and end.
      const inside = await createBike(testApp, centre.lon, centre.lat);
      const first = (await startTrip(rider, inside.id).expect(201)).body;
      await endTrip(rider, first.id).expect(200);

      // Outside it a bike may start (the scooters' rule is not for it) but may not park.
      const outside = await createBike(testApp, centre.lon + 0.01, centre.lat);
      const trip = (await startTrip(rider, outside.id).expect(201)).body;
      const refused = await endTrip(rider, trip.id).expect(409);
      expect(refused.body.errors).toEqual([
        { code: 409, message: 'rides may not end here: the global geofencing rules forbid it outside the zones that allow it' },
      ]);
      expect(await bikeStatus(outside.id)).toBe('on_trip');
      await moveBike(outside.id, centre.lon + 0.004, centre.lat);
      await endTrip(rider, trip.id).expect(200);

      // A global rule that forbids starting: no trip, no reservation, the bike stays available.
      await setGlobalRules({ rules: [NO_START] }).expect(200);
      const stranded = await createBike(testApp, centre.lon - 0.01, centre.lat);
      const notStarted = await startTrip(rider, stranded.id).expect(409);
      expect(notStarted.body.errors).toEqual([
        { code: 409, field: 'bike_id', message: 'rides may not start here: the global geofencing rules forbid it' },
      ]);
      await testApp.http().post('/mobility/reservations').set('Authorization', rider).send({ bike_id: stranded.id }).expect(409);
      expect(await bikeStatus(stranded.id)).toBe('available');
      // The service area's rule still decides inside it.
      const again = await createBike(testApp, centre.lon + 0.001, centre.lat);
      await startTrip(rider, again.id).expect(201);
    });

    it('geofencing_zones.json publishes them, validates, and its last_updated and ETag move with them', async () => {
      await setGlobalRules({ rules: [] }).expect(200);
      const before = await feed();
      expect(before.body.data.global_rules).toEqual([]);
      await new Promise((resolve) => setTimeout(resolve, 5));
      await setGlobalRules({ rules: SERVICE_AREA_ONLY }).expect(200);
      const after = await feed();
      expectValidGbfs('geofencing_zones', after.body);
      expect(after.body.data.global_rules).toEqual(SERVICE_AREA_ONLY);
      expect(Date.parse(after.body.last_updated)).toBeGreaterThan(Date.parse(before.body.last_updated));
      expect(after.headers.etag).not.toBe(before.headers.etag);
      await testApp.http().get('/mobility/gbfs/geofencing_zones.json').set('If-None-Match', before.headers.etag).expect(200);
    });
  });
});
