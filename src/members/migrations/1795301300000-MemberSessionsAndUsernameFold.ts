import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { foldUsername } from '../username.js';

/**
 * Two security columns on members: `session_version` (revocable tokens) and `username_fold`
 * (usernames compared NFKC and case-folded, with its unique index). Existing names are folded here,
 * in JS, with the function the application uses, so both dialects agree; if two existing names
 * fold to one, the migration stops and names them rather than pick which member loses the name.
 */
export class MemberSessionsAndUsernameFold1795301300000 implements MigrationInterface {
  name = 'MemberSessionsAndUsernameFold1795301300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('members', new TableColumn({ name: 'session_version', type: 'integer', default: 0 }));
    await queryRunner.addColumn('members', new TableColumn({ name: 'username_fold', type: 'varchar', length: '1024', isNullable: true }));
    // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- QueryRunner.query is untyped; the SELECT names the columns
    const rows: Array<{ id: number; username: string }> = await queryRunner.query('SELECT id, username FROM members ORDER BY id');
    const owners = new Map<string, string>();
    for (const row of rows) {
      const fold = foldUsername(row.username);
      const owner = owners.get(fold);
      if (owner !== undefined) {
        throw new Error(`members "${owner}" and "${row.username}" (id ${row.id}) read as one username: rename one, then migrate again`);
      }
      owners.set(fold, row.username);
    }
    const parameter = queryRunner.connection.driver.options.type === 'postgres' ? (n: number) => `$${n}` : () => '?';
    for (const row of rows) {
      await queryRunner.query(`UPDATE members SET username_fold = ${parameter(1)} WHERE id = ${parameter(2)}`, [
        foldUsername(row.username),
        row.id,
      ]);
    }
    await queryRunner.createIndex(
      'members',
      new TableIndex({ name: 'UQ_members_username_fold', columnNames: ['username_fold'], isUnique: true }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('members', 'UQ_members_username_fold');
    await queryRunner.dropColumn('members', 'username_fold');
    await queryRunner.dropColumn('members', 'session_version');
  }
}
