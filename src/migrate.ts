import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { ConfigValidationError, readEnvironment } from './config/environment.js';

/**
 * The release step of a deployment (`node dist/migrate.js`, `npm run migrate`): applies pending
 * migrations once, then exits, so that N API processes can start with DB_MIGRATIONS_RUN=false
 * instead of racing each other at boot. Needs only the production dependencies, where
 * `npm run migration:run` needs the TypeORM CLI and a TypeScript loader. No Redis involved.
 */
async function migrate(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const env = readEnvironment();
  // Entities are imported only once `.env` is read: their column types follow DATABASE_URL.
  const [{ DataSource }, { appDataSourceOptions }, { announce }] = await Promise.all([
    import('typeorm'),
    import('./app.persistence.js'),
    import('./common/logging/logging.js'),
  ]);
  const dataSource = new DataSource(appDataSourceOptions({ url: env.DATABASE_URL, migrationsRun: false }));
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    const names = applied.map((migration) => migration.name);
    const msg = names.length === 0 ? 'migrations: the schema is up to date' : `migrations: applied ${names.join(', ')}`;
    announce(env.LOG_LEVEL, msg, { applied: names });
  } finally {
    await dataSource.destroy();
  }
}

migrate().catch((error: Error) => {
  const problems = error instanceof ConfigValidationError ? error.problems.map((p) => `invalid configuration: ${p}`) : [error.message];
  for (const problem of problems) process.stderr.write(`citymove migrate: ${problem}\n`);
  process.exit(1);
});
