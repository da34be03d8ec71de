import paths from './paths'

/**
 * What the person who started the service needs to read in their terminal: where it is and how
 * to sign in the first time. Written to the terminal, not the log, so the one-time setup link is
 * never shipped to a log store.
 */
export function startupMessage(options: {
  baseUrl: string
  setupToken: string | null
  setupLinkHours: number
}): string {
  const lines = [`\nChild death review service is running at ${options.baseUrl}\n`]
  if (options.setupToken) {
    lines.push(
      'No accounts exist yet. To create the first administrator, open this one-time link',
      `(it works once and expires in ${options.setupLinkHours} hours):\n`,
      `  ${options.baseUrl}${paths.setupWithToken(options.setupToken)}\n`,
      'Or create one from the command line: npm run cdop -- users:create --email … --name … --role admin',
      'To explore with fictional data first: npm run db:seed:demo\n',
    )
  } else {
    lines.push(`Sign in at ${options.baseUrl}${paths.signIn}\n`)
  }
  return `${lines.join('\n')}\n`
}
