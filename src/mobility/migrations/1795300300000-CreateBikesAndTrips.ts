import { type MigrationInterface, type QueryRunner, Table, TableCheck, TableForeignKey, TableIndex } from 'typeorm';
import { columnTypes } from '../../database/column-types.js';

/**
 * Bikes and trips, on PostgreSQL and SQLite alike. The rules that must survive concurrent requests
 * live here as constraints: a status outside its set, a second trip in progress for one rider or
 * one bike, a position out of range, are refused by the database itself.
 */
export class CreateBikesAndTrips1795300300000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'bikes',
        columns: [
          { name: 'id', type: 'uuid', isPrimary: true },
          { name: 'status', type: 'varchar', length: '20' },
          { name: 'lon', type: 'double precision' },
          { name: 'lat', type: 'double precision' },
          { name: 'location_recorded_at', type: columnTypes.timestamp },
          { name: 'public_id', type: 'uuid', isUnique: true },
          { name: 'created_at', type: columnTypes.timestamp },
          { name: 'updated_at', type: columnTypes.timestamp },
        ],
        checks: [
          new TableCheck({ name: 'CHK_bikes_status', expression: "status IN ('available', 'on_trip', 'non_operational')" }),
          new TableCheck({ name: 'CHK_bikes_lon', expression: 'lon >= -180 AND lon <= 180' }),
          new TableCheck({ name: 'CHK_bikes_lat', expression: 'lat >= -90 AND lat <= 90' }),
        ],
      }),
      true,
    );
    // Serves the `near` bounding box: a range on lat, then lon filtered from the same index entries.
    await queryRunner.createIndex('bikes', new TableIndex({ name: 'IDX_bikes_lat_lon', columnNames: ['lat', 'lon'] }));

    await queryRunner.createTable(
      new Table({
        name: 'trips',
        columns: [
          { name: 'id', type: 'uuid', isPrimary: true },
          { name: 'bike_id', type: 'uuid' },
          { name: 'rider_id', type: 'integer' },
          { name: 'status', type: 'varchar', length: '20' },
          { name: 'locations', type: columnTypes.json },
          { name: 'started_at', type: columnTypes.timestamp },
          { name: 'ended_at', type: columnTypes.timestamp, isNullable: true },
          { name: 'duration_s', type: 'integer', isNullable: true },
          { name: 'distance_m', type: 'double precision', isNullable: true },
        ],
        checks: [new TableCheck({ name: 'CHK_trips_status', expression: "status IN ('in_progress', 'ended')" })],
        foreignKeys: [
          new TableForeignKey({
            name: 'FK_trips_bike',
            columnNames: ['bike_id'],
            referencedTableName: 'bikes',
            referencedColumnNames: ['id'],
            onDelete: 'RESTRICT',
          }),
        ],
      }),
      true,
    );
    // Partial unique indexes (both dialects support them): the last word on concurrent starts.
    await queryRunner.createIndex(
      'trips',
      new TableIndex({ name: 'UQ_trips_rider_in_progress', columnNames: ['rider_id'], isUnique: true, where: "status = 'in_progress'" }),
    );
    await queryRunner.createIndex(
      'trips',
      new TableIndex({ name: 'UQ_trips_bike_in_progress', columnNames: ['bike_id'], isUnique: true, where: "status = 'in_progress'" }),
    );
    await queryRunner.createIndex('trips', new TableIndex({ name: 'IDX_trips_bike_started', columnNames: ['bike_id', 'started_at'] }));
    await queryRunner.createIndex('trips', new TableIndex({ name: 'IDX_trips_rider_started', columnNames: ['rider_id', 'started_at'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('trips', true);
    await queryRunner.dropTable('bikes', true);
  }
}
