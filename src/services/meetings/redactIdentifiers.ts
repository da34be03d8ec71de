/** The details that identify a child, to take out of any text a panel member will read. */
export interface CaseIdentifiers {
  givenNames?: string | null
  familyName?: string | null
  nhsNumber?: string | null
  postcode?: string | null
  /** ISO date, YYYY-MM-DD. */
  dateOfBirth?: string | null
  /** Other names to take out, such as the agency staff who wrote a report. */
  otherNames?: (string | null | undefined)[]
  /** Other dates to take out (ISO), such as the date of death where the text leaves the panel. */
  otherDates?: (string | null | undefined)[]
  /** Other exact words or codes to take out, such as the case reference. */
  otherTerms?: (string | null | undefined)[]
}

/** Which kind of identifier a text was found to hold, for saying why it was refused. */
export type IdentifierKind = 'date_of_birth' | 'other_date' | 'nhs_number' | 'postcode' | 'name' | 'term'

export const REDACTED = '[redacted]'

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
]

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

// Letters and digits on either side mean the match is part of a longer word or number.
const wordPattern = (body: string) => `(?<![\\p{L}\\p{N}])(?:${body})(?![\\p{L}\\p{N}])`
const numberPattern = (body: string) => `(?<![\\p{N}])(?:${body})(?![\\p{N}])`

// Titles are part of how a name is written, not of the name: "Dr Jo Bloggs" must not redact every "Dr".
const TITLES = new Set(['dr', 'mr', 'mrs', 'ms', 'miss', 'mx', 'prof', 'professor', 'sir', 'dame', 'rev', 'revd'])

/** Each name and each part of it ("Mary-Jane" gives "Mary-Jane", "Mary" and "Jane"), longest first. */
function nameParts(names: (string | null | undefined)[]): string[] {
  const parts = new Set<string>()
  names.forEach(name => {
    const whole = name?.trim().replace(/\s+/g, ' ')
    if (!whole) return
    parts.add(whole)
    whole
      .split(/[^\p{L}\p{N}']+/u)
      .map(part => part.replace(/^'+|'+$/g, ''))
      .filter(part => part.length >= 2 && !TITLES.has(part.toLowerCase()))
      .forEach(part => parts.add(part))
  })
  return [...parts].sort((a, b) => b.length - a.length)
}

/** Any spacing or punctuation between the parts of a name: "Mary Jane", "Mary-Jane", "Mary  Jane". */
const namePattern = (name: string) =>
  name
    .split(/[^\p{L}\p{N}']+/u)
    .filter(Boolean)
    .map(part => escape(part).replace(/'/g, "['’]?"))
    .join("[\\s\\-.'’]*")

/** "9434765919" with any spaces, hyphens or dots between the digits. */
const digitsPattern = (digits: string) => digits.split('').join('[\\s\\-.]*')

function datePatterns(iso: string): string[] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso)
  if (!match) return []
  const [, y, m, d] = match
  const month = Number(m)
  const day = Number(d)
  const dayPart = `0?${day}(?:st|nd|rd|th)?`
  const monthNumber = `0?${month}`
  const name = MONTHS[month - 1]
  const monthName = `${name.slice(0, 3)}${name === 'september' ? '(?:t|tember)?' : `(?:${name.slice(3)})?`}\\.?`
  const year = `(?:${y}|${y.slice(2)})`
  const sep = '[\\s/.\\-]+'
  const wordSep = '[\\s,.\\-/]+'
  return [
    `${dayPart}${sep}${monthNumber}${sep}${year}`, // 14/02/2024, 14-2-24, 14.02.2024
    `${y}${sep}${monthNumber}${sep}0?${day}`, // 2024-02-14, 2024/2/14
    `${y}${m}${d}`, // 20240214
    `${dayPart}(?:\\s+of)?${wordSep}${monthName}${wordSep}${year}`, // 14 February 2024, 14th of Feb 2024
    `${monthName}${wordSep}${dayPart}${wordSep}${year}`, // February 14, 2024
  ]
}

/** Each of a case's identifier patterns with its kind, in the order the redaction tries them. */
function identifierPatterns(ids: CaseIdentifiers): { kind: IdentifierKind; pattern: string }[] {
  const found: { kind: IdentifierKind; pattern: string }[] = []
  datePatterns(ids.dateOfBirth ?? '').forEach(p => found.push({ kind: 'date_of_birth', pattern: numberPattern(p) }))
  ;(ids.otherDates ?? []).forEach(date =>
    datePatterns(date ?? '').forEach(p => found.push({ kind: 'other_date', pattern: numberPattern(p) })),
  )
  const nhs = (ids.nhsNumber ?? '').replace(/\D/g, '')
  if (nhs.length >= 6) found.push({ kind: 'nhs_number', pattern: numberPattern(digitsPattern(nhs)) })
  const postcode = (ids.postcode ?? '').replace(/\s+/g, '').toUpperCase()
  if (postcode.length >= 5) {
    found.push({
      kind: 'postcode',
      pattern: wordPattern(`${escape(postcode.slice(0, -3))}\\s*${escape(postcode.slice(-3))}`),
    })
  }
  ;(ids.otherTerms ?? [])
    .map(term => term?.trim())
    .filter((term): term is string => !!term && term.length >= 3)
    .forEach(term => found.push({ kind: 'term', pattern: wordPattern(escape(term).replace(/-/g, '[\\s\\-]*')) }))
  const fullName = [ids.givenNames, ids.familyName].filter(Boolean).join(' ')
  nameParts([fullName, ids.givenNames, ids.familyName, ...(ids.otherNames ?? [])]).forEach(name =>
    found.push({ kind: 'name', pattern: wordPattern(namePattern(name)) }),
  )
  return found
}

/** One pattern for all of a case's identifiers, or null when the case has none to look for. */
function identifierPattern(ids: CaseIdentifiers): RegExp | null {
  const alternatives = identifierPatterns(ids).map(p => p.pattern)
  return alternatives.length ? new RegExp(alternatives.join('|'), 'giu') : null
}

/**
 * The kinds of the case's identifiers that a text still holds, by the same patterns as the
 * redaction (so a text with none of them is one the redaction would leave as it is).
 */
export function identifiersIn(text: string, ids: CaseIdentifiers): IdentifierKind[] {
  const kinds = new Set<IdentifierKind>()
  identifierPatterns(ids).forEach(({ kind, pattern }) => {
    if (!kinds.has(kind) && new RegExp(pattern, 'iu').test(text)) kinds.add(kind)
  })
  return [...kinds]
}

/**
 * Replaces the case's identifiers in a text with "[redacted]": given and family names (whole and
 * each part, any case), the NHS number however it is spaced, the postcode with or without its space,
 * and the date of birth in the common ways of writing it. It cannot know an address it was not given.
 */
export function redactIdentifiers(text: string, ids: CaseIdentifiers): string {
  const pattern = identifierPattern(ids)
  return pattern ? text.replace(pattern, REDACTED) : text
}

/** A redactor bound to one case, for running many strings through the same pattern. */
export function redactorFor(ids: CaseIdentifiers): (text: string) => string {
  const pattern = identifierPattern(ids)
  return text => (pattern ? text.replace(pattern, REDACTED) : text)
}
