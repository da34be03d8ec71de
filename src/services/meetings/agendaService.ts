import { Op, Transaction, UniqueConstraintError } from 'sequelize'
import type { Database } from '../../db'
import type { AgendaItem, Case, Meeting } from '../../db/models'
import { formatGovukDate as formatDate } from '../../domain/dates'
import type { AuditContext } from '../auditContext'
import type AuditService from '../auditService'
import type CaseService from '../caseService'
import ServiceError from '../serviceError'
import { isUuid } from '../userService'
import type MeetingService from './meetingService'

export type AgendaItemWithCase = AgendaItem & { case: Case }

/** What the agenda needs of a case: nothing that names the child. */
export const AGENDA_CASE_ATTRIBUTES = [
  'id',
  'caseRef',
  'dateOfBirth',
  'dateOfDeath',
  'sex',
  'expected',
  'status',
  'version',
  'notifiedAt',
] as const

const ALREADY_ON_AGENDA = 'is already on the agenda of an open meeting'

/**
 * A meeting's agenda. Adding a case schedules it (ready for panel → scheduled) and removing it
 * puts it back (scheduled → ready for panel), each in one transaction with the status history and
 * the audit row. A case is on at most one open agenda; the database's unique index has the last word.
 */
export default class AgendaService {
  constructor(
    private readonly db: Database,
    private readonly auditService: AuditService,
    private readonly caseService: CaseService,
    private readonly meetingService: MeetingService,
  ) {}

  /** The agenda in order, without the cases taken off it. */
  async items(meetingId: string, transaction?: Transaction): Promise<AgendaItemWithCase[]> {
    return (await this.db.models.AgendaItem.findAll({
      where: { meetingId, outcome: { [Op.ne]: 'removed' } },
      include: [{ association: 'case', attributes: [...AGENDA_CASE_ATTRIBUTES] }],
      order: [
        ['position', 'ASC'],
        ['createdAt', 'ASC'],
      ],
      transaction,
    })) as AgendaItemWithCase[]
  }

  /** Cases ready for panel and on no open agenda, the longest waiting first. */
  async readyCases(): Promise<Case[]> {
    const open = await this.db.models.AgendaItem.findAll({ where: { outcome: 'pending' }, attributes: ['caseId'] })
    return this.db.models.Case.findAll({
      where: { status: 'ready_for_panel', id: { [Op.notIn]: open.map(item => item.caseId) } },
      attributes: [...AGENDA_CASE_ATTRIBUTES],
      order: [
        ['dateOfDeath', 'ASC'],
        ['caseRef', 'ASC'],
      ],
      limit: 500,
    })
  }

  /** Adds the cases, in the order given, to the end of the agenda. All or none. */
  async add(meetingId: string, caseIds: string[], context: AuditContext): Promise<Case[]> {
    try {
      return await this.db.transaction(async transaction => {
        const meeting = await this.meetingService.lock(meetingId, transaction)
        if (meeting.status === 'cancelled') throw new ServiceError('refused', 'This meeting has been cancelled')
        if (meeting.status === 'held')
          throw new ServiceError('refused', 'This meeting has been held, so no more cases can go on its agenda')
        const last = (await this.db.models.AgendaItem.max('position', { where: { meetingId }, transaction })) as
          number | null
        let position = last ?? 0
        const added: Case[] = []
        for (const caseId of caseIds) {
          position += 1
          added.push(await this.addOne(meeting, caseId, position, context, transaction))
        }
        return added
      })
    } catch (error) {
      if (error instanceof UniqueConstraintError)
        throw new ServiceError('refused', `A case you selected ${ALREADY_ON_AGENDA}. Nothing was added`)
      throw error
    }
  }

  private async addOne(
    meeting: Meeting,
    caseId: string,
    position: number,
    context: AuditContext,
    transaction: Transaction,
  ): Promise<Case> {
    const record = isUuid(caseId)
      ? await this.db.models.Case.findByPk(caseId, { transaction, lock: transaction.LOCK.UPDATE })
      : null
    if (!record) throw new ServiceError('not_found', 'Case not found')
    const open = await this.db.models.AgendaItem.findOne({
      where: { caseId, outcome: 'pending' },
      include: [{ association: 'meeting', attributes: ['meetingDate'] }],
      transaction,
    })
    if (open) {
      const on = (open as AgendaItem & { meeting?: Meeting }).meeting?.meetingDate
      throw new ServiceError(
        'refused',
        `${record.caseRef} ${ALREADY_ON_AGENDA}${on ? ` (the meeting on ${formatDate(on)})` : ''}`,
      )
    }
    if (record.status !== 'ready_for_panel')
      throw new ServiceError('refused', `${record.caseRef} is not ready for panel, so it cannot go on an agenda`)
    await this.db.models.AgendaItem.create({ meetingId: meeting.id, caseId, position }, { transaction })
    const scheduled = await this.caseService.changeStatus(
      caseId,
      {
        to: 'scheduled',
        reason: `Added to the agenda of the panel meeting on ${formatDate(meeting.meetingDate)}`,
        version: record.version,
      },
      context,
      transaction,
    )
    await this.auditService.record(
      context,
      {
        action: 'agenda_case_added',
        entityType: 'case',
        entityId: caseId,
        details: { meetingId: meeting.id, meetingDate: meeting.meetingDate, position },
      },
      transaction,
    )
    return scheduled
  }

  /** Swaps an item with its neighbour above or below. */
  async move(meetingId: string, itemId: string, direction: 'up' | 'down', context: AuditContext): Promise<void> {
    await this.db.transaction(async transaction => {
      await this.meetingService.lock(meetingId, transaction)
      const items = await this.items(meetingId, transaction)
      const index = items.findIndex(item => item.id === itemId)
      if (index < 0) throw new ServiceError('not_found', 'That case is no longer on the agenda')
      const neighbour = direction === 'up' ? index - 1 : index + 1
      if (neighbour < 0 || neighbour >= items.length) return
      // Number the agenda afresh so equal or missing positions can never make a move do nothing.
      const order = items.map(item => item.id)
      ;[order[index], order[neighbour]] = [order[neighbour], order[index]]
      for (const item of items) {
        const wanted = order.indexOf(item.id) + 1
        if (item.position !== wanted) await item.update({ position: wanted }, { transaction })
      }
      await this.auditService.record(
        context,
        {
          action: 'agenda_reordered',
          entityType: 'meeting',
          entityId: meetingId,
          details: { caseId: items[index].caseId, direction },
        },
        transaction,
      )
    })
  }

  /** Takes a case off the agenda before the panel decides on it: it goes back to ready for panel. */
  async remove(meetingId: string, itemId: string, context: AuditContext): Promise<Case> {
    return this.db.transaction(async transaction => {
      const meeting = await this.meetingService.lock(meetingId, transaction)
      const item = isUuid(itemId)
        ? await this.db.models.AgendaItem.findOne({ where: { id: itemId, meetingId }, transaction })
        : null
      if (!item || item.outcome === 'removed') throw new ServiceError('not_found', 'That case is not on the agenda')
      if (item.outcome !== 'pending')
        throw new ServiceError('refused', 'The panel has already decided on this case, so it stays on the agenda')
      const record = await this.db.models.Case.findByPk(item.caseId, { transaction, lock: transaction.LOCK.UPDATE })
      await item.update({ outcome: 'removed' }, { transaction })
      let result = record!
      if (record!.status === 'scheduled') {
        result = await this.caseService.changeStatus(
          record!.id,
          {
            to: 'ready_for_panel',
            reason: `Removed from the agenda of the panel meeting on ${formatDate(meeting.meetingDate)}`,
            version: record!.version,
          },
          context,
          transaction,
        )
      }
      await this.auditService.record(
        context,
        {
          action: 'agenda_case_removed',
          entityType: 'case',
          entityId: record!.id,
          details: { meetingId, meetingDate: meeting.meetingDate },
        },
        transaction,
      )
      return result
    })
  }
}
