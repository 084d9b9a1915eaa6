import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { columnTypes } from '../../database/column-types.js';

/** Streams and their owners, sequence counters, events and consumer offsets. */
export class CreateEventStore1795300000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'event_streams',
        columns: [
          { name: 'name', type: 'varchar', length: '200', isPrimary: true },
          { name: 'producer_id', type: 'varchar', length: '128' },
          { name: 'created_at', type: columnTypes.timestamp, default: 'CURRENT_TIMESTAMP' },
        ],
      }),
      true,
    );
    await queryRunner.createTable(
      new Table({
        name: 'event_counters',
        columns: [
          { name: 'stream', type: 'varchar', length: '200', isPrimary: true },
          { name: 'event_name', type: 'varchar', length: '200', isPrimary: true },
          { name: 'last_sequence', type: 'integer' },
          { name: 'last_event_at', type: columnTypes.timestamp },
        ],
        foreignKeys: [
          { columnNames: ['stream'], referencedTableName: 'event_streams', referencedColumnNames: ['name'], onDelete: 'CASCADE' },
        ],
      }),
      true,
    );
    await queryRunner.createTable(
      new Table({
        name: 'events',
        columns: [
          { name: 'id', type: 'uuid', isPrimary: true },
          { name: 'stream', type: 'varchar', length: '200' },
          { name: 'event_name', type: 'varchar', length: '200' },
          { name: 'sequence', type: 'integer' },
          { name: 'version', type: 'integer' },
          { name: 'system', type: columnTypes.json },
          { name: 'trigger', type: columnTypes.json },
          { name: 'payload', type: columnTypes.json },
          { name: 'created_at', type: columnTypes.timestamp },
        ],
        // No foreign key here: its check would lock the stream row on every append (a write to that
        // row per event); an event is only ever inserted with its counter row, which has the key.
      }),
      true,
    );
    // The last line of defence of gapless sequences, and the index every consume reads through.
    await queryRunner.createIndex(
      'events',
      new TableIndex({ name: 'UQ_events_stream_name_sequence', columnNames: ['stream', 'event_name', 'sequence'], isUnique: true }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'event_consumer_offsets',
        columns: [
          { name: 'consumer_id', type: 'varchar', length: '128', isPrimary: true },
          { name: 'stream', type: 'varchar', length: '200', isPrimary: true },
          { name: 'event_name', type: 'varchar', length: '200', isPrimary: true },
          { name: 'acknowledged_sequence', type: 'integer' },
          { name: 'moved_at', type: columnTypes.timestamp },
        ],
        foreignKeys: [
          { columnNames: ['stream'], referencedTableName: 'event_streams', referencedColumnNames: ['name'], onDelete: 'CASCADE' },
        ],
      }),
      true,
    );
    // Listing a stream's consumers reads by stream, which is not the primary key's first column.
    await queryRunner.createIndex(
      'event_consumer_offsets',
      new TableIndex({ name: 'IDX_event_consumer_offsets_stream', columnNames: ['stream'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('event_consumer_offsets', true);
    await queryRunner.dropTable('events', true);
    await queryRunner.dropTable('event_counters', true);
    await queryRunner.dropTable('event_streams', true);
  }
}
