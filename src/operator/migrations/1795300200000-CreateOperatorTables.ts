import { type MigrationInterface, type QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import { columnTypes } from '../../database/column-types.js';

const increment = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' } as const;

/** The operator's fleet, hails, their transitions, registry calls and the outbox of registry updates. */
export class CreateOperatorTables1795300200000 implements MigrationInterface {
  name = 'CreateOperatorTables1795300200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'operator_taxis',
        columns: [
          { name: 'id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'phone_number', type: 'varchar', length: '32' },
          { name: 'driver_name', type: 'varchar', length: '200', isNullable: true },
          { name: 'licence_plate', type: 'varchar', length: '32', isNullable: true },
          { name: 'token_hash', type: 'varchar', length: '64', isUnique: true },
          { name: 'created_at', type: columnTypes.timestamp, default: 'CURRENT_TIMESTAMP' },
        ],
      }),
      true,
    );

    await queryRunner.createTable(
      new Table({
        name: 'operator_hails',
        columns: [
          { name: 'id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'taxi_id', type: 'varchar', length: '64' },
          { name: 'status', type: 'varchar', length: '32' },
          { name: 'customer_lon', type: 'double precision' },
          { name: 'customer_lat', type: 'double precision' },
          { name: 'customer_address', type: 'varchar', length: '500' },
          { name: 'customer_phone_number', type: 'varchar', length: '32' },
          { name: 'registry_fields', type: columnTypes.json },
          { name: 'received_at', type: columnTypes.timestamp },
          { name: 'received_by_taxi_at', type: columnTypes.timestamp, isNullable: true },
          { name: 'decision_deadline_at', type: columnTypes.timestamp, isNullable: true },
          { name: 'updated_at', type: columnTypes.timestamp },
        ],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['taxi_id'],
            referencedTableName: 'operator_taxis',
            referencedColumnNames: ['id'],
            onDelete: 'RESTRICT',
          }),
        ],
        indices: [
          new TableIndex({ name: 'IDX_operator_hails_taxi_status', columnNames: ['taxi_id', 'status'] }),
          new TableIndex({ name: 'IDX_operator_hails_status_received', columnNames: ['status', 'received_at'] }),
          new TableIndex({ name: 'IDX_operator_hails_received', columnNames: ['received_at'] }),
        ],
      }),
      true,
    );

    const hailForeignKey = () =>
      new TableForeignKey({
        columnNames: ['hail_id'],
        referencedTableName: 'operator_hails',
        referencedColumnNames: ['id'],
        onDelete: 'CASCADE',
      });

    await queryRunner.createTable(
      new Table({
        name: 'operator_hail_transitions',
        columns: [
          increment,
          { name: 'hail_id', type: 'varchar', length: '64' },
          { name: 'from_status', type: 'varchar', length: '32', isNullable: true },
          { name: 'to_status', type: 'varchar', length: '32' },
          { name: 'cause', type: 'varchar', length: '100' },
          { name: 'at', type: columnTypes.timestamp },
          // Null until the change is in the event store: the transitions are the events' outbox.
          { name: 'published_at', type: columnTypes.timestamp, isNullable: true },
        ],
        foreignKeys: [hailForeignKey()],
        indices: [
          new TableIndex({ name: 'IDX_operator_hail_transitions_hail', columnNames: ['hail_id', 'id'] }),
          new TableIndex({ name: 'IDX_operator_hail_transitions_unpublished', columnNames: ['published_at', 'id'] }),
        ],
      }),
      true,
    );

    await queryRunner.createTable(
      new Table({
        name: 'operator_registry_calls',
        columns: [
          increment,
          { name: 'hail_id', type: 'varchar', length: '64' },
          { name: 'method', type: 'varchar', length: '8' },
          { name: 'request_body', type: columnTypes.json, isNullable: true },
          { name: 'answer_status', type: 'integer', isNullable: true },
          { name: 'error', type: 'varchar', length: '500', isNullable: true },
          { name: 'duration_ms', type: 'integer' },
          { name: 'attempt', type: 'integer' },
          { name: 'at', type: columnTypes.timestamp },
        ],
        foreignKeys: [hailForeignKey()],
        indices: [new TableIndex({ name: 'IDX_operator_registry_calls_hail', columnNames: ['hail_id', 'id'] })],
      }),
      true,
    );

    await queryRunner.createTable(
      new Table({
        name: 'operator_hail_updates',
        columns: [
          increment,
          { name: 'hail_id', type: 'varchar', length: '64' },
          { name: 'seq', type: 'integer' },
          { name: 'body', type: columnTypes.json },
          { name: 'state', type: 'varchar', length: '16' },
          { name: 'deadline_at', type: columnTypes.timestamp },
          { name: 'attempts', type: 'integer', default: 0 },
          { name: 'created_at', type: columnTypes.timestamp },
          { name: 'done_at', type: columnTypes.timestamp, isNullable: true },
        ],
        foreignKeys: [hailForeignKey()],
        indices: [
          // One row per position in a hail's sequence: two writers cannot both claim the next one.
          new TableIndex({ name: 'UQ_operator_hail_updates_hail_seq', columnNames: ['hail_id', 'seq'], isUnique: true }),
          new TableIndex({ name: 'IDX_operator_hail_updates_state', columnNames: ['state'] }),
        ],
      }),
      true,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('operator_hail_updates', true);
    await queryRunner.dropTable('operator_registry_calls', true);
    await queryRunner.dropTable('operator_hail_transitions', true);
    await queryRunner.dropTable('operator_hails', true);
    await queryRunner.dropTable('operator_taxis', true);
  }
}
