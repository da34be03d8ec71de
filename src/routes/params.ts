import type { NextFunction, Request, RequestHandler, Response, Router } from 'express'
import createError from 'http-errors'
import { recordId } from '../domain/ids'

type ParamHandler = (req: Request, res: Response, next: NextFunction, value: string) => unknown

/** What each id in a URL names, for the 404 page a malformed one gets. */
const NOT_FOUND = {
  caseId: 'Case not found',
  otherId: 'Case not found',
  meetingId: 'Meeting not found',
  memberId: 'Member not found',
  itemId: 'Agenda item not found',
  declarationId: 'Declaration not found',
  requestId: 'Request not found',
  eventId: 'Event not found',
  messageId: 'Message not found',
  actionId: 'Action not found',
  userId: 'Account not found',
  releaseId: 'There is no published release at this address',
  localAuthorityId: 'Local authority not found',
} as const

export type IdParam = keyof typeof NOT_FOUND

/**
 * The schema check every id in a URL passes before anything reads it: a malformed one is the 404
 * page (never a database error, never a 500). `onMalformed` lets a loader that hides whether a
 * record exists (a meeting to someone not invited) give its usual answer instead.
 */
export const validId =
  (name: IdParam, onMalformed?: (req: Request) => Error): ParamHandler =>
  (req, _res, next, value) => {
    if (recordId.safeParse(value).success) return next()
    return next(onMalformed ? onMalformed(req) : createError(404, NOT_FOUND[name]))
  }

/**
 * Registers the id check for each named param of the router and then, when given, the loader that
 * puts the record into res.locals: `idParams(router, { caseId: loadCase(...), requestId: loadRequest(...) })`.
 */
export function idParams(
  router: Router,
  loaders: Partial<Record<IdParam, ParamHandler | RequestHandler | null>>,
): void {
  for (const [name, loader] of Object.entries(loaders)) {
    router.param(name, validId(name as IdParam))
    if (loader) router.param(name, loader as ParamHandler)
  }
}
