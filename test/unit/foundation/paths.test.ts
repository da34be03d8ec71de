import fs from 'node:fs'
import path from 'node:path'
import paths, { route } from '../../../src/paths'

const ROOT = path.resolve(__dirname, '../../..')

function filesUnder(dir: string, ending: RegExp): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return filesUnder(full, ending)
    return ending.test(entry.name) ? [full] : []
  })
}

describe('the route table', () => {
  it('keeps each pattern beside the builder that fills it', () => {
    expect(paths.cases.edit.pattern).toBe('/cases/:caseId/edit/:section')
    expect(paths.cases.edit('c1', 'death')).toBe('/cases/c1/edit/death')
    expect(paths.cases.edit.build('c1', 'death')).toBe('/cases/c1/edit/death')
    expect(paths.reviews.defer('m1', 'c1')).toBe('/meetings/m1/cases/c1/review/defer')
    expect(paths.agencyRequests.close('c1', 'r1', 'not-involved')).toBe('/cases/c1/requests/r1/not-involved')
  })

  it('escapes what it is given, so a value never reaches another route', () => {
    expect(paths.cases.show('../admin')).toBe('/cases/..%2Fadmin')
    expect(paths.actions.show('a?b#c')).toBe('/actions/a%3Fb%23c')
  })

  it('fixes some params of a pattern for a router that serves each value', () => {
    expect(paths.admin.userInvitation.patternWith({ change: 'resend' })).toBe('/admin/users/:userId/invitation/resend')
    expect(paths.admin.userInvitation('u1', 'revoke')).toBe('/admin/users/u1/invitation/revoke')
  })

  it('builds a pattern without params as itself', () => {
    const fixed = route('/statistics')
    expect(fixed.pattern).toBe('/statistics')
    expect(fixed()).toBe('/statistics')
  })

  it('names the params the routers load', () => {
    const names = (pattern: string) => pattern.match(/:[A-Za-z]+/g) ?? []
    expect(names(paths.meetings.declareInterest.pattern)).toEqual([':meetingId', ':caseId'])
    expect(names(paths.agencyRequests.paper.pattern)).toEqual([':caseId', ':requestId'])
    expect(names(paths.jarEvents.remove.pattern)).toEqual([':caseId', ':eventId'])
  })

  it('holds the URLs that once had their own maps: the history import and the annual report', () => {
    expect(paths.historyImport).toEqual({ upload: '/cases/import', template: '/cases/import/template.csv' })
    expect(paths.annualReport.curate('case_review', 'r1')).toBe('/statistics/annual-report/learning/case_review/r1')
    expect(paths.annualReport.curate.pattern).toBe('/statistics/annual-report/learning/:sourceType/:sourceId')
  })

  it('is the one place a page URL is written: routers, controllers, presenters and views use paths', () => {
    // A router's guard or rate limit over a whole area mounts its prefix; the URLs under it are in the table.
    const AREA_GUARDS = [
      "src/routes/admin/index.ts: '/admin'",
      "src/routes/settings/index.ts: '/settings'",
      "src/routes/agencyLink/index.ts: '/agency'",
    ]
    const LITERAL =
      /['"`]\/(cases|statistics|meetings|reviews|actions|admin|settings|outbox|agency|setup|invitation|reset-password|sign-in|sign-out|second-factor)\b[^'"`]*['"`]?/g
    const files = [
      ...filesUnder(path.join(ROOT, 'src/routes'), /\.ts$/),
      ...filesUnder(path.join(ROOT, 'src/presenters'), /\.ts$/),
      ...filesUnder(path.join(ROOT, 'views'), /\.ejs$/),
    ]
    expect(files.length).toBeGreaterThan(100)
    const found = files.flatMap(file =>
      [...fs.readFileSync(file, 'utf8').matchAll(LITERAL)].map(m => `${path.relative(ROOT, file)}: ${m[0]}`),
    )
    expect(found.filter(hit => !AREA_GUARDS.includes(hit))).toEqual([])
    expect(filesUnder(path.join(ROOT, 'src'), /[pP]aths\.ts$/).map(file => path.relative(ROOT, file))).toEqual([
      'src/paths.ts',
    ])
  })
})
