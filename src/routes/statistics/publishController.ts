import { Request, Response } from 'express'
import createError from 'http-errors'
import type PublicationService from '../../services/statistics/publicationService'
import { MAX_REASON_LENGTH } from '../../services/statistics/publicationService'
import ServiceError from '../../services/serviceError'
import { reportTables } from '../../presenters/reportView'
import { auditContext } from '../auditContextOf'
import { releasePath } from './releasesController'
import paths from '../../paths'

export const PUBLISH_PATH = paths.statistics.publish

/** A form field as one string: absent is empty; repeated or nested is refused. */
function field(source: Record<string, unknown> | undefined, name: string, max: number): string {
  const value = source?.[name]
  if (value === undefined) return ''
  if (typeof value !== 'string') throw createError(400, `Send ${name} once, as text`)
  return value.slice(0, max + 1).trim()
}

/**
 * Publishing a release (statistics.md §5), coordinators and administrators: choose a period, see
 * the release exactly as it would go out with its notes and the figures the check across releases
 * hid, then confirm. A period that cannot be published says why and what can be instead.
 */
export default class PublishController {
  constructor(private readonly publicationService: PublicationService) {}

  view = async (req: Request, res: Response): Promise<void> => {
    const period = field(req.query as Record<string, unknown>, 'period', 40)
    const reason = field(req.query as Record<string, unknown>, 'reason', MAX_REASON_LENGTH)
    const localAuthority = field(req.query as Record<string, unknown>, 'local_authority', 100)
    await this.render(req, res, period, reason, null, localAuthority)
  }

  submit = async (req: Request, res: Response): Promise<void> => {
    const body = req.body as Record<string, unknown>
    const period = field(body, 'period', 40)
    const reason = field(body, 'reason', MAX_REASON_LENGTH)
    const localAuthority = field(body, 'local_authority', 100)
    if (field(body, 'confirm', 10) !== 'yes') {
      return this.render(
        req,
        res.status(400),
        period,
        reason,
        'Confirm that this release is ready to publish',
        localAuthority,
      )
    }
    const user = req.user as Express.User
    try {
      const stored = await this.publicationService.publish(
        period,
        reason || null,
        { name: user.name },
        auditContext(req),
        localAuthority || undefined,
      )
      req.session.flash = [
        {
          type: 'success',
          text: `Published ${stored.period}${stored.localAuthority ? ` for ${stored.localAuthority}` : ''} version ${stored.version}: public health can now see it`,
        },
      ]
      return res.redirect(releasePath(stored))
    } catch (error) {
      if (!ServiceError.is(error, 'refused')) throw error
      return this.render(req, res.status(409), period, reason, error.message, localAuthority)
    }
  }

  private async render(
    req: Request,
    res: Response,
    period: string,
    reason: string,
    error: string | null,
    localAuthority = '',
  ) {
    const periods = await this.publicationService.publishablePeriods()
    const preview = period
      ? await this.publicationService.preview(period, reason || null, undefined, localAuthority || undefined)
      : null
    if (preview && !preview.ok && res.statusCode === 200) res.status(409)
    res.render('pages/statistics/publish', {
      period,
      reason,
      localAuthority,
      authorities: await this.publicationService.authorityNames(),
      periods,
      error,
      preview: preview?.ok ? { ...preview, tables: reportTables(preview.release, []) } : null,
      refusal: preview && !preview.ok ? preview : null,
      csrfFieldName: undefined,
      userName: req.user?.name,
    })
  }
}
