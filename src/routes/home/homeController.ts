import { Request, Response } from 'express'
import { caseStatuses } from '../../domain/codes'
import { can } from '../../domain/policy'
import type AuditService from '../../services/auditService'
import type DashboardService from '../../services/dashboardService'
import { auditContext } from '../auditContextOf'

/** Each role lands on the work it does: the coordinator sees what is due. */
export default class HomeController {
  constructor(
    private readonly dashboardService: DashboardService,
    private readonly auditService: AuditService,
  ) {}

  view = async (req: Request, res: Response): Promise<void> => {
    const user = req.user!
    const isCoordinator = can(user, 'viewCases')
    const dashboard = isCoordinator ? await this.dashboardService.forCoordinator() : null
    if (dashboard) {
      // The dashboard names children, so showing it is a view of identifiable data.
      const shown = [...dashboard.familiesWaiting, ...dashboard.waitingLongest].map(c => c.id)
      await this.auditService.record(auditContext(req), {
        action: 'case_list_viewed',
        details: { dashboard: true, caseIds: [...new Set(shown)] },
      })
    }
    res.render('pages/home', {
      isCoordinator,
      isPanelMember: can(user, 'sitOnPanel'),
      // Those who see the live figures reach them from the dashboard and the navigation.
      isPublicHealth: can(user, 'viewPublishedStatistics') && !can(user, 'viewLiveStatistics'),
      isAdmin: can(user, 'administerAccounts'),
      dashboard,
      statusItems: caseStatuses.items,
    })
  }
}
