import * as cheerio from 'cheerio/slim'

/** Pages read most recently: a test asks several questions of one page, and reading it is the cost. */
const read = new Map<string, cheerio.CheerioAPI>()
const READ_KEPT = 8

/**
 * A page as cheerio reads it, with htmlparser2 (cheerio/slim: three times as fast as parse5, and
 * the service's markup is well formed). Attribute names keep their case, as a browser keeps SVG's
 * viewBox. The same markup is read once: the last few pages are kept, so what a test gets back must
 * not be changed (clone() first, as actionEvidence does).
 */
export function $(html: string): cheerio.CheerioAPI {
  let page = read.get(html)
  if (!page) {
    page = cheerio.load(html, { xml: { xmlMode: false, lowerCaseAttributeNames: false } })
    read.set(html, page)
    if (read.size > READ_KEPT) read.delete(read.keys().next().value!)
  }
  return page
}

/** The GOV.UK error summary's links as [href, text] pairs. */
export function errorSummary(html: string): [string, string][] {
  const page = $(html)
  return page('.govuk-error-summary__list a')
    .toArray()
    .map(a => [page(a).attr('href') ?? '', page(a).text().trim()])
}

/** The message shown beside a field (by its id), or null. */
export function fieldError(html: string, id: string): string | null {
  const text = $(html)(`#${id}-error`).text()
  return text
    ? text
        .trim()
        .replace(/^Error:\s*/, '')
        .trim()
    : null
}

/** The trimmed text of each element the selector finds, in page order (the page is read once). */
export function textsOf(html: string, selector: string): string[] {
  const page = $(html)
  return page(selector)
    .toArray()
    .map(element => page(element).text().trim())
}

/** An attribute of each element the selector finds, in page order ('' where it has none). */
export function attributesOf(html: string, selector: string, name: string): string[] {
  const page = $(html)
  return page(selector)
    .toArray()
    .map(element => page(element).attr(name) ?? '')
}
