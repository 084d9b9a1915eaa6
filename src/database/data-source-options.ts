import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { databaseDialect } from '../config/environment.js';
import { allEntities } from './entities.js';
import { allMigrations } from './migrations.js';

export const DEFAULT_SQLITE_PATH = 'data/citymove.sqlite';

export interface DatabaseSettings {
  url: string | undefined;
  migrationsRun: boolean;
}

/**
 * The one DataSource definition, shared by Nest (`TypeOrmModule.forRootAsync`) and the TypeORM CLI
 * (`ormconfig.ts`). Without a URL: the embedded SQLite file, so `npm start` needs no server.
 */
export function buildDataSourceOptions(settings: DatabaseSettings): DataSourceOptions {
  const common = {
    entities: allEntities,
    migrations: allMigrations,
    migrationsRun: settings.migrationsRun,
    migrationsTableName: 'migrations',
    synchronize: false,
    invalidWhereValuesBehavior: { null: 'throw', undefined: 'throw' },
  } as const;

  if (databaseDialect(settings.url) === 'postgres') {
    return {
      ...common,
      type: 'postgres',
      url: settings.url,
      // Migrations run each in its own transaction so a failed one leaves no half-built table.
      migrationsTransactionMode: 'each',
      extra: { max: 20, connectionTimeoutMillis: 5000 },
    };
  }

  const database = sqlitePath(settings.url);
  if (database !== ':memory:') mkdirSync(dirname(resolve(database)), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database,
    // WAL lets readers (the health check, GBFS feeds) proceed while a writer holds the lock.
    prepareDatabase: (db: { pragma(statement: string): unknown }) => {
      db.pragma('journal_mode = WAL');
      db.pragma('busy_timeout = 5000');
      db.pragma('foreign_keys = ON');
    },
  };
}

function sqlitePath(url: string | undefined): string {
  if (url === undefined) return DEFAULT_SQLITE_PATH;
  return url.slice('sqlite:'.length);
}
