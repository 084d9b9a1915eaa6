/**
 * `npm run mobility:seed [-- <count>]`: loads a demo fleet (default 100 bikes around Paris) into
 * the database DATABASE_URL names (the SQLite file by default), running pending migrations first.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { readEnvironment } from '../src/config/environment.js';
import { appDataSourceOptions } from '../src/app.persistence.js';
import { seedDemoFleet } from '../src/mobility/fleet.seed.js';

const argument = process.argv[2];
const count = argument === undefined ? 100 : Number(argument);
if (!Number.isSafeInteger(count) || count < 1 || count > 1_000_000) {
  console.error(`usage: npm run mobility:seed -- [count from 1 to 1000000], got "${argument}"`);
  process.exit(2);
}

const env = readEnvironment();
const dataSource = new DataSource(appDataSourceOptions({ url: env.DATABASE_URL, migrationsRun: true }));
try {
  await dataSource.initialize();
  const ids = await seedDemoFleet(dataSource, { count });
  console.log(`mobility: ${ids.length} bikes added around Paris (${env.DATABASE_URL ?? 'SQLite data/citymove.sqlite'})`);
} finally {
  if (dataSource.isInitialized) await dataSource.destroy();
}
