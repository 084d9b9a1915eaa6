import { type MigrationInterface, type QueryRunner, Table, TableCheck, TableColumn, TableForeignKey } from 'typeorm';
import { columnTypes, sqliteInstantText } from '../../database/column-types.js';

/** Mirrors `DEFAULT_VEHICLE_TYPE_ID` (a migration keeps its own constants: it must not change with the code). */
const DEFAULT_VEHICLE_TYPE_ID = '00000000-0000-4000-8000-000000000001';

/**
 * What a GBFS consumer needs beyond positions: pricing plans, vehicle types (each bike gets one; the
 * bikes that exist get a plain bicycle type, created here), battery state on bikes, the price of a
 * trip, system alerts, and when each feed file last changed. Both dialects.
 */
export class VehicleTypesPricingAlerts1795420000000 implements MigrationInterface {
  name = 'VehicleTypesPricingAlerts1795420000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const timestamps = [
      { name: 'created_at', type: columnTypes.timestamp },
      { name: 'updated_at', type: columnTypes.timestamp },
    ];
    await queryRunner.createTable(
      new Table({
        name: 'pricing_plans',
        columns: [
          { name: 'id', type: 'uuid', isPrimary: true },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'description', type: 'varchar', length: '1000' },
          { name: 'currency', type: 'varchar', length: '3' },
          { name: 'price', type: 'double precision' },
          { name: 'is_taxable', type: 'boolean' },
          { name: 'per_min_pricing', type: columnTypes.json },
          { name: 'per_km_pricing', type: columnTypes.json },
          ...timestamps,
        ],
        checks: [new TableCheck({ name: 'CHK_pricing_plans_price', expression: 'price >= 0' })],
      }),
      true,
    );
    await queryRunner.createTable(
      new Table({
        name: 'vehicle_types',
        columns: [
          { name: 'id', type: 'uuid', isPrimary: true },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'form_factor', type: 'varchar', length: '30' },
          { name: 'propulsion_type', type: 'varchar', length: '30' },
          { name: 'max_range_meters', type: 'double precision', isNullable: true },
          { name: 'default_pricing_plan_id', type: 'uuid', isNullable: true },
          ...timestamps,
        ],
        checks: [new TableCheck({ name: 'CHK_vehicle_types_range', expression: 'max_range_meters IS NULL OR max_range_meters > 0' })],
        foreignKeys: [
          new TableForeignKey({
            name: 'FK_vehicle_types_pricing_plan',
            columnNames: ['default_pricing_plan_id'],
            referencedTableName: 'pricing_plans',
            referencedColumnNames: ['id'],
            onDelete: 'RESTRICT',
          }),
        ],
      }),
      true,
    );
    const postgres = queryRunner.connection.driver.options.type === 'postgres';
    const now = new Date();
    await queryRunner.query(
      postgres
        ? 'INSERT INTO vehicle_types (id, name, form_factor, propulsion_type, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)'
        : 'INSERT INTO vehicle_types (id, name, form_factor, propulsion_type, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
      postgres
        ? [DEFAULT_VEHICLE_TYPE_ID, 'Bicycle', 'bicycle', 'human', now]
        : [DEFAULT_VEHICLE_TYPE_ID, 'Bicycle', 'bicycle', 'human', sqliteInstantText(now), sqliteInstantText(now)],
    );

    // Existing bikes take the default type; the default stays for inserts that name none.
    await queryRunner.addColumns('bikes', [
      new TableColumn({ name: 'vehicle_type_id', type: 'uuid', default: `'${DEFAULT_VEHICLE_TYPE_ID}'` }),
      new TableColumn({ name: 'current_fuel_percent', type: 'double precision', isNullable: true }),
      new TableColumn({ name: 'current_range_meters', type: 'double precision', isNullable: true }),
    ]);
    await queryRunner.createForeignKey(
      'bikes',
      new TableForeignKey({
        name: 'FK_bikes_vehicle_type',
        columnNames: ['vehicle_type_id'],
        referencedTableName: 'vehicle_types',
        referencedColumnNames: ['id'],
        onDelete: 'RESTRICT',
      }),
    );
    await queryRunner.addColumns('trips', [
      new TableColumn({ name: 'pricing_plan_id', type: 'uuid', isNullable: true }),
      new TableColumn({ name: 'price', type: 'double precision', isNullable: true }),
      new TableColumn({ name: 'currency', type: 'varchar', length: '3', isNullable: true }),
      // Trips from before the column have no times: their whole path counts, as it did.
      new TableColumn({ name: 'location_times', type: columnTypes.json, default: "'[]'" }),
    ]);

    await queryRunner.createTable(
      new Table({
        name: 'system_alerts',
        columns: [
          { name: 'id', type: 'uuid', isPrimary: true },
          { name: 'type', type: 'varchar', length: '20' },
          { name: 'summary', type: 'varchar', length: '200' },
          { name: 'description', type: 'varchar', length: '2000', isNullable: true },
          { name: 'url', type: 'varchar', length: '2000', isNullable: true },
          { name: 'starts_at', type: columnTypes.timestamp },
          { name: 'ends_at', type: columnTypes.timestamp, isNullable: true },
          ...timestamps,
        ],
        checks: [
          new TableCheck({
            name: 'CHK_system_alerts_type',
            expression: "type IN ('system_closure', 'station_closure', 'station_move', 'other')",
          }),
        ],
      }),
      true,
    );
    await queryRunner.createTable(
      new Table({
        name: 'gbfs_revisions',
        columns: [
          { name: 'file', type: 'varchar', length: '40', isPrimary: true },
          { name: 'changed_at', type: columnTypes.timestamp },
        ],
      }),
      true,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('gbfs_revisions', true);
    await queryRunner.dropTable('system_alerts', true);
    await queryRunner.dropColumns('trips', ['location_times', 'currency', 'price', 'pricing_plan_id']);
    await queryRunner.dropForeignKey('bikes', 'FK_bikes_vehicle_type');
    await queryRunner.dropColumns('bikes', ['current_range_meters', 'current_fuel_percent', 'vehicle_type_id']);
    await queryRunner.dropTable('vehicle_types', true);
    await queryRunner.dropTable('pricing_plans', true);
  }
}
