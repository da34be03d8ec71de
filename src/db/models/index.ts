import { Sequelize } from 'sequelize'
import AccountLink from './AccountLink'
import Action from './Action'
import AgencyLead from './AgencyLead'
import AgencyRequest from './AgencyRequest'
import AgendaItem from './AgendaItem'
import AuditEvent from './AuditEvent'
import Case from './Case'
import CaseReview from './CaseReview'
import CaseStatusChange from './CaseStatusChange'
import ContributoryFactor from './ContributoryFactor'
import DeclarationOfInterest from './DeclarationOfInterest'
import JarEvent from './JarEvent'
import FamilyLetter from './FamilyLetter'
import Meeting from './Meeting'
import MeetingMember from './MeetingMember'
import OutboxMessage from './OutboxMessage'
import RecoveryCode from './RecoveryCode'
import ReportLearningItem from './ReportLearningItem'
import Setting from './Setting'
import SetupToken from './SetupToken'
import User from './User'

export function initModels(sequelize: Sequelize) {
  const models = {
    User: User.initModel(sequelize),
    AuditEvent: AuditEvent.initModel(sequelize),
    SetupToken: SetupToken.initModel(sequelize),
    Case: Case.initModel(sequelize),
    CaseStatusChange: CaseStatusChange.initModel(sequelize),
    AgencyRequest: AgencyRequest.initModel(sequelize),
    OutboxMessage: OutboxMessage.initModel(sequelize),
    Meeting: Meeting.initModel(sequelize),
    MeetingMember: MeetingMember.initModel(sequelize),
    AgendaItem: AgendaItem.initModel(sequelize),
    DeclarationOfInterest: DeclarationOfInterest.initModel(sequelize),
    Setting: Setting.initModel(sequelize),
    CaseReview: CaseReview.initModel(sequelize),
    ContributoryFactor: ContributoryFactor.initModel(sequelize),
    Action: Action.initModel(sequelize),
    JarEvent: JarEvent.initModel(sequelize),
    AgencyLead: AgencyLead.initModel(sequelize),
    FamilyLetter: FamilyLetter.initModel(sequelize),
    RecoveryCode: RecoveryCode.initModel(sequelize),
    AccountLink: AccountLink.initModel(sequelize),
    ReportLearningItem: ReportLearningItem.initModel(sequelize),
  }
  models.AuditEvent.belongsTo(models.User, { as: 'actor', foreignKey: 'actorUserId' })
  models.Case.hasMany(models.CaseStatusChange, { as: 'statusChanges', foreignKey: 'caseId' })
  models.CaseStatusChange.belongsTo(models.User, { as: 'changer', foreignKey: 'changedBy' })
  models.AgencyRequest.belongsTo(models.Case, { as: 'case', foreignKey: 'caseId' })
  models.AgencyRequest.belongsTo(models.User, { as: 'requester', foreignKey: 'requestedBy' })
  models.Meeting.hasMany(models.MeetingMember, { as: 'members', foreignKey: 'meetingId' })
  models.MeetingMember.belongsTo(models.User, { as: 'user', foreignKey: 'userId' })
  models.Meeting.hasMany(models.AgendaItem, { as: 'agendaItems', foreignKey: 'meetingId' })
  models.AgendaItem.belongsTo(models.Case, { as: 'case', foreignKey: 'caseId' })
  models.AgendaItem.belongsTo(models.Meeting, { as: 'meeting', foreignKey: 'meetingId' })
  models.Meeting.hasMany(models.DeclarationOfInterest, { as: 'declarations', foreignKey: 'meetingId' })
  models.DeclarationOfInterest.belongsTo(models.User, { as: 'user', foreignKey: 'userId' })
  models.CaseReview.hasMany(models.ContributoryFactor, { as: 'factors', foreignKey: 'reviewId' })
  models.CaseReview.belongsTo(models.Case, { as: 'case', foreignKey: 'caseId' })
  models.Action.belongsTo(models.Case, { as: 'case', foreignKey: 'caseId' })
  return models
}

export type Models = ReturnType<typeof initModels>
export {
  AccountLink,
  Action,
  AgencyLead,
  AgencyRequest,
  AgendaItem,
  AuditEvent,
  Case,
  CaseReview,
  CaseStatusChange,
  ContributoryFactor,
  DeclarationOfInterest,
  JarEvent,
  FamilyLetter,
  Meeting,
  MeetingMember,
  OutboxMessage,
  RecoveryCode,
  ReportLearningItem,
  Setting,
  SetupToken,
  User,
}
