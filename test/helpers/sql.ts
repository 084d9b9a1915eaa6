import { it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { positionalStatement } from '../../src/database/dialect.js';

/**
 * Runs a test's raw SQL on either dialect. Tests write PostgreSQL's numbered placeholders (`$1`);
 * SQLite takes positional `?` only, so each `$n` becomes a `?` and the parameters follow the order
 * the placeholders appear in. What else differs (casts, functions) the test writes portably.
 */
export function sql<T = Record<string, unknown>>(dataSource: DataSource, text: string, params: unknown[] = []): Promise<T[]> {
  if (dataSource.options.type === 'postgres') return dataSource.query(text, params);
  const statement = positionalStatement(text, params);
  return dataSource.query(statement.sql, statement.params);
}

export const isSqliteRun = () => !/^postgres/.test(process.env.DATABASE_URL ?? '');

/** `it` on PostgreSQL; on SQLite a skip whose title says why the test is PostgreSQL's by nature. */
export function onPostgresOnly(reason: string): (name: string, fn: () => Promise<unknown>, timeout?: number) => void {
  return (name, fn, timeout) => (isSqliteRun() ? it.skip(`${name} [PostgreSQL only: ${reason}]`, fn, timeout) : it(name, fn, timeout));
}
