import { parseArgs } from 'node:util'
import { roles } from '../../domain/codes'
import { checkPassword } from '../../domain/passwordPolicy'
import { createServices } from '../../services'
import { systemContext } from '../../services/auditContext'
import ServiceError from '../../services/serviceError'
import type { Command } from '../command'
import { CliError, readPassword } from '../io'

const usersCreate: Command = {
  name: 'users:create',
  summary: 'Create an account (the password is asked for, never given as an argument)',
  usage: `npm run cdop -- users:create --email EMAIL --name "FULL NAME" --role ROLE [--role ROLE]

Roles: ${roles.codes.join(', ')}
At a terminal the password is asked for twice without being shown; otherwise the first line of
standard input is the password, e.g.  printf '%s\\n' "$PASSWORD" | npm run cdop -- users:create ...`,

  async run(args, { io, config, openDatabase }) {
    const { values } = parseArgs({
      args,
      options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string', multiple: true } },
      strict: true,
    })
    const email = values.email?.trim() ?? ''
    const name = values.name?.trim() ?? ''
    const requested = (values.role ?? [])
      .flatMap(r => r.split(','))
      .map(r => r.trim())
      .filter(Boolean)
    const problems: string[] = []
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) problems.push('--email must be an email address')
    if (!name || name.length > 200) problems.push('--name must be a full name of 200 characters or fewer')
    if (requested.length === 0) problems.push('--role is required')
    const unknown = requested.filter(r => !roles.has(r))
    if (unknown.length) problems.push(`unknown role ${unknown.join(', ')}: use ${roles.codes.join(', ')}`)
    if (problems.length) throw new CliError(problems.join('\n'))

    const password = await readPassword(io)
    const weak = checkPassword(password, { email, name })
    if (weak) throw new CliError(weak)

    const opened = await openDatabase()
    try {
      const services = createServices(opened.db, config)
      const user = await services.userService.create(
        { email, name, roles: requested.filter(roles.has), password },
        systemContext(),
      )
      io.stdout.write(`Created ${user.name} <${user.email}> with roles: ${user.roles.join(', ')}\n`)
      return 0
    } catch (error) {
      if (ServiceError.is(error, 'duplicate')) throw new CliError(error.message)
      throw error
    } finally {
      await opened.close()
    }
  },
}

export default usersCreate
