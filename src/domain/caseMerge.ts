/**
 * When two records of the same child may be merged into one (issue 11). The case the merge is
 * started from is kept; the other is marked merged and points to it.
 *
 * Refused: a case merged into itself; a case already merged (its survivor stands for it); two
 * cases that both have a finalised review, because a child has one review outcome in the
 * statistics and the service cannot choose between two panels' decisions: reopen the one that
 * should not stand first (its review stays in the history), then merge. When only the other
 * case has one, the merge is started from that case instead, so the review stays current.
 */
export interface MergeSide {
  id: string
  caseRef: string
  status: string
}

export interface MergeRefusal {
  code: 'same_case' | 'already_merged' | 'both_reviewed' | 'start_from_reviewed'
  message: string
}

export function mergeRefusal(keep: MergeSide, other: MergeSide): MergeRefusal | null {
  if (keep.id === other.id) return { code: 'same_case', message: 'A case cannot be merged with itself' }
  const merged = [keep, other].find(side => side.status === 'merged')
  if (merged)
    return {
      code: 'already_merged',
      message: `Case ${merged.caseRef} has already been merged into another case`,
    }
  if (keep.status === 'reviewed' && other.status === 'reviewed')
    return {
      code: 'both_reviewed',
      message:
        'Both cases have a finalised review. Reopen the review that should not stand first (it stays in the case history), then merge',
    }
  if (other.status === 'reviewed')
    return {
      code: 'start_from_reviewed',
      message: `Only ${other.caseRef} has a finalised review: start the merge from ${other.caseRef}, so that its review stays current`,
    }
  return null
}

/** Whether two stored values differ as the coordinator would see them. */
export function valuesDiffer(a: unknown, b: unknown): boolean {
  const norm = (v: unknown) => (v == null || v === '' || (Array.isArray(v) && !v.length) ? '' : JSON.stringify(v))
  return norm(a) !== norm(b)
}
