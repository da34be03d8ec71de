import { Request, Response } from 'express'

/**
 * The report's own styles: charts that shrink to fit, figures that read as a table of numbers, and
 * a print layout so the page goes straight into the annual report (no navigation, download links
 * or mode switch; each table kept whole on its page, and a chart kept with its table). Served from
 * here, as a stylesheet, because the content security policy allows no inline styles.
 */
export const REPORT_CSS = `
.app-chart { margin: 0 0 15px; }
.app-chart__svg { display: block; max-width: 100%; height: auto; }
.app-statistics-total { font-weight: 700; }
.app-statistics-section { margin-bottom: 40px; }
.app-statistics-table { font-variant-numeric: tabular-nums; }
.app-statistics-table--years th[scope="row"] { white-space: nowrap; }
@media print {
  .app-no-print, .govuk-back-link, .govuk-breadcrumbs { display: none !important; }
  .govuk-width-container { max-width: none; margin: 0; }
  .app-statistics-section { break-inside: avoid; page-break-inside: avoid; }
  .app-statistics-section h2 { break-after: avoid; page-break-after: avoid; }
  .app-chart__svg { max-height: 12cm; width: auto; }
  .govuk-table { font-size: 10pt; }
  a { color: #0b0c0c; text-decoration: none; }
}
`

export function reportStylesheet(_req: Request, res: Response): void {
  res.type('text/css').send(REPORT_CSS)
}
