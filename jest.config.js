/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': 'ts-jest' },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  setupFiles: ['<rootDir>/test/setupEnv.ts'],
  setupFilesAfterEnv: ['<rootDir>/test/setupAfterEnv.ts'],
  globalSetup: '<rootDir>/test/globalSetup.ts',
  globalTeardown: '<rootDir>/test/globalTeardown.ts',
  // Each worker gets its own database cloned from a migrated template (see test/globalSetup.ts).
  // A TEST_DATABASE_URL is one database, so its tests run one file at a time.
  maxWorkers: process.env.TEST_DATABASE_URL ? 1 : 2,
  testTimeout: 30000,
}
