import { describe, expect, it } from '@jest/globals';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveJwtSecret } from './jwt-secret.js';

describe('resolveJwtSecret', () => {
  const withDirectory = (run: (directory: string) => void) => {
    const directory = mkdtempSync(join(tmpdir(), 'citymove-secret-'));
    try {
      run(directory);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  };

  it('uses JWT_SECRET when configured', () => {
    const secret = 'a-configured-secret-of-32-bytes!!';
    expect(resolveJwtSecret({ JWT_SECRET: secret, DATABASE_URL: undefined })).toEqual({ secret, source: 'configured' });
  });

  it('generates a random secret beside the SQLite file, mode 0600, and reads it back after a restart', () =>
    withDirectory((directory) => {
      const env = { JWT_SECRET: undefined, DATABASE_URL: `sqlite:${join(directory, 'db', 'x.sqlite')}` };
      const first = resolveJwtSecret(env);
      expect(first.source).toBe('file');
      expect(first.path).toBe(join(directory, 'db', 'jwt-secret'));
      expect(Buffer.byteLength(first.secret)).toBeGreaterThanOrEqual(32);
      expect(statSync(first.path!).mode & 0o777).toBe(0o600);
      expect(resolveJwtSecret(env).secret).toBe(first.secret);
      expect(readFileSync(first.path!, 'utf8').trim()).toBe(first.secret);
    }));

  it('gives two deployments different secrets', () =>
    withDirectory((directory) => {
      const a = resolveJwtSecret({ JWT_SECRET: undefined, DATABASE_URL: `sqlite:${join(directory, 'a', 'x.sqlite')}` });
      const b = resolveJwtSecret({ JWT_SECRET: undefined, DATABASE_URL: `sqlite:${join(directory, 'b', 'x.sqlite')}` });
      expect(a.secret).not.toBe(b.secret);
    }));

  it('refuses a secret file others can read, or one too short', () =>
    withDirectory((directory) => {
      const env = { JWT_SECRET: undefined, DATABASE_URL: `sqlite:${join(directory, 'x.sqlite')}` };
      const { path } = resolveJwtSecret(env);
      chmodSync(path!, 0o644);
      expect(() => resolveJwtSecret(env)).toThrow(/readable by other users/);
      writeFileSync(path!, 'short\n', { mode: 0o600 });
      chmodSync(path!, 0o600);
      expect(() => resolveJwtSecret(env)).toThrow(/fewer than 32 bytes/);
    }));

  it('keeps one random secret per process on PostgreSQL and in-memory SQLite', () => {
    const memory = resolveJwtSecret({ JWT_SECRET: undefined, DATABASE_URL: 'sqlite::memory:' });
    const postgres = resolveJwtSecret({ JWT_SECRET: undefined, DATABASE_URL: 'postgres://u@h/db' });
    expect(memory.source).toBe('process');
    expect(postgres.secret).toBe(memory.secret);
    expect(Buffer.byteLength(memory.secret)).toBeGreaterThanOrEqual(32);
  });
});
