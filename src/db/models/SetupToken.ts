import { CreationOptional, DataTypes, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize'

export default class SetupToken extends Model<InferAttributes<SetupToken>, InferCreationAttributes<SetupToken>> {
  declare tokenHash: string
  declare expiresAt: Date
  declare createdAt: CreationOptional<Date>

  static initModel(sequelize: Sequelize): typeof SetupToken {
    SetupToken.init(
      {
        tokenHash: { type: DataTypes.TEXT, primaryKey: true },
        expiresAt: { type: DataTypes.DATE, allowNull: false },
        createdAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'setup_tokens', modelName: 'setupToken', updatedAt: false },
    )
    return SetupToken
  }
}
