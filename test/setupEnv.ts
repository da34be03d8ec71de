// Runs in every test file before anything is imported: the config module reads these once.
process.env.NODE_ENV = 'test'
process.env.TZ = 'UTC'
// The app connects as its own role (DATABASE_URL); the owner's URL is for migrations and for the
// helpers that empty tables between tests (MIGRATION_DATABASE_URL).
if (process.env.TEST_DATABASE_URL) {
  process.env.DATABASE_URL = process.env.TEST_APP_DATABASE_URL ?? process.env.TEST_DATABASE_URL
  process.env.MIGRATION_DATABASE_URL = process.env.TEST_DATABASE_URL
} else if (process.env.TEST_PG_SERVER_URL && process.env.TEST_PG_APP_SERVER_URL) {
  const database = `cdop_test_${process.env.JEST_WORKER_ID ?? '1'}`
  process.env.DATABASE_URL = `${process.env.TEST_PG_APP_SERVER_URL}/${database}`
  process.env.MIGRATION_DATABASE_URL = `${process.env.TEST_PG_SERVER_URL}/${database}`
}
