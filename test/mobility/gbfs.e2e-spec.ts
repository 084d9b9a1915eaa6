import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { strongEtag } from '../../src/common/http/etag.js';
import { adminAuth, createTestApp, type TestApp } from '../helpers/test-app.js';
import { expectValidGbfs as expectValid, gbfsValidator } from './gbfs-validation.js';
import { createBike, drainLocations, point, riderAuth } from './mobility-fixtures.js';

describe('mobility: GBFS 3.0 feed', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp({
      env: {
        GBFS_SYSTEM_ID: 'citymove-test',
        GBFS_SYSTEM_NAME: 'Citymove Test',
        GBFS_CONTACT_EMAIL: 'feed@citymove.test',
        GBFS_LANGUAGE: 'fr',
      },
    });
  });
  afterAll(() => testApp.close());

  const vehicles = async () => {
    const response = await testApp.http().get('/mobility/gbfs/vehicle_status.json').expect(200);
    expectValid('vehicle_status', response.body);
    return response.body.data.vehicles as Array<{
      vehicle_id: string;
      lat: number;
      lon: number;
      is_disabled: boolean;
      is_reserved: boolean;
      last_reported: string;
    }>;
  };

  it('gbfs.json lists the feeds with absolute URLs, and validates', async () => {
    const response = await testApp.http().get('/mobility/gbfs/gbfs.json').set('Host', 'bikes.example.org').expect(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expectValid('gbfs', response.body);
    expect(response.body).toMatchObject({ version: '3.0', ttl: expect.any(Number) });
    expect(response.body.data.feeds).toEqual(
      [
        'gbfs_versions',
        'system_information',
        'vehicle_types',
        'vehicle_status',
        'system_pricing_plans',
        'system_alerts',
        'geofencing_zones',
      ].map((name) => ({
        name,
        url: `http://bikes.example.org/mobility/gbfs/${name}.json`,
      })),
    );
    // Every URL it lists answers.
    for (const feed of response.body.data.feeds) await testApp.http().get(new URL(feed.url).pathname).expect(200);
  });

  it('configuration-made files, kept serialized per base URL, still carry each Host and the tag of their own bytes', async () => {
    // Hosts are visited in a generated order, each twice: a file kept from one Host must never
    // answer another, and a kept file's tag stays the SHA-256 of the bytes sent.
    await fc.assert(
      fc.asyncProperty(
        fc.shuffledSubarray(['a.example.org', 'b.example.org', 'b.example.org:8080', '127.0.0.1:3000', '[::1]:9'], { minLength: 1 }),
        fc.constantFrom('gbfs', 'gbfs_versions'),
        async (hosts, file) => {
          for (const host of [...hosts, ...hosts]) {
            const response = await testApp.http().get(`/mobility/gbfs/${file}.json`).set('Host', host).expect(200);
            expect(response.headers.etag).toBe(strongEtag(response.text));
            const urls = JSON.stringify(response.body.data);
            expect(urls).toContain(`"http://${host}/mobility/gbfs/`);
            expect(urls.match(/"https?:\/\/[^/"]+/g)?.every((origin) => origin === `"http://${host}`)).toBe(true);
          }
        },
      ),
      { numRuns: 15 },
    );
  });

  it('system_information.json comes from the GBFS_* configuration, and validates', async () => {
    const response = await testApp.http().get('/mobility/gbfs/system_information.json').expect(200);
    expectValid('system_information', response.body);
    expect(response.body.data).toEqual({
      system_id: 'citymove-test',
      languages: ['fr'],
      name: [{ text: 'Citymove Test', language: 'fr' }],
      opening_hours: '24/7',
      feed_contact_email: 'feed@citymove.test',
      timezone: 'Europe/Paris',
    });
    expect(Number.isNaN(Date.parse(response.body.last_updated))).toBe(false);
  });

  it('vehicle_status.json validates when empty', async () => {
    expect(await vehicles()).toEqual([]);
  });

  it('shows available and disabled bikes under public ids, leaves bikes on a trip out, rotates the id after each trip', async () => {
    const available = await createBike(testApp, 2.35, 48.85);
    const broken = await createBike(testApp, 2.36, 48.86, 'non_operational');
    const riding = await createBike(testApp, 2.37, 48.87);
    const rider = await riderAuth(testApp, 31);
    const trip = (await testApp.http().post('/mobility/trips').set('Authorization', rider).send({ bike_id: riding.id }).expect(201)).body;

    const during = await vehicles();
    expect(during).toHaveLength(2);
    const internalIds = [available.id, broken.id, riding.id];
    expect(during.every((vehicle) => !internalIds.includes(vehicle.vehicle_id))).toBe(true);
    const byLon = (lon: number) => during.find((vehicle) => vehicle.lon === lon)!;
    expect(byLon(2.35)).toMatchObject({ lat: 48.85, is_disabled: false, is_reserved: false, last_reported: available.location_updated_at });
    expect(byLon(2.36)).toMatchObject({ lat: 48.86, is_disabled: true, is_reserved: false });
    expect(during.some((vehicle) => vehicle.lon === 2.37)).toBe(false);

    // The ride moves the bike; once ended it reappears where it stopped, under a new public id.
    await testApp
      .http()
      .post(`/mobility/bikes/${riding.id}/locations`)
      .set('Authorization', adminAuth())
      .send({ location: point(2.38, 48.88) })
      .expect(202);
    await drainLocations(testApp);
    await testApp.http().post(`/mobility/trips/${trip.id}/end`).set('Authorization', rider).expect(200);
    const after = await vehicles();
    expect(after).toHaveLength(3);
    const returned = after.find((vehicle) => vehicle.lon === 2.38)!;
    expect(returned).toMatchObject({ lat: 48.88, is_disabled: false });
    expect(during.map((vehicle) => vehicle.vehicle_id)).not.toContain(returned.vehicle_id);

    // Another trip, another id; the bikes that did not ride keep theirs.
    const again = (await testApp.http().post('/mobility/trips').set('Authorization', rider).send({ bike_id: riding.id }).expect(201)).body;
    await testApp.http().post(`/mobility/trips/${again.id}/end`).set('Authorization', rider).expect(200);
    const later = await vehicles();
    const rotated = later.find((vehicle) => vehicle.lon === 2.38)!;
    expect(rotated.vehicle_id).not.toBe(returned.vehicle_id);
    expect(later.find((vehicle) => vehicle.lon === 2.35)!.vehicle_id).toBe(byLon(2.35).vehicle_id);
  });

  it('the validator does catch a broken file (the check is not vacuous)', () => {
    const validate = gbfsValidator('vehicle_status');
    expect(validate({ last_updated: 'yesterday', ttl: -1, version: '2.3', data: { vehicles: [{ vehicle_id: 'x', lat: 95 }] } })).toBe(
      false,
    );
  });
});
