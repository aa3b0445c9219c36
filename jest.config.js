// Jest 30 in ESM mode (NestJS 12 ships ESM only): ts-jest transpiles each file on its own
// (isolatedModules), `npm run typecheck` does the type checking once for the whole tree.
/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  roots: ['<rootDir>/libs', '<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.e2e-spec.ts'],
  moduleNameMapper: {
    '^@waybill/providers/(.*)$': '<rootDir>/libs/providers/$1/src/index.ts',
    '^@waybill/([^/]+)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.json', diagnostics: false }],
  },
  testTimeout: 60000,
  // PGlite and Nest apps keep handles briefly after close; tests close what they open.
  forceExit: true,
};
