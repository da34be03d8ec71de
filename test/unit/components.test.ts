/**
 * Golden tests for the GOV.UK Frontend component partials in views/components.
 *
 * Each partial is rendered with the options of a fixture shipped in govuk-frontend
 * (node_modules/govuk-frontend/dist/govuk/components/<name>/fixtures.json, generated from the official
 * Nunjucks templates) and must produce the same HTML, ignoring only whitespace between tags.
 */
import fs from 'node:fs'
import path from 'node:path'
import ejs from 'ejs'

interface Fixture {
  name: string
  options: Record<string, unknown>
  html: string
}

const rootDir = path.resolve(__dirname, '..', '..')
const viewsDir = path.join(rootDir, 'views')
const componentsDir = path.join(viewsDir, 'components')
const fixturesDir = path.join(rootDir, 'node_modules', 'govuk-frontend', 'dist', 'govuk', 'components')

/** The fixtures each partial is checked against, by component (file name without .ejs). */
const supportedFixtures: Record<string, string[]> = {
  input: [
    'default',
    'with hint text',
    'with error message',
    'with error and hint',
    'with width-2 class',
    'with width-3 class',
    'with width-4 class',
    'with width-5 class',
    'with width-10 class',
    'with width-20 class',
    'with width-30 class',
    'with label as page heading',
    'with prefix',
    'with suffix',
    'with prefix and suffix',
    'with prefix and suffix and error',
    'with prefix and suffix and width modifier',
    'with extra letter spacing',
    'classes',
    'id',
    'custom type',
    'value',
    'zero value',
    'with describedBy',
    'attributes',
    'hint with describedBy',
    'error with describedBy',
    'with error, hint and describedBy',
    'inputmode',
    'with prefix with html as text',
    'with prefix with html',
    'with prefix with classes',
    'with prefix with attributes',
    'with suffix with html as text',
    'with suffix with html',
    'with suffix with classes',
    'with suffix with attributes',
    'with customised input wrapper',
    'with optional form-group classes',
    'with autocomplete attribute',
    'with pattern attribute',
    'with spellcheck enabled',
    'with spellcheck disabled',
    'with autocapitalize turned off',
    'disabled',
  ],
  'date-input': [
    'default',
    'with translations',
    'with values',
    'with values and name prefix',
    'with values, name prefix and custom names',
    'day and month',
    'day and month (using items)',
    'month and year',
    'month and year (using items)',
    'with errors only',
    'with errors only (using classes)',
    'with errors only (using items)',
    'with errors only (using items and classes)',
    'with error message and hint',
    'with error message and hint (using items)',
    'with error on day input',
    'with error on day input (using items)',
    'with error on month input',
    'with error on month input (using items)',
    'with error on year input',
    'with error on year input (using items)',
    'classes',
    'attributes',
    'with items',
    'with empty items',
    'custom pattern',
    'custom inputmode',
    'with nested name',
    'with id on items',
    'suffixed id',
    'with item value',
    'with field value',
    'with field value and items',
    'with field value and item value',
    'with field value, item value and values',
    'with field value overriding values',
    'with hint and described by',
    'with error message and described by',
    'with error on single field',
    'with error on single field by omission',
    'with error on single field using classes',
    'with error on single item',
    'with error on single item by omission',
    'with error on single item using classes',
    'fieldset html',
    'items with classes',
    'items without classes',
    'with optional form-group classes',
    'with autocomplete values',
    'with input attributes',
  ],
  radios: [
    'default',
    'with hint',
    'inline',
    'with legend as page heading',
    'with a divider',
    'with hints on items',
    'without fieldset',
    'with fieldset and error message',
    'with very long option text',
    'with conditional items',
    'with conditional item checked',
    'with optional form-group classes showing group error',
    'small',
    'small with long text',
    'small with error',
    'small with hint',
    'small with conditional reveal',
    'small inline',
    'small with a divider',
    'with idPrefix',
    'minimal items and name',
    'with falsy items',
    'fieldset with describedBy',
    'attributes',
    'items with attributes',
    'with empty conditional',
    'label with classes',
    'with hints on parent and items',
    'with describedBy and hint',
    'with error message',
    'with error message and idPrefix',
    'with hint and error message',
    'with hint, error message and describedBy',
    'label with attributes',
    'fieldset params',
    'fieldset with html',
    'with fieldset, error message and describedBy',
    'item checked overrides value',
    'textarea in conditional',
    'with disabled',
    'prechecked using value',
    'with conditional items with special characters',
    'with conditional items and pre-checked value',
  ],
  checkboxes: [
    'default',
    'with hint',
    'with pre-checked values',
    'with divider and None',
    'with divider, None and conditional items',
    'with hints on items',
    'with legend as a page heading',
    'with error message',
    'with very long option text',
    'with conditional items',
    'with optional form-group classes showing group error',
    'small',
    'small with long text',
    'small with error',
    'small with hint',
    'small with conditional reveal',
    'small with divider and None',
    'with id and name',
    'with disabled item',
    'with idPrefix',
    'with falsy values',
    'classes',
    'with fieldset describedBy',
    'attributes',
    'with checked item',
    'items with attributes',
    'empty conditional',
    'with label classes',
    'multiple hints',
    'with conditional items with special characters',
    'with error message and hint',
    'with error, hint and fieldset describedBy',
    'label with attributes',
    'fieldset params',
    'fieldset html params',
    "with single option set 'aria-describedby' on input, and describedBy",
    "with single option (and hint) set 'aria-describedby' on input, and describedBy",
    'with error and idPrefix',
    'with error message and fieldset describedBy',
    'with conditional item checked',
    'item checked overrides values',
    'textarea in conditional',
  ],
  select: [
    'default',
    'with hint text and error message',
    'with label as page heading',
    'with full width override',
    'with describedBy',
    'attributes',
    'attributes on items',
    'with falsy items',
    'hint',
    'hint and describedBy',
    'error',
    'error and describedBy',
    'without values',
    'without values with selected value',
    'with falsy values',
    'item selected overrides value',
    'id',
    'with selected value',
    'with optional form-group classes',
  ],
  textarea: [
    'default',
    'with hint',
    'with error message',
    'with default value',
    'with custom rows',
    'with label as page heading',
    'id',
    'classes',
    'attributes',
    'with describedBy',
    'with hint and described by',
    'with error message and described by',
    'with hint and error message',
    'with hint, error message and described by',
    'with optional form-group classes',
    'with autocomplete attribute',
    'with spellcheck enabled',
    'with spellcheck disabled',
  ],
  'error-summary': [
    'default',
    'without links',
    'mixed with and without links',
    'with description only',
    'with everything',
    'html as titleText',
    'title html',
    'description',
    'html as descriptionText',
    'description html',
    'classes',
    'attributes',
    'error list with attributes',
    'error list with html as text',
    'error list with html',
    'error list with html link',
    'error list with html as text link',
    'autofocus disabled',
    'autofocus explicitly enabled',
  ],
  'error-message': [
    'default',
    'translated',
    'id',
    'classes',
    'html as text',
    'html',
    'attributes',
    'with visually hidden text',
    'visually hidden text removed',
  ],
  hint: ['default', 'with html', 'classes', 'id', 'html as text', 'attributes'],
  label: [
    'default',
    'with bold text',
    'styled as xl text',
    'styled as large text',
    'styled as medium text',
    'styled as small text',
    'as page heading xl',
    'as page heading l',
    'as page heading m',
    'as page heading s',
    'as page heading without class',
    'empty',
    'classes',
    'html as text',
    'html',
    'for',
    'attributes',
  ],
  fieldset: [
    'default',
    'styled as xl text',
    'styled as large text',
    'styled as medium text',
    'styled as small text',
    'as page heading xl',
    'as page heading l',
    'as page heading m',
    'as page heading s',
    'as page heading without class',
    'html fieldset content',
    'with describedBy',
    'html as text',
    'html',
    'legend classes',
    'classes',
    'role',
    'attributes',
  ],
  'summary-list': [
    'default',
    'with actions',
    'no-border',
    'no-border on last row',
    'extreme',
    'as a summary card with a text header',
    'as a summary card with a html header',
    'as a summary card with actions',
    'as a summary card with actions plus summary list actions',
    'as a summary card extreme',
    'attributes',
    'with falsy values',
    'key with html',
    'key with classes',
    'value with html',
    'actions href',
    'actions with html',
    'actions with classes',
    'actions with attributes',
    'single action with anchor',
    'classes on items',
    'empty items array',
    'rows with classes',
    'summary card with custom classes',
    'summary card with custom attributes',
    'summary card with only 1 action',
    'translated',
    'with some actions',
    'overridden-widths',
    'as a summary card with a custom header level',
  ],
  table: [
    'default',
    'with head',
    'with head and caption',
    'classes',
    'attributes',
    'html as text',
    'html',
    'head with classes',
    'head with rowspan and colspan',
    'head with attributes',
    'with firstCellIsHeader true',
    'firstCellIsHeader with classes',
    'firstCellIsHeader with html',
    'firstCellIsHeader with html as text',
    'firstCellIsHeader with rowspan and colspan',
    'firstCellIsHeader with attributes',
    'with falsy items',
    'rows with classes',
    'rows with rowspan and colspan',
    'rows with attributes',
    'with small text modifier for tables with a lot of data',
  ],
  tag: [
    'default',
    'grey',
    'turquoise',
    'green',
    'purple',
    'pink',
    'red',
    'orange',
    'yellow',
    'attributes',
    'html as text',
    'html',
  ],
  button: [
    'default',
    'default hover state',
    'default active state',
    'default focus state',
    'disabled',
    'link',
    'start',
    'secondary',
    'secondary hover state',
    'secondary active state',
    'secondary focus state',
    'secondary disabled',
    'warning',
    'warning hover state',
    'warning active state',
    'warning focus state',
    'warning disabled',
    'inverse',
    'inverse hover state',
    'inverse active state',
    'inverse focus state',
    'inverse disabled',
    'attributes',
    'link attributes',
    'classes',
    'link classes',
    'name',
    'type',
    'explicit link',
    'value',
    'html',
    'no type',
    'no data-prevent-double-click',
    "don't prevent double click",
    'id',
    'start link',
    'start link with html',
    'prevent double click',
  ],
  'notification-banner': [
    'default',
    'with text as html',
    'with type as success',
    'with long heading',
    'with lots of content',
    'custom title',
    'title as html',
    'title html as text',
    'custom title heading level',
    'custom title id',
    'custom title id with type as success',
    'custom text',
    'html as text',
    'custom role',
    'classes',
    'attributes',
    'with invalid type',
    'auto-focus disabled, with type as success',
    'auto-focus explicitly enabled, with type as success',
    'role=alert overridden to role=region, with type as success',
    'custom tabindex',
  ],
  pagination: [
    'default',
    'with custom link and item text',
    'with many pages',
    'first page',
    'last page',
    'with prev and next only',
    'with prev and next only and labels',
    'with prev and next only and very long labels',
    'with previous only',
    'with next only',
    'with custom classes',
    'with custom attributes',
    'with custom navigation landmark',
    'with custom accessible labels on item links',
    'with empty items',
  ],
  'back-link': ['default', 'inverse', 'classes', 'html as text', 'html', 'with custom text and link', 'attributes'],
  'inset-text': ['default', 'with html', 'classes', 'id', 'html as text', 'attributes'],
  'warning-text': [
    'default',
    'multiple lines',
    'attributes',
    'classes',
    'html',
    'html as text',
    'icon fallback text only',
    'no icon fallback text',
  ],
  details: [
    'default',
    'expanded',
    'id',
    'html as text',
    'html',
    'summary html as text',
    'summary html',
    'classes',
    'attributes',
    'with html',
  ],
  'character-count': [
    'default',
    'with hint',
    'with hint and error',
    'with default value',
    'with default value exceeding limit',
    'with custom rows',
    'with label as page heading',
    'with maxwords',
    "with count type 'length'",
    "with count type 'characters'",
    "with count type 'characters' and value",
    "with count type 'characters' and error message",
    "with count type 'characters' and threshold",
    "with count type 'words'",
    "with count type 'words' and value",
    "with count type 'words' and error message",
    "with count type 'words' and threshold",
    'with threshold',
    'with custom textarea description',
    'classes',
    'id',
    'attributes',
    'formGroup with classes',
    'custom classes on countMessage',
    'spellcheck enabled',
    'spellcheck disabled',
    'custom classes with error message',
    'with id starting with number',
    'with id with special characters',
    'with textarea maxlength attribute',
    'to configure in JavaScript',
    'with neither maxlength nor maxwords set',
    'with neither maxlength, maxwords nor textarea description set',
    'with translations',
  ],
}

const normalise = (html: string): string => html.replace(/\s+/g, ' ').replace(/>\s+/g, '>').replace(/\s+</g, '<').trim()

const fixturesByComponent = new Map<string, Fixture[]>()

const loadFixture = (component: string, name: string): Fixture => {
  let fixtures = fixturesByComponent.get(component)
  if (!fixtures) {
    const file = path.join(fixturesDir, component, 'fixtures.json')
    fixtures = (JSON.parse(fs.readFileSync(file, 'utf8')) as { fixtures: Fixture[] }).fixtures
    fixturesByComponent.set(component, fixtures)
  }
  const fixture = fixtures.find(candidate => candidate.name === name)
  if (!fixture) {
    throw new Error(`govuk-frontend has no "${name}" fixture for ${component}`)
  }
  return fixture
}

const render = (component: string, options: Record<string, unknown>): Promise<string> =>
  ejs.renderFile(path.join(componentsDir, `${component}.ejs`), options, { root: viewsDir })

const listEjsFiles = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const entryPath = path.join(dir, entry.name)
    if (entry.isDirectory()) {
      return listEjsFiles(entryPath)
    }
    return entry.name.endsWith('.ejs') ? [entryPath] : []
  })

describe('GOV.UK Frontend component partials', () => {
  const cases = Object.entries(supportedFixtures).flatMap(([component, names]) =>
    names.map(name => ({ component, name })),
  )

  test.each(cases)('$component matches the "$name" fixture', async ({ component, name }) => {
    const fixture = loadFixture(component, name)

    const html = await render(component, fixture.options)

    expect(normalise(html)).toBe(normalise(fixture.html))
  })
})

describe('escaping', () => {
  test('an input value is escaped', async () => {
    const html = await render('input', { id: 'name', name: 'name', label: { text: 'Name' }, value: '"><script>' })

    expect(html).toContain('value="&#34;&gt;&lt;script&gt;"')
    expect(html).not.toContain('<script>')
  })

  test('label, hint and error message text is escaped', async () => {
    const html = await render('input', {
      id: 'name',
      name: 'name',
      label: { text: '<b>label</b>' },
      hint: { text: '<i>hint</i>' },
      errorMessage: { text: '<u>error</u>' },
    })

    expect(html).toContain('&lt;b&gt;label&lt;/b&gt;')
    expect(html).toContain('&lt;i&gt;hint&lt;/i&gt;')
    expect(html).toContain('&lt;u&gt;error&lt;/u&gt;')
    expect(html).not.toMatch(/<[biu]>/)
  })

  test('attribute names and values are escaped', async () => {
    const html = await render('tag', { text: 'Open', attributes: { 'data-x': '" onmouseover="alert(1)' } })

    expect(html).toContain('data-x="&#34; onmouseover=&#34;alert(1)"')
  })
})

describe('locals inherited through include()', () => {
  // EJS gives an included template its caller's locals too, so a page's own `values` or `rows` reach a
  // component that was not passed them.
  const renderFromPage = (template: string, pageLocals: Record<string, unknown>): string =>
    ejs.render(template, pageLocals, { filename: path.join(componentsDir, 'page.ejs'), root: viewsDir })

  test('checkboxes ignore a page values object', () => {
    const html = renderFromPage(
      "<%- include('checkboxes', { name: 'roles', items: [{ value: 'admin', text: 'Admin', checked: false }] }) %>",
      { values: { roles: ['admin'] } },
    )

    expect(html).toContain('value="admin">')
  })

  test('textarea ignores page table rows', () => {
    const html = renderFromPage("<%- include('textarea', { name: 'notes', label: { text: 'Notes' } }) %>", {
      rows: [[{ text: 'A' }]],
    })

    expect(html).toContain('rows="5"')
  })
})

describe('views', () => {
  const files = listEjsFiles(viewsDir)
  const trustedHtmlPartial = path.join(componentsDir, '_trusted-html.ejs')

  test('contain the component partials', () => {
    expect(files).toEqual(
      expect.arrayContaining(Object.keys(supportedFixtures).map(c => path.join(componentsDir, `${c}.ejs`))),
    )
  })

  test.each(files.map(file => path.relative(rootDir, file)))('%s outputs nothing unescaped except include()', file => {
    const absolute = path.join(rootDir, file)
    const source = fs.readFileSync(absolute, 'utf8')
    const unescaped = source.match(/<%-(?!\s*include\()/g) ?? []

    expect(unescaped).toHaveLength(absolute === trustedHtmlPartial ? 1 : 0)
  })

  // A relative include costs a file-system check on every render (src/views/ejsEngine.ts).
  test.each(files.map(file => path.relative(rootDir, file)))('%s names every include from the views folder', file => {
    const source = fs.readFileSync(path.join(rootDir, file), 'utf8')
    const includes = [...source.matchAll(/include\(\s*(['"`])([^'"`]*)\1/g)].map(m => m[2])
    expect(includes.filter(name => !name.startsWith('/'))).toEqual([])
    for (const name of includes) {
      expect(fs.existsSync(path.join(viewsDir, name.endsWith('.ejs') ? name : `${name}.ejs`))).toBe(true)
    }
  })
})
