/**
 * The service's own data dictionary and export schema, built from the code lists, form fields,
 * statistics tables and import columns the app itself uses, so the published dictionary cannot
 * drift from what the service does. Rendered as a public page and as docs/data-dictionary.md.
 */
import { caseSections, type CaseField } from '../forms/caseFields'
import * as codes from '../domain/codes'
import { CSV_HEADER } from '../domain/statistics/csv'
import { extensionDefinitions, tableDefinitions, TOTAL, type TableDefinition } from '../domain/statistics/tables'
import { importColumns } from '../services/import/importColumns'

export interface DictionaryTable {
  id: string
  title: string
  intro: string
  header: string[]
  rows: string[][]
}

type AnyCodeList = codes.CodeList<string>

const isCodeList = (value: unknown): value is AnyCodeList =>
  typeof value === 'object' &&
  value !== null &&
  Array.isArray((value as AnyCodeList).items) &&
  typeof (value as AnyCodeList).has === 'function'

const snake = (name: string) => name.replace(/[A-Z]/g, c => `_${c.toLowerCase()}`)

/** Every code list the app defines, under a stable name taken from its export, in alphabetical order. */
export function codeListsByName(): [string, AnyCodeList][] {
  return Object.entries(codes as Record<string, unknown>)
    .flatMap(([name, value]): [string, AnyCodeList][] => (isCodeList(value) ? [[snake(name), value]] : []))
    .sort(([a], [b]) => (a < b ? -1 : 1))
}

function codeListNameOf(list: AnyCodeList | undefined): string {
  if (!list) return ''
  return codeListsByName().find(([, candidate]) => candidate === list)?.[0] ?? ''
}

const KIND_TYPES: Record<CaseField['kind'], string> = {
  text: 'text',
  longtext: 'long text',
  date: 'date (GOV.UK date input: name-day, name-month, name-year)',
  time: 'time HH:MM',
  radios: 'code',
  select: 'code',
  checkboxes: 'codes (several)',
  boolean: 'yes / no',
  nhs_number: '10 digits, modulus 11 check digit',
  postcode: 'UK postcode, upper case with one space',
}

function caseItems(): DictionaryTable {
  const rows = caseSections.flatMap(section =>
    section.fields.map(field => [
      `\`${field.name}\``,
      section.title,
      field.label,
      KIND_TYPES[field.kind] + (field.maxLength ? `, at most ${field.maxLength} characters` : ''),
      field.required ? 'yes' : 'no',
      codeListNameOf(field.codes) ? `\`${codeListNameOf(field.codes)}\`` : '',
      field.identifiable ? 'yes: never exported' : 'no',
    ]),
  )
  return {
    id: 'case-items',
    title: 'Case record items',
    intro:
      'Every item of the case record as the forms collect it. The form field, the check-answers page and the case page all use these definitions.',
    header: ['item', 'section', 'label', 'type', 'required', 'code list', 'identifiable'],
    rows,
  }
}

function codeLists(): DictionaryTable {
  return {
    id: 'code-lists',
    title: 'Code lists',
    intro: 'A stored code never changes meaning; a label may be reworded. Codes are listed in their published order.',
    header: ['code list', 'code', 'label'],
    rows: codeListsByName().flatMap(([name, list]) =>
      list.items.map((item, i) => [i === 0 ? `\`${name}\`` : '', `\`${item.code}\``, item.label]),
    ),
  }
}

function ethnicityGroups(): DictionaryTable {
  return {
    id: 'ethnicity-groups',
    title: 'Ethnicity publication groups',
    intro: 'How each NHS ethnic category is grouped in the statistics.',
    header: ['ethnicity', 'label', 'publication group'],
    rows: codes.ethnicities.items.map(item => [
      `\`${item.code}\``,
      item.label,
      `\`${codes.ethnicityGroupOf[item.code]}\``,
    ]),
  }
}

const codeSpan = (items: readonly { code: string }[]) => items.map(i => `\`${i.code}\``).join(', ')

function statisticsRows(def: TableDefinition): string {
  if (def.id.startsWith('trend_'))
    return `one row per financial year (e.g. \`2016-17\`) from the earliest on file up to the release's year, \`${TOTAL}\``
  if (def.id.includes('_by_local_authority_'))
    return `one row per local authority the panel covers, in the administrator's order (its name in lower case, other characters as \`_\`, e.g. \`luton\`), \`other\`, \`${TOTAL}\``
  if (def.id === 'review_timeliness')
    return `\`death_to_review\`, \`notification_to_review\`, \`request_to_report_<agency>\` for each agency code (§6)`
  return codeSpan(def.rows)
}

function statisticsTables(): DictionaryTable {
  // Trend tables have one row per financial year: an example span stands for "every year up to Y".
  // Issue 12's tables follow; their authority rows stand for one row per listed authority (e.g. `luton`).
  const definitions = [
    ...tableDefinitions({ deathYears: ['2016-17'], reviewYears: ['2016-17'] }),
    ...extensionDefinitions([{ code: 'luton', label: 'Luton' }]),
  ]
  return {
    id: 'statistics-tables',
    title: 'Statistics tables',
    intro: `Every table of a statistics release, in export order. Every table has a \`${TOTAL}\` row and column unless it has a single column.`,
    header: ['table', 'title', 'population', 'rows', 'columns'],
    rows: definitions.map(def => [
      `\`${def.id}\``,
      def.title,
      def.population,
      statisticsRows(def),
      codeSpan(def.columns),
    ]),
  }
}

function exportFormat(): DictionaryTable {
  return {
    id: 'export-format',
    title: 'Statistics CSV export',
    intro:
      'One figure per line, UTF-8, RFC 4180 quoting, with exactly these columns in this order. `value` is a whole number or `[c]` (suppressed).',
    header: ['position', 'column'],
    rows: CSV_HEADER.map((column, i) => [String(i + 1), `\`${column}\``]),
  }
}

function importFormat(): DictionaryTable {
  return {
    id: 'import-columns',
    title: 'History import columns',
    intro:
      'The CSV history import: UTF-8, comma-separated, one header row, columns in any order; an unknown column is an error.',
    header: ['column', 'required', 'values'],
    rows: importColumns.map(column => [`\`${column.name}\``, column.required, column.values]),
  }
}

/** The dictionary's tables in the order they are published. */
export function buildDataDictionary(): DictionaryTable[] {
  return [caseItems(), codeLists(), ethnicityGroups(), statisticsTables(), exportFormat(), importFormat()]
}
