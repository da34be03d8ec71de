import { Request, Response } from 'express'
import type UserService from '../../services/userService'

export default class ListUsersController {
  constructor(private readonly userService: UserService) {}

  view = async (_req: Request, res: Response): Promise<void> => {
    res.render('pages/admin/users', { users: await this.userService.list() })
  }
}
