import { Op, UniqueConstraintError } from 'sequelize'
import type { Database } from '../../db'
import type { DeclarationOfInterest } from '../../db/models'
import type { AuditContext } from '../auditContext'
import type AuditService from '../auditService'
import ServiceError from '../serviceError'
import { isUuid } from '../userService'
import type MeetingService from './meetingService'

export interface DeclarationRequest {
  caseId: string
  userId: string
  description: string | null
}

export type DeclarationWithUser = DeclarationOfInterest & { user?: { id: string; name: string } | null }

/**
 * Declarations of interest, per member per case of one meeting. A member who declared an interest
 * does not see that case's pack and may not record on it.
 */
export default class DeclarationService {
  constructor(
    private readonly db: Database,
    private readonly auditService: AuditService,
    private readonly meetingService: MeetingService,
  ) {}

  async forMeeting(meetingId: string): Promise<DeclarationWithUser[]> {
    return this.db.models.DeclarationOfInterest.findAll({
      where: { meetingId },
      include: [{ association: 'user', attributes: ['id', 'name'] }],
      order: [['createdAt', 'ASC']],
    })
  }

  /**
   * The cases a person has declared an interest in, at this meeting or any other: an interest is in
   * the case, so it still applies when a deferred case comes back to a later panel.
   */
  async caseIdsDeclaredBy(_meetingId: string, userId: string): Promise<Set<string>> {
    const rows = await this.db.models.DeclarationOfInterest.findAll({
      where: { userId },
      attributes: ['caseId'],
    })
    return new Set(rows.map(row => row.caseId))
  }

  /** Records a declaration by an invited account about a case on the agenda. */
  async declare(meetingId: string, request: DeclarationRequest, context: AuditContext): Promise<DeclarationOfInterest> {
    try {
      return await this.db.transaction(async transaction => {
        await this.meetingService.lock(meetingId, transaction)
        const { MeetingMember, AgendaItem, DeclarationOfInterest } = this.db.models
        const [member, item] = await Promise.all([
          isUuid(request.userId)
            ? MeetingMember.findOne({ where: { meetingId, userId: request.userId }, transaction })
            : null,
          isUuid(request.caseId)
            ? AgendaItem.findOne({
                where: { meetingId, caseId: request.caseId, outcome: { [Op.ne]: 'removed' } },
                transaction,
              })
            : null,
        ])
        if (!member)
          throw new ServiceError('invalid', 'Select a panel member invited to this meeting', { field: 'member' })
        if (!item) throw new ServiceError('invalid', 'Select a case on the agenda of this meeting', { field: 'case' })
        const declaration = await DeclarationOfInterest.create(
          {
            meetingId,
            caseId: request.caseId,
            userId: request.userId,
            description: request.description,
            recordedBy: context.actorUserId,
          },
          { transaction },
        )
        await this.auditService.record(
          context,
          {
            action: 'interest_declared',
            entityType: 'case',
            entityId: request.caseId,
            details: { meetingId, userId: request.userId, selfDeclared: context.actorUserId === request.userId },
          },
          transaction,
        )
        return declaration
      })
    } catch (error) {
      if (error instanceof UniqueConstraintError)
        throw new ServiceError('duplicate', 'An interest in this case is already declared for that person')
      throw error
    }
  }

  async withdraw(meetingId: string, declarationId: string, context: AuditContext): Promise<void> {
    await this.db.transaction(async transaction => {
      await this.meetingService.lock(meetingId, transaction)
      const declaration = isUuid(declarationId)
        ? await this.db.models.DeclarationOfInterest.findOne({ where: { id: declarationId, meetingId }, transaction })
        : null
      if (!declaration) throw new ServiceError('not_found', 'That declaration has already been withdrawn')
      await declaration.destroy({ transaction })
      await this.auditService.record(
        context,
        {
          action: 'interest_withdrawn',
          entityType: 'case',
          entityId: declaration.caseId,
          details: { meetingId, userId: declaration.userId },
        },
        transaction,
      )
    })
  }
}
