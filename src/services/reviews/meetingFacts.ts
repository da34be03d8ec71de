import type { Transaction } from 'sequelize'
import type { Database } from '../../db'
import type { MeetingCapacity } from '../../domain/codes'
import { assessQuorum, QuorumResult, QuorumRule } from '../../domain/quorum'

/** What the review needs to know about its meeting; the meeting service answers the same questions. */
export interface MeetingFacts {
  quorum(meetingId: string): Promise<QuorumResult>
  hasDeclaredInterest(meetingId: string, caseId: string, userId: string): Promise<boolean>
}

const DEFAULT_RULE: QuorumRule = {
  minimumMembers: 5,
  requiredCapacities: ['chair', 'paediatrician', 'police', 'social_care'],
}

function ruleFrom(value: unknown): QuorumRule {
  const v = (value ?? {}) as Partial<QuorumRule>
  return {
    minimumMembers: Number.isInteger(v.minimumMembers) ? Number(v.minimumMembers) : DEFAULT_RULE.minimumMembers,
    requiredCapacities: Array.isArray(v.requiredCapacities)
      ? (v.requiredCapacities.filter(c => typeof c === 'string') as MeetingCapacity[])
      : DEFAULT_RULE.requiredCapacities,
  }
}

/** The same answers read straight from the tables: attendance, the quorum setting and declarations. */
export default class ModelMeetingFacts implements MeetingFacts {
  constructor(private readonly db: Database) {}

  async quorum(meetingId: string, transaction?: Transaction): Promise<QuorumResult> {
    const [setting, attendees] = await Promise.all([
      this.db.models.Setting.findByPk('quorum', { transaction }),
      this.db.models.MeetingMember.findAll({
        where: { meetingId, attended: true },
        attributes: ['capacity'],
        transaction,
      }),
    ])
    return assessQuorum(attendees, ruleFrom(setting?.value))
  }

  async hasDeclaredInterest(_meetingId: string, caseId: string, userId: string): Promise<boolean> {
    // An interest is in the case, whichever meeting it was declared at.
    return (await this.db.models.DeclarationOfInterest.count({ where: { caseId, userId } })) > 0
  }
}
