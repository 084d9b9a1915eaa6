/**
 * jest 30 in native ESM mode (`node --experimental-vm-modules`), TypeScript through @swc/jest with
 * decorator metadata for Nest. Projects: `unit` (src/**\/*.spec.ts, no services), `e2e`
 * (test/**\/*.e2e-spec.ts, real PostgreSQL and Redis) and `smoke` (test/smoke/, embedded SQLite).
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
  testTimeout: 60_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts'], setupFiles: ['<rootDir>/test/setup/reflect.ts'] },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/smoke/'],
      setupFiles: ['<rootDir>/test/setup/reflect.ts', '<rootDir>/test/setup/postgres-env.ts'],
    },
    {
      ...common,
      displayName: 'smoke',
      testMatch: ['<rootDir>/test/smoke/**/*.e2e-spec.ts'],
      setupFiles: ['<rootDir>/test/setup/reflect.ts', '<rootDir>/test/setup/sqlite-env.ts'],
    },
  ],
};
