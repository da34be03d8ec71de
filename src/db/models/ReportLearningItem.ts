import { CreationOptional, DataTypes, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize'

/** Where a learning point or recommendation came from: a final review, one of its actions, or an imported case. */
export type LearningSourceType = 'review' | 'action' | 'case'
export type LearningDecision = 'include' | 'leave_out'

/** The coordinator's decision on one learning point or recommendation for the annual report. */
export default class ReportLearningItem extends Model<
  InferAttributes<ReportLearningItem>,
  InferCreationAttributes<ReportLearningItem>
> {
  declare id: CreationOptional<string>
  declare sourceType: LearningSourceType
  declare sourceId: string
  declare caseId: string
  declare decision: LearningDecision
  declare curatedText: string | null
  declare decidedBy: string | null
  declare decidedAt: Date
  declare version: CreationOptional<number>
  declare createdAt: CreationOptional<Date>
  declare updatedAt: CreationOptional<Date>

  static initModel(sequelize: Sequelize): typeof ReportLearningItem {
    ReportLearningItem.init(
      {
        id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
        sourceType: { type: DataTypes.TEXT, allowNull: false },
        sourceId: { type: DataTypes.UUID, allowNull: false },
        caseId: { type: DataTypes.UUID, allowNull: false },
        decision: { type: DataTypes.TEXT, allowNull: false },
        curatedText: { type: DataTypes.TEXT },
        decidedBy: { type: DataTypes.UUID },
        decidedAt: { type: DataTypes.DATE, allowNull: false },
        version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'report_learning_items', modelName: 'reportLearningItem', version: true },
    )
    return ReportLearningItem
  }
}
