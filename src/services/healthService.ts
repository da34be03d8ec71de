import type { Database } from '../db'

export default class HealthService {
  constructor(private readonly db: Database) {}

  async databaseIsUp(timeoutMs = 2000): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<boolean>(resolve => {
      timer = setTimeout(() => resolve(false), timeoutMs)
    })
    const check = this.db.sequelize
      .query('SELECT 1')
      .then(() => true)
      .catch(() => false)
    try {
      return await Promise.race([check, timeout])
    } finally {
      clearTimeout(timer)
    }
  }
}
