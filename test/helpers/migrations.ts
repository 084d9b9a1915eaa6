import { expect } from '@jest/globals';
import type { DataSource } from 'typeorm';

/**
 * Reverts every migration, checks every entity's table is gone, runs them again and checks every
 * table is back: proves each `down` undoes its `up` on the dialect at hand.
 */
export async function expectMigrationRoundTrip(dataSource: DataSource): Promise<void> {
  const tables = [...new Set(dataSource.entityMetadatas.map((metadata) => metadata.tableName))];
  const queryRunner = dataSource.createQueryRunner();
  try {
    expect(await dataSource.showMigrations()).toBe(false);
    for (let i = 0; i < dataSource.migrations.length; i++) await dataSource.undoLastMigration({ transaction: 'each' });
    for (const table of tables) expect({ table, exists: await queryRunner.hasTable(table) }).toEqual({ table, exists: false });
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    expect(applied).toHaveLength(dataSource.migrations.length);
    for (const table of tables) expect({ table, exists: await queryRunner.hasTable(table) }).toEqual({ table, exists: true });
    expect(await dataSource.showMigrations()).toBe(false);
  } finally {
    await queryRunner.release();
  }
}
