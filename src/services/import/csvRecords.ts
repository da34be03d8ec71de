import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { CsvError, Options, parse } from 'csv-parse'
import type { Problem } from './importProblem'
import { isInvalidUtf8, Utf8Check } from './utf8Check'

/** One record of the file with its row number as a spreadsheet shows it (the header is row 1). */
export interface CsvRecord {
  row: number
  cells: string[]
}

// A guard on memory: one row longer than this is not a case, and the parser would buffer all of it.
export const MAX_ROW_CHARACTERS = 1_000_000

const STOPS_READING = ' The rest of the file could not be read.'

function structuralMessage(error: CsvError, headerLength: number | null): string {
  switch (error.code) {
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH': {
      const cells = Array.isArray(error.record) ? error.record.length : 0
      return `this row has ${cells} cells but the header row has ${headerLength}: check for a stray comma, or a cell with a comma in it that is not inside double quotes`
    }
    case 'CSV_QUOTE_NOT_CLOSED':
      return `a cell here starts with a double quote that is never closed.${STOPS_READING}`
    case 'INVALID_OPENING_QUOTE':
      return 'a double quote is inside a cell that does not start with one: put the whole cell in double quotes and write the quote twice ("")'
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return 'a cell in double quotes has more text after its closing quote: write a double quote inside a cell twice ("")'
    case 'CSV_MAX_RECORD_SIZE':
      return `this row is longer than ${MAX_ROW_CHARACTERS.toLocaleString('en-GB')} characters.${STOPS_READING}`
    default:
      return `this row could not be read as CSV (${error.message})`
  }
}

/**
 * Streams the records of a CSV file (RFC 4180, UTF-8, byte-order mark accepted), numbering them
 * as rows. Rows that cannot be read (wrong number of cells, broken quotes) and a file that is not
 * UTF-8 are reported through `onProblem` rather than thrown, so one pass finds every problem.
 * Blank lines are skipped but still counted, so row numbers match what a person sees.
 * `observe` sees the raw bytes as they are read.
 */
export async function* readCsvRecords(
  source: Readable,
  onProblem: (problem: Problem) => void,
  observe?: (chunk: Buffer) => void,
): AsyncGenerator<CsvRecord> {
  let records = 0
  let headerLength: number | null = null
  const options: Options<CsvRecord, string[]> = {
    bom: true,
    relax_column_count: false,
    skip_empty_lines: true,
    skip_records_with_error: true,
    max_record_size: MAX_ROW_CHARACTERS,
    // Runs as each record is parsed, in file order, as do 'skip' events: so both count rows alike.
    on_record: (cells: string[], info) => {
      records += 1
      headerLength ??= cells.length
      return { row: records + info.empty_lines, cells }
    },
  }
  // parse() is typed for string[] records only; on_record turns each into a CsvRecord.
  const parser = parse(options as unknown as Options)
  parser.on('skip', (error: CsvError) => {
    records += 1
    const emptyLines = typeof error.empty_lines === 'number' ? error.empty_lines : 0
    onProblem({ row: records + emptyLines, column: null, message: structuralMessage(error, headerLength) })
  })
  const flowing = pipeline(source, new Utf8Check(observe), parser)
  // A failure upstream also fails the iteration below, which is where it is handled.
  flowing.catch(() => undefined)
  try {
    for await (const record of parser) yield record as CsvRecord
    await flowing
  } catch (error) {
    if (!isInvalidUtf8(error)) throw error
    onProblem({
      row: null,
      column: null,
      message: `line ${error.line} of the file is not UTF-8 text, so nothing after it could be read. Save the file as "CSV UTF-8" and upload it again`,
    })
  }
}
