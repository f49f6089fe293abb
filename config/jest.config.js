// One jest entry point with two projects:
//   unit: *.spec.ts beside the code, no database;
//   db:   test/**/*.int-spec.ts and *.e2e-spec.ts against a real PostgreSQL
//         (embedded PGlite by default, the server named by DATABASE_URL otherwise).
const path = require('path');
const root = path.resolve(__dirname, '..');

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

const shared = {
  rootDir: root,
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: { '^.+\\.(t|j)s$': swc },
  // kdbush, geokdbush and tinyqueue ship ESM only: let swc turn them into CommonJS.
  transformIgnorePatterns: ['/node_modules/(?!(kdbush|geokdbush|tinyqueue)/)'],
  moduleNameMapper: {
    '^@kansrijk/(scoring|matching|outcome|reference-data)$': '<rootDir>/libs/$1/src',
    '^@kansrijk/(scoring|matching|outcome|reference-data)/(.*)$': '<rootDir>/libs/$1/src/$2',
  },
  testEnvironment: 'node',
};

module.exports = {
  rootDir: root,
  testTimeout: 30000,
  // Two workers on a two-core machine; each gets its own prepared database.
  maxWorkers: process.env.JEST_MAX_WORKERS ? Number(process.env.JEST_MAX_WORKERS) : 2,
  coverageDirectory: '<rootDir>/coverage',
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts'],
    },
    {
      ...shared,
      displayName: 'db',
      testMatch: ['<rootDir>/test/**/*.int-spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
    },
  ],
};
