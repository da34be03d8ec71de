/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': 'ts-jest' },
  // Each integration folder runs as one file, test/integration/<folder>.test.ts, which runs the
  // folder's own test files in one module registry (test/helpers/runEachFileOf.ts says why).
  // `npm run test:file -- <path>` runs test files on their own instead (jest.file.config.js).
  testMatch: [
    '<rootDir>/test/unit/**/*.test.ts',
    '<rootDir>/test/route/**/*.test.ts',
    '<rootDir>/test/integration/*.test.ts',
  ],
  setupFiles: ['<rootDir>/test/setupEnv.ts'],
  setupFilesAfterEnv: ['<rootDir>/test/setupAfterEnv.ts'],
  globalSetup: '<rootDir>/test/globalSetup.ts',
  globalTeardown: '<rootDir>/test/globalTeardown.ts',
  // Each worker gets its own database cloned from a migrated template (see test/globalSetup.ts).
  // A TEST_DATABASE_URL is one database, so its tests run one file at a time.
  maxWorkers: process.env.TEST_DATABASE_URL ? 1 : 2,
  testTimeout: 30000,
}
