import { CreationOptional, DataTypes, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize'
import type { Role } from '../../domain/codes'

export default class User extends Model<InferAttributes<User>, InferCreationAttributes<User>> {
  declare id: CreationOptional<string>
  declare email: string
  declare name: string
  /** Null for an invited person until they choose a password through their link. */
  declare passwordHash: CreationOptional<string | null>
  declare roles: Role[]
  declare active: CreationOptional<boolean>
  /** The TOTP secret, encrypted (see services/secondFactor); null until a second factor is set up. */
  declare mfaSecretEncrypted: CreationOptional<string | null>
  declare mfaEnrolledAt: CreationOptional<Date | null>
  /** The last TOTP time step accepted: a code is accepted once. */
  declare mfaLastTimeStep: CreationOptional<string | null>
  declare lastSignedInAt: CreationOptional<Date | null>
  declare version: CreationOptional<number>
  declare createdAt: CreationOptional<Date>
  declare updatedAt: CreationOptional<Date>

  static initModel(sequelize: Sequelize): typeof User {
    User.init(
      {
        id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
        email: { type: DataTypes.TEXT, allowNull: false },
        name: { type: DataTypes.TEXT, allowNull: false },
        passwordHash: { type: DataTypes.TEXT },
        mfaSecretEncrypted: { type: DataTypes.TEXT },
        mfaEnrolledAt: { type: DataTypes.DATE },
        mfaLastTimeStep: { type: DataTypes.BIGINT },
        roles: { type: DataTypes.ARRAY(DataTypes.TEXT), allowNull: false, defaultValue: [] },
        active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
        lastSignedInAt: { type: DataTypes.DATE },
        version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      // `version: true` makes every save check and bump the version: optimistic locking.
      { sequelize, tableName: 'users', modelName: 'user', version: true },
    )
    return User
  }
}
