/**
 * Cases for the statistics tests, described by only what the statistics read, and inserted
 * straight into the cases table (the case workflow has its own tests).
 */
import type { Database } from '../../../src/db'

export interface CaseSpec {
  dob: string
  dod: string
  sex: 'male' | 'female' | 'indeterminate' | 'not_known'
  ethnicity?: string
  expected: 'expected' | 'unexpected'
  /** Defaults to the date of death. */
  notifiedAt?: string
  status: string
  reviewDate?: string | null
  category?: number | null
  modifiable?: 'identified' | 'not_identified' | 'inadequate_information' | null
  preventability?: 'preventable' | 'potentially_preventable' | 'not_preventable' | 'inadequate_information' | null
  jarDate?: string | null
  /** As typed on the case: matched to the listed authorities trimmed and whatever its case. */
  localAuthority?: string | null
}

let sequence = 0

export async function insertCases(db: Database, cases: CaseSpec[]): Promise<void> {
  if (cases.length === 0) return
  await db.models.Case.bulkCreate(
    cases.map(c => {
      sequence += 1
      return {
        caseRef: `STAT-${sequence}`,
        dateOfBirth: c.dob,
        dateOfDeath: c.dod,
        sex: c.sex,
        ethnicity: (c.ethnicity ?? 'not_known') as never,
        expected: c.expected,
        notifiedAt: c.notifiedAt ?? c.dod,
        status: c.status as never,
        reviewDate: c.reviewDate ?? null,
        category: c.category ?? null,
        modifiableFactors: c.modifiable ?? null,
        preventability: c.preventability ?? null,
        jarDate: c.jarDate ?? null,
        localAuthority: c.localAuthority ?? null,
      }
    }),
  )
}

/**
 * A small panel's few years: enough cases in 2016-17 that some figures are shown and some
 * suppressed, and some in the years before for the trends. Deterministic, so tests can count on it.
 */
export function sampleCases(): CaseSpec[] {
  const sexes = ['male', 'female', 'male', 'female', 'indeterminate'] as const
  const outcomes = ['identified', 'not_identified', 'not_identified', 'inadequate_information'] as const
  const cases: CaseSpec[] = []
  for (let i = 0; i < 80; i += 1) {
    const year = 2014 + (i % 3)
    const dod = `${year}-${String((i % 9) + 4).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`
    const reviewed = i % 5 !== 0
    cases.push({
      dob: i % 4 === 0 ? `${year}-04-01` : `${year - 1 - (i % 16)}-02-10`,
      dod,
      sex: sexes[i % sexes.length],
      ethnicity: ['A', 'D', 'H', 'M', 'R', 'Z'][i % 6],
      expected: i % 4 === 1 ? 'unexpected' : 'expected',
      status: reviewed ? 'reviewed' : 'information_gathering',
      reviewDate: reviewed ? `${year + 1}-${String((i % 8) + 1).padStart(2, '0')}-15` : null,
      category: reviewed ? (i % 4) + 5 : null,
      modifiable: reviewed ? outcomes[i % outcomes.length] : null,
      preventability: reviewed && i % 7 === 0 ? 'not_preventable' : null,
      jarDate: i % 3 === 0 ? dod : null,
    })
  }
  return cases
}
