import { randomBytes } from 'node:crypto'
import { existsSync, readdirSync } from 'node:fs'
import path from 'node:path'
import type { OpenedDatabase } from '../../../src/bootstrap'
import { DEMO_USERS } from '../../../src/cli/commands/dbSeedDemo'
import { DEMO_FICTIONAL_DATA, planDemo } from '../../../src/cli/demoData'
import config, { Config, loadConfig, rootDir } from '../../../src/config'
import { caseStatuses, roles } from '../../../src/domain/codes'
import { todayInLondon } from '../../../src/domain/dates'
import { isValidNhsNumber } from '../../../src/domain/nhsNumber'
import { displayStatus } from '../../../src/services/agencyRequests/requestStatus'
import PasswordHasher from '../../../src/services/passwordHasher'
import { Agent, newAgent, signIn } from '../../helpers/agent'
import { runCliInTest } from '../../helpers/cli'
import { $ } from '../../helpers/html'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'

const cli = (t: TestApp, argv: string[], cfg: Config = config, open?: () => Promise<OpenedDatabase>) =>
  runCliInTest(t, argv, { config: cfg, open })

/** The printed accounts: "  email  password  roles" lines. */
function printedAccounts(out: string): Map<string, { password: string; roles: string }> {
  const accounts = new Map<string, { password: string; roles: string }>()
  for (const [, email, password, accountRoles] of out.matchAll(/^ {2}(\S+@demo\.example) +(\S+) +(.+)$/gm)) {
    accounts.set(email, { password, roles: accountRoles })
  }
  return accounts
}

const text = (html: string, selector = 'main') => $(html)(selector).text().replace(/\s+/g, ' ')

describe('npm run db:seed:demo: demo data made through the services', () => {
  let t: TestApp
  let first: Awaited<ReturnType<typeof cli>>
  let accounts: Map<string, { password: string; roles: string }>
  const agents = new Map<string, Agent>()
  const as = async (email: string) => {
    if (!agents.has(email)) {
      const agent = newAgent(t.app)
      await signIn(agent, email, accounts.get(email)!.password)
      agents.set(email, agent)
    }
    return agents.get(email)!
  }
  const today = todayInLondon(new Date())

  beforeAll(async () => {
    t = createTestApp()
    await resetDatabase(t.db)
    first = await cli(t, ['db:seed:demo'])
    accounts = printedAccounts(first.out)
  }, 600_000)
  afterAll(() => t.close())

  it('creates an account per role through the user service, printing passwords that work', async () => {
    expect(first).toMatchObject({ code: 0, err: '' })
    expect(first.out).toContain(`sign in at ${config.baseUrl}/sign-in`)
    expect(first.out).toContain('Start the app with "npm start"')
    expect(first.out).toContain('REQUIRE_MFA is off')
    expect(first.out).toMatch(/Made through the services in \d+\.\d seconds \(seed \d+\)\./)
    expect([...accounts.keys()].sort()).toEqual(DEMO_USERS.map(u => u.email).sort())
    const hasher = new PasswordHasher()
    for (const demo of DEMO_USERS) {
      const user = await t.services.userService.findByEmail(demo.email)
      expect(user).toMatchObject({ name: demo.name, roles: demo.roles, active: true })
      expect(accounts.get(demo.email)!.roles).toBe(demo.roles.join(', '))
      expect(await hasher.verify(user!.passwordHash!, accounts.get(demo.email)!.password)).toBe(true)
    }
    expect(new Set(DEMO_USERS.flatMap(u => u.roles))).toEqual(new Set(roles.codes))
    expect(await t.db.models.AuditEvent.count({ where: { action: 'user_created' } })).toBe(5)
  })

  it('makes about 120 fictional cases over several years in every status, each notified and moved through the services', async () => {
    const cases = await t.db.models.Case.findAll()
    expect(cases.length).toBeGreaterThanOrEqual(110)
    expect(cases.length).toBeLessThanOrEqual(130)
    expect(new Set(cases.map(c => c.status))).toEqual(new Set(caseStatuses.codes))
    expect(new Set(cases.map(c => c.dateOfDeath.slice(0, 4))).size).toBeGreaterThanOrEqual(4)
    for (const c of cases) {
      if (c.nhsNumber) expect(c.nhsNumber.startsWith('999') && isValidNhsNumber(c.nhsNumber)).toBe(true)
      expect(c.postcode ?? 'NH').toMatch(/^(NH|EB|WM|RV|FH|SV)/)
    }
    // Every case was notified by the service (audited) and every status change went through the machine.
    expect(await t.db.models.AuditEvent.count({ where: { action: 'case_notified' } })).toBe(cases.length)
    const changes = await t.db.models.CaseStatusChange.count()
    expect(await t.db.models.AuditEvent.count({ where: { action: 'case_status_changed' } })).toBe(
      changes - cases.length,
    )
    // The same seed on the same day gives the same plan; another seed, another one.
    expect(planDemo(7, today)).toEqual(planDemo(7, today))
    expect(planDemo(7, today).cases[0].notification).not.toEqual(planDemo(8, today).cases[0].notification)
  })

  it('fills every screen: case list, a case page with its timeline, agency requests in each state, outbox, dashboard', async () => {
    const coordinator = await as('coordinator@demo.example')
    const list = await coordinator.get('/cases').expect(200)
    expect($(list.text)('main tbody tr').length).toBeGreaterThan(10)

    const requests = await t.db.models.AgencyRequest.findAll()
    expect(new Set(requests.map(r => displayStatus(r, today)))).toEqual(
      new Set(['requested', 'overdue', 'received', 'not_involved', 'cancelled']),
    )
    expect(new Set(requests.filter(r => r.status === 'received').map(r => r.receivedVia))).toEqual(
      new Set(['link', 'paper']),
    )
    expect(requests.some(r => r.status === 'requested' && r.reportDraft)).toBe(true)
    const withRequests = [...new Set(requests.map(r => r.caseId))]
    const shown = new Set<string>()
    for (const caseId of withRequests) {
      const page = await coordinator.get(`/cases/${caseId}/requests`).expect(200)
      const words = text(page.text)
      for (const state of ['Requested', 'Overdue', 'Received', 'Not involved', 'Cancelled'])
        if (words.includes(state)) shown.add(state)
    }
    expect([...shown].sort()).toEqual(['Cancelled', 'Not involved', 'Overdue', 'Received', 'Requested'])

    // A case with requests and JAR events: its page and timeline.
    const eventCase = (await t.db.models.JarEvent.findOne())!.caseId
    const casePage = await coordinator.get(`/cases/${eventCase}`).expect(200)
    expect($(casePage.text)('#jar-events .govuk-summary-list__row').length).toBeGreaterThan(2)
    expect(text(casePage.text)).toContain('Joint agency response meeting')
    expect(text(casePage.text)).toMatch(/Death notified|notified/i)

    const outbox = await coordinator.get('/outbox').expect(200)
    expect($(outbox.text)('main tbody tr').length).toBeGreaterThan(5)
    const kinds = (await t.db.models.OutboxMessage.findAll()).map(m => [m.kind, m.status])
    expect(kinds.filter(([kind]) => kind === 'agency_reminder_overdue')).toHaveLength(3)
    expect(kinds.filter(([kind]) => kind === 'agency_escalation')).toHaveLength(2)
    expect(kinds.every(([, status]) => status === 'stored')).toBe(true) // nothing e-mailed

    const dashboard = await coordinator.get('/').expect(200)
    expect(text(dashboard.text)).toMatch(/\d/)
    expect($(dashboard.text)('main a[href^="/cases"]').length).toBeGreaterThan(0)
  })

  it('has held meetings with minutes and finalised reviews, an upcoming meeting with its agenda, and a cancelled one', async () => {
    const coordinator = await as('coordinator@demo.example')
    const meetings = await t.db.models.Meeting.findAll({ order: [['meetingDate', 'ASC']] })
    const held = meetings.filter(m => m.status === 'held')
    expect(held.length).toBeGreaterThanOrEqual(6)
    expect(meetings.filter(m => m.status === 'cancelled')).toHaveLength(1)
    const upcoming = meetings.find(m => m.status === 'scheduled' && m.meetingDate > today)!
    expect(upcoming).toBeDefined()

    const list = await coordinator.get('/meetings').expect(200)
    for (const m of [held[held.length - 1], upcoming])
      expect($(list.text)(`main a[href="/meetings/${m.id}"]`).length).toBe(1)

    const upcomingPage = await coordinator.get(`/meetings/${upcoming.id}`).expect(200)
    const agenda = await t.db.models.AgendaItem.findAll({ where: { meetingId: upcoming.id } })
    expect(agenda.length).toBeGreaterThanOrEqual(5)
    const agendaCase = (await t.db.models.Case.findByPk(agenda[0].caseId))!
    expect(text(upcomingPage.text)).toContain(agendaCase.caseRef)

    // The latest held meeting: members who attended, interests declared, minutes, a review.
    const last = held[held.length - 1]
    const members = await t.db.models.MeetingMember.findAll({ where: { meetingId: last.id } })
    expect(members.filter(m => m.attended).length).toBeGreaterThanOrEqual(5)
    expect(await t.db.models.DeclarationOfInterest.count({ where: { meetingId: last.id } })).toBe(1)
    const minutes = await coordinator.get(`/meetings/${last.id}/minutes`).expect(200)
    const reviews = await t.db.models.CaseReview.findAll({ where: { meetingId: last.id, status: 'final' } })
    expect(reviews.length).toBeGreaterThanOrEqual(4)
    expect(await t.db.models.CaseReview.count({ where: { meetingId: last.id, status: 'deferred' } })).toBe(1)
    const reviewedCase = (await t.db.models.Case.findByPk(reviews[0].caseId))!
    expect(text(minutes.text)).toContain(reviewedCase.caseRef)
    expect(reviewedCase).toMatchObject({ status: 'reviewed', reviewDate: last.meetingDate })
    const reviewPage = await coordinator.get(`/meetings/${last.id}/cases/${reviewedCase.id}/review`).expect(200)
    expect(text(reviewPage.text)).toContain(reviews[0].learningPoints!)
    // The chair reads the minutes of their meeting too.
    const chair = await as('panel@demo.example')
    await chair.get(`/meetings/${last.id}/minutes`).expect(200)
    const factors = await t.db.models.ContributoryFactor.count({ where: { reviewId: reviews.map(r => r.id) } })
    expect(factors).toBeGreaterThanOrEqual(reviews.length)
  })

  it('has actions open, overdue and completed with their evidence, and a letter to a family', async () => {
    const coordinator = await as('coordinator@demo.example')
    const actions = await t.db.models.Action.findAll()
    const open = actions.filter(a => a.status === 'open' || a.status === 'in_progress')
    expect(open.length).toBeGreaterThan(0)
    expect(open.some(a => a.dueDate! < today)).toBe(true)
    const complete = actions.filter(a => a.status === 'complete')
    expect(complete.length).toBeGreaterThan(0)
    expect(complete.every(a => a.evidenceOfImpact)).toBe(true)
    const page = await coordinator.get('/actions').expect(200)
    expect($(page.text)('main tbody tr').length).toBeGreaterThan(3)
    expect(text(page.text)).toContain(complete[0].evidenceOfImpact!)
    const overdue = await coordinator.get('/actions?overdue=yes').expect(200)
    expect($(overdue.text)('main tbody tr').length).toBeGreaterThan(0)

    const letter = (await t.db.models.FamilyLetter.findOne())!
    const letterPage = await coordinator.get(`/cases/${letter.caseId}/family-letter`).expect(200)
    expect(text(letterPage.text)).toContain('Edited by the coordinator')
    expect((await t.db.models.Case.findByPk(letter.caseId))!.familyQuestionsAnswered).toBe(true)
  })

  it('has one pair of possible duplicates, each warning of the other, to merge', async () => {
    const coordinator = await as('coordinator@demo.example')
    const [, a, b] = /Cases (CDOP-\d{4}-\d{4}) and (CDOP-\d{4}-\d{4}) are the same child/.exec(first.out)!
    const keep = (await t.services.caseService.findByReference(a))!
    const other = (await t.services.caseService.findByReference(b))!
    const page = await coordinator.get(`/cases/${keep.id}`).expect(200)
    expect($(page.text)(`#possible-duplicates a[href="/cases/${keep.id}/merge/${other.id}"]`).length).toBe(1)
    await coordinator.get(`/cases/${keep.id}/merge/${other.id}`).expect(200)
  })

  it('run again, adds nothing (idempotent) and gives the demo accounts new passwords', async () => {
    const before = {
      cases: await t.db.models.Case.count(),
      meetings: await t.db.models.Meeting.count(),
      requests: await t.db.models.AgencyRequest.count(),
      actions: await t.db.models.Action.count(),
    }
    const second = await cli(t, ['db:seed:demo'])
    expect(second).toMatchObject({ code: 0, err: '' })
    expect(second.out).toContain(`Demo data already exists (${before.cases} cases); none added.`)
    expect(second.out).toContain('0 created, 5 given new passwords')
    expect({
      cases: await t.db.models.Case.count(),
      meetings: await t.db.models.Meeting.count(),
      requests: await t.db.models.AgencyRequest.count(),
      actions: await t.db.models.Action.count(),
    }).toEqual(before)
    const again = printedAccounts(second.out)
    const hasher = new PasswordHasher()
    for (const demo of DEMO_USERS) {
      const user = await t.services.userService.findByEmail(demo.email)
      expect(again.get(demo.email)!.password).not.toBe(accounts.get(demo.email)!.password)
      expect(await hasher.verify(user!.passwordHash!, again.get(demo.email)!.password)).toBe(true)
    }
    accounts = again
    agents.clear()
  }, 120_000)

  it('is refused in production, before touching the database', async () => {
    const production = loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://x/y',
      SESSION_SECRET: randomBytes(32).toString('base64'),
      MFA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    })
    const open = jest.fn(async (): Promise<OpenedDatabase> => {
      throw new Error('must not open the database')
    })
    const result = await cli(t, ['db:seed:demo'], production, open)
    expect(result.code).toBe(2)
    expect(result.err).toContain('refused in production')
    expect(result.out).toBe('')
    expect(open).not.toHaveBeenCalled()
  })

  it('refuses an unknown option with the reason on standard error', async () => {
    const result = await cli(t, ['db:seed:demo', '--seed', 'lots'])
    expect(result.code).not.toBe(0)
    expect(result.err).toContain('Unknown option')
  })

  it('keeps only fictional data in seeders/, and no raw-SQL seeder', () => {
    expect(readdirSync(path.join(rootDir, 'seeders'))).toEqual([path.basename(DEMO_FICTIONAL_DATA)])
    expect(existsSync(path.join(rootDir, 'src/cli/demoAgencyData.ts'))).toBe(false)
  })
})
