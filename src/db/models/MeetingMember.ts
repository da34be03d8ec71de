import { CreationOptional, DataTypes, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize'
import type { MeetingCapacity } from '../../domain/codes'

/** An invited panel member (an account) or a named external attendee, with their capacity and attendance. */
export default class MeetingMember extends Model<
  InferAttributes<MeetingMember>,
  InferCreationAttributes<MeetingMember>
> {
  declare id: CreationOptional<string>
  declare meetingId: string
  declare userId: string | null
  declare externalName: string | null
  declare externalOrganisation: string | null
  declare capacity: CreationOptional<MeetingCapacity>
  /** null until attendance is recorded. */
  declare attended: boolean | null
  declare createdAt: CreationOptional<Date>
  declare updatedAt: CreationOptional<Date>

  static initModel(sequelize: Sequelize): typeof MeetingMember {
    MeetingMember.init(
      {
        id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
        meetingId: { type: DataTypes.UUID, allowNull: false },
        userId: { type: DataTypes.UUID },
        externalName: { type: DataTypes.TEXT },
        externalOrganisation: { type: DataTypes.TEXT },
        capacity: { type: DataTypes.TEXT, allowNull: false, defaultValue: 'other' },
        attended: { type: DataTypes.BOOLEAN },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'meeting_members', modelName: 'meetingMember' },
    )
    return MeetingMember
  }
}
