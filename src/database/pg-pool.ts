import type { DataSource } from 'typeorm';

/** A query of a named (prepared) statement, with the type parsers to read its rows by, if not the defaults. */
export interface PgNamedQuery {
  name: string;
  text: string;
  values: unknown[];
  types?: { getTypeParser(oid: number, format?: 'text' | 'binary'): unknown };
}

/** What citymove uses of node-postgres' pool: the one TypeORM's PostgreSQL driver keeps. */
export interface PgPool {
  query<T>(config: PgNamedQuery): Promise<{ rows: T[] }>;
  totalCount: number;
  idleCount: number;
  waitingCount: number;
  options: { max: number };
}

/**
 * That pool, for the few hot statements that skip TypeORM's query runner (the event store's batch,
 * the members page) and for the pool's gauges; undefined on SQLite, whose driver has none.
 */
export function pgPoolOf(dataSource: DataSource): PgPool | undefined {
  return (dataSource.driver as unknown as { master?: PgPool }).master;
}
