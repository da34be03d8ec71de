import type { Sex, SexGroup } from './codes'

/** Publication group: indeterminate and not known are reported together as "other" (small numbers). */
export function sexGroup(sex: Sex): SexGroup {
  switch (sex) {
    case 'male':
      return 'male'
    case 'female':
      return 'female'
    case 'indeterminate':
    case 'not_known':
      return 'other'
  }
}
