import { Op } from 'sequelize'
import type { Database } from '../db'
import type { Case } from '../db/models'
import { openStatuses } from '../domain/caseStatus'
import { addDays, addMonthsClamped, todayInLondon } from '../domain/dates'

const OPEN = [...openStatuses, 'on_hold'] as const
const ATTRIBUTES = ['id', 'caseRef', 'givenNames', 'familyName', 'dateOfDeath', 'notifiedAt', 'status'] as const

export interface CoordinatorDashboard {
  familiesWaiting: Case[]
  familiesWaitingCount: number
  waitingLongest: Case[]
  over6Months: number
  over12Months: number
  openCases: number
  byStatus: Record<string, number>
}

/** The work that is due, for the coordinator's home page. Each figure is one indexed query. */
export default class DashboardService {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async forCoordinator(): Promise<CoordinatorDashboard> {
    const today = todayInLondon(this.now())
    const Case = this.db.models.Case
    const open = { status: { [Op.in]: OPEN as unknown as string[] } }
    // The family should have the information leaflet within 7 days of the panel hearing of the death.
    const familiesWhere = { ...open, familyLeafletSentOn: null, notifiedAt: { [Op.lte]: addDays(today, -7) } }
    const [familiesWaiting, familiesWaitingCount, waitingLongest, over6Months, over12Months, statusRows] =
      await Promise.all([
        Case.findAll({ where: familiesWhere, attributes: [...ATTRIBUTES], order: [['notifiedAt', 'ASC']], limit: 10 }),
        Case.count({ where: familiesWhere }),
        Case.findAll({ where: open, attributes: [...ATTRIBUTES], order: [['dateOfDeath', 'ASC']], limit: 10 }),
        Case.count({ where: { ...open, dateOfDeath: { [Op.lte]: addMonthsClamped(today, -6) } } }),
        Case.count({ where: { ...open, dateOfDeath: { [Op.lte]: addMonthsClamped(today, -12) } } }),
        Case.count({ where: open, group: ['status'] }) as unknown as Promise<{ status: string; count: number }[]>,
      ])
    const byStatus = Object.fromEntries(statusRows.map(row => [row.status, Number(row.count)]))
    return {
      familiesWaiting,
      familiesWaitingCount,
      waitingLongest,
      over6Months,
      over12Months,
      openCases: Object.values(byStatus).reduce((a, b) => a + b, 0),
      byStatus,
    }
  }
}
