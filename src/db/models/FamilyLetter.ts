import { CreationOptional, DataTypes, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize'

/** The letter to a child's family after the panel's review: identifiable, for the coordinator only. */
export default class FamilyLetter extends Model<InferAttributes<FamilyLetter>, InferCreationAttributes<FamilyLetter>> {
  declare id: CreationOptional<string>
  declare caseId: string
  declare reviewId: string | null
  declare body: string
  declare createdBy: string | null
  declare updatedBy: string | null
  declare version: CreationOptional<number>
  declare createdAt: CreationOptional<Date>
  declare updatedAt: CreationOptional<Date>

  static initModel(sequelize: Sequelize): typeof FamilyLetter {
    FamilyLetter.init(
      {
        id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
        caseId: { type: DataTypes.UUID, allowNull: false },
        reviewId: { type: DataTypes.UUID },
        body: { type: DataTypes.TEXT, allowNull: false },
        createdBy: { type: DataTypes.UUID },
        updatedBy: { type: DataTypes.UUID },
        version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'family_letters', modelName: 'familyLetter', version: true },
    )
    return FamilyLetter
  }
}
