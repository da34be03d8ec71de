import { Request, Response } from 'express'
import createError from 'http-errors'
import type { User } from '../../db/models'
import type AccountLinkService from '../../services/accountLinkService'
import type SecondFactorService from '../../services/secondFactorService'
import type UserService from '../../services/userService'
import ServiceError from '../../services/serviceError'
import { auditContext } from '../auditContextOf'
import { roles as roleCodes } from '../../domain/codes'
import {
  type ConflictRow,
  conflictErrors,
  conflictRows,
  type StaleEditQuestion,
  startedFrom,
} from '../../forms/staleEdit'
import { addError, FormErrors, hasErrors, noErrors } from '../../utils/formErrors'
import { AccountValues, readAccountForm } from '../../forms/accountForm'
import paths from '../../paths'

type Shown = Record<string, string>

/** The account's answers as the conflict table shows them, from the form's values or the stored account. */
const shown = (values: { name?: unknown; roles?: unknown }): Shown => ({
  name: typeof values.name === 'string' ? values.name : '',
  roles: (Array.isArray(values.roles) ? values.roles : [])
    .filter((role): role is string => typeof role === 'string')
    .map(role => roleCodes.label(role))
    .join(', '),
})

const QUESTIONS: StaleEditQuestion<Shown>[] = [
  { label: 'Name', show: v => v.name ?? '' },
  { label: 'Roles', show: v => v.roles ?? '' },
]

export default class EditUserController {
  constructor(
    private readonly userService: UserService,
    private readonly accountLinkService: AccountLinkService,
    private readonly secondFactorService: SecondFactorService,
  ) {}

  view = async (req: Request, res: Response): Promise<void> => {
    const account = await this.load(req)
    await this.render(
      res,
      account,
      { name: account.name, email: account.email, roles: account.roles },
      account.version,
      noErrors(),
    )
  }

  submit = async (req: Request, res: Response): Promise<void> => {
    const account = await this.load(req)
    const { values, errors } = readAccountForm(req.body, { withRoles: true, withEmail: false })
    values.email = account.email
    const version = Number(req.body.version)
    if (!Number.isInteger(version)) throw createError(400, 'The form is missing its version')
    const started = startedFrom<Shown>(req.body)
    if (hasErrors(errors)) return this.render(res.status(400), account, values, version, errors, started)
    try {
      await this.userService.update(account.id, { name: values.name, roles: values.roles, version }, auditContext(req))
    } catch (error) {
      if (ServiceError.is(error, 'stale_version')) {
        // Keep what this person typed, show what the other person saved, and let them save again on top.
        const fresh = await this.load(req)
        const current = shown(fresh)
        const conflicts = conflictRows(QUESTIONS, { started, current, typed: shown(values) })
        return this.render(
          res.status(409),
          fresh,
          values,
          fresh.version,
          conflictErrors('changed this account', errors),
          current,
          conflicts,
        )
      }
      if (ServiceError.is(error, 'refused')) {
        addError(errors, 'roles', error.message, '#roles')
        return this.render(res.status(400), account, values, version, errors, started)
      }
      throw error
    }
    req.session.flash = [{ type: 'success', text: `Account updated for ${values.name}` }]
    return res.redirect(paths.admin.users)
  }

  private async load(req: Request): Promise<User> {
    const account = await this.userService.findById(String(req.params.userId))
    if (!account) throw createError(404, 'Account not found')
    return account
  }

  private async render(
    res: Response,
    account: User,
    values: AccountValues,
    version: number,
    errors: FormErrors,
    started: Shown = shown(account),
    conflicts?: ConflictRow[],
  ) {
    res.render('pages/admin/edit-user', {
      account,
      values,
      version,
      startedFrom: JSON.stringify(started),
      conflicts,
      invited: !account.passwordHash,
      invitation: await this.accountLinkService.openInvitation(account.id),
      secondFactor: this.secondFactorService.isEnrolled(account),
      ...errors,
    })
  }
}
