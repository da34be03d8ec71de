import { CreationOptional, DataTypes, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize'
import type { Agency } from '../../domain/codes'

export type AgencyRequestStatus = 'requested' | 'received' | 'not_involved' | 'cancelled'
export type ReceivedVia = 'link' | 'paper'

/**
 * A request to one agency for its report on one case. `overdue` is never stored: it is derived
 * from the due date (see services/agencyRequests/requestStatus.ts). Only the SHA-256 hash of the link's token is kept.
 */
export default class AgencyRequest extends Model<
  InferAttributes<AgencyRequest>,
  InferCreationAttributes<AgencyRequest>
> {
  declare id: CreationOptional<string>
  declare caseId: string
  declare agency: Agency
  declare agencyOther: string | null
  declare contactName: string
  declare contactEmail: string
  declare dueDate: string
  declare status: CreationOptional<AgencyRequestStatus>
  declare closedReason: CreationOptional<string | null>
  declare tokenHash: string | null
  declare tokenExpiresAt: Date | null
  declare tokenRevokedAt: CreationOptional<Date | null>
  declare reportDraft: CreationOptional<Record<string, unknown> | null>
  declare draftSavedAt: CreationOptional<Date | null>
  declare report: CreationOptional<Record<string, unknown> | null>
  declare submittedAt: CreationOptional<Date | null>
  declare receivedVia: CreationOptional<ReceivedVia | null>
  declare reminderBeforeSentAt: CreationOptional<Date | null>
  declare reminderOverdueSentAt: CreationOptional<Date | null>
  declare escalationSentAt: CreationOptional<Date | null>
  declare requestedBy: string | null
  declare version: CreationOptional<number>
  declare createdAt: CreationOptional<Date>
  declare updatedAt: CreationOptional<Date>

  static initModel(sequelize: Sequelize): typeof AgencyRequest {
    // Fresh objects for each attribute: Sequelize writes into these definitions, so sharing one would alias columns.
    const text = () => ({ type: DataTypes.TEXT })
    const instant = () => ({ type: DataTypes.DATE })
    const json = () => ({ type: DataTypes.JSONB })
    AgencyRequest.init(
      {
        id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
        caseId: { type: DataTypes.UUID, allowNull: false },
        agency: { type: DataTypes.TEXT, allowNull: false },
        agencyOther: text(),
        contactName: { type: DataTypes.TEXT, allowNull: false },
        contactEmail: { type: DataTypes.TEXT, allowNull: false },
        dueDate: { type: DataTypes.DATEONLY, allowNull: false },
        status: { type: DataTypes.TEXT, allowNull: false, defaultValue: 'requested' },
        closedReason: text(),
        tokenHash: text(),
        tokenExpiresAt: instant(),
        tokenRevokedAt: instant(),
        reportDraft: json(),
        draftSavedAt: instant(),
        report: json(),
        submittedAt: instant(),
        receivedVia: text(),
        reminderBeforeSentAt: instant(),
        reminderOverdueSentAt: instant(),
        escalationSentAt: instant(),
        requestedBy: { type: DataTypes.UUID },
        version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      // `version: true`: every save checks and bumps the version, so two saves cannot silently cross.
      { sequelize, tableName: 'agency_requests', modelName: 'agencyRequest', version: true },
    )
    return AgencyRequest
  }
}
