import { CreationOptional, DataTypes, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize'

export default class AuditEvent extends Model<InferAttributes<AuditEvent>, InferCreationAttributes<AuditEvent>> {
  declare id: CreationOptional<string>
  declare occurredAt: CreationOptional<Date>
  declare actorUserId: string | null
  declare action: string
  declare entityType: string | null
  declare entityId: string | null
  declare requestId: string | null
  declare ip: string | null
  declare details: CreationOptional<Record<string, unknown>>

  static initModel(sequelize: Sequelize): typeof AuditEvent {
    AuditEvent.init(
      {
        id: { type: DataTypes.BIGINT, primaryKey: true, autoIncrement: true },
        occurredAt: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
        actorUserId: { type: DataTypes.UUID },
        action: { type: DataTypes.TEXT, allowNull: false },
        entityType: { type: DataTypes.TEXT },
        entityId: { type: DataTypes.TEXT },
        requestId: { type: DataTypes.TEXT },
        ip: { type: DataTypes.TEXT },
        details: { type: DataTypes.JSONB, allowNull: false, defaultValue: {} },
      },
      { sequelize, tableName: 'audit_events', modelName: 'auditEvent', timestamps: false },
    )
    return AuditEvent
  }
}
