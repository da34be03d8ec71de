import { QueryTypes, Transaction } from 'sequelize'
import type { Database } from '../db'
import { formatCaseRef } from '../domain/caseReference'

/**
 * Hands out CDOP-YYYY-NNNN in sequence per year. The counter row's lock makes two coordinators
 * saving at the same moment wait for each other, so a reference is never given twice; a number
 * taken by an imported case is skipped.
 */
export default class CaseReferenceAllocator {
  constructor(private readonly db: Database) {}

  async next(year: number, transaction: Transaction): Promise<string> {
    for (;;) {
      const [{ last_value: value }] = await this.db.sequelize.query<{ last_value: number }>(
        `INSERT INTO case_ref_counters (year, last_value) VALUES (:year, 1)
         ON CONFLICT (year) DO UPDATE SET last_value = case_ref_counters.last_value + 1
         RETURNING last_value`,
        { replacements: { year }, type: QueryTypes.SELECT, transaction },
      )
      const ref = formatCaseRef(year, value)
      const taken = await this.db.models.Case.count({ where: { caseRef: ref }, transaction })
      if (!taken) return ref
    }
  }
}
