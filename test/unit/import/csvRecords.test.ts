import { Readable } from 'node:stream'
import { CsvRecord, MAX_ROW_CHARACTERS, readCsvRecords } from '../../../src/services/import/csvRecords'
import type { Problem } from '../../../src/services/import/importProblem'

/** Reads `chunks` (strings are UTF-8) as a file arriving in those pieces. */
async function read(...chunks: (string | Buffer)[]) {
  const records: CsvRecord[] = []
  const problems: Problem[] = []
  const source = Readable.from(chunks.map(c => (typeof c === 'string' ? Buffer.from(c, 'utf8') : c)))
  for await (const record of readCsvRecords(source, p => problems.push(p))) records.push(record)
  return { records, problems }
}

describe('readCsvRecords', () => {
  it('numbers rows from the header as row 1', async () => {
    const { records, problems } = await read('a,b\r\n1,2\r\n3,4\r\n')
    expect(records).toEqual([
      { row: 1, cells: ['a', 'b'] },
      { row: 2, cells: ['1', '2'] },
      { row: 3, cells: ['3', '4'] },
    ])
    expect(problems).toEqual([])
  })

  it('drops a byte-order mark', async () => {
    const { records } = await read('\uFEFFcase_ref,sex\n1,male\n')
    expect(records[0].cells).toEqual(['case_ref', 'sex'])
  })

  it('reads quoted commas, quotes and line breaks inside cells, counting a record as one row', async () => {
    const { records } = await read('a,b\n"one, two","say ""hi""\nthen go"\n3,4\n')
    expect(records).toEqual([
      { row: 1, cells: ['a', 'b'] },
      { row: 2, cells: ['one, two', 'say "hi"\nthen go'] },
      { row: 3, cells: ['3', '4'] },
    ])
  })

  it('skips blank lines but counts them, so row numbers match the file', async () => {
    const { records } = await read('a,b\n1,2\n\n3,4\n\n\n')
    expect(records.map(r => r.row)).toEqual([1, 2, 4])
  })

  it('reports a row with the wrong number of cells and reads on', async () => {
    const { records, problems } = await read('a,b\n1,2,3\n4\n5,6\n')
    expect(records.map(r => r.row)).toEqual([1, 4])
    expect(problems).toEqual([
      {
        row: 2,
        column: null,
        message: expect.stringMatching(/^this row has 3 cells but the header row has 2: check for a stray comma/),
      },
      { row: 3, column: null, message: expect.stringMatching(/^this row has 1 cells but the header row has 2/) },
    ])
  })

  it('reports a stray quote and a quote that is never closed', async () => {
    expect((await read('a,b\nx"y,2\n3,4\n')).problems).toEqual([
      { row: 2, column: null, message: expect.stringContaining('a double quote is inside a cell') },
    ])
    const unclosed = await read('a,b\n1,2\n"3,4\n5,6\n')
    expect(unclosed.records.map(r => r.row)).toEqual([1, 2])
    expect(unclosed.problems).toEqual([
      {
        row: 3,
        column: null,
        message: expect.stringContaining('never closed. The rest of the file could not be read'),
      },
    ])
  })

  it('refuses a row too long to be a case', async () => {
    const { problems } = await read(`a,b\n"${'x'.repeat(MAX_ROW_CHARACTERS + 1)}",2\n`)
    expect(problems).toEqual([
      { row: 2, column: null, message: expect.stringContaining('this row is longer than 1,000,000 characters') },
    ])
  })

  it('reads characters split across chunks', async () => {
    const bytes = Buffer.from('a,b\nZoë,Łódź 😀\n', 'utf8')
    const chunks = [...bytes].map(byte => Buffer.from([byte]))
    const { records, problems } = await read(...chunks)
    expect(problems).toEqual([])
    expect(records[1].cells).toEqual(['Zoë', 'Łódź 😀'])
  })

  it('refuses bytes that are not UTF-8, naming the line, rather than reading mojibake', async () => {
    const latin1 = Buffer.from('a,b\n1,2\n3,Zo\xeb\n5,6\n', 'latin1')
    const { problems } = await read(latin1)
    expect(problems).toEqual([
      {
        row: null,
        column: null,
        message:
          'line 3 of the file is not UTF-8 text, so nothing after it could be read. Save the file as "CSV UTF-8" and upload it again',
      },
    ])
  })

  it('counts lines across chunks when finding the bad byte', async () => {
    const { problems } = await read('a,b\n1,2\n', '3,4\n', Buffer.from([0x35, 0x2c, 0xff, 0x0a]))
    expect(problems[0].message).toMatch(/^line 4 of the file/)
  })

  it('refuses a file that ends partway through a character', async () => {
    const { problems } = await read('a,b\n1,', Buffer.from([0xc3]))
    expect(problems[0].message).toMatch(/^line 2 of the file is not UTF-8/)
  })

  it('reads nothing from an empty file', async () => {
    expect(await read()).toEqual({ records: [], problems: [] })
    expect(await read('\uFEFF')).toEqual({ records: [], problems: [] })
  })
})
