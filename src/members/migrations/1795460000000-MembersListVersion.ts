import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every column of `members` the list's bytes, filters or order read: a write that sets none of
 * them (a session closed, a password hash, the profile's own version) leaves cached pages current.
 */
const LISTED_COLUMNS = [
  'username',
  'username_key',
  'email',
  'show_email',
  'is_staff',
  'is_active',
  'site',
  'avatar_url',
  'biography',
  'sign',
  'email_for_answer',
  'last_visit',
  'date_joined',
  'id',
];

/**
 * `members_list_version`: one row whose `version` moves with every write that can change a page of
 * `GET /v1/membres`, so the list's ETag is known from one indexed read instead of building the page.
 * Moved by triggers, in the writing transaction itself, so no write can commit without it (the
 * application's, the staff CLI's, or one by hand): a reader that sees the new rows sees the new
 * version. PostgreSQL runs one statement-level trigger per write statement (TRUNCATE included);
 * SQLite has row-level triggers only.
 */
export class MembersListVersion1795460000000 implements MigrationInterface {
  name = 'MembersListVersion1795460000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE members_list_version (id integer PRIMARY KEY, version bigint NOT NULL)`);
    await queryRunner.query(`INSERT INTO members_list_version (id, version) VALUES (1, 1)`);
    const columns = LISTED_COLUMNS.join(', ');
    if (queryRunner.connection.driver.options.type === 'postgres') {
      await queryRunner.query(`CREATE FUNCTION members_list_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          UPDATE members_list_version SET version = version + 1 WHERE id = 1;
          RETURN NULL;
        END $$`);
      await queryRunner.query(`CREATE TRIGGER members_list_version_write AFTER INSERT OR DELETE OR UPDATE OF ${columns} ON members
        FOR EACH STATEMENT EXECUTE FUNCTION members_list_version_bump()`);
      await queryRunner.query(`CREATE TRIGGER members_list_version_truncate AFTER TRUNCATE ON members
        FOR EACH STATEMENT EXECUTE FUNCTION members_list_version_bump()`);
      return;
    }
    for (const [name, event] of [
      ['insert', 'INSERT'],
      ['delete', 'DELETE'],
      ['update', `UPDATE OF ${columns}`],
    ]) {
      await queryRunner.query(`CREATE TRIGGER members_list_version_${name} AFTER ${event} ON members
        BEGIN UPDATE members_list_version SET version = version + 1 WHERE id = 1; END`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.driver.options.type === 'postgres') {
      await queryRunner.query(`DROP TRIGGER members_list_version_truncate ON members`);
      await queryRunner.query(`DROP TRIGGER members_list_version_write ON members`);
      await queryRunner.query(`DROP FUNCTION members_list_version_bump()`);
    } else {
      for (const name of ['insert', 'delete', 'update']) await queryRunner.query(`DROP TRIGGER members_list_version_${name}`);
    }
    await queryRunner.query(`DROP TABLE members_list_version`);
  }
}
