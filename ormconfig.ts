import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { readEnvironment } from './src/config/environment.js';
import { appDataSourceOptions } from './src/app.persistence.js';

/** The TypeORM CLI's DataSource: the same options Nest uses (`npm run migration:run`). */
const env = readEnvironment();
export default new DataSource(appDataSourceOptions({ url: env.DATABASE_URL, migrationsRun: false }));
