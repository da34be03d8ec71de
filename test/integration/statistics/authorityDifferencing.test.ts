/**
 * The attack issue 12 names: an analyst holds the whole panel's release and one authority's, and
 * subtracts one from the other to find the residents of everywhere else. Shown real against the
 * releases as their own rules make them, then defeated by publication's check across releases.
 */
import type { CellValue, Release } from '../../../src/domain/statistics/release'
import { systemContext } from '../../../src/services/auditContext'
import { buildUser } from '../../factories'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'
import { insertCases, type CaseSpec } from './caseRows'

const SUPPRESS_MAX = 5

const child = (localAuthority: string): CaseSpec => ({
  dob: '2010-01-01',
  dod: '2016-05-01',
  sex: 'male',
  expected: 'expected',
  status: 'reviewed',
  reviewDate: '2016-09-01',
  category: 1,
  modifiable: 'not_identified',
  localAuthority,
})

/** Every figure both releases show whose difference is a count from 1 to the threshold. */
function differences(panel: Release<CellValue>, authority: Release<CellValue>): string[] {
  return authority.tables.flatMap(table => {
    const other = panel.tables.find(t => t.id === table.id)
    if (!other) return []
    return table.rows.flatMap(({ code: row }) =>
      table.columns.flatMap(({ code: col }) => {
        const [a, p] = [table.values[row][col], other.values[row]?.[col]]
        if (
          typeof a !== 'number' ||
          typeof p !== 'number' ||
          (table.id === 'review_timeliness' && col === 'median_days')
        )
          return []
        const gap = p - a
        return gap >= 1 && gap <= SUPPRESS_MAX ? [`${table.id} ${row}/${col}: ${p} - ${a} = ${gap}`] : []
      }),
    )
  })
}

describe('a release of one authority and the whole panel’s, differenced', () => {
  let t: TestApp
  beforeAll(() => {
    t = createTestApp()
  })
  beforeEach(async () => {
    await resetDatabase(t.db)
    await t.db.sequelize.query('DELETE FROM local_authorities')
    const admin = await buildUser(t.services, { roles: ['admin'] })
    await t.services.localAuthorityService.change(
      { kind: 'add', name: 'Luton' },
      await t.services.localAuthorityService.listVersion(),
      { ...systemContext(), actorUserId: admin.id },
    )
    // Ten children of Luton and two from elsewhere, alike in every other way.
    await insertCases(t.db, [...Array.from({ length: 10 }, () => child('Luton')), child('Hertfordshire'), child('')])
  })
  afterAll(() => t.close())

  const publish = (localAuthority?: string) =>
    t.services.publicationService.publish('2016-17', null, { name: 'Test' }, systemContext(), localAuthority)

  it('is a real attack on releases that obey only their own rules', async () => {
    const build = (localAuthority?: string) =>
      t.services.statisticsService.buildRelease({ years: '2016-17', mode: 'published', localAuthority })
    const [panel, luton] = [await build(), await build('Luton')]
    // The panel hides its two "other" residents, yet 12 - 10 finds them.
    expect(panel.tables.find(x => x.id === 'deaths_by_local_authority_and_sex')!.values.other.male).toBe('[c]')
    expect(differences(panel, luton)).toContain('deaths_by_age_and_sex total/male: 12 - 10 = 2')
  })

  it('suppresses in the authority’s release, published second, what would give the others away', async () => {
    await publish()
    const luton = await publish('Luton')
    const [panelFiles, lutonFiles] = [
      await t.services.publicationService.current('2016-17'),
      await t.services.publicationService.current('2016-17', 'Luton'),
    ]
    expect(luton.localAuthority).toBe('Luton')
    expect(differences(panelFiles!.release, lutonFiles!.release)).toEqual([])
    expect(lutonFiles!.notes.find(n => n.key === 'across_releases')!.value).toMatch(
      /further figures? (was|were) suppressed/,
    )
  })

  it('checks the panel’s release against an authority’s published before it', async () => {
    await publish('Luton')
    await publish()
    const [panelFiles, lutonFiles] = [
      await t.services.publicationService.current('2016-17'),
      await t.services.publicationService.current('2016-17', 'Luton'),
    ]
    expect(differences(panelFiles!.release, lutonFiles!.release)).toEqual([])
  })
})
