import { Request, Response } from 'express'
import { hasRole } from '../../middleware/requireRole'

/** Each role lands on the work it does; later issues fill these dashboards in. */
export default class HomeController {
  view = (req: Request, res: Response): void => {
    const user = req.user!
    res.render('pages/home', {
      isCoordinator: hasRole(user, 'coordinator', 'admin'),
      isPanelMember: hasRole(user, 'panel_member'),
      isPublicHealth: hasRole(user, 'public_health'),
      isAdmin: hasRole(user, 'admin'),
    })
  }
}
