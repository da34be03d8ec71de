import { addDays, todayInLondon } from '../../../src/domain/dates'
import DashboardService from '../../../src/services/dashboardService'
import { buildCase, buildUser, signInAs } from '../../factories'
import { Agent } from '../../helpers/agent'
import { $ } from '../../helpers/html'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'
import { GP, POLICE, sendRequests } from './agencyHelpers'

describe('agency figures on the coordinator dashboard', () => {
  let t: TestApp
  let coordinator: Agent
  const today = todayInLondon(new Date())
  beforeAll(() => {
    t = createTestApp()
  })
  beforeEach(async () => {
    await resetDatabase(t.db)
    const user = await buildUser(t.services)
    coordinator = await signInAs(t, user)
  })
  afterAll(() => t.close())

  /** Sets when a request was sent and answered, as if it had happened days ago. */
  const answered = (id: string, sentDaysAgo: number, tookDays: number) =>
    t.db.sequelize.query(
      `UPDATE agency_requests SET status = 'received', received_via = 'paper', report = '{}'::jsonb,
              created_at = now() - make_interval(days => :sent), submitted_at = now() - make_interval(days => :sent) + make_interval(days => :took)
        WHERE id = :id`,
      { replacements: { id, sent: sentDaysAgo, took: tookDays } },
    )

  it('shows overdue requests and cases waiting by agency, and the average days to respond, from SQL', async () => {
    const [one, two, three] = [await buildCase(t.services), await buildCase(t.services), await buildCase(t.services)]
    const a = await sendRequests(t, coordinator, one.id, [GP, POLICE])
    const b = await sendRequests(t, coordinator, two.id, [GP, POLICE])
    const c = await sendRequests(t, coordinator, three.id, [
      POLICE,
      { agency: 'education', name: 'Sam', email: 'sam@school.example.org' },
    ])
    // GP: overdue on case one, still in time on case two.
    await t.db.models.AgencyRequest.update({ dueDate: addDays(today, -3) }, { where: { id: a.requests[0].id } })
    // Police answered on cases one (10 days) and two (4 days); still waited for on case three.
    await answered(a.requests[1].id, 30, 10)
    await answered(b.requests[1].id, 20, 4)
    // An answer from long ago is not in the last 12 months.
    await answered(c.requests[0].id, 500, 100)
    await t.db.models.AgencyRequest.update(
      { status: 'requested', receivedVia: null, report: null, submittedAt: null },
      { where: { id: c.requests[0].id } },
    )
    // Education's request was cancelled: it is waited for by no one.
    await t.db.models.AgencyRequest.update({ status: 'cancelled' }, { where: { id: c.requests[1].id } })

    const { agencies } = await t.services.dashboardService.forCoordinator()
    expect(agencies).toEqual([
      {
        agency: 'gp',
        label: 'GP',
        overdue: 1,
        outstanding: 2,
        casesWaiting: 2,
        answered: 0,
        averageDaysToRespond: null,
      },
      {
        agency: 'police',
        label: 'Police',
        overdue: 0,
        outstanding: 1,
        casesWaiting: 1,
        answered: 2,
        averageDaysToRespond: 7,
      },
    ])

    const home = $((await coordinator.get('/')).text)
    const rows = home('#agency-reports + table tbody tr')
      .toArray()
      .map(row =>
        home(row)
          .find('th, td')
          .toArray()
          .map(cell => home(cell).text().trim()),
      )
    expect(rows).toEqual([
      ['GP', '1', '2', 'None answered'],
      ['Police', '0', '1', '7.0 (2)'],
    ])
  })

  it('says so when no agency has been asked yet', async () => {
    const home = await coordinator.get('/')
    expect(home.text).toContain('No agency has been asked for information yet.')
  })

  it('shows the review timeliness medians of the last 12 months, with their cases, marking medians over few cases', async () => {
    const cases = await Promise.all([1, 2, 3, 4].map(() => buildCase(t.services)))
    // Three reviews in the last 12 months (death to review 100, 40 and 70 days), one long before.
    const reviewed = (id: string, deathDaysAgo: number, reviewDaysAgo: number) =>
      t.db.sequelize.query(
        `UPDATE cases SET status = 'reviewed',
                date_of_death = CAST(:today AS date) - :death, notified_at = CAST(:today AS date) - :death + 2,
                review_date = CAST(:today AS date) - :review WHERE id = :id`,
        { replacements: { id, today, death: deathDaysAgo, review: reviewDaysAgo } },
      )
    // The requests are sent while the case is still being gathered, before its review.
    const sent = await sendRequests(t, coordinator, cases[0].id, [GP, POLICE])
    await reviewed(cases[0].id, 110, 10)
    await reviewed(cases[1].id, 60, 20)
    await reviewed(cases[2].id, 100, 30)
    await reviewed(cases[3].id, 900, 400)
    await answered(sent.requests[1].id, 30, 10)
    await answered(sent.requests[0].id, 20, 4)

    const { timeliness } = await t.services.dashboardService.forCoordinator()
    expect(timeliness).toEqual([
      { measure: 'death_to_review', label: 'From death to review', medianDays: 70, cases: 3, fewCases: true },
      {
        measure: 'notification_to_review',
        label: 'From notification to review',
        medianDays: 68,
        cases: 3,
        fewCases: true,
      },
      { measure: 'request_to_report_gp', label: 'From request to report: GP', medianDays: 4, cases: 1, fewCases: true },
      {
        measure: 'request_to_report_police',
        label: 'From request to report: Police',
        medianDays: 10,
        cases: 1,
        fewCases: true,
      },
    ])
    const page = $((await coordinator.get('/')).text)
    const rows = page('#timeliness + table tbody tr')
      .toArray()
      .map(tr =>
        page(tr)
          .find('th, td')
          .toArray()
          .map(c => page(c).text().trim()),
      )
    expect(rows[0]).toEqual(['From death to review', '70 Few cases', '3'])
  })

  it('counts the reports of the 12 months by London dates, to the second at both ends, in summer time', async () => {
    const july = new DashboardService(t.db, () => new Date('2026-07-15T12:00:00Z'))
    const cases = await Promise.all([1, 2, 3, 4].map(() => buildCase(t.services)))
    const requests = []
    for (const c of cases) requests.push(await sendRequests(t, coordinator, c.id, [GP]))
    // London is an hour ahead of UTC: 23:00 UTC on 15 July 2025 is already 16 July there.
    const submittedAt = [
      '2025-07-15T22:59:59Z', // 15 July 2025, 23:59:59 in London: the day the 12 months start after, out
      '2025-07-15T23:00:00Z', // 16 July 2025, 00:00 in London: in
      '2026-07-15T22:59:59Z', // 15 July 2026, 23:59:59 in London: today, in
      '2026-07-15T23:00:00Z', // 16 July 2026 in London: after today, out
    ]
    await Promise.all(
      requests.map(({ requests: [request] }, i) =>
        t.db.sequelize.query(
          `UPDATE agency_requests SET status = 'received', received_via = 'paper', report = '{}'::jsonb,
                  created_at = CAST(:at AS timestamptz) - interval '3 days', submitted_at = CAST(:at AS timestamptz)
            WHERE id = :id`,
          { replacements: { id: request.id, at: submittedAt[i] } },
        ),
      ),
    )
    const gp = (await july.forCoordinator()).timeliness.find(m => m.measure === 'request_to_report_gp')
    expect(gp).toMatchObject({ cases: 2, medianDays: 3 })
    // The figures are kept per version of the data: a report received since shows at once.
    await t.db.sequelize.query(
      `UPDATE agency_requests SET submitted_at = CAST('2026-07-01T12:00:00Z' AS timestamptz) WHERE id = :id`,
      { replacements: { id: requests[0].requests[0].id } },
    )
    const again = (await july.forCoordinator()).timeliness.find(m => m.measure === 'request_to_report_gp')
    expect(again).toMatchObject({ cases: 3 })
  })
})
