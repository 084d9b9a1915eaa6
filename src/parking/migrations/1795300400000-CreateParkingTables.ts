import { MigrationInterface, QueryRunner, Table, TableColumnOptions } from 'typeorm';
import { columnTypes } from '../../database/column-types.js';

const id: TableColumnOptions = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' };
const integer = (name: string, isNullable = false): TableColumnOptions => ({ name, type: 'integer', isNullable });
const date = (name: string, isNullable = false): TableColumnOptions => ({ name, type: 'varchar', length: '10', isNullable });
const instant = (name: string, isNullable = false): TableColumnOptions => ({ name, type: columnTypes.timestamp, isNullable });
const flag = (name: string): TableColumnOptions => ({ name, type: 'boolean', default: false });
const references = (columnName: string, table: string, onDelete: 'CASCADE' | 'SET NULL' | 'RESTRICT') => ({
  columnNames: [columnName],
  referencedTableName: table,
  referencedColumnNames: ['id'],
  onDelete,
});

/** The parking module's tables (docs/contracts/parking.md), for PostgreSQL and SQLite alike. */
export class CreateParkingTables1795300400000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'parking_users',
        columns: [
          id,
          { name: 'first_name', type: 'varchar', length: '100' },
          { name: 'last_name', type: 'varchar', length: '100' },
          { name: 'email', type: 'varchar', length: '254' },
          { name: 'email_normalized', type: 'varchar', length: '254' },
          { name: 'password_hash', type: 'varchar', length: '100' },
          { ...instant('created_at'), default: 'CURRENT_TIMESTAMP' },
        ],
        indices: [{ name: 'UQ_parking_users_email', columnNames: ['email_normalized'], isUnique: true }],
      }),
      true,
    );
    await queryRunner.createTable(
      new Table({
        name: 'parking_orgs',
        columns: [
          id,
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'timezone', type: 'varchar', length: '64', default: "'UTC'" },
          { name: 'greeting', type: 'text', default: "''" },
          { name: 'rules', type: 'text', default: "''" },
          { name: 'lock_in', type: 'varchar', length: '5', default: "'18:00'" },
          { name: 'schedule', type: columnTypes.json, isNullable: true },
          { ...instant('created_at'), default: 'CURRENT_TIMESTAMP' },
        ],
      }),
      true,
    );
    await queryRunner.createTable(
      new Table({
        name: 'parking_memberships',
        columns: [
          { ...integer('org_id'), isPrimary: true },
          { ...integer('user_id'), isPrimary: true },
          flag('participant'),
          flag('moderator'),
          instant('last_served_at', true),
        ],
        foreignKeys: [references('org_id', 'parking_orgs', 'CASCADE'), references('user_id', 'parking_users', 'CASCADE')],
        indices: [{ name: 'IDX_parking_memberships_user', columnNames: ['user_id'] }],
      }),
      true,
    );
    await queryRunner.createTable(
      new Table({
        name: 'parking_day_states',
        columns: [
          id,
          integer('org_id'),
          { name: 'identifier', type: 'varchar', length: '50' },
          { name: 'greeting', type: 'text', default: "''" },
        ],
        foreignKeys: [references('org_id', 'parking_orgs', 'CASCADE')],
        indices: [{ name: 'UQ_parking_day_states_identifier', columnNames: ['org_id', 'identifier'], isUnique: true }],
      }),
      true,
    );
    await queryRunner.createTable(
      new Table({
        name: 'parking_passes',
        columns: [
          id,
          integer('org_id'),
          integer('owner_id'),
          integer('requested_state_id'),
          integer('requested_spot_num'),
          integer('state_id', true),
          integer('spot_num', true),
          instant('requested_at'),
          instant('verified_at', true),
        ],
        foreignKeys: [
          references('org_id', 'parking_orgs', 'CASCADE'),
          references('owner_id', 'parking_users', 'CASCADE'),
          references('requested_state_id', 'parking_day_states', 'RESTRICT'),
          references('state_id', 'parking_day_states', 'RESTRICT'),
        ],
        indices: [
          // Pending passes have NULL state and spot, which both dialects leave out of unique indexes.
          { name: 'UQ_parking_passes_spot', columnNames: ['org_id', 'state_id', 'spot_num'], isUnique: true },
          { name: 'IDX_parking_passes_owner', columnNames: ['owner_id'] },
        ],
      }),
      true,
    );
    await queryRunner.createTable(
      new Table({
        name: 'parking_loan_days',
        columns: [{ ...integer('org_id'), isPrimary: true }, { ...date('date'), isPrimary: true }, instant('locked_at', true)],
        foreignKeys: [references('org_id', 'parking_orgs', 'CASCADE')],
      }),
      true,
    );
    await queryRunner.createTable(
      new Table({
        name: 'parking_borrow_requests',
        columns: [
          id,
          integer('org_id'),
          integer('borrower_id'),
          date('date', true),
          flag('indefinite'),
          integer('indefinite_key', true),
          flag('front_of_queue'),
          instant('created_at'),
          instant('served_at', true),
        ],
        foreignKeys: [references('org_id', 'parking_orgs', 'CASCADE'), references('borrower_id', 'parking_users', 'CASCADE')],
        indices: [
          { name: 'UQ_parking_requests_date', columnNames: ['org_id', 'borrower_id', 'date'], isUnique: true },
          { name: 'UQ_parking_requests_indefinite', columnNames: ['org_id', 'indefinite_key'], isUnique: true },
          { name: 'IDX_parking_requests_queue', columnNames: ['org_id', 'date'] },
        ],
      }),
      true,
    );
    await queryRunner.createTable(
      new Table({
        name: 'parking_offers',
        columns: [
          id,
          integer('org_id'),
          integer('pass_id', true),
          integer('lender_id'),
          date('date'),
          instant('created_at'),
          integer('borrower_id', true),
          integer('request_id', true),
          instant('matched_at', true),
        ],
        foreignKeys: [
          references('org_id', 'parking_orgs', 'CASCADE'),
          references('pass_id', 'parking_passes', 'SET NULL'),
          references('lender_id', 'parking_users', 'CASCADE'),
          references('borrower_id', 'parking_users', 'CASCADE'),
          references('request_id', 'parking_borrow_requests', 'SET NULL'),
        ],
        indices: [
          { name: 'UQ_parking_offers_pass_date', columnNames: ['pass_id', 'date'], isUnique: true },
          { name: 'UQ_parking_offers_borrower_date', columnNames: ['borrower_id', 'date'], isUnique: true },
          { name: 'IDX_parking_offers_org_date', columnNames: ['org_id', 'date'] },
          { name: 'IDX_parking_offers_lender_date', columnNames: ['lender_id', 'date'] },
        ],
      }),
      true,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'parking_offers',
      'parking_borrow_requests',
      'parking_loan_days',
      'parking_passes',
      'parking_day_states',
      'parking_memberships',
      'parking_orgs',
      'parking_users',
    ]) {
      await queryRunner.dropTable(table, true);
    }
  }
}
