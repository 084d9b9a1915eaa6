import { type MigrationInterface, type QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { columnTypes, isPostgres } from '../../database/column-types.js';

/**
 * The taxis' side of the registry: what the registry says of each taxi's status (and what the
 * driver asked for), the latest position of each taxi for geotaxi, the taxi-status changes the
 * driver's event stream replays, and the fleet's removals. Instants the forwarder and the stream
 * compare are epoch milliseconds in a `bigint`, as in `due_work`, so both dialects compare numbers.
 */
export class CreateTaxiRegistryTables1795410000000 implements MigrationInterface {
  name = 'CreateTaxiRegistryTables1795410000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // A removed taxi stays for its hails' history (operator_hails references it, RESTRICT).
    await queryRunner.addColumn('operator_taxis', new TableColumn({ name: 'removed_at', type: columnTypes.timestamp, isNullable: true }));

    await queryRunner.createTable(
      new Table({
        name: 'operator_taxi_registry_states',
        columns: [
          { name: 'taxi_id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'requested_status', type: 'varchar', length: '16', isNullable: true },
          { name: 'requested_at_ms', type: 'bigint', isNullable: true },
          { name: 'request_version', type: 'integer', default: 0 },
          { name: 'registry_status', type: 'varchar', length: '16', isNullable: true },
          { name: 'registry_read_at_ms', type: 'bigint', isNullable: true },
          { name: 'last_error', type: 'varchar', length: '500', isNullable: true },
        ],
      }),
      true,
    );

    await queryRunner.createTable(
      new Table({
        name: 'operator_taxi_positions',
        columns: [
          { name: 'taxi_id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'lat', type: 'double precision' },
          { name: 'lon', type: 'double precision' },
          { name: 'at_ms', type: 'bigint' },
          { name: 'received_at_ms', type: 'bigint' },
          { name: 'forwarded_at_ms', type: 'bigint', isNullable: true },
          { name: 'refused_at_ms', type: 'bigint', isNullable: true },
        ],
        indices: [new TableIndex({ name: 'IDX_operator_taxi_positions_at', columnNames: ['at_ms'] })],
      }),
      true,
    );

    await queryRunner.createTable(
      new Table({
        name: 'operator_taxi_status_changes',
        columns: [
          { name: 'id', type: isPostgres ? 'bigint' : 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'taxi_id', type: 'varchar', length: '64' },
          { name: 'status', type: 'varchar', length: '16', isNullable: true },
          { name: 'source', type: 'varchar', length: '32' },
          { name: 'error', type: 'varchar', length: '500', isNullable: true },
          { name: 'at_ms', type: 'bigint' },
        ],
        indices: [new TableIndex({ name: 'IDX_operator_taxi_status_changes_taxi', columnNames: ['taxi_id', 'id'] })],
      }),
      true,
    );

    // The driver's event stream reads a taxi's hail transitions after a cursor.
    await queryRunner.createIndex('operator_hails', new TableIndex({ name: 'IDX_operator_hails_taxi', columnNames: ['taxi_id'] }));

    if (isPostgres) {
      // Wakes every process's driver event streams at commit (LISTEN operator_driver_events), so a
      // change made by a worker reaches a stream served by an API process at once. Per statement,
      // with an empty payload: PostgreSQL folds a transaction's identical notifications into one.
      await queryRunner.query(`CREATE FUNCTION operator_driver_events_notify() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN PERFORM pg_notify('operator_driver_events', ''); RETURN NULL; END $$`);
      for (const table of ['operator_hail_transitions', 'operator_taxi_status_changes']) {
        await queryRunner.query(
          `CREATE TRIGGER ${table}_notify AFTER INSERT ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION operator_driver_events_notify()`,
        );
      }
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (isPostgres) {
      for (const table of ['operator_hail_transitions', 'operator_taxi_status_changes']) {
        await queryRunner.query(`DROP TRIGGER IF EXISTS ${table}_notify ON ${table}`);
      }
      await queryRunner.query('DROP FUNCTION IF EXISTS operator_driver_events_notify()');
    }
    await queryRunner.dropIndex('operator_hails', 'IDX_operator_hails_taxi');
    await queryRunner.dropTable('operator_taxi_status_changes', true);
    await queryRunner.dropTable('operator_taxi_positions', true);
    await queryRunner.dropTable('operator_taxi_registry_states', true);
    await queryRunner.dropColumn('operator_taxis', 'removed_at');
  }
}
