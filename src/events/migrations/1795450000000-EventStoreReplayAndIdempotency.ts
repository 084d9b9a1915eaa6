import type { MigrationInterface, QueryRunner } from 'typeorm';
import { isPostgres } from '../../database/column-types.js';

/**
 * Issue 18: payloads kept as sent (text, not jsonb), a stream-wide position per event (backfilled
 * for the events already stored), and the remembered Idempotency-Keys of appends.
 */
export class EventStoreReplayAndIdempotency1795450000000 implements MigrationInterface {
  name = 'EventStoreReplayAndIdempotency1795450000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (isPostgres) {
      // jsonb normalised what it kept (number precision, key order, duplicate keys); text keeps the bytes.
      await queryRunner.query(
        `ALTER TABLE events ALTER COLUMN system TYPE text USING system::text,
           ALTER COLUMN "trigger" TYPE text USING "trigger"::text,
           ALTER COLUMN payload TYPE text USING payload::text`,
      );
    }
    // SQLite already stores those columns as text (its jsonb type name is only a name there).
    const positionType = isPostgres ? 'bigint' : 'integer';
    await queryRunner.query(`ALTER TABLE event_streams ADD COLUMN last_position ${positionType} NOT NULL DEFAULT 0`);
    await queryRunner.query(`ALTER TABLE events ADD COLUMN stream_position ${positionType}`);
    // Existing events get positions in the order they were written (instant, then name and sequence:
    // within a name that is its sequence order); the streams' counters start after them.
    await queryRunner.query(
      `UPDATE events SET stream_position = ranked.position
         FROM (SELECT id, row_number() OVER (PARTITION BY stream ORDER BY created_at, event_name, sequence) AS position FROM events) AS ranked
        WHERE ranked.id = events.id`,
    );
    await queryRunner.query(
      `UPDATE event_streams SET last_position = (SELECT count(*) FROM events WHERE events.stream = event_streams.name)`,
    );
    // SQLite cannot add NOT NULL to an existing column without rebuilding the table: every insert sets it.
    if (isPostgres) await queryRunner.query('ALTER TABLE events ALTER COLUMN stream_position SET NOT NULL');
    // Positions are unique per stream, and `/all?after=` reads through this index.
    await queryRunner.query('CREATE UNIQUE INDEX "UQ_events_stream_position" ON events (stream, stream_position)');
    // The statistics count the appends of the last minute by instant.
    await queryRunner.query('CREATE INDEX "IDX_events_created_at" ON events (created_at)');

    const instant = isPostgres ? 'timestamptz' : 'datetime';
    // The primary key is what makes one of many parallel retries the append: the others find its row.
    await queryRunner.query(
      `CREATE TABLE event_idempotency_keys (
         stream varchar(200) NOT NULL,
         idempotency_key varchar(255) NOT NULL,
         event_id uuid NOT NULL,
         request_digest varchar(64) NOT NULL,
         created_at ${instant} NOT NULL,
         PRIMARY KEY (stream, idempotency_key))`,
    );
    // The purge of expired keys reads by age.
    await queryRunner.query('CREATE INDEX "IDX_event_idempotency_keys_created_at" ON event_idempotency_keys (created_at)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE IF EXISTS event_idempotency_keys');
    await queryRunner.query('DROP INDEX IF EXISTS "IDX_events_created_at"');
    await queryRunner.query('DROP INDEX IF EXISTS "UQ_events_stream_position"');
    await queryRunner.query('ALTER TABLE events DROP COLUMN stream_position');
    await queryRunner.query('ALTER TABLE event_streams DROP COLUMN last_position');
    if (isPostgres) {
      await queryRunner.query(
        `ALTER TABLE events ALTER COLUMN system TYPE jsonb USING system::jsonb,
           ALTER COLUMN "trigger" TYPE jsonb USING "trigger"::jsonb,
           ALTER COLUMN payload TYPE jsonb USING payload::jsonb`,
      );
    }
  }
}
