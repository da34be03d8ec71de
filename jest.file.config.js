/**
 * Test files on their own, each in its own module registry, as Jest runs files by default:
 * `npm run test:file -- test/integration/cases/notify.test.ts` (or a folder). `npm test` runs each
 * integration folder as one file instead (jest.config.js), which is faster but not how to run one.
 */
const base = require('./jest.config')

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  // Not the folder runners: their files are run here one by one.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/integration/[^/]+\\.test\\.ts$'],
}
