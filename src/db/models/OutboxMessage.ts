import { CreationOptional, DataTypes, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize'

export type OutboxStatus = 'pending' | 'retrying' | 'sent' | 'stored' | 'failed'
export type OutboxKind =
  | 'agency_request'
  | 'agency_reminder_before'
  | 'agency_reminder_overdue'
  | 'agency_escalation'
  | 'agency_confirmation'
  | 'report_received'
  | 'account_invitation'
  | 'password_reset'

/** One e-mail, written with the change it announces and delivered after commit (see services/mail). */
export default class OutboxMessage extends Model<
  InferAttributes<OutboxMessage>,
  InferCreationAttributes<OutboxMessage>
> {
  declare id: CreationOptional<string>
  declare kind: OutboxKind
  declare toAddress: string
  declare subject: string
  declare bodyText: string
  declare status: CreationOptional<OutboxStatus>
  declare attempts: CreationOptional<number>
  declare lastError: CreationOptional<string | null>
  declare nextAttemptAt: CreationOptional<Date | null>
  declare sentAt: CreationOptional<Date | null>
  declare caseId: string | null
  declare requestId: string | null
  declare createdAt: CreationOptional<Date>
  declare updatedAt: CreationOptional<Date>

  static initModel(sequelize: Sequelize): typeof OutboxMessage {
    OutboxMessage.init(
      {
        id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
        kind: { type: DataTypes.TEXT, allowNull: false },
        toAddress: { type: DataTypes.TEXT, allowNull: false },
        subject: { type: DataTypes.TEXT, allowNull: false },
        bodyText: { type: DataTypes.TEXT, allowNull: false },
        status: { type: DataTypes.TEXT, allowNull: false, defaultValue: 'pending' },
        attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        lastError: { type: DataTypes.TEXT },
        nextAttemptAt: { type: DataTypes.DATE, defaultValue: DataTypes.NOW },
        sentAt: { type: DataTypes.DATE },
        caseId: { type: DataTypes.UUID },
        requestId: { type: DataTypes.UUID },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'outbox_messages', modelName: 'outboxMessage' },
    )
    return OutboxMessage
  }
}
