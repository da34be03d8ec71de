import { randomBytes } from 'node:crypto'
import { QueryTypes, Sequelize } from 'sequelize'
import type { OpenedDatabase } from '../../../src/bootstrap'
import { loadDemoSeeder } from '../../../src/cli/commands/dbSeedDemo'
import config, { Config, loadConfig } from '../../../src/config'
import { ageBand } from '../../../src/domain/ageBand'
import { parseCaseRef } from '../../../src/domain/caseReference'
import { isOpenStatus } from '../../../src/domain/caseStatus'
import {
  caseStatuses,
  ethnicities,
  jarTriggers,
  nhsNumberMissingReasons,
  placesOfDeath,
  roles,
  sexes,
} from '../../../src/domain/codes'
import { daysBetween, todayInLondon } from '../../../src/domain/dates'
import { financialYearOf, financialYearRange } from '../../../src/domain/financialYear'
import { isValidNhsNumber } from '../../../src/domain/nhsNumber'
import { normalisePostcode } from '../../../src/domain/postcode'
import PasswordHasher from '../../../src/services/passwordHasher'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'
import { runCliInTest } from '../../helpers/cli'

const seeder = loadDemoSeeder()
const hasher = new PasswordHasher()

const cli = (t: TestApp, argv: string[], cfg: Config = config, open?: () => Promise<OpenedDatabase>) =>
  runCliInTest(t, argv, { config: cfg, open })

/** The printed accounts: "  email  password  roles" lines. */
function printedAccounts(out: string): Map<string, { password: string; roles: string }> {
  const accounts = new Map<string, { password: string; roles: string }>()
  for (const [, email, password, roles] of out.matchAll(/^ {2}(\S+@demo\.example) +(\S+) +(.+)$/gm)) {
    accounts.set(email, { password, roles })
  }
  return accounts
}

interface CaseRow {
  id: string
  case_ref: string
  nhs_number: string | null
  nhs_number_missing_reason: string | null
  date_of_birth: string
  date_of_death: string
  notified_at: string
  sex: string
  ethnicity: string
  postcode: string | null
  place_of_death: string | null
  expected: string
  status: string
  on_hold_reason: string | null
  status_before_hold: string | null
  review_date: string | null
  category: number | null
  modifiable_factors: string | null
  preventability: string | null
  jar_required: boolean | null
  jar_triggers: string[]
  jar_date: string | null
  family_leaflet_sent_on: string | null
  imported: boolean
  created_by: string
}

interface ChangeRow {
  case_id: string
  from_status: string | null
  to_status: string
  reason_code: string | null
  reason: string | null
  changed_by: string
  changed_at: Date
}

const select = <T extends object>(t: TestApp, sql: string) => t.db.sequelize.query<T>(sql, { type: QueryTypes.SELECT })

describe('npm run db:seed:demo', () => {
  let t: TestApp
  beforeAll(() => {
    t = createTestApp()
  })
  beforeEach(() => resetDatabase(t.db))
  afterAll(() => t.close())

  it('creates an account per role, printing passwords that work', async () => {
    const result = await cli(t, ['db:seed:demo'])
    expect(result).toMatchObject({ code: 0, err: '' })
    expect(result.out).toContain('Created 300 demo cases.')
    expect(result.out).toContain(`sign in at ${config.baseUrl}/sign-in`)
    // The README tells newcomers to run npm start; the closing line names the same command.
    expect(result.out).toContain('Start the app with "npm start"')
    expect(result.out).not.toContain('npm run dev')

    const printed = printedAccounts(result.out)
    expect([...printed.keys()].sort()).toEqual(seeder.DEMO_USERS.map(u => u.email).sort())
    for (const demo of seeder.DEMO_USERS) {
      const user = await t.services.userService.findByEmail(demo.email)
      const { password, roles: printedRoles } = printed.get(demo.email)!
      expect(user).toMatchObject({ name: demo.name, roles: demo.roles, active: true })
      expect(printedRoles).toBe(demo.roles.join(', '))
      expect(user!.passwordHash).toMatch(/^\$argon2id\$/)
      expect(await hasher.verify(user!.passwordHash, password)).toBe(true)
    }
    // Every role, and the account creations are in the audit log like any other.
    expect(new Set(seeder.DEMO_USERS.flatMap(u => u.roles))).toEqual(new Set(roles.codes))
    expect(await t.db.models.AuditEvent.count({ where: { action: 'user_created' } })).toBe(5)
  })

  it('creates 300 fictional cases in every status, spread over the years, that keep every rule', async () => {
    expect((await cli(t, ['db:seed:demo'])).code).toBe(0)
    const today = todayInLondon(new Date())
    const cases = await select<CaseRow>(t, 'SELECT * FROM cases')
    const coordinator = await t.services.userService.findByEmail('coordinator@demo.example')
    expect(cases).toHaveLength(seeder.DEMO_CASE_COUNT)
    expect(cases.every(c => c.created_by === coordinator!.id)).toBe(true)

    const values = (pick: (c: CaseRow) => unknown) => new Set(cases.map(pick))
    expect(values(c => c.status)).toEqual(new Set(caseStatuses.codes))
    expect(values(c => c.sex)).toEqual(new Set(sexes.codes))
    expect(values(c => c.ethnicity)).toEqual(new Set(ethnicities.codes))
    expect(values(c => c.place_of_death)).toEqual(new Set(placesOfDeath.codes))
    const newEra = cases.filter(c => !c.imported)
    expect(new Set(newEra.map(c => financialYearOf(c.date_of_death)))).toEqual(
      new Set(financialYearRange('2019-20', financialYearOf(today))),
    )

    // Realistic shape: most deaths under a year old, about 40% unexpected, half with an NHS number.
    const share = (list: CaseRow[], test: (c: CaseRow) => boolean) => list.filter(test).length / list.length
    expect(share(cases, c => ['0_27d', '28_364d'].includes(ageBand(c.date_of_birth, c.date_of_death)))).toBeGreaterThan(
      0.5,
    )
    expect(share(cases, c => c.expected === 'unexpected')).toBeGreaterThan(0.3)
    expect(share(cases, c => c.expected === 'unexpected')).toBeLessThan(0.5)
    expect(share(newEra, c => c.nhs_number !== null)).toBeGreaterThan(0.35)
    expect(share(newEra, c => c.nhs_number !== null)).toBeLessThan(0.65)

    for (const c of cases) {
      if (c.nhs_number) expect(isValidNhsNumber(c.nhs_number)).toBe(true)
      if (!c.nhs_number && !c.imported) expect(nhsNumberMissingReasons.has(c.nhs_number_missing_reason)).toBe(true)
      expect(normalisePostcode(c.postcode!)).toBe(c.postcode)
      for (const date of [c.date_of_death, c.notified_at, c.review_date, c.jar_date, c.family_leaflet_sent_on]) {
        if (date) expect(date < today).toBe(true)
      }
      if (c.status === 'on_hold') {
        expect(c.on_hold_reason).not.toBeNull()
        expect(isOpenStatus(c.status_before_hold as never)).toBe(true)
      } else {
        expect([c.on_hold_reason, c.status_before_hold]).toEqual([null, null])
      }
      if (c.status === 'reviewed') {
        expect(c.review_date! >= c.date_of_death).toBe(true)
        expect(c.category).toBeGreaterThanOrEqual(1)
        expect(c.category).toBeLessThanOrEqual(10)
        // Preventability alone only for legacy reviews before April 2010; modifiable factors after.
        if (c.review_date! < '2010-04-01')
          expect([c.modifiable_factors, c.preventability !== null]).toEqual([null, true])
        else expect([c.modifiable_factors !== null, c.preventability]).toEqual([true, null])
      } else {
        expect([c.review_date, c.category, c.modifiable_factors]).toEqual([null, null, null])
      }
      if (c.jar_required) {
        expect(c.expected).toBe('unexpected')
        expect(c.jar_triggers.length).toBeGreaterThan(0)
        expect(c.jar_triggers.every(trigger => jarTriggers.has(trigger))).toBe(true)
        expect(c.jar_date! >= c.date_of_death).toBe(true)
      }
    }
    expect(cases.filter(c => c.imported).every(c => c.review_date! < '2010-04-01')).toBe(true)

    // Families still without information more than 7 days after notification, for the dashboard.
    const overdue = cases.filter(
      c =>
        (isOpenStatus(c.status as never) || c.status === 'on_hold') &&
        !c.family_leaflet_sent_on &&
        daysBetween(c.notified_at, today) > 7,
    )
    expect(overdue.length).toBeGreaterThan(0)
  })

  it('allocates references through the counters and records each status a case went through', async () => {
    expect((await cli(t, ['db:seed:demo'])).code).toBe(0)
    const cases = await select<CaseRow>(t, 'SELECT * FROM cases')
    const coordinator = await t.services.userService.findByEmail('coordinator@demo.example')

    const maxSeq = new Map<number, number>()
    for (const c of cases.filter(x => !x.imported)) {
      const ref = parseCaseRef(c.case_ref)
      expect(ref?.year).toBe(Number(c.notified_at.slice(0, 4)))
      maxSeq.set(ref!.year, Math.max(maxSeq.get(ref!.year) ?? 0, ref!.seq))
    }
    const counters = await select<{ year: number; last_value: number }>(t, 'SELECT * FROM case_ref_counters')
    expect(new Map(counters.map(c => [c.year, c.last_value]))).toEqual(maxSeq)
    // Within a year, references follow the order of notification.
    const refsInOrder = cases
      .filter(c => !c.imported)
      .sort((a, b) => a.case_ref.localeCompare(b.case_ref))
      .map(c => c.notified_at)
    expect(refsInOrder).toEqual([...refsInOrder].sort())

    const changes = await select<ChangeRow>(t, 'SELECT * FROM case_status_changes ORDER BY case_id, changed_at, id')
    const byCase = new Map<string, ChangeRow[]>()
    changes.forEach(ch => byCase.set(ch.case_id, [...(byCase.get(ch.case_id) ?? []), ch]))
    expect(byCase.size).toBe(cases.length)
    for (const c of cases) {
      const history = byCase.get(c.id)!
      expect(history[0].from_status).toBeNull()
      expect(history[0].to_status).toBe(c.imported ? 'reviewed' : 'notified')
      expect(history[history.length - 1].to_status).toBe(c.status)
      history.slice(1).forEach((ch, i) => {
        expect(ch.from_status).toBe(history[i].to_status)
        expect(ch.changed_at.getTime()).toBeGreaterThan(history[i].changed_at.getTime())
      })
      expect(history.every(ch => ch.changed_by === coordinator!.id && ch.changed_at.getTime() < Date.now())).toBe(true)
      for (const ch of history) {
        if (ch.to_status === 'on_hold') expect(ch.reason_code).not.toBeNull()
        if (['on_hold', 'transferred_out', 'out_of_scope'].includes(ch.to_status)) expect(ch.reason).toBeTruthy()
      }
    }
  })

  it('starts after references already given, whether counted or taken by an import', async () => {
    await t.db.sequelize.query('INSERT INTO case_ref_counters (year, last_value) VALUES (2024, 7)')
    await t.db.sequelize.query(
      `INSERT INTO cases (case_ref, date_of_birth, date_of_death, sex, expected, notified_at, imported)
       VALUES ('CDOP-2025-0042', '2025-01-01', '2025-02-01', 'female', 'expected', '2025-02-02', true)`,
    )
    expect((await cli(t, ['db:seed:demo'])).code).toBe(0)
    const firsts = await select<{ year: string; first: number }>(
      t,
      `SELECT substring(case_ref, 6, 4) AS year, min(substring(case_ref, 11)::int) AS first FROM cases
       WHERE case_ref LIKE 'CDOP-%' AND case_ref <> 'CDOP-2025-0042' GROUP BY 1`,
    )
    const first = new Map(firsts.map(f => [f.year, f.first]))
    expect(first.get('2024')).toBe(8)
    expect(first.get('2025')).toBe(43)
    expect(first.get('2023')).toBe(1)
  })

  it('run again, gives the demo accounts new passwords and adds no cases', async () => {
    const first = await cli(t, ['db:seed:demo'])
    const second = await cli(t, ['db:seed:demo'])
    expect(second).toMatchObject({ code: 0, err: '' })
    expect(second.out).toContain('Demo cases already exist (300); none added.')
    expect(second.out).toContain('0 created, 5 given new passwords')
    expect(await t.db.models.Case.count()).toBe(300)
    expect(await t.db.models.CaseStatusChange.count({ where: { fromStatus: null } })).toBe(300)
    expect(await t.db.models.User.count()).toBe(5)

    const before = printedAccounts(first.out)
    const after = printedAccounts(second.out)
    for (const demo of seeder.DEMO_USERS) {
      const user = await t.services.userService.findByEmail(demo.email)
      expect(after.get(demo.email)!.password).not.toBe(before.get(demo.email)!.password)
      expect(await hasher.verify(user!.passwordHash, after.get(demo.email)!.password)).toBe(true)
      expect(await hasher.verify(user!.passwordHash, before.get(demo.email)!.password)).toBe(false)
    }
  })

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
    expect(await t.db.models.User.count()).toBe(0)
  })

  describe('the seeder file', () => {
    const hashes = Object.fromEntries(seeder.DEMO_USERS.map(u => [u.email, `hash of ${u.email}`]))

    it('gives the same cases for the same day', () => {
      expect(seeder.generateDemoCases({ today: '2026-11-23' })).toEqual(
        seeder.generateDemoCases({ today: '2026-11-23' }),
      )
    })

    it.each(['2026-04-01', '2027-02-28', '2028-02-29', '2029-12-31'])(
      'keeps every database rule when today is %s',
      async today => {
        const result = await seeder.up(t.db.sequelize.getQueryInterface(), Sequelize, { passwordHashes: hashes, today })
        expect(result).toMatchObject({ usersCreated: 5, casesCreated: 300 })
        const statuses = await select<{ status: string }>(t, 'SELECT DISTINCT status FROM cases')
        expect(statuses).toHaveLength(caseStatuses.codes.length)
      },
    )

    it('refuses to run without password hashes (as sequelize-cli would call it)', async () => {
      await expect(seeder.up(t.db.sequelize.getQueryInterface(), Sequelize, {} as never)).rejects.toThrow(
        'npm run db:seed:demo',
      )
      expect(await t.db.models.User.count()).toBe(0)
    })

    it('down removes the demo cases and accounts', async () => {
      await seeder.up(t.db.sequelize.getQueryInterface(), Sequelize, { passwordHashes: hashes })
      await seeder.down(t.db.sequelize.getQueryInterface())
      expect(await t.db.models.Case.count()).toBe(0)
      expect(await t.db.models.CaseStatusChange.count()).toBe(0)
      expect(await t.db.models.User.count()).toBe(0)
    })
  })
})
