import { Sequelize } from 'sequelize'
import AuditEvent from './AuditEvent'
import Case from './Case'
import CaseStatusChange from './CaseStatusChange'
import SetupToken from './SetupToken'
import User from './User'

export function initModels(sequelize: Sequelize) {
  const models = {
    User: User.initModel(sequelize),
    AuditEvent: AuditEvent.initModel(sequelize),
    SetupToken: SetupToken.initModel(sequelize),
    Case: Case.initModel(sequelize),
    CaseStatusChange: CaseStatusChange.initModel(sequelize),
  }
  models.AuditEvent.belongsTo(models.User, { as: 'actor', foreignKey: 'actorUserId' })
  models.Case.hasMany(models.CaseStatusChange, { as: 'statusChanges', foreignKey: 'caseId' })
  models.CaseStatusChange.belongsTo(models.User, { as: 'changer', foreignKey: 'changedBy' })
  return models
}

export type Models = ReturnType<typeof initModels>
export { AuditEvent, Case, CaseStatusChange, SetupToken, User }
