import config from '../../../src/config'
import { createDatabase, type Database } from '../../../src/db'
import { fixedClock } from '../../../src/domain/clock'
import { createServices, type Services } from '../../../src/services'
import { systemContext } from '../../../src/services/auditContext'
import PasswordHasher, { CHEAPEST_ARGON2ID } from '../../../src/services/passwordHasher'
import { resetDatabase } from '../../helpers/testApp'

/** The composition root hands one clock to every service that decides a date. */
describe('the services’ clock', () => {
  let db: Database
  let services: Services
  const clock = fixedClock('2031-03-05T10:00:00Z')

  beforeAll(async () => {
    db = createDatabase({ url: process.env.DATABASE_URL!, poolMax: 2 })
    await resetDatabase(db)
    services = createServices(db, config, { passwordHasher: new PasswordHasher(CHEAPEST_ARGON2ID), clock })
  })
  afterAll(() => db.close())

  it('is the day every service calls today', () => {
    expect(services.clock).toBe(clock)
    for (const today of [
      services.caseService.today(),
      services.actionService.today(),
      services.meetingService.today(),
      services.meetingLifecycleService.today(),
      services.jarEventService.today(),
      services.agencyRequestService.today(),
    ])
      expect(today).toBe('2031-03-05')
  })

  it('decides which financial years are in the future', () => {
    expect(services.statisticsService.parsePeriod('2030-31').ok).toBe(true)
    expect(services.statisticsService.parsePeriod('2031-32').ok).toBe(false)
  })

  it('dates the expiry of account links', async () => {
    const user = await services.accountLinkService.invite(
      { name: 'Clock Person', email: 'clock.person@example.org', roles: ['coordinator'] },
      systemContext(),
    )
    const invitation = await services.accountLinkService.openInvitation(user.id)
    expect(invitation!.expiresAt.getTime()).toBe(
      clock.now().getTime() + config.accountLinks.invitationDays * 24 * 3_600_000,
    )
  })
})
