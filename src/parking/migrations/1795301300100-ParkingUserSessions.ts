import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/** `parking_users.session_version`: the version a logout moves on, revoking the tokens issued before. */
export class ParkingUserSessions1795301300100 implements MigrationInterface {
  name = 'ParkingUserSessions1795301300100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('parking_users', new TableColumn({ name: 'session_version', type: 'integer', default: 0 }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('parking_users', 'session_version');
  }
}
