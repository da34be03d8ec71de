import { CreationOptional, DataTypes, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize'
import type { Agency, ModifiableFactors, Preventability } from '../../domain/codes'

export type ReviewStatus = 'draft' | 'final' | 'deferred' | 'superseded'

/** The panel's analysis of one case (data dictionary §3): a draft while the panel works, then final and locked. */
export default class CaseReview extends Model<InferAttributes<CaseReview>, InferCreationAttributes<CaseReview>> {
  declare id: CreationOptional<string>
  declare caseId: string
  declare meetingId: string | null
  declare status: CreationOptional<ReviewStatus>
  declare agenciesPresent: CreationOptional<Agency[]>
  declare category: number | null
  declare modifiableFactors: ModifiableFactors | null
  declare preventability: Preventability | null
  declare likelyCauseOfDeath: string | null
  declare learningPoints: string | null
  declare safeguardingReferral: boolean | null
  declare lederReferral: boolean | null
  declare reviewDate: string | null
  declare quorumOverrideReason: string | null
  declare deferralQuestions: string | null
  declare finalisedBy: string | null
  declare finalisedAt: Date | null
  declare version: CreationOptional<number>
  declare createdAt: CreationOptional<Date>
  declare updatedAt: CreationOptional<Date>

  static initModel(sequelize: Sequelize): typeof CaseReview {
    const text = () => ({ type: DataTypes.TEXT })
    CaseReview.init(
      {
        id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
        caseId: { type: DataTypes.UUID, allowNull: false },
        meetingId: { type: DataTypes.UUID },
        status: { type: DataTypes.TEXT, allowNull: false, defaultValue: 'draft' },
        agenciesPresent: { type: DataTypes.ARRAY(DataTypes.TEXT), allowNull: false, defaultValue: [] },
        category: { type: DataTypes.SMALLINT },
        modifiableFactors: text(),
        preventability: text(),
        likelyCauseOfDeath: text(),
        learningPoints: text(),
        safeguardingReferral: { type: DataTypes.BOOLEAN },
        lederReferral: { type: DataTypes.BOOLEAN },
        reviewDate: { type: DataTypes.DATEONLY },
        quorumOverrideReason: text(),
        deferralQuestions: text(),
        finalisedBy: { type: DataTypes.UUID },
        finalisedAt: { type: DataTypes.DATE },
        version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'case_reviews', modelName: 'caseReview', version: true },
    )
    return CaseReview
  }
}
