import { CreationOptional, DataTypes, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize'
import type { ActionLevel, ActionStatus } from '../../domain/codes'

/** A recommendation of the panel, tracked as an action until closed. */
export default class Action extends Model<InferAttributes<Action>, InferCreationAttributes<Action>> {
  declare id: CreationOptional<string>
  declare caseId: string
  declare reviewId: string | null
  declare description: string
  declare level: CreationOptional<ActionLevel>
  declare ownerOrganisation: string | null
  declare dueDate: string | null
  declare status: CreationOptional<ActionStatus>
  declare evidenceOfImpact: string | null
  declare version: CreationOptional<number>
  declare createdAt: CreationOptional<Date>
  declare updatedAt: CreationOptional<Date>

  static initModel(sequelize: Sequelize): typeof Action {
    Action.init(
      {
        id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
        caseId: { type: DataTypes.UUID, allowNull: false },
        reviewId: { type: DataTypes.UUID },
        description: { type: DataTypes.TEXT, allowNull: false },
        level: { type: DataTypes.TEXT, allowNull: false, defaultValue: 'local' },
        ownerOrganisation: { type: DataTypes.TEXT },
        dueDate: { type: DataTypes.DATEONLY },
        status: { type: DataTypes.TEXT, allowNull: false, defaultValue: 'open' },
        evidenceOfImpact: { type: DataTypes.TEXT },
        version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'actions', modelName: 'action', version: true },
    )
    return Action
  }
}
