import * as cheerio from 'cheerio'

export const $ = (html: string) => cheerio.load(html)

/** The GOV.UK error summary's links as [href, text] pairs. */
export function errorSummary(html: string): [string, string][] {
  const page = cheerio.load(html)
  return page('.govuk-error-summary__list a')
    .toArray()
    .map(a => [page(a).attr('href') ?? '', page(a).text().trim()])
}

/** The message shown beside a field (by its id), or null. */
export function fieldError(html: string, id: string): string | null {
  const text = cheerio.load(html)(`#${id}-error`).text()
  return text
    ? text
        .trim()
        .replace(/^Error:\s*/, '')
        .trim()
    : null
}
