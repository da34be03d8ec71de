import { CreationOptional, DataTypes, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize'
import type { FactorDomain } from '../../domain/codes'

export default class ContributoryFactor extends Model<
  InferAttributes<ContributoryFactor>,
  InferCreationAttributes<ContributoryFactor>
> {
  declare id: CreationOptional<string>
  declare reviewId: string
  declare domain: FactorDomain
  declare description: string
  declare grade: number
  declare modifiable: CreationOptional<boolean>
  declare position: CreationOptional<number>
  declare createdAt: CreationOptional<Date>
  declare updatedAt: CreationOptional<Date>

  static initModel(sequelize: Sequelize): typeof ContributoryFactor {
    ContributoryFactor.init(
      {
        id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
        reviewId: { type: DataTypes.UUID, allowNull: false },
        domain: { type: DataTypes.TEXT, allowNull: false },
        description: { type: DataTypes.TEXT, allowNull: false },
        grade: { type: DataTypes.SMALLINT, allowNull: false },
        modifiable: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
        position: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'contributory_factors', modelName: 'contributoryFactor' },
    )
    return ContributoryFactor
  }
}
