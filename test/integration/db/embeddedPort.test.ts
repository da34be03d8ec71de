import path from 'node:path'
import { Client } from 'pg'
import { EmbeddedPortTakenError, ensureEmbeddedPostgres } from '../../../src/db/embeddedPostgres'

/**
 * Two checkouts on one machine: the second must not silently use the first one's cluster on the
 * same port. The cluster is told apart by its data directory. The suite's own throwaway embedded
 * cluster plays the first checkout (with TEST_DATABASE_URL there is none, and only the message is checked).
 */
const server = process.env.TEST_PG_SERVER_URL

describe('an embedded PostgreSQL already listening on the port', () => {
  it('says what to change when it belongs to someone else', () => {
    const error = new EmbeddedPortTakenError(54320, '/elsewhere/.data/postgres', '/here/.data/postgres')
    expect(error.message).toMatch(/Port 54320 .* \/elsewhere\/\.data\/postgres.*EMBEDDED_PG_PORT/)
  })

  if (!server) return
  const port = Number(new URL(server).port)

  it('is reused by the checkout whose data directory it runs on', async () => {
    const client = new Client({ connectionString: `${server}/postgres` })
    await client.connect()
    const { rows } = await client.query<{ data_directory: string }>('SHOW data_directory')
    await client.end()
    const again = await ensureEmbeddedPostgres({ dir: rows[0].data_directory, port, database: 'cdop_port_test' })
    expect(again.startedHere).toBe(false)
    expect(again.url).toContain(`:${port}/cdop_port_test`)
  })

  it('is refused for another checkout, naming EMBEDDED_PG_PORT', async () => {
    const attempt = ensureEmbeddedPostgres({
      dir: path.join('/tmp', 'another-checkout', '.data', 'postgres'),
      port,
      database: 'cdop',
    })
    await expect(attempt).rejects.toBeInstanceOf(EmbeddedPortTakenError)
    await expect(attempt).rejects.toThrow(/another-checkout.*EMBEDDED_PG_PORT/)
  })
})
