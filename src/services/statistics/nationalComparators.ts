/**
 * The national share of reviewed deaths with modifiable factors, by financial year, as entered by an
 * administrator from the national statistics. Kept in its own small table; plain SQL, since it is a
 * settings list with no behaviour of its own.
 */
import { QueryTypes } from 'sequelize'
import type { Database } from '../../db'
import { parseFinancialYear } from '../../domain/financialYear'
import type { AuditContext } from '../auditContext'
import type AuditService from '../auditService'

export interface NationalComparator {
  financialYear: string
  /** Percentage, 0 to 100, to at most two decimal places. */
  modifiableShare: number
  source: string
}

export interface ComparatorInput {
  financial_year: string
  modifiable_share: string
  source: string
}

export type ComparatorErrors = Partial<Record<keyof ComparatorInput, string>>

export const MAX_SOURCE_LENGTH = 500

/** Checks a submitted comparator; the errors are GOV.UK messages keyed by field. */
export function validateComparator(
  input: ComparatorInput,
): { ok: true; value: NationalComparator } | { ok: false; errors: ComparatorErrors } {
  const errors: ComparatorErrors = {}
  if (!input.financial_year) errors.financial_year = 'Enter the financial year, like 2016-17'
  else if (!parseFinancialYear(input.financial_year)) errors.financial_year = 'Enter a financial year like 2016-17'
  const share = input.modifiable_share.replace(/%$/, '').trim()
  if (!share) errors.modifiable_share = 'Enter the national percentage with modifiable factors'
  else if (!/^\d{1,3}(\.\d{1,2})?$/.test(share) || Number(share) > 100) {
    errors.modifiable_share = 'Percentage must be a number from 0 to 100, like 32.5'
  }
  if (!input.source) errors.source = 'Enter where the national figure comes from'
  else if (input.source.length > MAX_SOURCE_LENGTH) {
    errors.source = `Source must be ${MAX_SOURCE_LENGTH} characters or fewer`
  }
  if (Object.keys(errors).length) return { ok: false, errors }
  return {
    ok: true,
    value: { financialYear: input.financial_year, modifiableShare: Number(share), source: input.source },
  }
}

interface Row {
  financial_year: string
  modifiable_share: string
  source: string
}

const toComparator = (row: Row): NationalComparator => ({
  financialYear: row.financial_year,
  modifiableShare: Number(row.modifiable_share),
  source: row.source,
})

export default class NationalComparators {
  constructor(
    private readonly db: Database,
    private readonly auditService: AuditService,
  ) {}

  /** Every comparator entered, latest year first. */
  async list(): Promise<NationalComparator[]> {
    const rows = await this.db.sequelize.query<Row>(
      'SELECT financial_year, modifiable_share, source FROM national_comparators ORDER BY financial_year DESC',
      { type: QueryTypes.SELECT },
    )
    return rows.map(toComparator)
  }

  /** The comparators of the given years, where entered. */
  async forYears(years: readonly string[]): Promise<NationalComparator[]> {
    const rows = await this.db.sequelize.query<Row>(
      `SELECT financial_year, modifiable_share, source FROM national_comparators
       WHERE financial_year = ANY($1::text[]) ORDER BY financial_year`,
      { bind: [years], type: QueryTypes.SELECT },
    )
    return rows.map(toComparator)
  }

  /** Enters or replaces a year's figure; audited, since the annual report prints it. */
  async save(comparator: NationalComparator, context: AuditContext): Promise<void> {
    await this.db.transaction(async transaction => {
      await this.db.sequelize.query(
        `INSERT INTO national_comparators (financial_year, modifiable_share, source, updated_by, updated_at)
         VALUES ($1, $2, $3, $4, now())
         ON CONFLICT (financial_year) DO UPDATE
         SET modifiable_share = EXCLUDED.modifiable_share, source = EXCLUDED.source,
             updated_by = EXCLUDED.updated_by, updated_at = now()`,
        {
          bind: [comparator.financialYear, comparator.modifiableShare, comparator.source, context.actorUserId],
          transaction,
        },
      )
      await this.auditService.record(
        context,
        {
          action: 'national_comparator_saved',
          entityType: 'national_comparator',
          entityId: comparator.financialYear,
          details: { modifiableShare: comparator.modifiableShare, source: comparator.source },
        },
        transaction,
      )
    })
  }
}
