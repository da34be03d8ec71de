import { CreationOptional, DataTypes, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize'

export type AccountLinkPurpose = 'invitation' | 'password_reset'

/** An invitation or password reset link: only the token's hash, single use, expiring, revocable. */
export default class AccountLink extends Model<InferAttributes<AccountLink>, InferCreationAttributes<AccountLink>> {
  declare id: CreationOptional<string>
  declare userId: string
  declare purpose: AccountLinkPurpose
  declare tokenHash: string
  declare expiresAt: Date
  declare usedAt: CreationOptional<Date | null>
  declare revokedAt: CreationOptional<Date | null>
  declare createdBy: CreationOptional<string | null>
  declare createdAt: CreationOptional<Date>

  static initModel(sequelize: Sequelize): typeof AccountLink {
    AccountLink.init(
      {
        id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
        userId: { type: DataTypes.UUID, allowNull: false },
        purpose: { type: DataTypes.TEXT, allowNull: false },
        tokenHash: { type: DataTypes.TEXT, allowNull: false },
        expiresAt: { type: DataTypes.DATE, allowNull: false },
        usedAt: { type: DataTypes.DATE },
        revokedAt: { type: DataTypes.DATE },
        createdBy: { type: DataTypes.UUID },
        createdAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'account_links', modelName: 'accountLink', updatedAt: false },
    )
    return AccountLink
  }
}
