/**
 * The Excel form of a release (statistics.md §4): a notes sheet first, carrying the note of the
 * rules applied (rule 6), then one sheet per table, in contract order, laid out as a grid with the
 * row labels down the side and the column labels across the top. Same figures as the CSV: whole
 * numbers as numbers, suppressed ones as the marker.
 */
import type * as ExcelJS from 'exceljs'
import type { Release } from '../../domain/statistics/release'
import { releaseNotes, type ReleaseNote } from '../../domain/statistics/releaseNotes'
import { inContractOrder } from '../../domain/statistics/tables'
import { exceljs } from '../loadedOnFirstUse'

export const NOTES_SHEET = 'Notes'

/**
 * Excel sheet names are at most 31 characters; every table id of the contract fits, and the two
 * longer ids of issue 12 have short names of their own (the notes sheet gives each sheet's table id).
 */
export const SHEET_NAMES: Record<string, string> = {
  deaths_by_local_authority_and_sex: 'deaths_by_authority_and_sex',
  reviews_by_local_authority_and_modifiable: 'reviews_by_authority_modifiable',
}
export const sheetName = (id: string) => SHEET_NAMES[id] ?? id.slice(0, 31)

function addNotes(workbook: ExcelJS.Workbook, release: Release, notes: ReleaseNote[]): void {
  const sheet = workbook.addWorksheet(NOTES_SHEET)
  sheet.columns = [{ width: 28 }, { width: 110 }]
  sheet.addRow([`Child death review statistics ${release.financialYear}`]).font = { bold: true, size: 14 }
  sheet.addRow([])
  notes.forEach(note => {
    const row = sheet.addRow([note.label, note.value])
    row.getCell(1).font = { bold: true }
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' }
    row.getCell(1).alignment = { vertical: 'top' }
  })
  sheet.addRow([])
  sheet.addRow(['Tables', 'One sheet per table, named by its table id:']).getCell(1).font = { bold: true }
  inContractOrder(release.tables).forEach(table =>
    sheet.addRow(
      sheetName(table.id) === table.id
        ? [sheetName(table.id), table.title]
        : [sheetName(table.id), `${table.title} (table ${table.id})`],
    ),
  )
}

function addTable(workbook: ExcelJS.Workbook, release: Release, table: Release['tables'][number]): void {
  const sheet = workbook.addWorksheet(sheetName(table.id))
  sheet.addRow([table.title]).font = { bold: true, size: 14 }
  sheet.addRow([`Financial year ${release.financialYear}`])
  sheet.addRow([])
  const header = sheet.addRow(['', ...table.columns.map(c => c.label)])
  header.font = { bold: true }
  table.rows.forEach(row => {
    const line = sheet.addRow([row.label, ...table.columns.map(column => table.values[row.code][column.code])])
    line.getCell(1).font = { bold: true }
    // The marker right-aligned with the numbers it stands in for.
    table.columns.forEach((_column, i) => {
      line.getCell(i + 2).alignment = { horizontal: 'right' }
    })
  })
  sheet.getColumn(1).width = Math.max(12, ...table.rows.map(r => r.label.length + 2))
  table.columns.forEach((column, i) => {
    sheet.getColumn(i + 2).width = Math.max(10, column.label.length + 2)
  })
  sheet.views = [{ state: 'frozen', xSplit: 1, ySplit: 4 }]
}

/** `notes`: a published release's notes as stored (its rules' notes and its publication's). */
export async function releaseToXlsx(release: Release, notes: ReleaseNote[] = releaseNotes(release)): Promise<Buffer> {
  const workbook = new (exceljs().Workbook)()
  workbook.creator = 'Child death review service'
  // A fixed date keeps the file's metadata from saying more than the notes do.
  workbook.created = new Date(release.producedAt)
  addNotes(workbook, release, notes)
  inContractOrder(release.tables).forEach(table => addTable(workbook, release, table))
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
