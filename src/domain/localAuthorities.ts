/**
 * Local authorities the panel covers (issue 12): the statistics' row codes for them and the rule by
 * which a case's free-text `local_authority` is matched to one. Pure.
 */

/** Row code of residents of every authority not listed (or none recorded). */
export const OTHER_AUTHORITY = 'other'

export const MAX_AUTHORITY_NAME_LENGTH = 100

/** How a case's authority and a listed name are compared: trimmed, whatever the case. */
export const matchKey = (name: string | null | undefined): string => (name ?? '').trim().toLowerCase()

/**
 * The stable row code of an authority: its name in lower case, every run of other characters an
 * underscore (`Central Bedfordshire` is `central_bedfordshire`). Empty when the name has no letter or digit.
 */
export function authorityCode(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
}

/** Codes the statistics tables use for rows of their own, so no authority may have them. */
const RESERVED_CODES = new Set([OTHER_AUTHORITY, 'total'])

/** Why a name cannot be added to `existing`, or null when it can. `name` is already trimmed. */
export function authorityNameProblem(name: string, existing: readonly string[]): string | null {
  if (!name) return 'Enter the name of the local authority'
  if (name.length > MAX_AUTHORITY_NAME_LENGTH) return `Name must be ${MAX_AUTHORITY_NAME_LENGTH} characters or fewer`
  const code = authorityCode(name)
  if (!code) return 'Name must contain a letter or a number'
  if (RESERVED_CODES.has(code)) return `“${name}” is a row of the statistics tables of its own: choose another name`
  const same = existing.find(other => matchKey(other) === matchKey(name))
  if (same) return `${same} is already in the list`
  const clash = existing.find(other => authorityCode(other) === code)
  if (clash)
    return `“${name}” would be counted under the same code as ${clash}: choose a name that differs in letters or numbers`
  return null
}
