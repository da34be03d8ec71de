import { randomInt } from 'node:crypto'
import path from 'node:path'
import { QueryInterface, Sequelize } from 'sequelize'
import { rootDir } from '../../config'
import type { Role } from '../../domain/codes'
import { checkPassword } from '../../domain/passwordPolicy'
import paths from '../../paths'
import PasswordHasher from '../../services/passwordHasher'
import type { Command } from '../command'
import { seedDemoAgencyData, type DemoAgencyResult } from '../demoAgencyData'
import { CliError } from '../io'

export const DEMO_SEEDER_FILE = path.join(rootDir, 'seeders', '20261123000001-demo-data.js')

export interface DemoUser {
  email: string
  name: string
  roles: Role[]
}

export interface DemoSeedResult {
  usersCreated: number
  usersReset: number
  casesCreated: number
  existingCases: number
}

/** What seeders/20261123000001-demo-data.js exports (plain JS, in sequelize-cli seeder format). */
export interface DemoSeeder {
  DEMO_USERS: DemoUser[]
  DEMO_CASE_COUNT: number
  up: (
    queryInterface: QueryInterface,
    sequelize: typeof Sequelize,
    options: { passwordHashes: Record<string, string>; today?: string },
  ) => Promise<DemoSeedResult>
  down: (queryInterface: QueryInterface) => Promise<void>
  generateDemoCases: (options?: { today?: string; seed?: number }) => Record<string, unknown>[]
}

export function loadDemoSeeder(): DemoSeeder {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(DEMO_SEEDER_FILE) as DemoSeeder
}

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
  summary: 'Add demo accounts (one per role, passwords printed) and fictional cases; refused in production',
  usage: `npm run db:seed:demo

Creates admin@demo.example, coordinator@demo.example, panel@demo.example, panel2@demo.example and
analyst@demo.example with new random passwords, printed once, and a few hundred fictional cases.
Run again, it gives the demo accounts new passwords and adds no more cases.`,

  async run(_args, { io, config, openDatabase }) {
    if (config.production) {
      throw new CliError(
        'db:seed:demo is refused in production: demo accounts with printed passwords and fictional cases must never reach a live service.',
      )
    }
    const seeder = loadDemoSeeder()
    // Passwords never touch the repository: made up here, printed once, and only their hashes go
    // into the seeder (the third argument of its up()).
    const hasher = new PasswordHasher()
    const accounts: (DemoUser & { password: string; hash: string })[] = []
    // One at a time: each argon2id hash takes 64 MiB, and five at once gain little.
    for (const user of seeder.DEMO_USERS) {
      const password = demoPassword(user)
      accounts.push({ ...user, password, hash: await hasher.hash(password) })
    }
    const opened = await openDatabase()
    let result: DemoSeedResult
    let agencyData: DemoAgencyResult | null = null
    try {
      result = await seeder.up(opened.db.sequelize.getQueryInterface(), Sequelize, {
        passwordHashes: Object.fromEntries(accounts.map(a => [a.email, a.hash])),
      })
      // Requests for information and joint agency response events, through the services, once.
      if (!(await opened.db.models.AgencyRequest.count())) {
        const coordinator = await opened.db.models.User.findOne({
          where: { email: 'coordinator@demo.example' },
          attributes: ['id'],
        })
        agencyData = await seedDemoAgencyData(opened.db, config, coordinator?.id ?? null)
      }
    } finally {
      await opened.close()
    }

    const out = (line = '') => io.stdout.write(`${line}\n`)
    out('Demo data (all fictional). Keep it away from live services.')
    out()
    out(
      result.usersReset
        ? `Demo accounts (${result.usersCreated} created, ${result.usersReset} given new passwords):`
        : 'Demo accounts:',
    )
    const emailWidth = Math.max(...accounts.map(a => a.email.length)) + 2
    const passwordWidth = Math.max(...accounts.map(a => a.password.length)) + 2
    accounts.forEach(a =>
      out(`  ${a.email.padEnd(emailWidth)}${a.password.padEnd(passwordWidth)}${a.roles.join(', ')}`),
    )
    out('These passwords are shown only now; run the command again for new ones.')
    out()
    out(
      result.casesCreated
        ? `Created ${result.casesCreated} demo cases.`
        : `Demo cases already exist (${result.existingCases}); none added.`,
    )
    if (agencyData)
      out(
        `Created ${agencyData.requests} requests for information (${agencyData.received} answered, ${agencyData.overdue} overdue and reminded, ${agencyData.escalated} escalated to the agency's lead) and ${agencyData.jarEvents} joint agency response events.`,
      )
    out()
    out(`Start the app with "npm start" and sign in at ${config.baseUrl}${paths.signIn}`)
    return 0
  },
}

export default dbSeedDemo
