import type { Request, Response } from 'express'
import { todayInLondon } from '../../domain/dates'
import { financialYearLabel, financialYearOf, parseFinancialYear } from '../../domain/financialYear'
import { text } from '../../utils/formErrors'

/** The last whole financial year before today's: the one an annual report is usually written about. */
export function lastWholeYear(now = new Date()): string {
  const current = financialYearOf(todayInLondon(now))
  return financialYearLabel(Number(current.slice(0, 4)) - 1)
}

/** `?year=2016-17`: the year, the default when absent, or an error when it is anything else. */
export function readYear(req: Request): { year: string; error: string | null } {
  const raw = text(req.query, 'year', 20)
  if (!raw) return { year: lastWholeYear(), error: null }
  if (!parseFinancialYear(raw)) return { year: raw, error: 'Enter a financial year such as 2016-17' }
  return { year: raw, error: null }
}

/** Years to offer: the last twenty, newest first. */
export function yearChoices(now = new Date()): string[] {
  const last = Number(lastWholeYear(now).slice(0, 4))
  return Array.from({ length: 20 }, (_, i) => financialYearLabel(last + 1 - i))
}

/**
 * A page about one financial year: a malformed `?year` is the page again with its error (400,
 * nothing read); otherwise `load` gives the page's content for the year.
 */
export async function renderYearPage(
  req: Request,
  res: Response,
  view: string,
  empty: Record<string, unknown>,
  load: (year: string) => Promise<Record<string, unknown>>,
): Promise<void> {
  const { year, error } = readYear(req)
  if (error) {
    res.status(400).render(view, {
      year,
      years: yearChoices(),
      ...empty,
      errorSummary: [{ text: error, href: '#year' }],
      formErrors: { year: error },
    })
    return
  }
  res.render(view, { year, years: yearChoices(), ...(await load(year)), errorSummary: [], formErrors: {} })
}
