import { closeResetConnection } from './helpers/ownerDb'

// The owner connection resetDatabase keeps for the file (see ownerDb.ts) ends with the file.
afterAll(() => closeResetConnection())
