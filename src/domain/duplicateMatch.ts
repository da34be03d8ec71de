import { daysBetween, isValidIsoDate, type IsoDate } from './dates'

/**
 * Possible duplicate cases, found the way people actually make mistakes (issue 11): the same NHS
 * number; or a similar name (family name and given names possibly swapped) with a date of birth
 * that is equal, has its day and month swapped, or is one digit off, and a date of death within a
 * few days. The database narrows the candidates with indexes (`birthDateVariants`, the death
 * window); `matchDuplicate` decides, and says what matched so the coordinator can judge.
 */

export interface PersonKey {
  nhsNumber?: string | null
  givenNames?: string | null
  familyName?: string | null
  dateOfBirth?: IsoDate | null
  dateOfDeath?: IsoDate | null
  sex?: string | null
}

export type MatchReason =
  | 'nhs_number'
  | 'same_name'
  | 'name_similar'
  | 'names_swapped'
  | 'date_of_birth'
  | 'date_of_birth_day_month_swapped'
  | 'date_of_birth_one_digit'
  | 'date_of_death'
  | 'date_of_death_near'
  | 'birth_death_sex'

export const MATCH_REASON_LABELS: Record<MatchReason, string> = {
  nhs_number: 'NHS number',
  same_name: 'same name',
  name_similar: 'name similar',
  names_swapped: 'family name and given names swapped',
  date_of_birth: 'date of birth',
  date_of_birth_day_month_swapped: 'date of birth with day and month swapped',
  date_of_birth_one_digit: 'date of birth one digit different',
  date_of_death: 'date of death',
  date_of_death_near: 'date of death within a few days',
  birth_death_sex: 'same date of birth, date of death and sex',
}

/** How many days apart two dates of death may be and still suggest the same child. */
export const DEATH_WINDOW_DAYS = 7
/** pg_trgm's default similarity threshold: below it, two names are not alike. */
export const NAME_SIMILARITY_THRESHOLD = 0.3

/** The trigrams of a text as pg_trgm makes them: lower case, per word, padded "  w" … "d ". */
export function trigrams(value: string): Set<string> {
  const grams = new Set<string>()
  value
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .forEach(word => {
      const padded = `  ${word} `
      for (let i = 0; i + 3 <= padded.length; i += 1) grams.add(padded.slice(i, i + 3))
    })
  return grams
}

/** pg_trgm's similarity(): shared trigrams over all trigrams of both; 0 when either is empty. */
export function trigramSimilarity(a: string, b: string): number {
  const x = trigrams(a)
  const y = trigrams(b)
  if (!x.size || !y.size) return 0
  let shared = 0
  x.forEach(g => {
    if (y.has(g)) shared += 1
  })
  return shared / (x.size + y.size - shared)
}

const clean = (value: string | null | undefined) => (value ?? '').trim().toLowerCase().replace(/\s+/g, ' ')

/** How the names compare: the same, alike, alike with family and given names swapped, or not. */
export function compareNames(a: PersonKey, b: PersonKey): 'same_name' | 'name_similar' | 'names_swapped' | null {
  const [givenA, familyA, givenB, familyB] = [a.givenNames, a.familyName, b.givenNames, b.familyName].map(clean)
  if (!(givenA || familyA) || !(givenB || familyB)) return null
  if (givenA === givenB && familyA === familyB) return 'same_name'
  // Each part against its own, and crosswise; a part missing on either side is left out.
  const least = (pairs: [string, string][]) => {
    const known = pairs.filter(([x, y]) => x && y)
    return known.length ? Math.min(...known.map(([x, y]) => trigramSimilarity(x, y))) : 0
  }
  const straight = least([
    [familyA, familyB],
    [givenA, givenB],
  ])
  const crossed = least([
    [familyA, givenB],
    [givenA, familyB],
  ])
  if (crossed >= NAME_SIMILARITY_THRESHOLD && crossed > straight) return 'names_swapped'
  if (straight >= NAME_SIMILARITY_THRESHOLD) return 'name_similar'
  // The whole names, for a name split differently ("Mary Ann" + "Smith" against "Mary" + "Ann Smith").
  if (trigramSimilarity(`${givenA} ${familyA}`, `${givenB} ${familyB}`) >= 0.5) return 'name_similar'
  return null
}

/** How two dates of birth compare: equal, day and month swapped, one digit different, or not alike. */
export function compareBirthDates(
  a: IsoDate,
  b: IsoDate,
): 'date_of_birth' | 'date_of_birth_day_month_swapped' | 'date_of_birth_one_digit' | null {
  if (a === b) return 'date_of_birth'
  const [ya, ma, da] = a.split('-')
  const [yb, mb, db] = b.split('-')
  if (ya === yb && ma === db && da === mb) return 'date_of_birth_day_month_swapped'
  const digitsA = a.replace(/-/g, '')
  const digitsB = b.replace(/-/g, '')
  let different = 0
  for (let i = 0; i < digitsA.length; i += 1) if (digitsA[i] !== digitsB[i]) different += 1
  return different === 1 ? 'date_of_birth_one_digit' : null
}

/**
 * Every real date that a typist could have meant for `dob`: itself, day and month swapped, and
 * each one-digit change. The database looks these up in its index on date of birth.
 */
export function birthDateVariants(dob: IsoDate): IsoDate[] {
  if (!isValidIsoDate(dob)) return []
  const variants = new Set<IsoDate>([dob])
  const [y, m, d] = dob.split('-')
  const swapped = `${y}-${d}-${m}`
  if (isValidIsoDate(swapped)) variants.add(swapped)
  const digits = dob.replace(/-/g, '')
  for (let i = 0; i < digits.length; i += 1) {
    for (let n = 0; n <= 9; n += 1) {
      const changed = `${digits.slice(0, i)}${n}${digits.slice(i + 1)}`
      const iso = `${changed.slice(0, 4)}-${changed.slice(4, 6)}-${changed.slice(6)}`
      if (isValidIsoDate(iso)) variants.add(iso)
    }
  }
  return [...variants].sort()
}

export interface DuplicateMatch {
  reasons: MatchReason[]
  /** The reasons in words, as the warning shows them: "NHS number, name similar, …". */
  labels: string[]
}

/**
 * Whether `existing` may be the child of `incoming`, and why. Two different valid NHS numbers
 * mean two children (the check digit catches a mistyped digit and a swap of neighbours), so
 * names and dates are then not compared.
 */
export function matchDuplicate(incoming: PersonKey, existing: PersonKey): DuplicateMatch | null {
  const reasons: MatchReason[] = []
  const bothNhs = Boolean(incoming.nhsNumber && existing.nhsNumber)
  if (bothNhs && incoming.nhsNumber === existing.nhsNumber) reasons.push('nhs_number')
  const differentNhs = bothNhs && incoming.nhsNumber !== existing.nhsNumber

  if (!differentNhs && incoming.dateOfBirth && existing.dateOfBirth && incoming.dateOfDeath && existing.dateOfDeath) {
    const name = compareNames(incoming, existing)
    const birth = compareBirthDates(incoming.dateOfBirth, existing.dateOfBirth)
    const apart = Math.abs(daysBetween(incoming.dateOfDeath, existing.dateOfDeath))
    const death = apart === 0 ? 'date_of_death' : apart <= DEATH_WINDOW_DAYS ? 'date_of_death_near' : null // eslint-disable-line no-nested-ternary
    if (name && birth && death) reasons.push(name, birth, death)
    else if (
      birth === 'date_of_birth' &&
      death === 'date_of_death' &&
      incoming.sex &&
      incoming.sex === existing.sex &&
      !reasons.length
    )
      // The data dictionary's own rule, for a name that is missing or entirely different.
      reasons.push('birth_death_sex')
  }
  if (!reasons.length) return null
  return { reasons, labels: reasons.map(r => MATCH_REASON_LABELS[r]) }
}
