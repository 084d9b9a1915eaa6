/**
 * jest 30 in native ESM mode (`node --experimental-vm-modules`), TypeScript through @swc/jest with
 * decorator metadata for Nest. Projects: `unit` (src/**\/*.spec.ts, no services), `e2e`
 * (test/**\/*.e2e-spec.ts, real PostgreSQL and Redis), `e2e-sqlite` (the same files on the embedded
 * SQLite), `smoke` (test/smoke/, embedded SQLite) and `faults` (test/faults/, the built app under
 * kill -9, Redis and database outages).
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'es6' },
    sourceMaps: 'inline',
  },
];

const common = {
  rootDir: '.',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  // Sources import `./x.js` (NodeNext); jest resolves the `.ts` file behind it.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testEnvironment: 'node',
};

export default {
  globalSetup: '<rootDir>/test/setup/global-setup.mjs',
  globalTeardown: '<rootDir>/test/setup/global-teardown.mjs',
  maxWorkers: 2,
  // jest in ESM mode never frees a test file's modules (jestjs/jest#14605): each file booting the
  // whole app left ~50 MB behind, a worker reached V8's ~4 GB heap limit two thirds into the run, and
  // from there garbage collection held its event loop for up to a minute (test-app boots "stalled"
  // past their hook timeouts). A worker above this much memory after a file is replaced by a fresh one.
  workerIdleMemoryLimit: '1GB',
  // The process and fault tests start several processes each on a 2-core machine.
  testTimeout: 150_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts'], setupFiles: ['<rootDir>/test/setup/reflect.ts'] },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/smoke/', '<rootDir>/test/faults/'],
      setupFiles: ['<rootDir>/test/setup/reflect.ts', '<rootDir>/test/setup/postgres-env.ts'],
    },
    {
      // The same e2e suites on the embedded SQLite database that `npm start` runs on. A test that is
      // PostgreSQL's by nature (its pool, its locks) skips here through `onPostgresOnly`, saying why.
      ...common,
      displayName: 'e2e-sqlite',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/smoke/', '<rootDir>/test/faults/'],
      setupFiles: ['<rootDir>/test/setup/reflect.ts', '<rootDir>/test/setup/sqlite-env.ts'],
    },
    {
      // The built app as processes, on a Redis and a database of each test's own behind proxies
      // that cut, restore and slow them (docs/operations.md): minutes, not seconds, per file.
      ...common,
      displayName: 'faults',
      testMatch: ['<rootDir>/test/faults/**/*.e2e-spec.ts'],
      setupFiles: ['<rootDir>/test/setup/reflect.ts'],
    },
    {
      ...common,
      displayName: 'smoke',
      testMatch: ['<rootDir>/test/smoke/**/*.e2e-spec.ts'],
      setupFiles: ['<rootDir>/test/setup/reflect.ts', '<rootDir>/test/setup/sqlite-env.ts'],
    },
  ],
};
