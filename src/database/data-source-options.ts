import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { DataSourceOptions, MigrationInterface } from 'typeorm';
import { databaseDialect, DEFAULT_SQLITE_PATH } from '../config/environment.js';

export interface DatabaseSettings {
  url: string | undefined;
  migrationsRun: boolean;
}

/** A class TypeORM maps to a table (an `@Entity()`): what a module lists in its `<module>.persistence.ts`. */
export type EntityClass = abstract new (...args: never[]) => object;

/** A migration class, as a module lists it in its `<module>.persistence.ts`. */
export type MigrationClass = new () => MigrationInterface;

/**
 * The tables of the application: every module's entities and migrations. The composition root
 * (`src/app.persistence.ts`) gathers them, so that this folder depends on no domain module.
 */
export interface PersistenceTables {
  entities: NonNullable<DataSourceOptions['entities']>;
  migrations: NonNullable<DataSourceOptions['migrations']>;
}

/**
 * The one DataSource definition, shared by Nest (`TypeOrmModule.forRootAsync`) and the TypeORM CLI
 * (`ormconfig.ts`). Without a URL: the embedded SQLite file, so `npm start` needs no server.
 */
export function buildDataSourceOptions(settings: DatabaseSettings, tables: PersistenceTables): DataSourceOptions {
  const common = {
    entities: tables.entities,
    migrations: tables.migrations,
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
