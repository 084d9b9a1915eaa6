import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { sqliteInstantText } from '../../src/database/column-types.js';
import { DEFAULT_VEHICLE_TYPE_ID } from '../../src/mobility/vehicle-type.entity.js';
import { isSqliteRun } from '../helpers/sql.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { point, riderAuth } from './mobility-fixtures.js';

const MIGRATION = 'VehicleTypesPricingAlerts1795420000000';

/** The feed's migration over a database that already has bikes and trips: none is lost, each bike gets the bicycle type. */
describe('mobility: the vehicle-types migration over existing data', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp({ processors: false });
  });
  afterAll(() => testApp.close());

  const applied = async () => (await testApp.sql<{ name: string }>('SELECT name FROM migrations')).map((row) => row.name);

  it('gives every existing bike the default bicycle type and keeps their trips whole', async () => {
    const dataSource = testApp.dataSource;
    while ((await applied()).includes(MIGRATION)) await dataSource.undoLastMigration({ transaction: 'each' });

    const now = new Date(Date.now() - 60_000);
    const at = isSqliteRun() ? sqliteInstantText(now) : now;
    const bikeIds = [randomUUID(), randomUUID()];
    for (const id of bikeIds) {
      await testApp.sql(
        `INSERT INTO bikes (id, status, lon, lat, location_recorded_at, public_id, created_at, updated_at)
         VALUES ($1, 'available', 2.35, 48.85, $2, $3, $4, $5)`,
        [id, at, randomUUID(), at, at],
      );
    }
    const tripId = randomUUID();
    await testApp.sql(
      `INSERT INTO trips (id, bike_id, rider_id, status, locations, started_at) VALUES ($1, $2, 7, 'in_progress', $3, $4)`,
      [tripId, bikeIds[0], JSON.stringify([point(2.35, 48.85), point(2.36, 48.86)]), at],
    );
    await testApp.sql(`UPDATE bikes SET status = 'on_trip' WHERE id = $1`, [bikeIds[0]]);

    await dataSource.runMigrations({ transaction: 'each' });
    expect(await applied()).toContain(MIGRATION);

    const bikes = await testApp.sql<{ id: string; vehicle_type_id: string }>('SELECT id, vehicle_type_id FROM bikes ORDER BY id');
    expect(bikes.map((bike) => bike.vehicle_type_id)).toEqual(bikeIds.map(() => DEFAULT_VEHICLE_TYPE_ID));
    const [type] = await testApp.sql<{ propulsion_type: string }>('SELECT propulsion_type FROM vehicle_types WHERE id = $1', [
      DEFAULT_VEHICLE_TYPE_ID,
    ]);
    expect(type.propulsion_type).toBe('human');

    // The trip begun before the migration ends with its whole path (it has no point times).
    const rider = await riderAuth(testApp, 7);
    const ended = (await testApp.http().post(`/mobility/trips/${tripId}/end`).set('Authorization', rider).expect(200)).body;
    expect(ended.locations).toEqual([point(2.35, 48.85), point(2.36, 48.86)]);
    expect(ended.distance_m).toBeGreaterThan(1000);
    expect(ended.price).toBeNull();
  });
});
