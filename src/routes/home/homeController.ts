import { Request, Response } from 'express'
import { caseStatuses } from '../../domain/codes'
import { hasRole } from '../../middleware/requireRole'
import type DashboardService from '../../services/dashboardService'

/** Each role lands on the work it does: the coordinator sees what is due. */
export default class HomeController {
  constructor(private readonly dashboardService: DashboardService) {}

  view = async (req: Request, res: Response): Promise<void> => {
    const user = req.user!
    const isCoordinator = hasRole(user, 'coordinator', 'admin')
    res.render('pages/home', {
      isCoordinator,
      isPanelMember: hasRole(user, 'panel_member'),
      isPublicHealth: hasRole(user, 'public_health'),
      isAdmin: hasRole(user, 'admin'),
      dashboard: isCoordinator ? await this.dashboardService.forCoordinator() : null,
      statusItems: caseStatuses.items,
    })
  }
}
