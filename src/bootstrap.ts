import { existsSync } from 'node:fs';
import { ConfigValidationError, Environment, readEnvironment } from './config/environment.js';
import { assertRedisReachable, RedisUnreachableError } from './queue/redis-preflight.js';

/**
 * What both entry points do before Nest starts: read `.env` if there is one (without overriding the
 * real environment), validate the configuration and check that Redis answers. Each failure is one
 * line on stderr and exit code 1.
 */
export async function preflight(): Promise<Environment> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  try {
    const env = readEnvironment();
    await assertRedisReachable(env.REDIS_URL);
    return env;
  } catch (error) {
    if (error instanceof ConfigValidationError) {
      for (const problem of error.problems) process.stderr.write(`citymove: invalid configuration: ${problem}\n`);
    } else if (error instanceof RedisUnreachableError) {
      process.stderr.write(`${error.message}\n`);
    } else {
      process.stderr.write(`citymove: ${(error as Error).message}\n`);
    }
    process.exit(1);
  }
}
