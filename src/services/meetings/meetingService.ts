import { Op, Transaction, UniqueConstraintError } from 'sequelize'
import type { Database } from '../../db'
import type { Meeting, MeetingMember, User } from '../../db/models'
import type { MeetingCapacity, MeetingTheme } from '../../domain/codes'
import { todayInLondon } from '../../domain/dates'
import { assessQuorum, type QuorumResult, type QuorumRule } from '../../domain/quorum'
import { can } from '../../domain/policy'
import type { AuditContext } from '../auditContext'
import type AuditService from '../auditService'
import ServiceError from '../serviceError'
import { isUuid } from '../userService'
import type QuorumRuleService from './quorumRuleService'

export interface MeetingValues {
  meetingDate: string
  startTime: string
  location: string | null
  online: boolean
  theme: MeetingTheme
  notes: string | null
}

export interface Invitation {
  userId: string
  capacity: MeetingCapacity
}

export interface ExternalAttendee {
  name: string
  organisation: string | null
  capacity: MeetingCapacity
}

export interface AttendanceEntry {
  memberId: string
  attended: boolean
  capacity: MeetingCapacity
}

export interface MeetingSummary {
  meeting: Meeting
  agendaCount: number
}

const EDITABLE: (keyof MeetingValues)[] = ['meetingDate', 'startTime', 'location', 'online', 'theme', 'notes']
const isManager = (user: Express.User): boolean => can(user, 'manageMeetings')

/** Panel meetings: scheduling, who is invited, who attended, whether quorate, and who may see which pack. */
export default class MeetingService {
  constructor(
    private readonly db: Database,
    private readonly auditService: AuditService,
    private readonly quorumRules: QuorumRuleService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  today(): string {
    return todayInLondon(this.now())
  }

  async findById(id: string, transaction?: Transaction): Promise<Meeting | null> {
    return isUuid(id) ? this.db.models.Meeting.findByPk(id, { transaction }) : null
  }

  /** Upcoming meetings soonest first, then past ones latest first; a panel member sees only their own. */
  async list(user: Express.User): Promise<{ upcoming: MeetingSummary[]; past: MeetingSummary[] }> {
    const { Meeting, MeetingMember, AgendaItem } = this.db.models
    const where: Record<string, unknown> = {}
    if (!isManager(user)) {
      const invited = await MeetingMember.findAll({ where: { userId: user.id }, attributes: ['meetingId'] })
      where.id = { [Op.in]: invited.map(m => m.meetingId) }
    }
    const today = this.today()
    const [upcoming, past] = await Promise.all([
      Meeting.findAll({
        where: { ...where, meetingDate: { [Op.gte]: today } },
        order: [
          ['meetingDate', 'ASC'],
          ['startTime', 'ASC'],
        ],
        limit: 200,
      }),
      Meeting.findAll({
        where: { ...where, meetingDate: { [Op.lt]: today } },
        order: [
          ['meetingDate', 'DESC'],
          ['startTime', 'DESC'],
        ],
        limit: 200,
      }),
    ])
    const ids = [...upcoming, ...past].map(m => m.id)
    const counts = ids.length
      ? ((await AgendaItem.count({
          where: { meetingId: { [Op.in]: ids }, outcome: { [Op.ne]: 'removed' } },
          group: ['meetingId'],
        })) as unknown as { meetingId: string; count: number }[])
      : []
    const countOf = new Map(counts.map(row => [row.meetingId, Number(row.count)]))
    const summary = (meeting: Meeting) => ({ meeting, agendaCount: countOf.get(meeting.id) ?? 0 })
    return { upcoming: upcoming.map(summary), past: past.map(summary) }
  }

  async schedule(values: MeetingValues, context: AuditContext): Promise<Meeting> {
    return this.db.transaction(async transaction => {
      const meeting = await this.db.models.Meeting.create(
        { ...values, createdBy: context.actorUserId },
        { transaction },
      )
      await this.audit(context, 'meeting_scheduled', meeting.id, { meetingDate: values.meetingDate }, transaction)
      return meeting
    })
  }

  /** Saves the meeting's details unless someone saved them since `version` was read. */
  async update(id: string, values: MeetingValues, version: number, context: AuditContext): Promise<Meeting> {
    return this.db.transaction(async transaction => {
      const meeting = await this.lock(id, transaction, version)
      if (meeting.status !== 'scheduled')
        throw new ServiceError(
          'refused',
          meeting.status === 'held'
            ? 'This meeting has been held, so its details can no longer be changed'
            : 'This meeting has been cancelled, so its details can no longer be changed',
        )
      const changed = EDITABLE.filter(key => String(meeting.get(key) ?? '') !== String(values[key] ?? ''))
      if (!changed.length) return meeting
      meeting.set(values)
      await meeting.save({ transaction })
      await this.audit(context, 'meeting_updated', id, { fields: changed }, transaction)
      return meeting
    })
  }

  /** Invited accounts first (by name), then named external attendees. */
  async members(meetingId: string): Promise<MemberWithUser[]> {
    const members: MemberWithUser[] = await this.db.models.MeetingMember.findAll({
      where: { meetingId },
      include: [{ association: 'user', attributes: ['id', 'name', 'email', 'active'] }],
      order: [['createdAt', 'ASC']],
    })
    const nameOf = (m: MemberWithUser) => m.user?.name ?? m.externalName ?? ''
    return members.sort((a, b) => Number(!a.userId) - Number(!b.userId) || nameOf(a).localeCompare(nameOf(b)))
  }

  /** Active panel members not yet invited to this meeting. */
  async invitable(meetingId: string): Promise<User[]> {
    const invited = await this.db.models.MeetingMember.findAll({
      where: { meetingId, userId: { [Op.ne]: null } },
      attributes: ['userId'],
    })
    return this.db.models.User.findAll({
      where: {
        active: true,
        roles: { [Op.contains]: ['panel_member'] },
        id: { [Op.notIn]: invited.map(m => m.userId as string) },
      },
      attributes: ['id', 'name', 'email'],
      order: [['name', 'ASC']],
    })
  }

  async invite(meetingId: string, invitations: Invitation[], context: AuditContext): Promise<number> {
    try {
      return await this.db.transaction(async transaction => {
        await this.lock(meetingId, transaction)
        const ids = invitations.map(i => i.userId).filter(isUuid)
        const eligible = await this.db.models.User.findAll({
          where: { id: { [Op.in]: ids }, active: true, roles: { [Op.contains]: ['panel_member'] } },
          attributes: ['id'],
          transaction,
        })
        if (eligible.length !== invitations.length)
          throw new ServiceError('invalid', 'Select only active panel members from the list')
        for (const { userId, capacity } of invitations) {
          await this.db.models.MeetingMember.create(
            { meetingId, userId, capacity, externalName: null, externalOrganisation: null, attended: null },
            { transaction },
          )
        }
        await this.audit(
          context,
          'meeting_members_invited',
          meetingId,
          { userIds: invitations.map(i => i.userId) },
          transaction,
        )
        return invitations.length
      })
    } catch (error) {
      if (error instanceof UniqueConstraintError)
        throw new ServiceError('duplicate', 'Someone you selected is already invited to this meeting')
      throw error
    }
  }

  async addExternal(meetingId: string, attendee: ExternalAttendee, context: AuditContext): Promise<MeetingMember> {
    return this.db.transaction(async transaction => {
      await this.lock(meetingId, transaction)
      const member = await this.db.models.MeetingMember.create(
        {
          meetingId,
          userId: null,
          externalName: attendee.name,
          externalOrganisation: attendee.organisation,
          capacity: attendee.capacity,
          attended: null,
        },
        { transaction },
      )
      await this.audit(
        context,
        'meeting_member_added',
        meetingId,
        { memberId: member.id, capacity: attendee.capacity },
        transaction,
      )
      return member
    })
  }

  async removeMember(meetingId: string, memberId: string, context: AuditContext): Promise<void> {
    await this.db.transaction(async transaction => {
      await this.lock(meetingId, transaction)
      const member = isUuid(memberId)
        ? await this.db.models.MeetingMember.findOne({ where: { id: memberId, meetingId }, transaction })
        : null
      if (!member) throw new ServiceError('not_found', 'That person is not a member of this meeting')
      await member.destroy({ transaction })
      await this.audit(
        context,
        'meeting_member_removed',
        meetingId,
        { memberId, userId: member.userId, capacity: member.capacity },
        transaction,
      )
    })
  }

  /** Records who attended and in which capacity, for every member at once. */
  async recordAttendance(
    meetingId: string,
    entries: AttendanceEntry[],
    version: number,
    context: AuditContext,
  ): Promise<Meeting> {
    return this.db.transaction(async transaction => {
      const meeting = await this.lock(meetingId, transaction, version)
      const members = await this.db.models.MeetingMember.findAll({ where: { meetingId }, transaction })
      const byId = new Map(entries.map(e => [e.memberId, e]))
      for (const member of members) {
        const entry = byId.get(member.id)
        if (!entry) continue
        member.set({ attended: entry.attended, capacity: entry.capacity })
        if (member.changed()) await member.save({ transaction })
      }
      meeting.changed('updatedAt', true)
      await meeting.save({ transaction })
      const present = members.filter(m => byId.get(m.id)?.attended).length
      await this.audit(context, 'meeting_attendance_recorded', meetingId, { present }, transaction)
      return meeting
    })
  }

  /** Whether the meeting is quorate under the current rule, counting the members recorded as present. */
  async quorum(meetingId: string): Promise<QuorumResult> {
    return (await this.quorumWithRule(meetingId)).result
  }

  async quorumWithRule(meetingId: string): Promise<{ result: QuorumResult; rule: QuorumRule; recorded: boolean }> {
    const [{ rule }, members] = await Promise.all([
      this.quorumRules.current(),
      this.db.models.MeetingMember.findAll({ where: { meetingId }, attributes: ['capacity', 'attended'] }),
    ])
    const present = members.filter(m => m.attended === true)
    return {
      result: assessQuorum(present, rule),
      rule,
      recorded: members.some(m => m.attended !== null),
    }
  }

  /** How many cases on the agenda still wait for the panel's decision. */
  async pendingAgendaCount(meetingId: string): Promise<number> {
    return this.db.models.AgendaItem.count({ where: { meetingId, outcome: 'pending' } })
  }

  async isInvited(meetingId: string, userId: string): Promise<boolean> {
    if (!isUuid(meetingId) || !isUuid(userId)) return false
    return (await this.db.models.MeetingMember.count({ where: { meetingId, userId } })) > 0
  }

  /** Whether the person sits as chair of this meeting: the chair may record the panel's reviews. */
  async isChair(meetingId: string, userId: string): Promise<boolean> {
    if (!isUuid(meetingId) || !isUuid(userId)) return false
    return (await this.db.models.MeetingMember.count({ where: { meetingId, userId, capacity: 'chair' } })) > 0
  }

  async isOnAgenda(meetingId: string, caseId: string): Promise<boolean> {
    if (!isUuid(meetingId) || !isUuid(caseId)) return false
    const count = await this.db.models.AgendaItem.count({
      where: { meetingId, caseId, outcome: { [Op.ne]: 'removed' } },
    })
    return count > 0
  }

  async hasDeclaredInterest(meetingId: string, caseId: string, userId: string): Promise<boolean> {
    if (![meetingId, caseId, userId].every(isUuid)) return false
    // An interest is in the case, not the meeting: it still counts when a deferred case comes back to a later panel.
    return (await this.db.models.DeclarationOfInterest.count({ where: { caseId, userId } })) > 0
  }

  /**
   * Coordinators and administrators may see every pack. A panel member may see a case's pack only
   * when invited to the meeting, the case is on its agenda, and they have not declared an interest.
   */
  async canSeePack(user: Express.User, meetingId: string, caseId: string): Promise<boolean> {
    if (isManager(user)) return true
    if (!can(user, 'sitOnPanel')) return false
    const [invited, onAgenda, declared] = await Promise.all([
      this.isInvited(meetingId, user.id),
      this.isOnAgenda(meetingId, caseId),
      this.hasDeclaredInterest(meetingId, caseId, user.id),
    ])
    return invited && onAgenda && !declared
  }

  /** Whether a person may open the meeting at all: managers always, panel members only when invited. */
  async canOpen(user: Express.User, meetingId: string): Promise<boolean> {
    if (isManager(user)) return true
    return can(user, 'sitOnPanel') && this.isInvited(meetingId, user.id)
  }

  /** Locks the meeting row for the rest of the transaction; with a version, refuses a stale one. */
  async lock(id: string, transaction: Transaction, version?: number): Promise<Meeting> {
    const meeting = isUuid(id)
      ? await this.db.models.Meeting.findByPk(id, { transaction, lock: transaction.LOCK.UPDATE })
      : null
    if (!meeting) throw new ServiceError('not_found', 'Meeting not found')
    if (version !== undefined && meeting.version !== version) {
      throw new ServiceError('stale_version', 'Someone else changed this meeting while you were working on it', {
        current: meeting,
      })
    }
    return meeting
  }

  private audit(
    context: AuditContext,
    action: Parameters<AuditService['record']>[1]['action'],
    meetingId: string,
    details: Record<string, unknown>,
    transaction: Transaction,
  ) {
    return this.auditService.record(
      context,
      { action, entityType: 'meeting', entityId: meetingId, details },
      transaction,
    )
  }
}

export type MemberWithUser = MeetingMember & {
  user?: { id: string; name: string; email: string; active: boolean } | null
}
