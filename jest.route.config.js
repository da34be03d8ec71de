/**
 * Route tests: the real Express app on mocked services (test/helpers/routeApp.ts), no database,
 * so no PostgreSQL is started. `npm test` runs them too, with everything else.
 */
const base = require('./jest.config')

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  testMatch: ['<rootDir>/test/route/**/*.test.ts'],
  globalSetup: undefined,
  globalTeardown: undefined,
  maxWorkers: 2,
}
