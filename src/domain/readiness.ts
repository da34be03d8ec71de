import { postMortemStatuses, type PostMortemStatus } from './codes'

/**
 * What the panel's anonymised pack needs from the case record itself (agency reports aside): the
 * anonymised summary the panel reads instead of the circumstances, the post-mortem, and for an
 * unexpected death whether a joint agency response was needed. One pure rule, so the readiness list
 * before "ready for panel" and the pack's "missing from this pack" say the same things.
 */

export type RecordGap =
  | { kind: 'anonymised_summary'; text: string }
  | { kind: 'post_mortem'; text: string; status: PostMortemStatus }
  | { kind: 'jar_not_recorded'; text: string }

export interface RecordForPack {
  anonymisedCircumstances: string | null
  postMortem: PostMortemStatus | null
  expected: string | null
  jarRequired: boolean | null
}

export const ANONYMISED_SUMMARY_GAP = 'The anonymised summary for the panel has not been written'
export const JAR_NOT_RECORDED_GAP =
  'For this unexpected death, whether a joint agency response was needed is not recorded'

export function recordGaps(record: RecordForPack): RecordGap[] {
  const gaps: RecordGap[] = []
  if (!record.anonymisedCircumstances?.trim()) gaps.push({ kind: 'anonymised_summary', text: ANONYMISED_SUMMARY_GAP })
  if (record.postMortem === 'awaited' || record.postMortem === 'required') {
    gaps.push({
      kind: 'post_mortem',
      status: record.postMortem,
      text: `Post-mortem ${postMortemStatuses.label(record.postMortem).toLowerCase()}: report not yet received`,
    })
  }
  if (record.expected === 'unexpected' && record.jarRequired == null)
    gaps.push({ kind: 'jar_not_recorded', text: JAR_NOT_RECORDED_GAP })
  return gaps
}
