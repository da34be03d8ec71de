import { Op, Transaction, UniqueConstraintError } from 'sequelize'
import type { Database } from '../db'
import type { JarEvent } from '../db/models'
import type { JarAttendee } from '../db/models/JarEvent'
import type { JarEventKind } from '../domain/codes'
import { todayInLondon } from '../domain/dates'
import { jarEventDateProblem, jarEventKindProblem, WITH_ATTENDEES } from '../domain/jarEvents'
import type { AuditContext } from './auditContext'
import type AuditService from './auditService'
import ServiceError from './serviceError'
import { isUuid } from './userService'

export interface JarEventInput {
  kind: JarEventKind
  eventDate: string
  note: string | null
  attendees: JarAttendee[]
}

const STALE = 'Someone else changed this event while you were looking at it'

/**
 * The dated events of a case's joint agency response. Each change is one transaction with its
 * audit row (against the case, so it is on the case's timeline); the case row is locked meanwhile,
 * so two people adding the same once-only event, or an inquest's opening and conclusion, cannot cross.
 */
export default class JarEventService {
  constructor(
    private readonly db: Database,
    private readonly auditService: AuditService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  today(): string {
    return todayInLondon(this.now())
  }

  listForCase(caseId: string, transaction?: Transaction): Promise<JarEvent[]> {
    return this.db.models.JarEvent.findAll({
      where: { caseId },
      order: [
        ['eventDate', 'ASC'],
        ['createdAt', 'ASC'],
        ['id', 'ASC'],
      ],
      transaction,
    })
  }

  async find(caseId: string, id: string): Promise<JarEvent | null> {
    return isUuid(id) ? this.db.models.JarEvent.findOne({ where: { id, caseId } }) : null
  }

  async add(caseId: string, input: JarEventInput, context: AuditContext): Promise<JarEvent> {
    return this.write(async transaction => {
      await this.check(caseId, input, null, transaction)
      const event = await this.db.models.JarEvent.create(
        {
          caseId,
          kind: input.kind,
          eventDate: input.eventDate,
          note: input.note,
          attendees: this.attendeesFor(input),
          createdBy: context.actorUserId,
          updatedBy: context.actorUserId,
        },
        { transaction },
      )
      await this.audit(context, 'jar_event_added', event, transaction)
      return event
    })
  }

  async update(caseId: string, id: string, version: number, input: JarEventInput, context: AuditContext) {
    return this.write(async transaction => {
      const event = await this.lock(caseId, id, version, transaction)
      await this.check(caseId, input, event.id, transaction)
      const before = { kind: event.kind, eventDate: event.eventDate }
      const noteChanged = (event.note ?? null) !== input.note
      event.set({
        kind: input.kind,
        eventDate: input.eventDate,
        note: input.note,
        attendees: this.attendeesFor(input),
        updatedBy: context.actorUserId,
      })
      await event.save({ transaction })
      await this.audit(context, 'jar_event_changed', event, transaction, { from: before, noteChanged })
      return event
    })
  }

  async remove(caseId: string, id: string, version: number, context: AuditContext): Promise<void> {
    await this.write(async transaction => {
      const event = await this.lock(caseId, id, version, transaction)
      await event.destroy({ transaction })
      await this.audit(context, 'jar_event_removed', event, transaction)
    })
  }

  /** Attendees belong to discussions and meetings only; for anything else they are not kept. */
  private attendeesFor(input: JarEventInput): JarAttendee[] {
    return WITH_ATTENDEES.includes(input.kind) ? input.attendees : []
  }

  private async write<T>(work: (transaction: Transaction) => Promise<T>): Promise<T> {
    try {
      return await this.db.transaction(work)
    } catch (error) {
      // Belt and braces: the unique index stands behind the check made under the case's lock.
      if (error instanceof UniqueConstraintError)
        throw new ServiceError('duplicate', 'This case already has this event: change the one recorded instead')
      throw error
    }
  }

  /** The rules of src/domain/jarEvents.ts, checked against the case and its other events under the case's lock. */
  private async check(caseId: string, input: JarEventInput, excludeId: string | null, transaction: Transaction) {
    const record = await this.db.models.Case.findByPk(caseId, {
      attributes: ['id', 'dateOfDeath'],
      transaction,
      lock: transaction.LOCK.UPDATE,
    })
    if (!record) throw new ServiceError('not_found', 'Case not found')
    const others = await this.db.models.JarEvent.findAll({
      where: { caseId, ...(excludeId ? { id: { [Op.ne]: excludeId } } : {}) },
      attributes: ['kind', 'eventDate'],
      transaction,
    })
    const kindProblem = jarEventKindProblem(input.kind, others)
    if (kindProblem) throw new ServiceError('duplicate', kindProblem, { field: 'kind' })
    const dateProblem = jarEventDateProblem(input.kind, input.eventDate, {
      dateOfDeath: record.dateOfDeath,
      today: this.today(),
      others,
    })
    if (dateProblem) throw new ServiceError('invalid', dateProblem, { field: 'event_date' })
  }

  private async lock(caseId: string, id: string, version: number, transaction: Transaction): Promise<JarEvent> {
    const event = isUuid(id)
      ? await this.db.models.JarEvent.findOne({ where: { id, caseId }, transaction, lock: transaction.LOCK.UPDATE })
      : null
    if (!event) throw new ServiceError('not_found', 'This event is no longer recorded: someone may have removed it')
    if (event.version !== version) throw new ServiceError('stale_version', STALE, { current: event })
    return event
  }

  /** Against the case, for its timeline: the kind and date, never the note (it may name people). */
  private audit(
    context: AuditContext,
    action: 'jar_event_added' | 'jar_event_changed' | 'jar_event_removed',
    event: JarEvent,
    transaction: Transaction,
    extra: Record<string, unknown> = {},
  ) {
    return this.auditService.record(
      context,
      {
        action,
        entityType: 'case',
        entityId: event.caseId,
        details: {
          eventId: event.id,
          kind: event.kind,
          eventDate: event.eventDate,
          attendees: event.attendees.length,
          ...extra,
        },
      },
      transaction,
    )
  }
}
