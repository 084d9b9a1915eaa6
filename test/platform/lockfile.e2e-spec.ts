import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';

describe('package-lock.json', () => {
  // npm ci refuses a lock that lacks other platforms' native binaries, and this machine's registry
  // cannot supply them: a lock rewritten by `npm install` must be completed before it is committed.
  it('records every platform, so that npm ci accepts it on a fresh clone', () => {
    const check = spawnSync(process.execPath, ['scripts/lock-add-foreign-platforms.mjs', '--check'], { encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });
});
