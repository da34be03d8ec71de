import { CreationOptional, DataTypes, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize'
import type {
  Agency,
  CaseStatus,
  JarTrigger,
  PostMortemStatus,
  Ethnicity,
  Expected,
  ModifiableFactors,
  NhsNumberMissingReason,
  OnHoldReason,
  PlaceOfDeath,
  Preventability,
  Sex,
} from '../../domain/codes'

/** A child's death under review: the data dictionary's §1 items, named as there (camelCase here, snake_case in SQL). */
export default class Case extends Model<InferAttributes<Case>, InferCreationAttributes<Case>> {
  declare id: CreationOptional<string>
  declare caseRef: string
  declare givenNames: string | null
  declare familyName: string | null
  declare nhsNumber: string | null
  declare nhsNumberMissingReason: NhsNumberMissingReason | null
  declare dateOfBirth: string
  declare dateOfDeath: string
  declare timeOfDeath: string | null
  declare sex: Sex
  declare ethnicity: CreationOptional<Ethnicity>
  declare postcode: string | null
  declare localAuthority: string | null
  declare ward: string | null
  declare resident: CreationOptional<boolean>
  declare placeOfDeath: PlaceOfDeath | null
  declare expected: Expected
  declare suspectedStillbirthAtHome: CreationOptional<boolean>
  declare notifiedAt: string
  declare notifierName: string | null
  declare notifierRole: string | null
  declare notifierOrganisation: string | null
  declare notifierContact: string | null
  declare circumstances: string | null
  declare status: CreationOptional<CaseStatus>
  declare onHoldReason: OnHoldReason | null
  declare statusBeforeHold: CaseStatus | null
  declare reviewDate: string | null
  declare category: number | null
  declare modifiableFactors: ModifiableFactors | null
  declare preventability: Preventability | null
  declare learningPoints: CreationOptional<string | null>
  declare jarRequired: boolean | null
  declare jarTriggers: CreationOptional<JarTrigger[]>
  declare jarDate: string | null
  declare jarHomeVisit: boolean | null
  declare jarAttendees: CreationOptional<Agency[]>
  declare jarSummary: string | null
  declare postMortem: PostMortemStatus | null
  declare coronerInvolved: boolean | null
  declare policeInvestigation: boolean | null
  declare anonymisedCircumstances: string | null
  declare keyWorker: string | null
  declare familyLeafletSentOn: string | null
  declare familyQuestions: string | null
  declare familyQuestionsAnswered: CreationOptional<boolean | null>
  declare familyQuestionsAnsweredOn: CreationOptional<string | null>
  declare imported: CreationOptional<boolean>
  /** Set only on a case merged into another (its stored status is then `merged`, see caseMergeService). */
  declare mergedIntoId: CreationOptional<string | null>
  declare mergedAt: CreationOptional<Date | null>
  declare createdBy: string | null
  declare version: CreationOptional<number>
  declare createdAt: CreationOptional<Date>
  declare updatedAt: CreationOptional<Date>

  static initModel(sequelize: Sequelize): typeof Case {
    // Fresh objects for each attribute: Sequelize writes into these definitions, so sharing one would alias columns.
    const text = () => ({ type: DataTypes.TEXT })
    const date = () => ({ type: DataTypes.DATEONLY })
    Case.init(
      {
        id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
        caseRef: { type: DataTypes.TEXT, allowNull: false },
        givenNames: text(),
        familyName: text(),
        nhsNumber: { type: DataTypes.CHAR(10) },
        nhsNumberMissingReason: text(),
        dateOfBirth: { ...date(), allowNull: false },
        dateOfDeath: { ...date(), allowNull: false },
        timeOfDeath: { type: DataTypes.TIME },
        sex: { type: DataTypes.TEXT, allowNull: false },
        ethnicity: { type: DataTypes.TEXT, allowNull: false, defaultValue: 'not_known' },
        postcode: text(),
        localAuthority: text(),
        ward: text(),
        resident: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
        placeOfDeath: text(),
        expected: { type: DataTypes.TEXT, allowNull: false },
        suspectedStillbirthAtHome: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
        notifiedAt: { ...date(), allowNull: false },
        notifierName: text(),
        notifierRole: text(),
        notifierOrganisation: text(),
        notifierContact: text(),
        circumstances: text(),
        status: { type: DataTypes.TEXT, allowNull: false, defaultValue: 'notified' },
        onHoldReason: text(),
        statusBeforeHold: text(),
        reviewDate: date(),
        category: { type: DataTypes.SMALLINT },
        modifiableFactors: text(),
        preventability: text(),
        learningPoints: text(),
        jarRequired: { type: DataTypes.BOOLEAN },
        jarTriggers: { type: DataTypes.ARRAY(DataTypes.TEXT), allowNull: false, defaultValue: [] },
        jarDate: date(),
        jarHomeVisit: { type: DataTypes.BOOLEAN },
        jarAttendees: { type: DataTypes.ARRAY(DataTypes.TEXT), allowNull: false, defaultValue: [] },
        jarSummary: text(),
        postMortem: text(),
        coronerInvolved: { type: DataTypes.BOOLEAN },
        policeInvestigation: { type: DataTypes.BOOLEAN },
        anonymisedCircumstances: text(),
        keyWorker: text(),
        familyLeafletSentOn: date(),
        familyQuestions: text(),
        familyQuestionsAnswered: { type: DataTypes.BOOLEAN },
        familyQuestionsAnsweredOn: date(),
        imported: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
        mergedIntoId: { type: DataTypes.UUID },
        mergedAt: { type: DataTypes.DATE },
        createdBy: { type: DataTypes.UUID },
        version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'cases', modelName: 'case', version: true },
    )
    return Case
  }
}
