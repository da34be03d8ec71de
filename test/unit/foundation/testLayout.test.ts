import fs from 'node:fs'
import path from 'node:path'
import { testFilesOf } from '../../helpers/runEachFileOf'

const INTEGRATION = path.join(__dirname, '..', '..', 'integration')
const folders = fs
  .readdirSync(INTEGRATION, { withFileTypes: true })
  .filter(entry => entry.isDirectory())
  .map(entry => entry.name)

// npm test runs each integration folder through its runner, test/integration/<folder>.test.ts
// (jest.config.js): a folder without one, or tests a level deeper, would never run.
describe('the integration tests npm test runs', () => {
  it.each(folders)('runs %s/ through its own runner file', folder => {
    const runner = path.join(INTEGRATION, `${folder}.test.ts`)
    expect(fs.existsSync(runner)).toBe(true)
    expect(fs.readFileSync(runner, 'utf8')).toContain(`runEachFileOf(path.join(__dirname, '${folder}'))`)
  })

  it('has every integration test file directly in a folder with a runner, none deeper', () => {
    const deeper = folders.flatMap(folder =>
      fs
        .readdirSync(path.join(INTEGRATION, folder), { withFileTypes: true })
        .filter(entry => entry.isDirectory())
        .map(entry => `${folder}/${entry.name}`),
    )
    expect(deeper).toEqual([])
    expect(folders.every(folder => testFilesOf(path.join(INTEGRATION, folder)).length > 0)).toBe(true)
  })

  it('has no runner without its folder', () => {
    const runners = fs.readdirSync(INTEGRATION).filter(name => name.endsWith('.test.ts'))
    expect(runners.map(name => name.replace(/\.test\.ts$/, '')).sort()).toEqual([...folders].sort())
  })
})
