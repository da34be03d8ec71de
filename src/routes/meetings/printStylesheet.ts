import { Request, Response } from 'express'

/**
 * Print styles for the pack and the minutes: no navigation or links to other pages, and each case of
 * the whole pack on a page of its own. Served as a stylesheet because the content security policy
 * allows no inline styles.
 */
export const MEETING_PRINT_CSS = `
@media print {
  .app-no-print, .govuk-back-link, .govuk-button, .govuk-service-navigation { display: none !important; }
  .govuk-width-container { max-width: none; margin: 0; }
  .app-pack-case + .app-pack-case { break-before: page; page-break-before: always; }
  .app-pack-case .govuk-summary-list__row, .app-minutes-case { break-inside: avoid; page-break-inside: avoid; }
  a { color: #0b0c0c; text-decoration: none; }
}
`

export function printStylesheet(_req: Request, res: Response): void {
  res.type('text/css').send(MEETING_PRINT_CSS)
}
