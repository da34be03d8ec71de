import { CreationOptional, DataTypes, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize'

/** One single-use recovery code of a person's second factor: only its SHA-256 hash is kept. */
export default class RecoveryCode extends Model<InferAttributes<RecoveryCode>, InferCreationAttributes<RecoveryCode>> {
  declare id: CreationOptional<string>
  declare userId: string
  declare codeHash: string
  declare usedAt: CreationOptional<Date | null>
  declare createdAt: CreationOptional<Date>

  static initModel(sequelize: Sequelize): typeof RecoveryCode {
    RecoveryCode.init(
      {
        id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
        userId: { type: DataTypes.UUID, allowNull: false },
        codeHash: { type: DataTypes.TEXT, allowNull: false },
        usedAt: { type: DataTypes.DATE },
        createdAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'recovery_codes', modelName: 'recoveryCode', updatedAt: false },
    )
    return RecoveryCode
  }
}
