import config from '../../../src/config'
import { runCliInTest } from '../../helpers/cli'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'

jest.setTimeout(120_000) // generates thousands of cases; slow on a busy machine

let t: TestApp
beforeAll(() => (t = createTestApp({ asOwner: true })))
afterAll(() => t.close())
beforeEach(() => resetDatabase(t.db))

const snapshot = async () => {
  const [rows] = await t.db.sequelize.query(
    `SELECT c.case_ref, c.date_of_birth, c.date_of_death, c.sex, c.ethnicity, c.status, c.review_date, c.category,
            c.modifiable_factors, c.preventability, c.notified_at,
            (SELECT count(*)::int FROM agency_requests r WHERE r.case_id = c.id) AS requests,
            (SELECT count(*)::int FROM case_reviews r WHERE r.case_id = c.id AND r.status = 'final') AS reviews
       FROM cases c ORDER BY c.case_ref`,
  )
  return rows
}

describe('npm run cdop -- generate', () => {
  test('the same seed gives the same cases, requests and reviews; another seed does not', async () => {
    const first = await runCliInTest(t, ['generate', '--cases', '300', '--seed', '7', '--today', '2026-06-30'])
    expect(first).toMatchObject({ code: 0, err: '' })
    expect(first.out).toMatch(/^Generated 300 cases, [\d,]+ agency requests, \d+ meetings and [\d,]+ reviews/)
    const a = await snapshot()
    await resetDatabase(t.db)
    await runCliInTest(t, ['generate', '--cases', '300', '--seed', '7', '--today', '2026-06-30'])
    expect(await snapshot()).toEqual(a)
    await resetDatabase(t.db)
    await runCliInTest(t, ['generate', '--cases', '300', '--seed', '8', '--today', '2026-06-30'])
    expect(await snapshot()).not.toEqual(a)
  })

  test('twenty years of history, every stage, reviewed cases with a final review at a held meeting', async () => {
    await runCliInTest(t, ['generate', '--cases', '2000', '--today', '2026-06-30'])
    const [[facts]] = (await t.db.sequelize.query(
      `SELECT count(*)::int AS cases, count(DISTINCT extract(year FROM date_of_death))::int AS years,
              count(DISTINCT status)::int AS statuses,
              count(*) FILTER (WHERE status = 'reviewed')::int AS reviewed,
              max(date_of_death) <= '2026-06-30' AS none_in_future,
              (SELECT count(*)::int FROM case_reviews r JOIN meetings m ON m.id = r.meeting_id
                WHERE r.status = 'final' AND m.status = 'held') AS reviews_at_meetings,
              (SELECT count(*)::int FROM agency_requests WHERE status = 'requested') AS outstanding
         FROM cases`,
    )) as [[Record<string, number | boolean>], unknown]
    expect(facts).toMatchObject({ cases: 2000, none_in_future: true })
    expect(facts.years).toBeGreaterThanOrEqual(19)
    expect(facts.statuses).toBeGreaterThanOrEqual(5)
    expect(facts.reviews_at_meetings).toBe(facts.reviewed)
    expect(facts.outstanding).toBeGreaterThan(0)
  })

  test('running it again adds more cases with new references', async () => {
    await runCliInTest(t, ['generate', '--cases', '50'])
    expect((await runCliInTest(t, ['generate', '--cases', '50'])).code).toBe(0)
    const [[{ n }]] = (await t.db.sequelize.query('SELECT count(DISTINCT case_ref)::int AS n FROM cases')) as [
      [{ n: number }],
      unknown,
    ]
    expect(n).toBe(100)
  })

  test.each([
    [[]],
    [['--cases', '0']],
    [['--cases', '-5']],
    [['--cases', 'many']],
    [['--cases', '20000000']],
    [['--cases', '5', '--seed', '1.5']],
    [['--cases', '5', '--today', 'tomorrow']],
    [['--cases', '5', '--wat']],
  ])('refuses %j with the reason, adding nothing', async args => {
    const result = await runCliInTest(t, ['generate', ...args])
    expect(result.code).not.toBe(0)
    expect(result.err).not.toBe('')
    const [[{ n }]] = (await t.db.sequelize.query('SELECT count(*)::int AS n FROM cases')) as [[{ n: number }], unknown]
    expect(n).toBe(0)
  })

  test('is refused in production', async () => {
    const result = await runCliInTest(t, ['generate', '--cases', '5'], { config: { ...config, production: true } })
    expect(result.code).not.toBe(0)
    expect(result.err).toMatch(/refused in production/)
  })
})
