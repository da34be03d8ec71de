import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'
import { csvOf, historyCsv, historyRow } from '../../fixtures/import/historyCsv'
import { runCliInTest } from '../../helpers/cli'

const cli = (t: TestApp, argv: string[]) => runCliInTest(t, argv)

describe('npm run cdop -- import', () => {
  let t: TestApp
  let dir: string
  const write = (name: string, content: string | Buffer) => {
    const file = path.join(dir, name)
    fs.writeFileSync(file, content)
    return file
  }

  beforeAll(() => {
    t = createTestApp()
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdop-import-cli-'))
  })
  beforeEach(() => resetDatabase(t.db))
  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true })
    await t.close()
  })

  it('imports a file and prints the number of cases', async () => {
    const file = write('history.csv', `\uFEFF${historyCsv(25)}`)
    expect(await cli(t, ['import', file])).toEqual({ code: 0, out: 'Imported 25 cases from history.csv\n', err: '' })
    expect(await t.db.models.Case.count({ where: { imported: true } })).toBe(25)
    const audit = await t.db.models.AuditEvent.findOne({ where: { action: 'cases_imported' } })
    expect(audit).toMatchObject({
      actorUserId: null,
      details: expect.objectContaining({ count: 25, via: 'command_line' }),
    })
  })

  it('checks only with --dry-run', async () => {
    const file = write('history.csv', historyCsv(1))
    expect(await cli(t, ['import', '--dry-run', file])).toEqual({
      code: 0,
      out: 'No problems found: would import 1 case from history.csv. Nothing was saved (dry run).\n',
      err: '',
    })
    expect(await t.db.models.Case.count()).toBe(0)
  })

  it('prints every problem, one a line, exits non-zero and saves nothing', async () => {
    const file = write(
      'bad.csv',
      csvOf([historyRow(1), { ...historyRow(2), date_of_birth: '1990-01-01' }, { ...historyRow(3), sex: 'Male' }]),
    )
    const result = await cli(t, ['import', file])
    expect(result.code).toBe(1)
    expect(result.out).toBe('')
    expect(result.err.split('\n')).toEqual([
      'Nothing was imported: bad.csv has 2 problems (row 1 is the header).',
      "Row 3, date_of_death: the date of death is on or after the child's 18th birthday (1 January 2008). Only deaths before the 18th birthday are reviewed by the panel",
      'Row 4, sex: "Male" is not a code: write male',
      '',
    ])
    expect(await t.db.models.Case.count()).toBe(0)
  })

  it('explains an empty file, a file that is not UTF-8, and a missing file', async () => {
    const empty = await cli(t, ['import', write('empty.csv', '')])
    expect(empty).toMatchObject({ code: 1, err: expect.stringContaining('File: the file is empty') })
    const latin1 = await cli(t, [
      'import',
      write('latin1.csv', Buffer.from(csvOf([{ ...historyRow(1), ward: 'Gorsey Bank, Saint-Étienne' }]), 'latin1')),
    ])
    expect(latin1).toMatchObject({
      code: 1,
      err: expect.stringContaining('File: line 2 of the file is not UTF-8 text'),
    })
    const missing = await cli(t, ['import', path.join(dir, 'nowhere.csv')])
    expect(missing).toMatchObject({ code: 2, err: expect.stringMatching(/^Cannot read .*nowhere\.csv/) })
  })

  it('refuses a call without exactly one file, or with an unknown option', async () => {
    expect((await cli(t, ['import'])).code).toBe(2)
    expect((await cli(t, ['import', 'a.csv', 'b.csv'])).code).toBe(2)
    expect((await cli(t, ['import', '--force', 'a.csv'])).code).toBe(2)
    expect((await cli(t, ['import', '--help'])).out).toContain('--dry-run')
  })
})
