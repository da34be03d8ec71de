import { CreationOptional, DataTypes, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize'
import type { Agency } from '../../domain/codes'

/** The named lead of an agency, to whom an overdue report is escalated (set by an administrator). */
export default class AgencyLead extends Model<InferAttributes<AgencyLead>, InferCreationAttributes<AgencyLead>> {
  declare agency: Agency
  declare leadName: string
  declare leadEmail: string
  declare version: CreationOptional<number>
  declare updatedBy: string | null
  declare createdAt: CreationOptional<Date>
  declare updatedAt: CreationOptional<Date>

  static initModel(sequelize: Sequelize): typeof AgencyLead {
    AgencyLead.init(
      {
        agency: { type: DataTypes.TEXT, primaryKey: true },
        leadName: { type: DataTypes.TEXT, allowNull: false },
        leadEmail: { type: DataTypes.TEXT, allowNull: false },
        version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        updatedBy: { type: DataTypes.UUID },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'agency_leads', modelName: 'agencyLead', version: true },
    )
    return AgencyLead
  }
}
