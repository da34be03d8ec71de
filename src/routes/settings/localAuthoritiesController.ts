import { Request, Response } from 'express'
import createError from 'http-errors'
import { MAX_AUTHORITY_NAME_LENGTH, authorityCode } from '../../domain/localAuthorities'
import paths from '../../paths'
import type LocalAuthorityService from '../../services/localAuthorities/localAuthorityService'
import { UUID, listVersionOf, type LocalAuthority } from '../../services/localAuthorities/localAuthorityService'
import ServiceError from '../../services/serviceError'
import { addError, FormErrors, hasErrors, noErrors, text } from '../../utils/formErrors'
import { auditContext } from '../auditContextOf'

const ACTIONS = ['remove', 'up', 'down'] as const
type MoveAction = (typeof ACTIONS)[number]

/**
 * The local authorities the panel covers: one page lists them in order with an add form, and each
 * row's buttons remove it or move it up or down. Every form carries the list's version.
 */
export default class LocalAuthoritiesController {
  constructor(private readonly localAuthorityService: LocalAuthorityService) {}

  list = async (_req: Request, res: Response): Promise<void> => {
    const list = await this.localAuthorityService.list()
    this.render(res, list, '', noErrors())
  }

  add = async (req: Request, res: Response): Promise<void> => {
    const listVersion = text(req.body, 'list_version', 100)
    // Read a little past the limit, so an oversized name is refused as such rather than cut to fit.
    const name = text(req.body, 'name', MAX_AUTHORITY_NAME_LENGTH + 1000)
    const errors = noErrors()
    if (hasErrors(errors)) return this.render(res.status(400), await this.localAuthorityService.list(), name, errors)
    try {
      await this.localAuthorityService.change({ kind: 'add', name }, listVersion, auditContext(req))
    } catch (error) {
      return this.refused(error, res, name, errors, 'name')
    }
    req.session.flash = [{ type: 'success', text: `${name} added to the local authorities` }]
    return res.redirect(paths.settings.localAuthorities)
  }

  move = async (req: Request, res: Response): Promise<void> => {
    const id = String(req.params.localAuthorityId ?? '')
    if (!UUID.test(id)) throw createError(404, 'Local authority not found')
    const action = text(req.body, 'action', 20) as MoveAction
    if (!ACTIONS.includes(action)) throw createError(400, 'Choose to remove the authority or move it up or down')
    const listVersion = text(req.body, 'list_version', 100)
    const errors = noErrors()
    if (hasErrors(errors)) return this.render(res.status(400), await this.localAuthorityService.list(), '', errors)
    let next: LocalAuthority[]
    try {
      next = await this.localAuthorityService.change({ kind: action, id }, listVersion, auditContext(req))
    } catch (error) {
      return this.refused(error, res, '', errors, 'local-authorities', '#local-authorities')
    }
    const moved = action === 'remove' ? null : next.find(a => a.id === id)
    req.session.flash = [
      { type: 'success', text: moved ? `${moved.name} moved ${action}` : 'Local authority removed from the list' },
    ]
    return res.redirect(paths.settings.localAuthorities)
  }

  private async refused(
    error: unknown,
    res: Response,
    name: string,
    errors: FormErrors,
    field: string,
    href?: string,
  ): Promise<void> {
    if (!ServiceError.is(error)) throw error
    const current = await this.localAuthorityService.list()
    const message =
      error.code === 'stale_version'
        ? `${error.message}. The list is shown as it is now: check it, then try again`
        : error.message
    addError(errors, field, message, href)
    this.render(res.status(error.code === 'invalid' ? 400 : 409), current, name, errors)
  }

  private render(res: Response, list: LocalAuthority[], name: string, errors: FormErrors) {
    res.render('pages/settings/local-authorities', {
      rows: list.map(a => ({ ...a, code: authorityCode(a.name) })),
      listVersion: listVersionOf(list),
      name,
      maxLength: MAX_AUTHORITY_NAME_LENGTH,
      ...errors,
    })
  }
}
