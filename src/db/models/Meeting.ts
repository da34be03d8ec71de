import { CreationOptional, DataTypes, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize'
import type { MeetingTheme } from '../../domain/codes'

export default class Meeting extends Model<InferAttributes<Meeting>, InferCreationAttributes<Meeting>> {
  declare id: CreationOptional<string>
  declare meetingDate: string
  declare startTime: string
  declare location: string | null
  declare online: CreationOptional<boolean>
  declare theme: CreationOptional<MeetingTheme>
  declare status: CreationOptional<'scheduled' | 'held' | 'cancelled'>
  declare notes: string | null
  declare createdBy: string | null
  declare heldAt: CreationOptional<Date | null>
  declare heldBy: CreationOptional<string | null>
  declare cancelledAt: CreationOptional<Date | null>
  declare cancellationReason: CreationOptional<string | null>
  declare postponedFrom: CreationOptional<string | null>
  declare postponementReason: CreationOptional<string | null>
  declare version: CreationOptional<number>
  declare createdAt: CreationOptional<Date>
  declare updatedAt: CreationOptional<Date>

  static initModel(sequelize: Sequelize): typeof Meeting {
    Meeting.init(
      {
        id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
        meetingDate: { type: DataTypes.DATEONLY, allowNull: false },
        startTime: { type: DataTypes.TIME, allowNull: false },
        location: { type: DataTypes.TEXT },
        online: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
        theme: { type: DataTypes.TEXT, allowNull: false, defaultValue: 'general' },
        status: { type: DataTypes.TEXT, allowNull: false, defaultValue: 'scheduled' },
        notes: { type: DataTypes.TEXT },
        createdBy: { type: DataTypes.UUID },
        heldAt: { type: DataTypes.DATE },
        heldBy: { type: DataTypes.UUID },
        cancelledAt: { type: DataTypes.DATE },
        cancellationReason: { type: DataTypes.TEXT },
        postponedFrom: { type: DataTypes.DATEONLY },
        postponementReason: { type: DataTypes.TEXT },
        version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'meetings', modelName: 'meeting', version: true },
    )
    return Meeting
  }
}
