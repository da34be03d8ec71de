import { CreationOptional, DataTypes, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize'
import type { CaseStatus } from '../../domain/codes'

/** Every change of a case's status: who, when and why. */
export default class CaseStatusChange extends Model<
  InferAttributes<CaseStatusChange>,
  InferCreationAttributes<CaseStatusChange>
> {
  declare id: CreationOptional<string>
  declare caseId: string
  declare fromStatus: CaseStatus | null
  declare toStatus: CaseStatus
  declare reasonCode: string | null
  declare reason: string | null
  declare changedBy: string | null
  declare changedAt: CreationOptional<Date>

  static initModel(sequelize: Sequelize): typeof CaseStatusChange {
    CaseStatusChange.init(
      {
        id: { type: DataTypes.BIGINT, primaryKey: true, autoIncrement: true },
        caseId: { type: DataTypes.UUID, allowNull: false },
        fromStatus: { type: DataTypes.TEXT },
        toStatus: { type: DataTypes.TEXT, allowNull: false },
        reasonCode: { type: DataTypes.TEXT },
        reason: { type: DataTypes.TEXT },
        changedBy: { type: DataTypes.UUID },
        changedAt: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      },
      { sequelize, tableName: 'case_status_changes', modelName: 'caseStatusChange', timestamps: false },
    )
    return CaseStatusChange
  }
}
