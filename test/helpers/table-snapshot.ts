import { createHash } from 'node:crypto';
import pg from 'pg';
import type { DataSource } from 'typeorm';

interface SnapshotSource {
  take(): Promise<Record<string, string>>;
  close(): Promise<void>;
}

/**
 * A digest of every table of a test database (row count and an md5 of the rows in a stable
 * order): two equal snapshots mean a request stored nothing. On PostgreSQL in one query; on SQLite
 * through a read-only connection of its own to the app's database file (WAL lets it read beside the
 * app's writer).
 */
export class TableSnapshots {
  private constructor(private readonly source: SnapshotSource) {}

  static async open(app: { databaseUrl: string; dataSource: DataSource }): Promise<TableSnapshots> {
    return new TableSnapshots(
      app.dataSource.options.type === 'postgres' ? await postgresSource(app.databaseUrl) : await sqliteSource(app.dataSource),
    );
  }

  take(): Promise<Record<string, string>> {
    return this.source.take();
  }

  close(): Promise<void> {
    return this.source.close();
  }
}

async function postgresSource(databaseUrl: string): Promise<SnapshotSource> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const { rows } = await client.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'migrations' ORDER BY 1`,
  );
  const query = rows
    .map(
      ({ table_name: table }) =>
        `SELECT '${table}' AS name, count(*)::text || ':' || coalesce(md5(string_agg(t::text, ',' ORDER BY t::text)), '') AS digest FROM "${table}" t`,
    )
    .join(' UNION ALL ');
  return {
    take: async () =>
      Object.fromEntries((await client.query<{ name: string; digest: string }>(query)).rows.map(({ name, digest }) => [name, digest])),
    close: () => client.end(),
  };
}

async function sqliteSource(dataSource: DataSource): Promise<SnapshotSource> {
  const listed = await dataSource.query<Array<{ name: string }>>(
    `SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'migrations' AND name NOT LIKE 'sqlite_%' ORDER BY 1`,
  );
  const tables = listed.map(({ name }) => name);
  return {
    take: async () => {
      const digests: Record<string, string> = {};
      for (const table of tables) {
        const rows = (await dataSource.query<unknown[]>(`SELECT * FROM "${table}"`)).map((row) => JSON.stringify(row)).sort();
        digests[table] = `${rows.length}:${rows.length === 0 ? '' : createHash('md5').update(rows.join(',')).digest('hex')}`;
      }
      return digests;
    },
    close: async () => undefined,
  };
}
