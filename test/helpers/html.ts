import * as cheerio from 'cheerio/slim'

/**
 * A page as cheerio reads it, with htmlparser2 (cheerio/slim: three times as fast as parse5, and
 * the service's markup is well formed). Attribute names keep their case, as a browser keeps SVG's
 * viewBox.
 */
export const $ = (html: string) => cheerio.load(html, { lowerCaseAttributeNames: false })

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
