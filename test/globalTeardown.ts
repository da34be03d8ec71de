import fs from 'node:fs'

export default async function globalTeardown(): Promise<void> {
  const handle = (globalThis as { __TEST_PG__?: { stop: () => Promise<void>; dir: string } }).__TEST_PG__
  if (!handle) return
  await handle.stop()
  fs.rmSync(handle.dir, { recursive: true, force: true })
}
