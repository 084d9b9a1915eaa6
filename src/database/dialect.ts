import type { Provider } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { DataSource, type EntityManager } from 'typeorm';

/** The two databases citymove runs on: PostgreSQL in production, the embedded SQLite by default. */
export type Dialect = 'postgres' | 'sqlite';

export function dialectOf(dataSource: DataSource): Dialect {
  return dataSource.options.type === 'postgres' ? 'postgres' : 'sqlite';
}

export function isPostgresManager(manager: EntityManager): boolean {
  return dialectOf(manager.connection) === 'postgres';
}

type Implementation<T> = new (...args: never[]) => T;

/**
 * A module's repository port (an abstract class used as the injection token, brocoders'
 * `user.repository.ts`) bound to the implementation for the configured database, chosen once at
 * boot. The implementation is built by Nest, so it injects what it needs like any provider.
 */
export function repositoryForDialect<T>(
  port: abstract new (...args: never[]) => T,
  implementations: Record<Dialect, Implementation<T>>,
): Provider {
  return {
    provide: port,
    inject: [DataSource, ModuleRef],
    useFactory: (dataSource: DataSource, moduleRef: ModuleRef) =>
      moduleRef.create(implementations[dialectOf(dataSource)] as Implementation<T> & (new () => T)),
  };
}

/**
 * A statement written with PostgreSQL's numbered placeholders (`$1`, possibly repeated or out of
 * order) as SQLite takes it: positional `?`s, the parameters in the order the placeholders appear.
 * Lets SQL that is otherwise the same be written once for both dialects.
 */
export function positionalStatement(sql: string, params: readonly unknown[]): { sql: string; params: unknown[] } {
  const ordered: unknown[] = [];
  const rewritten = sql.replace(/\$(\d+)/g, (_placeholder, index: string) => {
    ordered.push(params[Number(index) - 1]);
    return '?';
  });
  return { sql: rewritten, params: ordered };
}
