import { CreationOptional, DataTypes, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize'

/** A member's declared interest in a case: they may not see its pack nor record on it. */
export default class DeclarationOfInterest extends Model<
  InferAttributes<DeclarationOfInterest>,
  InferCreationAttributes<DeclarationOfInterest>
> {
  declare id: CreationOptional<string>
  declare meetingId: string
  declare caseId: string
  declare userId: string
  declare description: string | null
  declare recordedBy: string | null
  declare createdAt: CreationOptional<Date>
  declare updatedAt: CreationOptional<Date>

  static initModel(sequelize: Sequelize): typeof DeclarationOfInterest {
    DeclarationOfInterest.init(
      {
        id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
        meetingId: { type: DataTypes.UUID, allowNull: false },
        caseId: { type: DataTypes.UUID, allowNull: false },
        userId: { type: DataTypes.UUID, allowNull: false },
        description: { type: DataTypes.TEXT },
        recordedBy: { type: DataTypes.UUID },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'declarations_of_interest', modelName: 'declarationOfInterest' },
    )
    return DeclarationOfInterest
  }
}
