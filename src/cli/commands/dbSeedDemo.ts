import { randomInt } from 'node:crypto'
import { QueryTypes } from 'sequelize'
import type { Role } from '../../domain/codes'
import { checkPassword } from '../../domain/passwordPolicy'
import paths from '../../paths'
import { createServices } from '../../services'
import type { AuditContext } from '../../services/auditContext'
import type { Command } from '../command'
import { DEMO_SEED, demoToday, planDemo, seedDemoData, type DemoSummary } from '../demoData'
import { CliError } from '../io'

export interface DemoUser {
  email: string
  name: string
  roles: Role[]
}

/** One account per role (two panel members: one chairs the meetings, one declares interests). */
export const DEMO_USERS: DemoUser[] = [
  { email: 'admin@demo.example', name: 'Demo Admin', roles: ['admin'] },
  { email: 'coordinator@demo.example', name: 'Demo Coordinator', roles: ['coordinator'] },
  { email: 'panel@demo.example', name: 'Demo Panel Chair', roles: ['panel_member'] },
  { email: 'panel2@demo.example', name: 'Demo Panel Member Two', roles: ['panel_member'] },
  { email: 'analyst@demo.example', name: 'Demo Public Health Analyst', roles: ['public_health'] },
]

// Serialises two seeding runs so that both cannot find "no demo data yet".
const SEED_LOCK_KEY = 726_001

// Short, common, unambiguous words: easy to read off the screen and type. Three of them and four
// digits give about 37 bits, plenty for demo accounts on a development database.
const WORDS = [
  'acorn',
  'amber',
  'anchor',
  'apple',
  'arrow',
  'aspen',
  'badger',
  'banjo',
  'barley',
  'basket',
  'beacon',
  'beetle',
  'biscuit',
  'bramble',
  'breeze',
  'bridge',
  'bucket',
  'button',
  'cabin',
  'cactus',
  'candle',
  'canyon',
  'carrot',
  'castle',
  'cedar',
  'cherry',
  'chimney',
  'cinder',
  'clover',
  'cobalt',
  'comet',
  'copper',
  'coral',
  'cotton',
  'cricket',
  'crystal',
  'daisy',
  'dolphin',
  'dragon',
  'ember',
  'falcon',
  'feather',
  'fennel',
  'fern',
  'fiddle',
  'forest',
  'fossil',
  'garden',
  'garnet',
  'ginger',
  'glacier',
  'granite',
  'gravel',
  'harbour',
  'hazel',
  'heron',
  'hollow',
  'honey',
  'island',
  'ivory',
  'jasmine',
  'jigsaw',
  'kettle',
  'kestrel',
  'kite',
  'ladder',
  'lantern',
  'lemon',
  'lichen',
  'linen',
  'lobster',
  'magnet',
  'maple',
  'marble',
  'meadow',
  'mitten',
  'morning',
  'mosaic',
  'nutmeg',
  'oatmeal',
  'orchard',
  'otter',
  'paddle',
  'pebble',
  'pepper',
  'pickle',
  'pillow',
  'pinecone',
  'planet',
  'pocket',
  'pumpkin',
  'quartz',
  'quill',
  'rabbit',
  'raven',
  'ribbon',
  'river',
  'rocket',
  'saddle',
  'saffron',
  'salmon',
  'sandal',
  'satchel',
  'shadow',
  'shell',
  'silver',
  'sparrow',
  'spruce',
  'squirrel',
  'stable',
  'summit',
  'teapot',
  'thimble',
  'thistle',
  'thunder',
  'timber',
  'toffee',
  'tulip',
  'tunnel',
  'velvet',
  'violin',
  'walnut',
  'willow',
  'window',
  'winter',
  'yarrow',
  'zephyr',
]

/** e.g. "otter-lantern-meadow-4729": three random words and four digits, always within the password policy. */
export function demoPassword(user: Pick<DemoUser, 'email' | 'name'>): string {
  for (;;) {
    const words = Array.from({ length: 3 }, () => WORDS[randomInt(WORDS.length)])
    const password = `${words.join('-')}-${String(randomInt(10_000)).padStart(4, '0')}`
    if (!checkPassword(password, user)) return password
  }
}

const dbSeedDemo: Command = {
  name: 'db:seed:demo',
  summary: 'Add demo accounts (one per role, passwords printed) and fictional demo data; refused in production',
  usage: `npm run db:seed:demo [-- --seed N]

Creates admin@demo.example, coordinator@demo.example, panel@demo.example, panel2@demo.example and
analyst@demo.example with new random passwords, printed once, and about 120 fictional cases with
their agency requests, meetings, reviews, actions, a family letter and a pair of duplicates, all
made through the services. The same seed on the same day gives the same data (default ${DEMO_SEED}).
Run again, it gives the demo accounts new passwords (and removes their second factor) and adds no data.`,

  async run(args, { io, config, openDatabase }) {
    if (config.production) {
      throw new CliError(
        'db:seed:demo is refused in production: demo accounts with printed passwords and fictional cases must never reach a live service.',
      )
    }
    let seed = DEMO_SEED
    for (let i = 0; i < args.length; i += 1) {
      if (args[i] === '--seed' && /^\d{1,9}$/.test(args[i + 1] ?? '')) {
        seed = Number(args[i + 1])
        i += 1
      } else throw new CliError(`Unknown option "${args[i]}". Usage: npm run db:seed:demo [-- --seed N]`)
    }
    const opened = await openDatabase()
    const { db } = opened
    // Nothing is e-mailed: with no mail server every message stays in the Outbox.
    const quiet = { ...config, mail: { ...config.mail, smtpUrl: undefined } }
    const services = createServices(db, quiet)
    const started = Date.now()
    const accounts: (DemoUser & { password: string })[] = []
    let created = 0
    let data: DemoSummary | null = null
    let existing: number
    const lock = await db.sequelize.transaction()
    try {
      const [{ locked }] = await db.sequelize.query<{ locked: boolean }>(
        `SELECT pg_try_advisory_xact_lock(${SEED_LOCK_KEY}) AS locked`,
        { type: QueryTypes.SELECT, transaction: lock },
      )
      if (!locked) throw new CliError('Another db:seed:demo is running on this database: wait for it to finish.')
      const system: AuditContext = { actorUserId: null, requestId: null, ip: null }
      // Accounts through the user service: created, or given a new password (and their second factor
      // removed, so the printed password is all it takes; with REQUIRE_MFA they set one up again).
      const ids: Record<string, string> = {}
      for (const user of DEMO_USERS) {
        const password = demoPassword(user)
        accounts.push({ ...user, password })
        let account = await services.userService.findByEmail(user.email)
        if (!account) {
          account = await services.userService.create({ ...user, password }, system)
          created += 1
        } else {
          if (!account.active) account = await services.userService.setActive(account.id, true, account.version, system)
          account = await services.userService.setPassword(account.id, password, account.version, system)
          if (account.mfaEnrolledAt) await services.secondFactorService.reset(account.id, account.version, system)
        }
        ids[user.email] = account.id
      }
      const coordinatorId = ids['coordinator@demo.example']
      // Idempotent: the demo data is the cases the demo coordinator notified; if there are any, none is added.
      existing = await db.models.Case.count({ where: { createdBy: coordinatorId } })
      if (!existing)
        data = await seedDemoData(
          db,
          quiet,
          planDemo(seed, demoToday()),
          { coordinatorId, chairId: ids['panel@demo.example'], memberId: ids['panel2@demo.example'] },
          services,
        )
    } finally {
      await lock.rollback()
      await opened.close()
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1)

    const out = (line = '') => io.stdout.write(`${line}\n`)
    out('Demo data (all fictional). Keep it away from live services.')
    out()
    out(
      created < DEMO_USERS.length
        ? `Demo accounts (${created} created, ${DEMO_USERS.length - created} given new passwords):`
        : 'Demo accounts:',
    )
    const emailWidth = Math.max(...accounts.map(a => a.email.length)) + 2
    const passwordWidth = Math.max(...accounts.map(a => a.password.length)) + 2
    accounts.forEach(a =>
      out(`  ${a.email.padEnd(emailWidth)}${a.password.padEnd(passwordWidth)}${a.roles.join(', ')}`),
    )
    out('These passwords are shown only now; run the command again for new ones.')
    out(
      config.mfa.required
        ? 'A second factor is required (REQUIRE_MFA): each account sets one up with an authenticator app at its first sign-in.'
        : 'No second factor is required here (REQUIRE_MFA is off): the password is enough to sign in.',
    )
    out()
    if (data) {
      const status = (s: keyof DemoSummary['byStatus']) => data!.byStatus[s] ?? 0
      out(
        `Created ${data.cases} demo cases (${status('reviewed')} reviewed, ${status('scheduled')} scheduled, ${status('ready_for_panel')} ready for panel, ${status('information_gathering')} in information gathering, ${status('notified')} notified, ${status('on_hold')} on hold, ${status('transferred_out')} transferred out, ${status('out_of_scope')} out of scope).`,
      )
      out(
        `Created ${data.meetings.held} held meetings with ${data.reviews} finalised reviews and their minutes, the next meeting with its agenda, and a cancelled one; ${data.actions.open} open actions (${data.actions.overdue} overdue) and ${data.actions.completed} completed with their evidence; a letter to a family.`,
      )
      out(
        `Created ${data.requests} requests for information (${data.received} answered, ${data.overdue} overdue and reminded, ${data.escalated} escalated to the agency's lead) and ${data.jarEvents} joint agency response events.`,
      )
      out(`Cases ${data.duplicatePair[0]} and ${data.duplicatePair[1]} are the same child: try merging them.`)
      out(`Made through the services in ${seconds} seconds (seed ${seed}).`)
    } else out(`Demo data already exists (${existing} cases); none added.`)
    out()
    out(`Start the app with "npm start" and sign in at ${config.baseUrl}${paths.signIn}`)
    return 0
  },
}

export default dbSeedDemo
