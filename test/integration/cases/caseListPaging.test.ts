import { buildUser, signInAs } from '../../factories'
import { Agent } from '../../helpers/agent'
import { $, textsOf } from '../../helpers/html'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'
import { COUNT_CAP } from '../../../src/services/caseSearchService'
import { generateSyntheticData } from '../../../src/services/generate/syntheticData'

jest.setTimeout(120_000) // generates and pages through hundreds of cases; slow on a busy machine

/** Keyset paging (each page sought from the edge of the last) and the capped count of the unfiltered list. */
describe('paging through the case list', () => {
  let t: TestApp
  let agent: Agent
  beforeAll(() => (t = createTestApp({ asOwner: true })))
  afterAll(() => t.close())
  const freshStart = async () => {
    await resetDatabase(t.db)
    agent = await signInAs(t, await buildUser(t.services))
  }

  const refsOn = (html: string) => textsOf(html, 'tbody a')
  const linkOn = (html: string, rel: 'next' | 'prev') => $(html)(`.govuk-pagination a[rel="${rel}"]`).attr('href')

  /** Every page by following Next from the first, then back again by Previous. */
  async function walk(start: string) {
    const pages: string[][] = []
    const urls: string[] = []
    let url: string | undefined = start
    while (url) {
      const page = await agent.get(url).expect(200)
      pages.push(refsOn(page.text))
      urls.push(url)
      url = linkOn(page.text, 'next')
      if (pages.length > 20) throw new Error('too many pages')
    }
    const back: string[][] = []
    url = linkOn((await agent.get(urls.at(-1)!)).text, 'prev')
    while (url) {
      const page = await agent.get(url).expect(200)
      back.unshift(refsOn(page.text))
      url = linkOn(page.text, 'prev')
    }
    return { pages, back, urls }
  }

  // The four orders page through the same generated list, and paging only reads: generated once.
  describe('one list of 130 cases', () => {
    beforeAll(async () => {
      await freshStart()
      await generateSyntheticData(t.db, { cases: 130, seed: 5, today: '2026-06-30' })
    })

    it.each([
      ['/cases', 'notified_at DESC, case_ref DESC'],
      ['/cases?sort=death&direction=asc', 'date_of_death ASC, case_ref DESC'],
      ['/cases?sort=status', 'status DESC, case_ref DESC'],
      ['/cases?sort=ref&direction=asc&status=reviewed', 'case_ref ASC'],
    ])('pages %s in the same order as counting rows off, forwards and back', async (start, order) => {
      const filter = start.includes('status=reviewed') ? "WHERE status = 'reviewed'" : ''
      const [expected] = (await t.db.sequelize.query(`SELECT case_ref FROM cases ${filter} ORDER BY ${order}`)) as [
        { case_ref: string }[],
        unknown,
      ]
      const { pages, back, urls } = await walk(start)
      expect(pages.flat()).toEqual(expected.map(r => r.case_ref))
      expect(pages.slice(0, -1).every(p => p.length === 25)).toBe(true)
      expect(back).toEqual(pages.slice(0, -1))
      // The cursor is a case's opaque id: no name, reference or NHS number in any address.
      for (const url of urls.slice(1)) expect(url).toMatch(/^\/cases\?(.*&)?page=\d+&(after|before)=[0-9a-f-]{36}(&|$)/)
      // A bookmarked page number without a cursor still shows the same page.
      const third = await agent.get(`${start}${start.includes('?') ? '&' : '?'}page=3`)
      expect(refsOn(third.text)).toEqual(pages[2])
    })
  })

  describe('lists of their own', () => {
    beforeEach(freshStart)

    it('ignores a forged or unknown cursor and shows the page by its number', async () => {
      await generateSyntheticData(t.db, { cases: 60, seed: 6, today: '2026-06-30' })
      const second = refsOn((await agent.get('/cases?page=2')).text)
      for (const cursor of ['00000000-0000-4000-8000-000000000000', "x' OR 1=1 --", '../../etc', 'a'.repeat(5000)]) {
        const page = await agent.get(`/cases?page=2&after=${encodeURIComponent(cursor)}`)
        expect(page.status).toBe(200)
        expect(refsOn(page.text)).toEqual(second)
      }
    })

    it(`says "more than ${COUNT_CAP.toLocaleString('en-GB')}" rather than counting every case, and still pages on`, async () => {
      await generateSyntheticData(t.db, { cases: COUNT_CAP + 5, seed: 7, today: '2026-06-30' })
      const first = await agent.get('/cases').expect(200)
      expect($(first.text)('[role="status"]').text()).toBe(`More than ${COUNT_CAP.toLocaleString('en-GB')} cases`)
      expect(first.text).toContain('Page 1')
      expect(first.text).not.toContain('Page 1 of')
      const next = await agent.get(linkOn(first.text, 'next')!).expect(200)
      expect(refsOn(next.text)).toHaveLength(25)
      // A filter counts exactly.
      const [[{ n }]] = (await t.db.sequelize.query(
        `SELECT count(*)::int AS n FROM cases WHERE status = 'reviewed'`,
      )) as [[{ n: number }], unknown]
      const reviewed = await agent.get('/cases?status=reviewed')
      expect($(reviewed.text)('[role="status"]').text()).toBe(`${n.toLocaleString('en-GB')} cases`)
    })
  })
})
