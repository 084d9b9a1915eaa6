import { type MigrationInterface, type QueryRunner, Table, TableCheck } from 'typeorm';
import { columnTypes } from '../../database/column-types.js';

/** The system's geofencing global rules (one row), on PostgreSQL and SQLite alike. */
export class CreateGeofencingGlobalRules1795440000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'geofencing_global_rules',
        columns: [
          { name: 'scope', type: 'varchar', length: '20', isPrimary: true },
          { name: 'rules', type: columnTypes.json },
          { name: 'updated_at', type: columnTypes.timestamp },
        ],
        checks: [new TableCheck({ name: 'CHK_geofencing_global_rules_scope', expression: "scope = 'system'" })],
      }),
      true,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('geofencing_global_rules', true);
  }
}
