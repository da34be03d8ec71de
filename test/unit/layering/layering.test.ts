import fs from 'node:fs'
import path from 'node:path'

/**
 * The layering, checked by reading every import of src/: where each kind of code lives and what it
 * may reach (README, "How it is built"). A new import across a line fails here, naming the file.
 */
const SRC = path.resolve(__dirname, '../../../src')

interface Import {
  file: string
  target: string
  typeOnly: boolean
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(full)
    return entry.name.endsWith('.ts') ? [full] : []
  })
}

const IMPORT = /^\s*(import|export)\s+(type\s+)?[^'";]*?\s*from\s+['"](\.{1,2}\/[^'"]+)['"]/gm

function importsOf(file: string): Import[] {
  const text = fs.readFileSync(file, 'utf8')
  return [...text.matchAll(IMPORT)].map(match => ({
    file: path.relative(SRC, file),
    target: path.relative(SRC, path.resolve(path.dirname(file), match[3])),
    typeOnly: !!match[2],
  }))
}

const ALL = sourceFiles(SRC).flatMap(importsOf)
const under = (dir: string) => (p: string) => p === dir || p.startsWith(`${dir}/`)
const from = (dir: string) => ALL.filter(i => under(dir)(i.file))
const show = (list: Import[]) => list.map(i => `${i.file} → ${i.target}${i.typeOnly ? ' (type)' : ''}`)

/** Form definitions the data layer and services share: the case record's fields and the values they read to. */
const SHARED_FORM_DEFINITIONS = ['forms/caseFields', 'forms/readCaseForm']

describe('the layering', () => {
  it('finds the imports it checks', () => {
    expect(from('services').length).toBeGreaterThan(100)
    expect(from('routes').length).toBeGreaterThan(100)
  })

  it('keeps domain/ pure: never the database, and no code outside domain/ (a type at most)', () => {
    const wrong = from('domain').filter(i => under('db')(i.target) || (!under('domain')(i.target) && !i.typeOnly))
    expect(show(wrong)).toEqual([])
  })

  it('keeps services from routes, presenters, views and the web layer', () => {
    const web = ['routes', 'presenters', 'views', 'middleware', 'app']
    expect(show(from('services').filter(i => web.some(dir => under(dir)(i.target))))).toEqual([])
  })

  it('keeps services from the form readers, but for the shared case field definitions, as types', () => {
    const wrong = from('services').filter(
      i => under('forms')(i.target) && !(SHARED_FORM_DEFINITIONS.includes(i.target) && i.typeOnly),
    )
    // caseMergeService lists the case sections it merges: the one value it takes from the definitions.
    expect(show(wrong)).toEqual(['services/caseMergeService.ts → forms/caseFields'])
  })

  it('keeps forms and presenters from the database and from routes: they get values, not models', () => {
    const wrong = [...from('forms'), ...from('presenters')].filter(
      i => (under('db')(i.target) && !i.typeOnly) || under('routes')(i.target),
    )
    expect(show(wrong)).toEqual([])
  })

  it('keeps presenters from the form layer, except the field definitions they display', () => {
    const wrong = from('presenters').filter(i => under('forms')(i.target) && !i.target.endsWith('caseFields'))
    expect(show(wrong)).toEqual(['presenters/reviewView.ts → forms/readReviewForm'])
  })

  it('keeps every reader of a posted form in forms/', () => {
    const readers = sourceFiles(SRC)
      .filter(file => /export function read\w*Form\b|export function readReport\b/.test(fs.readFileSync(file, 'utf8')))
      .map(file => path.relative(SRC, file))
    expect(readers.filter(file => !under('forms')(file))).toEqual([])
    expect(readers).toContain('forms/readAgencyReportForm.ts')
  })

  it("keeps the agency report's questions and their wording in domain/, shared by services and pages", () => {
    const targets = ALL.filter(i => under('domain/agencyReport')(i.target))
    expect(targets.some(i => under('services')(i.file))).toBe(true)
    expect(targets.some(i => under('routes')(i.file))).toBe(true)
    expect(show(from('domain/agencyReport').filter(i => !under('domain')(i.target)))).toEqual([])
  })

  it('keeps the data layer from everything above it', () => {
    const above = ['services', 'routes', 'forms', 'presenters', 'views', 'middleware']
    expect(show(from('db').filter(i => above.some(dir => under(dir)(i.target))))).toEqual([])
  })

  it('lets only the data layer, services and the entry points reach the models by value', () => {
    const allowed = ['db', 'services', 'cli', 'bootstrap.ts', 'server.ts', 'app.ts', 'dataDictionary']
    const wrong = ALL.filter(
      i => under('db/models')(i.target) && !i.typeOnly && !allowed.some(dir => under(dir)(i.file) || i.file === dir),
    )
    expect(show(wrong)).toEqual([])
  })
})
