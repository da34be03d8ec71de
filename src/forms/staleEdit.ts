import { addError, type FormErrors, noErrors } from '../utils/formErrors'

/**
 * The stale-edit conflict, written once: when someone else saved the record while this person was
 * editing it, the page comes back (409) with their answers still in the form and a table of each
 * question the other person changed — its value when this person opened the page, what the other
 * person saved, and what this person typed — rendered by views/partials/stale-edit-conflict.ejs.
 */
export interface ConflictRow {
  label: string
  /** The value when this person opened the page. */
  before: string
  /** What the other person saved since. */
  theirs: string
  /** What this person typed. */
  yours: string
}

/** One question of the form, shown the same way for each of the three versions of the values. */
export interface StaleEditQuestion<V> {
  label: string
  show: (values: V) => string
}

/** The rows of the questions whose shown value changed between opening the page and now. */
export function conflictRows<V>(
  questions: readonly StaleEditQuestion<V>[],
  versions: { started: V; current: V; typed: V },
): ConflictRow[] {
  return questions
    .filter(q => q.show(versions.started) !== q.show(versions.current))
    .map(q => ({
      label: q.label,
      before: q.show(versions.started),
      theirs: q.show(versions.current),
      yours: q.show(versions.typed),
    }))
}

type Raw = Record<string, string | string[]>

/**
 * The values the form started from travel with it as JSON (a hidden `started_from` field), to work
 * out what changed meanwhile. Anything that is not an object of strings (or lists of strings, when
 * `lists` is set) is dropped; an oversized or broken field reads as nothing.
 */
export function startedFrom<R extends Raw = Record<string, string>>(body: unknown, lists = false): R {
  try {
    const field = (body as Record<string, unknown> | undefined)?.started_from
    const parsed: unknown = JSON.parse(String(field ?? '{}').slice(0, 200_000))
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {} as R
    const isValue = (v: unknown) =>
      typeof v === 'string' || (lists && Array.isArray(v) && v.every(x => typeof x === 'string'))
    return Object.fromEntries(Object.entries(parsed).filter(([, v]) => isValue(v))) as R
  } catch {
    return {} as R
  }
}

/** The error summary line of a conflict, linking to the table: "Someone else saved this case while…". */
export function conflictErrors(what: string, into: FormErrors = noErrors()): FormErrors {
  addError(
    into,
    'conflict',
    `Someone else ${what} while you were editing it. Check their changes, then save yours again`,
  )
  return into
}
