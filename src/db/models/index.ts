import { Sequelize } from 'sequelize'
import AuditEvent from './AuditEvent'
import SetupToken from './SetupToken'
import User from './User'

export function initModels(sequelize: Sequelize) {
  const models = {
    User: User.initModel(sequelize),
    AuditEvent: AuditEvent.initModel(sequelize),
    SetupToken: SetupToken.initModel(sequelize),
  }
  models.AuditEvent.belongsTo(models.User, { as: 'actor', foreignKey: 'actorUserId' })
  return models
}

export type Models = ReturnType<typeof initModels>
export { AuditEvent, SetupToken, User }
