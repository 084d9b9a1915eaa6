import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DEFAULT_SQLITE_PATH, MIN_JWT_SECRET_BYTES } from './environment.js';

/** Where the JWT key came from: configured, kept beside the SQLite file, or made for this process. */
export type JwtSecretSource = 'configured' | 'file' | 'process';

export interface JwtSecret {
  secret: string;
  source: JwtSecretSource;
  /** The file holding a generated secret (source `file`). */
  path?: string;
}

/** The generated secret's file name, in the directory of the SQLite database. */
export const JWT_SECRET_FILE = 'jwt-secret';

let processSecret: string | undefined;

/**
 * The HMAC key of every JWT. There is no fixed fallback: a key in the public source lets anyone
 * forge any token. Without JWT_SECRET:
 * - on an SQLite file (`npm start`), a random key is generated once and kept in `jwt-secret` beside
 *   the database, mode 0600, so tokens survive a restart; the file is refused if others can read it;
 * - on PostgreSQL or in-memory SQLite there is no data directory of ours: a random key per process
 *   (tokens end with the process; several API processes need a shared JWT_SECRET).
 * Production (NODE_ENV=production) requires JWT_SECRET (see `environment.ts`).
 */
export function resolveJwtSecret(env: { JWT_SECRET: string | undefined; DATABASE_URL: string | undefined }): JwtSecret {
  if (env.JWT_SECRET !== undefined) return { secret: env.JWT_SECRET, source: 'configured' };
  const database = sqliteFile(env.DATABASE_URL);
  if (database === undefined) {
    processSecret ??= generateSecret();
    return { secret: processSecret, source: 'process' };
  }
  const path = join(dirname(resolve(database)), JWT_SECRET_FILE);
  return { secret: readOrCreate(path), source: 'file', path };
}

function sqliteFile(databaseUrl: string | undefined): string | undefined {
  if (databaseUrl === undefined) return DEFAULT_SQLITE_PATH;
  if (!databaseUrl.startsWith('sqlite:')) return undefined;
  const path = databaseUrl.slice('sqlite:'.length);
  return path === ':memory:' ? undefined : path;
}

function generateSecret(): string {
  return randomBytes(48).toString('base64url');
}

function readOrCreate(path: string): string {
  mkdirSync(dirname(path), { recursive: true });
  try {
    // `wx`: of two processes starting at once, exactly one creates the file; the other reads it.
    writeFileSync(path, `${generateSecret()}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  if ((statSync(path).mode & 0o077) !== 0) {
    throw new Error(`${path} (the generated JWT secret) is readable by other users: chmod 600 it, or set JWT_SECRET`);
  }
  const secret = readFileSync(path, 'utf8').trim();
  if (Buffer.byteLength(secret) < MIN_JWT_SECRET_BYTES) {
    throw new Error(`${path} holds fewer than ${MIN_JWT_SECRET_BYTES} bytes: delete it to have a new secret generated, or set JWT_SECRET`);
  }
  return secret;
}
