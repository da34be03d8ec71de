import type { MeetingCapacity } from './codes'

export interface QuorumRule {
  minimumMembers: number
  requiredCapacities: MeetingCapacity[]
}

export interface QuorumResult {
  quorate: boolean
  present: number
  /** Required capacities that nobody present sits in. */
  missingCapacities: MeetingCapacity[]
  /** How many more people are needed to reach the minimum. */
  shortBy: number
}

/** A meeting is quorate when enough people attended and every required capacity is represented. */
export function assessQuorum(attendees: { capacity: MeetingCapacity }[], rule: QuorumRule): QuorumResult {
  const present = attendees.length
  const represented = new Set(attendees.map(a => a.capacity))
  const missingCapacities = rule.requiredCapacities.filter(capacity => !represented.has(capacity))
  const shortBy = Math.max(0, rule.minimumMembers - present)
  return { quorate: shortBy === 0 && missingCapacities.length === 0, present, missingCapacities, shortBy }
}
