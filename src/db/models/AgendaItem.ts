import { CreationOptional, DataTypes, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize'

export type AgendaOutcome = 'pending' | 'reviewed' | 'deferred' | 'removed'

export default class AgendaItem extends Model<InferAttributes<AgendaItem>, InferCreationAttributes<AgendaItem>> {
  declare id: CreationOptional<string>
  declare meetingId: string
  declare caseId: string
  declare position: number
  declare outcome: CreationOptional<AgendaOutcome>
  declare createdAt: CreationOptional<Date>
  declare updatedAt: CreationOptional<Date>

  static initModel(sequelize: Sequelize): typeof AgendaItem {
    AgendaItem.init(
      {
        id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
        meetingId: { type: DataTypes.UUID, allowNull: false },
        caseId: { type: DataTypes.UUID, allowNull: false },
        position: { type: DataTypes.INTEGER, allowNull: false },
        outcome: { type: DataTypes.TEXT, allowNull: false, defaultValue: 'pending' },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'agenda_items', modelName: 'agendaItem' },
    )
    return AgendaItem
  }
}
