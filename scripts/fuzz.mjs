#!/usr/bin/env node
// `npm run fuzz -- --runs N [--seed S] [--only REGEX]`: the generated adversarial suite (test/fuzz/) with
// N requests per operation of the OpenAPI document (those whose "METHOD /template" matches REGEX, with
// --only); `npm test` runs it with 30. The seed replays a run.
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const option = (name) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : undefined;
};
const runs = option('runs') ?? '2000';
const seed = option('seed');
const only = option('only');
if (!/^\d+$/.test(runs) || (seed !== undefined && !/^\d+$/.test(seed))) {
  process.stderr.write('usage: npm run fuzz -- --runs <requests per operation> [--seed <integer>] [--only <regex>]\n');
  process.exit(2);
}
const result = spawnSync(
  process.execPath,
  ['--experimental-vm-modules', 'node_modules/jest/bin/jest.js', '--selectProjects', 'e2e', '--testPathPatterns', 'test/fuzz/'],
  {
    stdio: 'inherit',
    env: {
      ...process.env,
      FUZZ_RUNS: runs,
      ...(seed !== undefined && { FUZZ_SEED: seed }),
      ...(only !== undefined && { FUZZ_ONLY: only }),
    },
  },
);
process.exit(result.status ?? 1);
