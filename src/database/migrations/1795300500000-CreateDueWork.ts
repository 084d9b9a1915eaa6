import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { columnTypes, isPostgres } from '../column-types.js';

/** The platform's table of durable, deadline-bound work (src/database/due-work). */
export class CreateDueWork1795300500000 implements MigrationInterface {
  name = 'CreateDueWork1795300500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'due_work',
        columns: [
          { name: 'id', type: isPostgres ? 'bigint' : 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'kind', type: 'varchar', length: '64' },
          { name: 'key', type: 'varchar', length: '200' },
          { name: 'payload', type: columnTypes.json },
          { name: 'due_at', type: 'bigint' },
          { name: 'deadline_at', type: 'bigint', isNullable: true },
          { name: 'attempts', type: 'integer', default: 0 },
          { name: 'version', type: 'integer', default: 0 },
          { name: 'lease_owner', type: 'varchar', length: '100', isNullable: true },
          { name: 'lease_until', type: 'bigint', isNullable: true },
          { name: 'last_error', type: 'varchar', length: '500', isNullable: true },
          { name: 'created_at', type: 'bigint' },
        ],
        indices: [
          new TableIndex({ name: 'UQ_due_work_kind_key', columnNames: ['kind', 'key'], isUnique: true }),
          new TableIndex({ name: 'IDX_due_work_kind_due', columnNames: ['kind', 'due_at'] }),
        ],
      }),
      true,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('due_work', true);
  }
}
