/**
 * Jest runs the TypeScript tests as ESM (kubernetes-models v5 is ESM-only) through ts-jest, which
 * transpiles each file on its own (tsconfig's isolatedModules); `npm test` type-checks first.
 * Test files run in parallel: the cluster files (test/sandbox/) mostly wait on their sandboxes, so more
 * workers than cores keep the cores busy; they start first (test/support/sequencer.cjs).
 * `npm run test:fast` leaves test/sandbox/ out.
 */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json', diagnostics: false }],
  },
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  testTimeout: 120000,
  maxWorkers: 4,
  testSequencer: '<rootDir>/test/support/sequencer.cjs',
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
};
