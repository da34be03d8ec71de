import { CreationOptional, DataTypes, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize'
import type { Agency, JarEventKind } from '../../domain/codes'

export interface JarAttendee {
  agency: Agency
  role: string | null
}

/** One dated event of a case's joint agency response (see migrations/20261201070001-create-jar-events.js). */
export default class JarEvent extends Model<InferAttributes<JarEvent>, InferCreationAttributes<JarEvent>> {
  declare id: CreationOptional<string>
  declare caseId: string
  declare kind: JarEventKind
  declare eventDate: string
  declare note: string | null
  declare attendees: CreationOptional<JarAttendee[]>
  declare version: CreationOptional<number>
  declare createdBy: string | null
  declare updatedBy: string | null
  declare createdAt: CreationOptional<Date>
  declare updatedAt: CreationOptional<Date>

  static initModel(sequelize: Sequelize): typeof JarEvent {
    JarEvent.init(
      {
        id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
        caseId: { type: DataTypes.UUID, allowNull: false },
        kind: { type: DataTypes.TEXT, allowNull: false },
        eventDate: { type: DataTypes.DATEONLY, allowNull: false },
        note: { type: DataTypes.TEXT },
        attendees: { type: DataTypes.JSONB, allowNull: false, defaultValue: [] },
        version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        createdBy: { type: DataTypes.UUID },
        updatedBy: { type: DataTypes.UUID },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'jar_events', modelName: 'jarEvent', version: true },
    )
    return JarEvent
  }
}
