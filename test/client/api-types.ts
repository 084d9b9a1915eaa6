import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import openapiTS, { astToString } from 'openapi-typescript';
import { deleteRedisKeys } from '../helpers/redis-keys.js';
import { freePort, startNode, waitForStatus } from '../helpers/processes.js';

/** Where the generated types live (committed: `npm run lint` type-checks the client's calls). */
export const API_TYPES_FILE = 'test/client/citymove-api.ts';

const HEADER = `/**
 * The citymove API's types, generated from the OpenAPI document the built application serves
 * (\`npm run api:types\`). Do not edit: the client test fails when this file and the document
 * disagree.
 */
`;

export interface BuiltApp {
  url: string;
  /** The OpenAPI document this process serves. */
  document: () => Promise<Record<string, unknown>>;
  stop: () => Promise<void>;
}

/**
 * `dist/main.js` as production runs it (built with the Swagger CLI plugin, which the test runner's
 * compiler does not apply, so its document is the one clients get), on an SQLite file of its own.
 */
export async function startBuiltApp(redisUrl: string, queuePrefix: string, env: Record<string, string> = {}): Promise<BuiltApp> {
  const workdir = mkdtempSync(join(tmpdir(), 'citymove-built-app-'));
  const port = await freePort();
  const server = startNode('dist/main.js', {
    DATABASE_URL: `sqlite:${join(workdir, 'app.sqlite')}`,
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: queuePrefix,
    LOG_LEVEL: 'warn',
    PORT: String(port),
    HOST: '127.0.0.1',
    ...env,
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    server.child.kill('SIGTERM');
    await server.exited;
    rmSync(workdir, { recursive: true, force: true });
    const redis = new Redis(redisUrl);
    await deleteRedisKeys(redis, queuePrefix);
    redis.disconnect();
  };
  try {
    await waitForStatus(`${url}/health`, 200, 60_000);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n${server.output().stderr}`);
  }
  return { url, stop, document: async () => (await (await fetch(`${url}/docs-json`)).json()) as Record<string, unknown> };
}

/** openapi-typescript's rendering of a document, with our header. */
export async function typesOf(document: Record<string, unknown>): Promise<string> {
  // A default is the server's to apply: the field stays optional for the client that sends it.
  return HEADER + astToString(await openapiTS(document as never, { defaultNonNullable: false }));
}
