import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { haversineMetres } from '../../src/mobility/geo.js';
import { adminAuth, createTestApp, type TestApp } from '../helpers/test-app.js';
import { createBike, PARIS, point } from './mobility-fixtures.js';

/** Metres per degree of latitude on the sphere the module uses. */
const METRES_PER_DEGREE = (6_371_008.8 * Math.PI) / 180;

describe('mobility: bikes', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp();
  });
  afterAll(() => testApp.close());

  const countBikes = async () => Number((await testApp.http().get('/mobility/bikes').expect(200)).headers['x-total-count']);

  describe('OpenAPI document', () => {
    it('describes every mobility route with its security scheme and DTOs', async () => {
      const document = (await testApp.http().get('/docs-json').expect(200)).body;
      const security = (path: string, method: string) => (document.paths[path]?.[method]?.security ?? []).flatMap(Object.keys).sort();
      expect(security('/mobility/bikes', 'get')).toEqual([]);
      expect(security('/mobility/bikes', 'post')).toEqual(['admin-basic']);
      expect(security('/mobility/bikes/{id}', 'patch')).toEqual(['admin-basic']);
      expect(security('/mobility/bikes/{id}/locations', 'post')).toEqual(['admin-basic']);
      expect(security('/mobility/trips', 'post')).toEqual(['member-jwt']);
      expect(security('/mobility/trips/{id}/end', 'post')).toEqual(['member-jwt']);
      expect(security('/mobility/trips/{id}', 'get')).toEqual(['admin-basic', 'member-jwt']);
      expect(security('/mobility/trips', 'get')).toEqual(['admin-basic']);
      expect(security('/mobility/me/trips', 'get')).toEqual(['member-jwt']);
      for (const feed of ['gbfs', 'system_information', 'vehicle_status'])
        expect(document.paths[`/mobility/gbfs/${feed}.json`]?.get).toBeDefined();
      expect(document.paths['/mobility/bikes/{id}/locations'].post.responses['202']).toBeDefined();
      expect(Object.keys(document.components.schemas)).toEqual(
        expect.arrayContaining(['CreateBikeDto', 'BikeView', 'TripView', 'GeoJsonPointDto']),
      );
    });
  });

  describe('POST /mobility/bikes', () => {
    it('creates an available bike at a GeoJSON position', async () => {
      const response = await testApp
        .http()
        .post('/mobility/bikes')
        .set('Authorization', adminAuth())
        .send({ location: point(PARIS.lon, PARIS.lat) })
        .expect(201);
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(response.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        status: 'available',
        location: { type: 'Point', coordinates: [PARIS.lon, PARIS.lat] },
        location_updated_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        // The plain bicycle type the migration created; no battery reported.
        vehicle_type_id: '00000000-0000-4000-8000-000000000001',
        current_fuel_percent: null,
        current_range_meters: null,
      });
    });

    it('creates a non-operational bike when asked', async () => {
      const bike = await createBike(testApp, 2.35, 48.85, 'non_operational');
      expect(bike.status).toBe('non_operational');
    });

    it('refuses without admin credentials, with a Basic challenge', async () => {
      const response = await testApp
        .http()
        .post('/mobility/bikes')
        .send({ location: point(2, 48) })
        .expect(401);
      expect(response.headers['www-authenticate']).toMatch(/^Basic /);
      expect(response.body.errors[0].code).toBe(401);
      await testApp
        .http()
        .post('/mobility/bikes')
        .set('Authorization', 'Basic YWRtaW46d3Jvbmc=')
        .send({ location: point(2, 48) })
        .expect(401);
    });

    it.each([
      ['missing', undefined, /location is required/],
      ['not an object', 'POINT(2 48)', /GeoJSON Point/],
      ['another geometry', { type: 'LineString', coordinates: [2, 48] }, /type must be "Point"/],
      ['one coordinate', { type: 'Point', coordinates: [2] }, /two numbers/],
      ['three coordinates', { type: 'Point', coordinates: [2, 48, 35] }, /two numbers/],
      ['text coordinates', { type: 'Point', coordinates: ['2', '48'] }, /finite numbers/],
      ['longitude out of range', { type: 'Point', coordinates: [180.5, 48] }, /longitude/],
      ['latitude out of range (lat first)', { type: 'Point', coordinates: [2.35, 148.85] }, /latitude/],
      ['an extra member', { type: 'Point', coordinates: [2, 48], crs: 'x' }, /unknown member "crs"/],
    ])('refuses a location that is %s, one error for the field, nothing created', async (_case, location, message) => {
      const before = await countBikes();
      const response = await testApp.http().post('/mobility/bikes').set('Authorization', adminAuth()).send({ location }).expect(400);
      expect(response.body.errors).toEqual([{ code: 400, field: 'location', message: expect.stringMatching(message) }]);
      expect(await countBikes()).toBe(before);
    });

    it('accepts the extreme valid coordinates', async () => {
      await createBike(testApp, -180, -90);
      await createBike(testApp, 180, 90);
    });

    it('refuses a bad status and unknown fields, one entry per field', async () => {
      const response = await testApp
        .http()
        .post('/mobility/bikes')
        .set('Authorization', adminAuth())
        .send({ location: point(200, 0), status: 'on_trip', colour: 'red' })
        .expect(400);
      const fields = response.body.errors.map((e: { field: string }) => e.field).sort();
      expect(fields).toEqual(['colour', 'location', 'status']);
    });
  });

  describe('GET /mobility/bikes/:id', () => {
    it('answers the bike, 404 for an unknown or malformed id', async () => {
      const bike = await createBike(testApp, 2.3, 48.8);
      const response = await testApp.http().get(`/mobility/bikes/${bike.id}`).expect(200);
      expect(response.body).toEqual(bike);
      const missing = await testApp.http().get('/mobility/bikes/7c9e6679-7425-40de-944b-e07fc1f90ae7').expect(404);
      expect(missing.body.errors[0]).toMatchObject({ code: 404 });
      await testApp.http().get('/mobility/bikes/not-a-uuid').expect(404);
    });
  });

  describe('PATCH /mobility/bikes/:id', () => {
    it('sets non_operational and back to available', async () => {
      const bike = await createBike(testApp, 2.3, 48.8);
      const off = await testApp
        .http()
        .patch(`/mobility/bikes/${bike.id}`)
        .set('Authorization', adminAuth())
        .send({ status: 'non_operational' })
        .expect(200);
      expect(off.body.status).toBe('non_operational');
      const on = await testApp
        .http()
        .patch(`/mobility/bikes/${bike.id}`)
        .set('Authorization', adminAuth())
        .send({ status: 'available' })
        .expect(200);
      expect(on.body.status).toBe('available');
    });

    it('refuses on_trip, other values, unknown bikes and anonymous callers', async () => {
      const bike = await createBike(testApp, 2.3, 48.8);
      const bad = await testApp
        .http()
        .patch(`/mobility/bikes/${bike.id}`)
        .set('Authorization', adminAuth())
        .send({ status: 'on_trip' })
        .expect(400);
      expect(bad.body.errors).toEqual([{ code: 400, field: 'status', message: expect.stringContaining('available, non_operational') }]);
      await testApp.http().patch(`/mobility/bikes/${bike.id}`).set('Authorization', adminAuth()).send({}).expect(400);
      await testApp
        .http()
        .patch('/mobility/bikes/7c9e6679-7425-40de-944b-e07fc1f90ae7')
        .set('Authorization', adminAuth())
        .send({ status: 'available' })
        .expect(404);
      await testApp.http().patch(`/mobility/bikes/${bike.id}`).send({ status: 'available' }).expect(401);
      expect((await testApp.http().get(`/mobility/bikes/${bike.id}`)).body.status).toBe('available');
    });
  });

  describe('GET /mobility/bikes', () => {
    it('paginates with Link and X-Total-Count, keeping the other parameters', async () => {
      for (let i = 0; i < 3; i++) await createBike(testApp, 3, 45, 'non_operational');
      const all = await testApp.http().get('/mobility/bikes?status=non_operational').expect(200);
      const total = Number(all.headers['x-total-count']);
      expect(total).toBeGreaterThanOrEqual(3);
      expect(all.body.every((bike: { status: string }) => bike.status === 'non_operational')).toBe(true);

      const page2 = await testApp.http().get('/mobility/bikes?status=non_operational&perPage=1&page=2').expect(200);
      expect(page2.body).toHaveLength(1);
      expect(page2.body[0]).toEqual(all.body[1]);
      expect(page2.headers['x-total-count']).toBe(String(total));
      expect(page2.headers.link).toContain('/mobility/bikes?status=non_operational&perPage=1&page=1>; rel="first"');
      expect(page2.headers.link).toContain('page=1>; rel="prev"');
      expect(page2.headers.link).toContain('page=3>; rel="next"');
      expect(page2.headers.link).toContain(`page=${total}>; rel="last"`);
      expect(page2.headers.link).toMatch(/^<http:\/\//);
    });

    it('refuses a bad status, page or perPage, and a page beyond the last', async () => {
      const status = await testApp.http().get('/mobility/bikes?status=lost').expect(400);
      expect(status.body.errors[0]).toMatchObject({ field: 'status' });
      expect((await testApp.http().get('/mobility/bikes?page=0').expect(400)).body.errors[0]).toMatchObject({ code: 4001 });
      expect((await testApp.http().get('/mobility/bikes?perPage=101').expect(400)).body.errors[0]).toMatchObject({ code: 4003 });
      expect((await testApp.http().get('/mobility/bikes?page=100000').expect(404)).body.errors[0]).toMatchObject({ code: 4002 });
    });

    describe('near', () => {
      // An isolated spot, so bikes of other tests never fall within the radius.
      const centre = { lon: 10, lat: 10 };
      const north = (metres: number) => centre.lat + metres / METRES_PER_DEGREE;
      let bikes: Record<string, string>;

      beforeAll(async () => {
        // Created far-first, so the order of the answer can only come from the distance.
        bikes = {};
        for (const metres of [9_000, 2_000, 600, 300, 100]) bikes[metres] = (await createBike(testApp, centre.lon, north(metres))).id;
        // 400 m east: inside the 500 m circle though further away in longitude degrees than the box edge of 300 m north.
        const east = centre.lon + 400 / (METRES_PER_DEGREE * Math.cos((centre.lat * Math.PI) / 180));
        bikes.east400 = (await createBike(testApp, east, centre.lat)).id;
        // Inside the bounding box of a 500 m circle but outside the circle: its corner.
        const corner = 490 / Math.SQRT2;
        bikes.corner = (
          await createBike(
            testApp,
            centre.lon + (corner * 1.2) / (METRES_PER_DEGREE * Math.cos((centre.lat * Math.PI) / 180)),
            north(corner * 1.2),
          )
        ).id;
      });

      it('answers the bikes within 500 m by default, nearest first, each with distance_m', async () => {
        const response = await testApp.http().get(`/mobility/bikes?near=${centre.lon},${centre.lat}`).expect(200);
        expect(response.body.map((bike: { id: string }) => bike.id)).toEqual([bikes[100], bikes[300], bikes.east400]);
        expect(response.headers['x-total-count']).toBe('3');
        for (const bike of response.body) {
          const [lon, lat] = bike.location.coordinates;
          expect(bike.distance_m).toBeCloseTo(haversineMetres(centre, { lon, lat }), 0);
        }
        expect(response.body[0].distance_m).toBeCloseTo(100, 0);
      });

      it('honours the radius, up to 10 km', async () => {
        const oneKm = await testApp.http().get(`/mobility/bikes?near=${centre.lon},${centre.lat}&radius=1000`).expect(200);
        expect(oneKm.body.map((bike: { id: string }) => bike.id)).toEqual([
          bikes[100],
          bikes[300],
          bikes.east400,
          bikes.corner,
          bikes[600],
        ]);
        const tenKm = await testApp.http().get(`/mobility/bikes?near=${centre.lon},${centre.lat}&radius=10000`).expect(200);
        expect(tenKm.body).toHaveLength(7);
        expect(tenKm.body.at(-1).id).toBe(bikes[9000]);
        const distances = tenKm.body.map((bike: { distance_m: number }) => bike.distance_m);
        expect(distances).toEqual([...distances].sort((a, b) => a - b));
      });

      it('pages through the nearest first', async () => {
        const page = await testApp.http().get(`/mobility/bikes?near=${centre.lon},${centre.lat}&radius=10000&perPage=2&page=2`).expect(200);
        expect(page.body.map((bike: { id: string }) => bike.id)).toEqual([bikes.east400, bikes.corner]);
        expect(page.headers['x-total-count']).toBe('7');
        expect(page.headers.link).toContain('radius=10000');
      });

      it('combines with status', async () => {
        await testApp
          .http()
          .patch(`/mobility/bikes/${bikes[100]}`)
          .set('Authorization', adminAuth())
          .send({ status: 'non_operational' })
          .expect(200);
        const response = await testApp.http().get(`/mobility/bikes?near=${centre.lon},${centre.lat}&status=available`).expect(200);
        expect(response.body.map((bike: { id: string }) => bike.id)).toEqual([bikes[300], bikes.east400]);
        await testApp
          .http()
          .patch(`/mobility/bikes/${bikes[100]}`)
          .set('Authorization', adminAuth())
          .send({ status: 'available' })
          .expect(200);
      });

      it('finds bikes across the antimeridian', async () => {
        const west = await createBike(testApp, 179.999, 0);
        const east = await createBike(testApp, -179.999, 0);
        const response = await testApp.http().get('/mobility/bikes?near=180,0&radius=1000').expect(200);
        expect(response.body.map((bike: { id: string }) => bike.id).sort()).toEqual([west.id, east.id].sort());
      });

      it.each([
        ['radius above 10 km', 'near=10,10&radius=10001', 'radius'],
        ['radius zero', 'near=10,10&radius=0', 'radius'],
        ['radius not a number', 'near=10,10&radius=far', 'radius'],
        ['radius without near', 'radius=100', 'radius'],
        ['near malformed', 'near=10', 'near'],
        ['near longitude out of range', 'near=190,10', 'near'],
        ['near latitude out of range', 'near=10,95', 'near'],
      ])('refuses %s with 400', async (_case, query, field) => {
        const response = await testApp.http().get(`/mobility/bikes?${query}`).expect(400);
        expect(response.body.errors).toEqual([{ code: 400, field, message: expect.any(String) }]);
      });
    });
  });
});
