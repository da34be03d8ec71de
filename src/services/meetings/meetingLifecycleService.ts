import type { Transaction } from 'sequelize'
import type { Database } from '../../db'
import type { Meeting } from '../../db/models'
import { formatGovukDate, todayInLondon, type IsoDate } from '../../domain/dates'
import {
  cancelProblems,
  markHeldProblem,
  postponeProblems,
  type LifecycleProblem,
  type MeetingStatus,
} from '../../domain/meetingLifecycle'
import type { AuditContext } from '../auditContext'
import type AuditService from '../auditService'
import type CaseService from '../caseService'
import ServiceError from '../serviceError'
import type MeetingService from './meetingService'

const refuse = (problems: LifecycleProblem[]): never => {
  throw new ServiceError('invalid', problems[0].message, { problems })
}

/**
 * A meeting's lifecycle: marked held (on or after its date, attendance recorded), cancelled with a
 * reason (its undecided cases go back to ready for panel), or postponed to a later date. Each in
 * one transaction with its audit rows, refusing a meeting changed since `version` was read.
 */
export default class MeetingLifecycleService {
  constructor(
    private readonly db: Database,
    private readonly auditService: AuditService,
    private readonly caseService: CaseService,
    private readonly meetingService: MeetingService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  today(): IsoDate {
    return todayInLondon(this.now())
  }

  async markHeld(meetingId: string, version: number, context: AuditContext): Promise<Meeting> {
    return this.db.transaction(async t => {
      const meeting = await this.meetingService.lock(meetingId, t, version)
      const present = await this.db.models.MeetingMember.count({
        where: { meetingId, attended: true },
        transaction: t,
      })
      const problem = markHeldProblem({
        status: meeting.status as MeetingStatus,
        meetingDate: meeting.meetingDate,
        today: this.today(),
        present,
      })
      if (problem) refuse([problem])
      meeting.set({ status: 'held', heldAt: this.now(), heldBy: context.actorUserId })
      await meeting.save({ transaction: t })
      await this.audit(context, 'meeting_held', meeting, { present }, t)
      return meeting
    })
  }

  /** Cancels the meeting; every case still waiting for the panel's decision goes back to ready for panel. */
  async cancel(meetingId: string, reason: string, version: number, context: AuditContext): Promise<Meeting> {
    const why = reason.trim()
    return this.db.transaction(async t => {
      const meeting = await this.meetingService.lock(meetingId, t, version)
      const problems = cancelProblems(meeting.status as MeetingStatus, why)
      if (problems.length) refuse(problems)
      const pending = await this.db.models.AgendaItem.findAll({
        where: { meetingId, outcome: 'pending' },
        order: [['position', 'ASC']],
        transaction: t,
        lock: t.LOCK.UPDATE,
      })
      const returned: string[] = []
      for (const item of pending) {
        const record = await this.db.models.Case.findByPk(item.caseId, { transaction: t, lock: t.LOCK.UPDATE })
        await item.update({ outcome: 'removed' }, { transaction: t })
        if (record?.status !== 'scheduled') continue
        await this.caseService.changeStatus(
          record.id,
          {
            to: 'ready_for_panel',
            reason: `The panel meeting on ${formatGovukDate(meeting.meetingDate)} was cancelled`,
            version: record.version,
          },
          context,
          t,
        )
        await this.auditService.record(
          context,
          {
            action: 'agenda_case_removed',
            entityType: 'case',
            entityId: record.id,
            details: { meetingId, meetingDate: meeting.meetingDate, because: 'meeting_cancelled' },
          },
          t,
        )
        returned.push(record.id)
      }
      meeting.set({ status: 'cancelled', cancelledAt: this.now(), cancellationReason: why })
      await meeting.save({ transaction: t })
      await this.audit(context, 'meeting_cancelled', meeting, { reason: why, casesReturned: returned }, t)
      return meeting
    })
  }

  /** Moves the meeting to a later date; its agenda, members and declarations go with it. */
  async postpone(
    meetingId: string,
    newDate: IsoDate | null,
    reason: string,
    version: number,
    context: AuditContext,
  ): Promise<Meeting> {
    const why = reason.trim()
    return this.db.transaction(async t => {
      const meeting = await this.meetingService.lock(meetingId, t, version)
      const problems = postponeProblems({
        status: meeting.status as MeetingStatus,
        meetingDate: meeting.meetingDate,
        today: this.today(),
        newDate,
        reason: why,
      })
      if (problems.length) refuse(problems)
      const from = meeting.meetingDate
      meeting.set({ meetingDate: newDate!, postponedFrom: from, postponementReason: why })
      await meeting.save({ transaction: t })
      await this.audit(context, 'meeting_postponed', meeting, { from, to: newDate, reason: why }, t)
      return meeting
    })
  }

  private audit(
    context: AuditContext,
    action: 'meeting_held' | 'meeting_cancelled' | 'meeting_postponed',
    meeting: Meeting,
    details: Record<string, unknown>,
    t: Transaction,
  ) {
    return this.auditService.record(
      context,
      {
        action,
        entityType: 'meeting',
        entityId: meeting.id,
        details: { meetingDate: meeting.meetingDate, ...details },
      },
      t,
    )
  }
}
