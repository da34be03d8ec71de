// Runs in every test file before anything is imported: the config module reads these once.
process.env.NODE_ENV = 'test'
process.env.TZ = 'UTC'
if (process.env.TEST_DATABASE_URL) {
  process.env.DATABASE_URL = process.env.TEST_DATABASE_URL
} else if (process.env.TEST_PG_SERVER_URL) {
  process.env.DATABASE_URL = `${process.env.TEST_PG_SERVER_URL}/cdop_test_${process.env.JEST_WORKER_ID ?? '1'}`
}
