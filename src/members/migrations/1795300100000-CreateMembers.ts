import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { columnTypes } from '../../database/column-types.js';

/** The members table: one row per member, case-insensitive uniqueness through the `*_key` columns. */
export class CreateMembers1795300100000 implements MigrationInterface {
  name = 'CreateMembers1795300100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'members',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'username', type: 'varchar', length: '30' },
          { name: 'username_key', type: 'varchar', length: '120' },
          { name: 'email', type: 'varchar', length: '254' },
          { name: 'email_key', type: 'varchar', length: '512' },
          { name: 'password_hash', type: 'varchar', length: '100' },
          { name: 'show_email', type: 'boolean', default: false },
          { name: 'is_staff', type: 'boolean', default: false },
          { name: 'is_active', type: 'boolean', default: true },
          { name: 'site', type: 'varchar', length: '200', isNullable: true },
          { name: 'avatar_url', type: 'varchar', length: '500', isNullable: true },
          { name: 'biography', type: 'text', isNullable: true },
          { name: 'sign', type: 'varchar', length: '500', isNullable: true },
          { name: 'email_for_answer', type: 'boolean', default: false },
          { name: 'last_visit', type: columnTypes.timestamp, isNullable: true },
          { name: 'date_joined', type: columnTypes.timestamp },
          { name: 'version', type: 'integer', default: 1 },
        ],
      }),
      true,
    );
    // Unique indexes, not a pre-check: under parallel identical sign-ups only the database can
    // guarantee that exactly one insert wins.
    await queryRunner.createIndex(
      'members',
      new TableIndex({ name: 'UQ_members_username_key', columnNames: ['username_key'], isUnique: true }),
    );
    await queryRunner.createIndex('members', new TableIndex({ name: 'UQ_members_email_key', columnNames: ['email_key'], isUnique: true }));
    // The default list order (newest first) walks this index.
    await queryRunner.createIndex('members', new TableIndex({ name: 'IDX_members_date_joined', columnNames: ['date_joined'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('members', 'IDX_members_date_joined');
    await queryRunner.dropIndex('members', 'UQ_members_email_key');
    await queryRunner.dropIndex('members', 'UQ_members_username_key');
    await queryRunner.dropTable('members');
  }
}
