import { type MigrationInterface, type QueryRunner, Table, TableCheck, TableForeignKey, TableIndex } from 'typeorm';
import { columnTypes } from '../../database/column-types.js';

/**
 * Geofencing zones and reservations, on PostgreSQL and SQLite alike (the Table API and the column
 * types in `column-types.ts` give each dialect its own DDL). "One active reservation per rider" and
 * "per bike" are partial unique indexes, which both dialects enforce under any concurrency.
 */
export class CreateGeofencingZonesAndReservations1795430010000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'geofencing_zones',
        columns: [
          { name: 'id', type: 'uuid', isPrimary: true },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'geometry', type: columnTypes.json },
          { name: 'rules', type: columnTypes.json },
          { name: 'starts_at', type: columnTypes.timestamp, isNullable: true },
          { name: 'ends_at', type: columnTypes.timestamp, isNullable: true },
          { name: 'min_lon', type: 'double precision' },
          { name: 'min_lat', type: 'double precision' },
          { name: 'max_lon', type: 'double precision' },
          { name: 'max_lat', type: 'double precision' },
          { name: 'created_at', type: columnTypes.timestamp },
          { name: 'updated_at', type: columnTypes.timestamp },
        ],
        checks: [
          new TableCheck({ name: 'CHK_geofencing_zones_box', expression: 'min_lon <= max_lon AND min_lat <= max_lat' }),
          new TableCheck({
            name: 'CHK_geofencing_zones_window',
            expression: 'starts_at IS NULL OR ends_at IS NULL OR starts_at < ends_at',
          }),
        ],
      }),
      true,
    );
    // The zones around a point: a range on the box's latitudes, longitudes filtered from the same entries.
    await queryRunner.createIndex(
      'geofencing_zones',
      new TableIndex({ name: 'IDX_geofencing_zones_box', columnNames: ['min_lat', 'max_lat', 'min_lon', 'max_lon'] }),
    );
    await queryRunner.createIndex(
      'geofencing_zones',
      new TableIndex({ name: 'IDX_geofencing_zones_order', columnNames: ['created_at', 'id'] }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'reservations',
        columns: [
          { name: 'id', type: 'uuid', isPrimary: true },
          { name: 'bike_id', type: 'uuid' },
          { name: 'rider_id', type: 'integer' },
          { name: 'status', type: 'varchar', length: '20' },
          { name: 'created_at', type: columnTypes.timestamp },
          { name: 'expires_at', type: columnTypes.timestamp },
          { name: 'ended_at', type: columnTypes.timestamp, isNullable: true },
          { name: 'trip_id', type: 'uuid', isNullable: true },
        ],
        checks: [new TableCheck({ name: 'CHK_reservations_status', expression: "status IN ('active', 'used', 'cancelled', 'expired')" })],
        foreignKeys: [
          new TableForeignKey({
            name: 'FK_reservations_bike',
            columnNames: ['bike_id'],
            referencedTableName: 'bikes',
            referencedColumnNames: ['id'],
            onDelete: 'RESTRICT',
          }),
        ],
      }),
      true,
    );
    await queryRunner.createIndex(
      'reservations',
      new TableIndex({ name: 'UQ_reservations_rider_active', columnNames: ['rider_id'], isUnique: true, where: "status = 'active'" }),
    );
    await queryRunner.createIndex(
      'reservations',
      new TableIndex({ name: 'UQ_reservations_bike_active', columnNames: ['bike_id'], isUnique: true, where: "status = 'active'" }),
    );
    await queryRunner.createIndex(
      'reservations',
      new TableIndex({ name: 'IDX_reservations_rider_created', columnNames: ['rider_id', 'created_at'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('reservations', true);
    await queryRunner.dropTable('geofencing_zones', true);
  }
}
