import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { seedDemoFleet } from '../../src/mobility/fleet.seed.js';
import { sqliteInstantText } from '../../src/database/column-types.js';
import { isSqliteRun } from '../helpers/sql.js';
import { adminAuth, basic, createTestApp, TEST_EVENTS_CLIENTS, type TestApp } from '../helpers/test-app.js';
import { expectValidGbfs } from './gbfs-validation.js';
import { createBike, drainLocations, point, riderAuth } from './mobility-fixtures.js';

const PUBLIC_URL = 'https://feed.example.org/city';
const MIN_CHARGE_PERCENT = 20;
const STALE_AFTER_S = 300;

interface Vehicle {
  vehicle_id: string;
  lat?: number;
  lon?: number;
  is_disabled: boolean;
  is_reserved: boolean;
  vehicle_type_id: string;
  pricing_plan_id?: string;
  last_reported: string;
  current_fuel_percent?: number;
  current_range_meters?: number;
  rental_uris?: Record<string, string>;
}

interface Segment {
  start: number;
  rate: number;
  interval: number;
  end?: number;
}

/**
 * The GBFS 3.0 pricing rules, written again from the spec's words for this test (not imported):
 * the trip's price must be what a trip planner computes from the published plan.
 */
function priceFromFeed(
  plan: { price: number; per_min_pricing?: Segment[]; per_km_pricing?: Segment[] },
  durationS: number,
  distanceM: number,
) {
  const charge = (segments: Segment[] | undefined, amount: number) =>
    (segments ?? []).reduce((sum, { start, rate, interval, end }) => {
      const upTo = Math.min(amount, end ?? Number.MAX_VALUE);
      if (upTo <= start) return sum;
      return sum + (interval === 0 ? rate : rate * Math.ceil((upTo - start) / interval - 1e-9));
    }, 0);
  return Math.max(
    0,
    Math.round((plan.price + charge(plan.per_min_pricing, durationS / 60) + charge(plan.per_km_pricing, distanceM / 1000)) * 100) / 100,
  );
}

describe('mobility: a GBFS feed consumers can use', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp({
      env: {
        PUBLIC_URL,
        GBFS_STALE_AFTER_S: String(STALE_AFTER_S),
        GBFS_MIN_CHARGE_PERCENT: String(MIN_CHARGE_PERCENT),
        GBFS_RENTAL_URI_ANDROID: 'https://citymove.example.org/app/bikes/{vehicle_id}',
        GBFS_RENTAL_URI_IOS: 'citymove://bikes/{vehicle_id}',
        GBFS_RENTAL_URI_WEB: 'https://citymove.example.org/bikes/{vehicle_id}?from=gbfs',
      },
    });
  });
  afterAll(() => testApp.close());

  const admin = () => adminAuth();
  const feed = async (file: string) => {
    const response = await testApp.http().get(`/mobility/gbfs/${file}.json`).expect(200);
    expectValidGbfs(file, response.body);
    return response;
  };
  const vehicles = async () => (await feed('vehicle_status')).body.data.vehicles as Vehicle[];
  const report = async (bikeId: string, body: Record<string, unknown>) => {
    await testApp.http().post(`/mobility/bikes/${bikeId}/locations`).set('Authorization', admin()).send(body).expect(202);
    await drainLocations(testApp);
  };
  const createPlan = async (body: Record<string, unknown>) =>
    (await testApp.http().post('/mobility/pricing-plans').set('Authorization', admin()).send(body).expect(201)).body as { id: string };
  const createType = async (body: Record<string, unknown>) =>
    (await testApp.http().post('/mobility/vehicle-types').set('Authorization', admin()).send(body).expect(201)).body as { id: string };
  const createBikeOfType = async (vehicleTypeId: string, lon: number, lat: number) =>
    (
      await testApp
        .http()
        .post('/mobility/bikes')
        .set('Authorization', admin())
        .send({ location: point(lon, lat), vehicle_type_id: vehicleTypeId })
        .expect(201)
    ).body as { id: string; vehicle_type_id: string };
  /** Backdates a bike's last report, as if it had gone silent `secondsAgo` ago. */
  const silence = async (bikeId: string, secondsAgo: number) => {
    const at = new Date(Date.now() - secondsAgo * 1000);
    await testApp.sql('UPDATE bikes SET location_recorded_at = $1 WHERE id = $2', [isSqliteRun() ? sqliteInstantText(at) : at, bikeId]);
  };
  const byPosition = (list: Vehicle[], lon: number) => list.find((vehicle) => vehicle.lon === lon);

  let ebikeType: { id: string };
  let ebikePlan: { id: string };

  beforeAll(async () => {
    ebikePlan = await createPlan({
      name: 'E-bike',
      description: '1 EUR to unlock, 0.25 EUR a minute, 0.50 EUR a km begun',
      currency: 'EUR',
      price: 1,
      is_taxable: true,
      per_min_pricing: [{ start: 0, rate: 0.25, interval: 1 }],
      per_km_pricing: [{ start: 0, rate: 0.5, interval: 1 }],
    });
    ebikeType = await createType({
      name: 'E-bike',
      form_factor: 'bicycle',
      propulsion_type: 'electric_assist',
      max_range_meters: 60_000,
      default_pricing_plan_id: ebikePlan.id,
    });
  });

  describe('HTTP for consumers', () => {
    it('every file: CORS *, Cache-Control public max-age = its ttl, a strong ETag, Last-Modified = its last_updated', async () => {
      await createBike(testApp, 2.301, 48.851);
      // Last-Modified is withheld during the second the data changed (an HTTP-date cannot tell two changes in it apart).
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const discovery = await feed('gbfs');
      for (const { name } of discovery.body.data.feeds as Array<{ name: string }>) {
        const response = await feed(name);
        expect({ name, cors: response.headers['access-control-allow-origin'] }).toEqual({ name, cors: '*' });
        expect(response.headers['cache-control']).toBe(`public, max-age=${response.body.ttl}`);
        expect(response.headers.etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
        expect(response.headers['last-modified']).toBe(new Date(response.body.last_updated).toUTCString());
        expect(response.headers['access-control-expose-headers']).toContain('ETag');
      }
    });

    it('answers a CORS preflight on a feed file, and errors under the feed carry CORS too', async () => {
      const preflight = await testApp
        .http()
        .options('/mobility/gbfs/vehicle_status.json')
        .set('Origin', 'https://map.example.com')
        .set('Access-Control-Request-Method', 'GET')
        .set('Access-Control-Request-Headers', 'if-none-match')
        .expect(204);
      expect(preflight.headers['access-control-allow-origin']).toBe('*');
      expect(preflight.headers['access-control-allow-methods']).toContain('GET');
      expect(preflight.headers['access-control-allow-headers']).toMatch(/If-None-Match/i);
      const missing = await testApp.http().get('/mobility/gbfs/stations.json').expect(404);
      expect(missing.headers['access-control-allow-origin']).toBe('*');
      await testApp.http().options('/mobility/gbfs/stations.json').expect(404);
    });

    it('a 304 round trip on vehicle_status.json: If-None-Match, then If-Modified-Since; a change answers 200 again', async () => {
      const bike = await createBike(testApp, 2.302, 48.852);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const first = await feed('vehicle_status');
      const etag = first.headers.etag;
      const lastModified = first.headers['last-modified'];
      expect(lastModified).toBeDefined();

      const byTag = await testApp.http().get('/mobility/gbfs/vehicle_status.json').set('If-None-Match', etag).expect(304);
      expect(byTag.text ?? '').toBe('');
      expect(byTag.headers.etag).toBe(etag);
      expect(byTag.headers['access-control-allow-origin']).toBe('*');
      await testApp.http().head('/mobility/gbfs/vehicle_status.json').set('If-None-Match', etag).expect(304);
      const byDate = await testApp.http().get('/mobility/gbfs/vehicle_status.json').set('If-Modified-Since', lastModified).expect(304);
      expect(byDate.headers['access-control-allow-origin']).toBe('*');
      // If-None-Match, when sent, decides alone (RFC 9110 §13.2.2): a stale tag with a current date is a 200.
      await testApp
        .http()
        .get('/mobility/gbfs/vehicle_status.json')
        .set('If-None-Match', '"old"')
        .set('If-Modified-Since', lastModified)
        .expect(200);

      await report(bike.id, { location: point(2.3021, 48.8521) });
      const changed = await testApp.http().get('/mobility/gbfs/vehicle_status.json').set('If-None-Match', etag).expect(200);
      expect(changed.headers.etag).not.toBe(etag);
      expect(Date.parse(changed.body.last_updated)).toBeGreaterThan(Date.parse(first.body.last_updated));
      await testApp.http().get('/mobility/gbfs/vehicle_status.json').set('If-Modified-Since', lastModified).expect(200);
    });

    it('writes absolute URLs from PUBLIC_URL, whatever the Host', async () => {
      const discovery = await testApp.http().get('/mobility/gbfs/gbfs.json').set('Host', 'internal.local:3000').expect(200);
      for (const { name, url } of discovery.body.data.feeds) expect(url).toBe(`${PUBLIC_URL}/mobility/gbfs/${name}.json`);
      const versions = await feed('gbfs_versions');
      expect(versions.body.data.versions).toEqual([{ version: '3.0', url: `${PUBLIC_URL}/mobility/gbfs/gbfs.json` }]);
    });
  });

  describe('freshness and batteries', () => {
    it('a bike silent for longer than GBFS_STALE_AFTER_S leaves the list; last_updated says when', async () => {
      const quiet = await createBike(testApp, 2.311, 48.861);
      const chatty = await createBike(testApp, 2.312, 48.862);
      expect(byPosition(await vehicles(), 2.311)).toBeDefined();
      await silence(quiet.id, STALE_AFTER_S - 30);
      expect(byPosition(await vehicles(), 2.311)).toBeDefined();
      const before = Date.now();
      await silence(quiet.id, STALE_AFTER_S + 30);
      const response = await feed('vehicle_status');
      // last_updated is when the data was current (the last write, or the moment a bike went stale),
      // never the time of the request (the backdating above is no write: updated_at untouched).
      expect(Date.parse(response.body.last_updated)).toBeLessThan(before);
      const list = response.body.data.vehicles as Vehicle[];
      expect(byPosition(list, 2.311)).toBeUndefined();
      expect(byPosition(list, 2.312)).toBeDefined();
      // It speaks again: back in the list.
      await report(quiet.id, { location: point(2.3111, 48.8611) });
      expect(byPosition(await vehicles(), 2.3111)).toBeDefined();
      expect(chatty.id).toBeDefined();
    });

    it('an e-bike whose battery drops below GBFS_MIN_CHARGE_PERCENT leaves the available list', async () => {
      const ebike = await createBikeOfType(ebikeType.id, 2.321, 48.871);
      expect(ebike.vehicle_type_id).toBe(ebikeType.id);
      // No battery report yet: not offered.
      expect(byPosition(await vehicles(), 2.321)).toMatchObject({ is_disabled: true, current_range_meters: 0 });

      await report(ebike.id, { location: point(2.322, 48.872), current_fuel_percent: 0.8 });
      const charged = byPosition(await vehicles(), 2.322)!;
      expect(charged).toMatchObject({
        is_disabled: false,
        vehicle_type_id: ebikeType.id,
        pricing_plan_id: ebikePlan.id,
        current_fuel_percent: 0.8,
        current_range_meters: 48_000,
      });

      await report(ebike.id, {
        location: point(2.323, 48.873),
        current_fuel_percent: (MIN_CHARGE_PERCENT - 1) / 100,
        current_range_meters: 11_000,
      });
      const low = byPosition(await vehicles(), 2.323)!;
      expect(low).toMatchObject({ is_disabled: true, current_range_meters: 11_000 });

      // A report without battery state keeps the last one; a recharge brings it back.
      await report(ebike.id, { location: point(2.324, 48.874) });
      expect(byPosition(await vehicles(), 2.324)).toMatchObject({ is_disabled: true, current_fuel_percent: 0.19 });
      await report(ebike.id, { location: point(2.325, 48.875), current_fuel_percent: MIN_CHARGE_PERCENT / 100 });
      expect(byPosition(await vehicles(), 2.325)).toMatchObject({ is_disabled: false });
      // A plain bicycle has no battery and never shows one.
      const bicycle = await createBike(testApp, 2.326, 48.876);
      const plain = byPosition(await vehicles(), 2.326)!;
      expect(plain.is_disabled).toBe(false);
      expect(plain).not.toHaveProperty('current_range_meters');
      expect(bicycle.id).toBeDefined();
    });

    it('rental_uris come from the templates, with the public id only', async () => {
      const bike = await createBike(testApp, 2.331, 48.881);
      const vehicle = byPosition(await vehicles(), 2.331)!;
      expect(vehicle.rental_uris).toEqual({
        android: `https://citymove.example.org/app/bikes/${vehicle.vehicle_id}`,
        ios: `citymove://bikes/${vehicle.vehicle_id}`,
        web: `https://citymove.example.org/bikes/${vehicle.vehicle_id}?from=gbfs`,
      });
      expect(JSON.stringify(vehicle)).not.toContain(bike.id);
    });
  });

  describe('pricing', () => {
    it('a trip on an e-bike ends with the price the published plan gives', async () => {
      const ebike = await createBikeOfType(ebikeType.id, 2.341, 48.891);
      await report(ebike.id, { location: point(2.341, 48.891), current_fuel_percent: 0.9 });
      const rider = await riderAuth(testApp, 61);
      const trip = (await testApp.http().post('/mobility/trips').set('Authorization', rider).send({ bike_id: ebike.id }).expect(201)).body;
      expect(trip).toMatchObject({ price: null, currency: null });
      await report(ebike.id, { location: point(2.361, 48.891) }); // ~1.46 km east
      const ended = (await testApp.http().post(`/mobility/trips/${trip.id}/end`).set('Authorization', rider).expect(200)).body;

      const plans = (await feed('system_pricing_plans')).body.data.plans as Array<{
        plan_id: string;
        price: number;
        per_min_pricing?: Segment[];
        per_km_pricing?: Segment[];
      }>;
      const plan = plans.find((candidate) => candidate.plan_id === ebikePlan.id)!;
      expect(ended.distance_m).toBeGreaterThan(1000);
      expect(ended).toMatchObject({ currency: 'EUR', pricing_plan_id: ebikePlan.id });
      const stored = (
        await testApp.sql<{ distance_m: number; duration_s: number }>('SELECT distance_m, duration_s FROM trips WHERE id = $1', [trip.id])
      )[0];
      expect(ended.price).toBe(priceFromFeed(plan, Number(stored.duration_s), Number(stored.distance_m)));
      // 1 to unlock + 2 km begun at 0.50 + 0.25 for each minute begun (none in a trip of 0 s).
      const minutes = Math.ceil(Number(stored.duration_s) / 60);
      expect(ended.price).toBe(2 + 0.25 * minutes);
      expect((await testApp.http().get(`/mobility/trips/${trip.id}`).set('Authorization', rider).expect(200)).body.price).toBe(ended.price);
      // The event says what the rider paid.
      const events = await testApp
        .http()
        .get('/api/v1/streams/mobility.trips/events?eventName=TripEnded&limit=1000')
        .set('Authorization', basic('alice', TEST_EVENTS_CLIENTS.alice))
        .set('X-Consumer-ID', `gbfs-price-${Date.now()}`)
        .expect(200);
      const body = (typeof events.body === 'string' ? JSON.parse(events.body) : events.body) as Array<{ payload: Record<string, unknown> }>;
      expect(body.find((event) => event.payload.trip_id === trip.id)?.payload).toMatchObject({ price: ended.price, currency: 'EUR' });
    });

    it('a bike whose type has no plan ends unpriced', async () => {
      const bike = await createBike(testApp, 2.351, 48.895);
      const rider = await riderAuth(testApp, 62);
      const trip = (await testApp.http().post('/mobility/trips').set('Authorization', rider).send({ bike_id: bike.id }).expect(201)).body;
      const ended = (await testApp.http().post(`/mobility/trips/${trip.id}/end`).set('Authorization', rider).expect(200)).body;
      expect(ended).toMatchObject({ price: null, currency: null, pricing_plan_id: null });
    });
  });

  describe('the catalog (admin CRUD)', () => {
    it('refuses bad catalog input with field errors, and keeps what is in use', async () => {
      const post = (path: string, body: unknown) =>
        testApp
          .http()
          .post(path)
          .set('Authorization', admin())
          .send(body as object);
      const fieldOf = (response: { body: { errors: Array<{ field?: string }> } }) => response.body.errors[0].field;
      expect(
        fieldOf(await post('/mobility/vehicle-types', { name: 'E', form_factor: 'bicycle', propulsion_type: 'electric' }).expect(400)),
      ).toBe('max_range_meters');
      expect(
        fieldOf(await post('/mobility/vehicle-types', { name: 'E', form_factor: 'hoverboard', propulsion_type: 'human' }).expect(400)),
      ).toBe('form_factor');
      const unknownPlan = await post('/mobility/vehicle-types', {
        name: 'E',
        form_factor: 'bicycle',
        propulsion_type: 'human',
        default_pricing_plan_id: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
      }).expect(400);
      expect(fieldOf(unknownPlan)).toBe('default_pricing_plan_id');
      const badSegment = await post('/mobility/pricing-plans', {
        name: 'x',
        description: 'x',
        currency: 'EUR',
        price: 0,
        is_taxable: false,
        per_min_pricing: [{ start: 10, rate: 1, interval: 1, end: 5 }],
      }).expect(400);
      expect(fieldOf(badSegment)).toBe('per_min_pricing');
      expect(
        fieldOf(
          await post('/mobility/pricing-plans', { name: 'x', description: 'x', currency: 'euro', price: 0, is_taxable: false }).expect(400),
        ),
      ).toBe('currency');
      expect(
        fieldOf(
          await post('/mobility/bikes', { location: point(2.3, 48.8), vehicle_type_id: '7c9e6679-7425-40de-944b-e07fc1f90ae7' }).expect(
            400,
          ),
        ),
      ).toBe('vehicle_type_id');

      await testApp.http().delete(`/mobility/pricing-plans/${ebikePlan.id}`).set('Authorization', admin()).expect(409);
      await testApp.http().delete(`/mobility/vehicle-types/${ebikeType.id}`).set('Authorization', admin()).expect(409);
      await testApp.http().get('/mobility/vehicle-types').expect(401);
      await testApp.http().post('/mobility/alerts').send({}).expect(401);
    });

    it('vehicle types and plans: every reference in the feed resolves; a removed type leaves vehicle_types.json', async () => {
      const spare = await createType({ name: 'Cargo', form_factor: 'cargo_bicycle', propulsion_type: 'human' });
      expect(
        (await feed('vehicle_types')).body.data.vehicle_types.map((type: { vehicle_type_id: string }) => type.vehicle_type_id),
      ).toContain(spare.id);
      await testApp.http().delete(`/mobility/vehicle-types/${spare.id}`).set('Authorization', admin()).expect(204);
      await testApp.http().get(`/mobility/vehicle-types/${spare.id}`).set('Authorization', admin()).expect(404);

      const types = (await feed('vehicle_types')).body.data.vehicle_types as Array<{
        vehicle_type_id: string;
        default_pricing_plan_id?: string;
        pricing_plan_ids?: string[];
      }>;
      expect(types.map((type) => type.vehicle_type_id)).not.toContain(spare.id);
      const planIds = new Set(
        ((await feed('system_pricing_plans')).body.data.plans as Array<{ plan_id: string }>).map((plan) => plan.plan_id),
      );
      const typeIds = new Set(types.map((type) => type.vehicle_type_id));
      for (const type of types)
        for (const id of [type.default_pricing_plan_id, ...(type.pricing_plan_ids ?? [])]) if (id) expect(planIds).toContain(id);
      const list = await vehicles();
      expect(list.length).toBeGreaterThan(0);
      const motorised = new Set(
        ((await feed('vehicle_types')).body.data.vehicle_types as Array<{ vehicle_type_id: string; propulsion_type: string }>)
          .filter((type) => type.propulsion_type !== 'human')
          .map((type) => type.vehicle_type_id),
      );
      for (const vehicle of list) {
        expect(typeIds).toContain(vehicle.vehicle_type_id);
        // GBFS: a motorised vehicle carries its current range.
        if (motorised.has(vehicle.vehicle_type_id)) expect(typeof vehicle.current_range_meters).toBe('number');
        if (vehicle.pricing_plan_id !== undefined) expect(planIds).toContain(vehicle.pricing_plan_id);
        // Free-floating: every vehicle has its coordinates.
        expect(typeof vehicle.lat === 'number' && typeof vehicle.lon === 'number').toBe(true);
      }
    });

    it('a type deleted while bikes of it are added in parallel: either it stays with its bikes, or it goes with none', async () => {
      for (let round = 0; round < 3; round++) {
        const type = await createType({ name: `Racing ${round}`, form_factor: 'bicycle', propulsion_type: 'human' });
        const creates = Array.from({ length: 8 }, (_, i) =>
          testApp
            .http()
            .post('/mobility/bikes')
            .set('Authorization', admin())
            .send({ location: point(2.39 + i / 1000, 48.92), vehicle_type_id: type.id }),
        );
        const removal = testApp.http().delete(`/mobility/vehicle-types/${type.id}`).set('Authorization', admin());
        const [deleted, ...created] = await Promise.all([removal, ...creates]);
        expect([204, 409]).toContain(deleted.status);
        for (const response of created) expect([201, 400]).toContain(response.status);
        const [{ n }] = await testApp.sql<{ n: number | string }>('SELECT COUNT(*) AS n FROM bikes WHERE vehicle_type_id = $1', [type.id]);
        const made = created.filter((response) => response.status === 201).length;
        expect(Number(n)).toBe(made);
        if (deleted.status === 204) expect(made).toBe(0);
        else expect(made).toBeGreaterThan(0);
      }
    });

    it('system alerts: published while not over, replaced, withdrawn', async () => {
      const post = (body: unknown) =>
        testApp
          .http()
          .post('/mobility/alerts')
          .set('Authorization', admin())
          .send(body as object);
      const current = (
        await post({
          type: 'other',
          summary: 'E-bikes off on the islands',
          starts_at: '2026-12-01T10:00:00Z',
          url: 'https://citymove.example.org/a/1',
        }).expect(201)
      ).body;
      const over = (
        await post({
          type: 'system_closure',
          summary: 'Past',
          starts_at: '2020-01-01T00:00:00Z',
          ends_at: '2020-01-02T00:00:00+01:00',
        }).expect(201)
      ).body;
      const alerts = () =>
        feed('system_alerts').then(
          (response) => response.body.data.alerts as Array<{ alert_id: string; summary: Array<{ text: string }> }>,
        );
      let published = await alerts();
      expect(published.map((alert) => alert.alert_id)).toEqual([current.id]);
      expect(published[0]).toMatchObject({ type: 'other', times: [{ start: '2026-12-01T10:00:00.000Z' }] });
      expect(over.ends_at).toBe('2020-01-01T23:00:00.000Z');

      await testApp
        .http()
        .put(`/mobility/alerts/${current.id}`)
        .set('Authorization', admin())
        .send({ type: 'other', summary: 'Back tomorrow', starts_at: '2026-12-01T10:00:00Z' })
        .expect(200);
      published = await alerts();
      expect(published[0].summary[0].text).toBe('Back tomorrow');
      await testApp.http().delete(`/mobility/alerts/${current.id}`).set('Authorization', admin()).expect(204);
      expect(await alerts()).toEqual([]);

      const badTimes = await post({
        type: 'other',
        summary: 'x',
        starts_at: '2026-12-02T10:00:00Z',
        ends_at: '2026-12-01T10:00:00Z',
      }).expect(400);
      expect(badTimes.body.errors[0].field).toBe('ends_at');
    });
  });

  describe('input', () => {
    it('a timestamp without an offset is a 400 on its field, and nothing is queued', async () => {
      const bike = await createBike(testApp, 2.371, 48.901);
      for (const recordedAt of ['2026-12-01T10:00:00', '2026-12-01T10:00:00.000', '2026-12-01 10:00:00Z']) {
        const response = await testApp
          .http()
          .post(`/mobility/bikes/${bike.id}/locations`)
          .set('Authorization', admin())
          .send({ location: point(2.372, 48.902), recorded_at: recordedAt })
          .expect(400);
        expect(response.body.errors[0]).toMatchObject({ field: 'recorded_at', message: expect.stringMatching(/offset/) });
      }
      await drainLocations(testApp);
      expect((await testApp.http().get(`/mobility/bikes/${bike.id}`).expect(200)).body.location.coordinates).toEqual([2.371, 48.901]);
      const alert = await testApp
        .http()
        .post('/mobility/alerts')
        .set('Authorization', admin())
        .send({ type: 'other', summary: 'x', starts_at: '2026-12-01T10:00:00' })
        .expect(400);
      expect(alert.body.errors[0].field).toBe('starts_at');
      // With an offset it is the same instant everywhere.
      await testApp
        .http()
        .post(`/mobility/bikes/${bike.id}/locations`)
        .set('Authorization', admin())
        .send({ location: point(2.373, 48.903), recorded_at: new Date(Date.now() + 1000).toISOString().replace('Z', '+00:00') })
        .expect(202);
    });

    it('any date-time without an offset is refused, the same instant with one accepted (generated)', async () => {
      const bike = await createBike(testApp, 2.381, 48.911);
      const instant = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date(), noInvalidDate: true });
      await fc.assert(
        fc.asyncProperty(instant, fc.boolean(), async (date, withMillis) => {
          const text = withMillis ? date.toISOString() : date.toISOString().replace(/\.\d{3}Z$/, 'Z');
          const bare = text.replace(/Z$/, '');
          const refused = await testApp
            .http()
            .post(`/mobility/bikes/${bike.id}/locations`)
            .set('Authorization', admin())
            .send({ location: point(2.381, 48.911), recorded_at: bare });
          expect({ bare, status: refused.status, field: refused.body.errors?.[0]?.field }).toEqual({
            bare,
            status: 400,
            field: 'recorded_at',
          });
          const offset = `${bare}+00:00`;
          const accepted = await testApp
            .http()
            .post(`/mobility/bikes/${bike.id}/locations`)
            .set('Authorization', admin())
            .send({ location: point(2.381, 48.911), recorded_at: offset });
          expect({ offset, status: accepted.status }).toEqual({ offset, status: 202 });
          expect(Date.parse(accepted.body.recorded_at)).toBe(date.getTime() - (withMillis ? 0 : date.getMilliseconds()));
        }),
        { numRuns: 25 },
      );
      await drainLocations(testApp);
    });

    it('mobility answers pagination errors in English', async () => {
      const beyond = await testApp.http().get('/mobility/bikes?page=100000').expect(404);
      expect(beyond.body.errors[0]).toMatchObject({ code: 4002, message: 'the page requested does not exist' });
      const bad = await testApp.http().get('/mobility/trips?page=x').set('Authorization', admin()).expect(400);
      expect(bad.body.errors[0]).toMatchObject({ code: 4001, message: 'page must be a positive integer' });
    });
  });

  it('[figure] vehicle_status.json over a fleet of 2,000 bikes: a full answer, then a 304', async () => {
    await seedDemoFleet(testApp.dataSource, { count: 2000 });
    let started = performance.now();
    const full = await feed('vehicle_status');
    const fullMs = performance.now() - started;
    started = performance.now();
    await testApp.http().get('/mobility/gbfs/vehicle_status.json').set('If-None-Match', full.headers.etag).expect(304);
    const revalidateMs = performance.now() - started;
    console.log(
      `[figure] vehicle_status.json, ${full.body.data.vehicles.length} vehicles (${Math.round(full.text.length / 1024)} KiB): 200 in ${fullMs.toFixed(0)} ms, 304 in ${revalidateMs.toFixed(0)} ms`,
    );
    expect(full.body.data.vehicles.length).toBeGreaterThanOrEqual(2000);
    expect(fullMs).toBeLessThan(5000);
  });

  it('feeds lists exactly the files served under /mobility/gbfs (from the OpenAPI document)', async () => {
    const document = (await testApp.http().get('/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    const served = Object.entries(document.paths)
      .filter(([path, item]) => path.startsWith('/mobility/gbfs/') && item.get !== undefined)
      .map(([path]) => path.replace('/mobility/gbfs/', '').replace(/\.json$/, ''))
      .sort();
    const listed = ((await feed('gbfs')).body.data.feeds as Array<{ name: string }>).map((feedFile) => feedFile.name);
    expect([...listed, 'gbfs'].sort()).toEqual(served);
  });
});
