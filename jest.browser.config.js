/**
 * Browser tests: real Chromium (Debian's package) driving the real app on a real database.
 * Kept out of `npm test` because a fresh machine has Node and nothing else; CI installs Chromium.
 */
const base = require('./jest.config')

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  testMatch: ['<rootDir>/test/browser/**/*.browser.ts'],
  maxWorkers: 1,
  testTimeout: 60000,
}
