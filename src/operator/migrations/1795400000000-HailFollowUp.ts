import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';
import { columnTypes } from '../../database/column-types.js';

/**
 * What following a hail to its end needs on the hail (issue 15): when the registry's timer for the
 * current status runs out, and the reasons the driver gave (incident, report), so that the same
 * answer again changes nothing. `addColumn` is portable: TypeORM rebuilds the table on SQLite.
 */
export class HailFollowUp1795400000000 implements MigrationInterface {
  name = 'HailFollowUp1795400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('operator_hails', [
      new TableColumn({ name: 'status_deadline_at', type: columnTypes.timestamp, isNullable: true }),
      new TableColumn({ name: 'incident_taxi_reason', type: 'varchar', length: '32', isNullable: true }),
      new TableColumn({ name: 'reporting_customer_reason', type: 'varchar', length: '32', isNullable: true }),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const column of ['reporting_customer_reason', 'incident_taxi_reason', 'status_deadline_at']) {
      await queryRunner.dropColumn('operator_hails', column);
    }
  }
}
