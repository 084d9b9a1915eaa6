import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { columnTypes } from '../../database/column-types.js';

/**
 * `parking_offers.previous_served_at`: the borrower's last-served time in the org before this loan
 * served them, so that a loan cancelled (released, its pass deleted, its date changed, a member
 * removed) gives the borrower back the place in every queue they had before it. `addColumn` is
 * portable: SQLite rebuilds the table, PostgreSQL alters it.
 */
export class ParkingLoanPreviousService1795440000100 implements MigrationInterface {
  name = 'ParkingLoanPreviousService1795440000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'parking_offers',
      new TableColumn({ name: 'previous_served_at', type: columnTypes.timestamp, isNullable: true }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('parking_offers', 'previous_served_at');
  }
}
