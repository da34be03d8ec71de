/**
 * The section builders of the annual report: each takes what it needs, already read from the
 * services, and returns its section as plain content (or null when it has nothing to say, so it is
 * left out rather than padded). They read figures only from the release they are given, so the
 * published report can only ever say what the stored release says.
 */
import {
  cellText,
  comparatorSentence,
  femaleMaleRow,
  meetingsSentence,
  modifiableSentence,
  tableSentence,
  type MeetingAttendance,
} from '../../domain/annualReport'
import { formatGovukDate } from '../../domain/dates'
import { modifiableShareOfRow, type Percentage } from '../../domain/statistics/percentages'
import type { CellValue, Release, StatsTable } from '../../domain/statistics/release'
import type { ReleaseNote } from '../../domain/statistics/releaseNotes'
import { MODIFIABLE_TABLE_IDS, TABLE_IDS, TOTAL } from '../../domain/statistics/tables'
import { yearsOf } from '../../domain/statistics/years'
import type { ActionsReport } from '../actions/actionService'
import type { DataQualityReport } from '../report/dataQualityService'
import type { CuratedLearning } from '../report/reportLearningService'
import type { NationalComparator } from '../statistics/nationalComparators'
import type { Block, ReportSection } from './content'

export interface ChartImage {
  tableId: string
  title: string
  png: Buffer
  width: number
  height: number
  /** Set when the chart has nothing to draw and shows this note instead. */
  note: string | null
}

const SHARE_TABLE_IDS: readonly string[] = [...MODIFIABLE_TABLE_IDS, 'trend_reviews_by_modifiable']

const WITHHELD: Record<string, string> = { suppressed: '[c]', denominator_under_10: '[low]', no_denominator: '[x]' }
const showShare = (share: Percentage) =>
  share.value === null ? WITHHELD[share.withheld] : `${share.value.toFixed(1)}%`

/** A release table as a report table: every row and column, and the share with modifiable factors where it has one. */
export function tableBlock(table: StatsTable, mode: Release['mode']): Block {
  const withShare = SHARE_TABLE_IDS.includes(table.id)
  return {
    kind: 'table',
    id: table.id,
    caption: table.title,
    head: ['', ...table.columns.map(c => c.label), ...(withShare ? ['% with modifiable factors'] : [])],
    rows: table.rows.map(row => [
      row.label,
      ...table.columns.map(c => cellText(table.values[row.code][c.code])),
      ...(withShare ? [showShare(modifiableShareOfRow(table, row.code, mode))] : []),
    ]),
  }
}

function chartBlock(chart: ChartImage | undefined, table: StatsTable): Block[] {
  if (!chart) return []
  return [
    {
      kind: 'chart',
      tableId: chart.tableId,
      title: chart.title,
      png: chart.png,
      width: chart.width,
      height: chart.height,
      description:
        chart.note ?? `Chart of the table "${table.title}"; the table and the sentence under it give every figure.`,
    },
  ]
}

/** A table with its chart (if it has one) and the sentence saying what it shows. */
export function tableWithChart(table: StatsTable, mode: Release['mode'], charts: readonly ChartImage[]): Block[] {
  return [
    { kind: 'subheading', text: table.title },
    ...chartBlock(
      charts.find(c => c.tableId === table.id),
      table,
    ),
    tableBlock(table, mode),
    ...(COUNT_TABLES.has(table.id) ? [{ kind: 'paragraph' as const, text: tableSentence(table, mode) }] : []),
  ]
}

const find = (release: Release, id: string) => release.tables.find(t => t.id === id)

const GENERIC_PANEL_NAME = 'Child Death Overview Panel'

/** Names the panel, without "Child Death Overview Panel is the Child Death Overview Panel" when no name is set. */
const introduction = (panelName: string) =>
  panelName === GENERIC_PANEL_NAME
    ? `This is the annual report of the ${GENERIC_PANEL_NAME}.`
    : `${panelName} is the ${GENERIC_PANEL_NAME} for its area.`

export function panelSection(panelName: string, financialYear: string, localAuthority: string | null): ReportSection {
  return {
    id: 'panel',
    heading: 'The panel and its process',
    blocks: [
      {
        kind: 'paragraph',
        text:
          `${introduction(panelName)} This report covers the financial year ` +
          `${financialYear} (1 April to 31 March)${localAuthority ? ` for the children who lived in ${localAuthority}` : ''}.`,
      },
      {
        kind: 'paragraph',
        text:
          'The law requires the child death review partners (the local authority and the integrated care board) ' +
          'to review the death of every child who normally lived in their area, from birth up to their 18th ' +
          'birthday, whether the death was expected or not. Stillbirths and planned terminations of pregnancy ' +
          'within the law are not reviewed.',
      },
      {
        kind: 'bullets',
        items: [
          'Every death is notified to the panel, normally within 24 hours.',
          'When a death is unexpected, the police, health and children’s social care respond together straight ' +
            'away (a joint agency response) to find out what happened, to keep other children safe and to ' +
            'support the family.',
          'The panel asks every agency that knew the child and family for what it knows, and post-mortem ' +
            'and other investigations are gathered.',
          'The professionals who knew the child meet in a child death review meeting to learn what they can ' +
            'and to look at the support given to the family.',
          'The panel then reviews each death without names, decides the category of death and whether there ' +
            'were modifiable factors: things that, by nationally or locally achievable interventions, could ' +
            'be changed to reduce the risk of future child deaths.',
          'The panel sends its findings to the National Child Mortality Database, makes recommendations to ' +
            'the agencies concerned, follows up the actions taken, and reports each year to the partners.',
        ],
      },
      {
        kind: 'paragraph',
        text:
          'Every family has a key worker as a single point of contact, and is offered the guide "When a child ' +
          'dies". Nothing in this report names a child or a family.',
      },
    ],
  }
}

/** What each row of the summary table counts, in words for the board. */
const SUMMARY_WORDS: Record<string, string> = {
  notifications: 'Deaths notified to the panel',
  deaths: 'Deaths in the year',
  unexpected_deaths: 'Unexpected deaths',
  jar_started: 'Joint agency responses started',
  reviews_completed: 'Reviews completed by the panel',
  open_at_year_end: 'Cases still open at the end of the year',
}

const figureWords = (value: CellValue) =>
  typeof value === 'number' ? cellText(value) : `${value} (suppressed to protect the families concerned)`

export function activitySection(release: Release, meetings: readonly MeetingAttendance[]): ReportSection {
  const summary = find(release, 'summary')
  const blocks: Block[] = []
  if (summary) {
    blocks.push({
      kind: 'bullets',
      items: summary.rows.map(
        row => `${SUMMARY_WORDS[row.code] ?? row.label}: ${figureWords(summary.values[row.code].count)}`,
      ),
    })
    blocks.push(tableBlock(summary, release.mode))
  }
  blocks.push({ kind: 'subheading', text: 'Panel meetings' })
  blocks.push({ kind: 'paragraph', text: meetingsSentence(meetings) })
  if (meetings.length) {
    blocks.push({
      kind: 'table',
      id: 'meetings',
      caption: 'Panel meetings held in the year',
      head: ['Date', 'Members present', 'Quorate'],
      rows: meetings.map(m => [
        formatGovukDate(m.date),
        m.quorate === null ? 'Not recorded' : String(m.present),
        { true: 'Yes', false: 'No', null: 'Not recorded' }[String(m.quorate) as 'true' | 'false' | 'null'],
      ]),
    })
  }
  return { id: 'activity', heading: 'Activity in the year', blocks }
}

/** Tables given their own sections: everything else the release holds is one of "the year's tables". */
const ELSEWHERE = new Set([
  'summary',
  'trend_deaths_by_sex',
  'trend_reviews_by_modifiable',
  'review_duration',
  'review_timeliness',
  'deaths_by_local_authority_and_sex',
  'reviews_by_local_authority_and_modifiable',
])

/** Tables of counts, which the sentences know how to put in words; any other table is shown without one. */
const COUNT_TABLES = new Set<string>([
  ...TABLE_IDS,
  'deaths_by_local_authority_and_sex',
  'reviews_by_local_authority_and_modifiable',
])

export function tablesSection(release: Release, charts: readonly ChartImage[]): ReportSection {
  return {
    id: 'tables',
    heading: `The figures for ${release.financialYear}`,
    blocks: [
      {
        kind: 'paragraph',
        text:
          release.mode === 'published'
            ? 'These are the tables of the published statistics release for the year, as published.'
            : 'These are the tables of the year with exact counts, small numbers included.',
      },
      ...release.tables.filter(t => !ELSEWHERE.has(t.id)).flatMap(t => tableWithChart(t, release.mode, charts)),
    ],
  }
}

export function trendSection(release: Release, charts: readonly ChartImage[]): ReportSection | null {
  const trend = find(release, 'trend_deaths_by_sex')
  if (!trend) return null
  const ratio = femaleMaleRow(trend)
  const blocks: Block[] = [
    ...tableWithChart(trend, release.mode, charts),
    { kind: 'subheading', text: 'Female to male deaths by year' },
    { kind: 'paragraph', text: ratio.text },
  ]
  if (ratio.years.length) {
    blocks.push({
      kind: 'table',
      id: 'female_male',
      caption: 'Female:male deaths by financial year',
      head: [...ratio.years, 'Total'],
      rows: [[...ratio.pairs, ratio.total]],
    })
  }
  const first = trend.rows.find(r => r.code !== TOTAL)
  return {
    id: 'trend',
    heading: first ? `The trend since ${first.label}` : 'The trend',
    blocks,
  }
}

export function modifiableSection(
  release: Release,
  comparators: readonly NationalComparator[],
  charts: readonly ChartImage[],
): ReportSection | null {
  const table = find(release, 'category_by_modifiable')
  if (!table) return null
  const year = yearsOf(release.financialYear).at(-1) as string
  const share = modifiableShareOfRow(table, TOTAL, release.mode)
  const national = comparators.find(c => c.financialYear === year)
  const blocks: Block[] = [
    { kind: 'paragraph', text: modifiableSentence(table.values[TOTAL], release.mode) },
    { kind: 'paragraph', text: comparatorSentence(release.financialYear, share, national) },
  ]
  const trend = find(release, 'trend_reviews_by_modifiable')
  if (trend) blocks.push(...tableWithChart(trend, release.mode, charts))
  return { id: 'modifiable', heading: 'Modifiable factors against England', blocks }
}

export function timelinessSection(release: Release, charts: readonly ChartImage[]): ReportSection | null {
  const duration = find(release, 'review_duration')
  const medians = find(release, 'review_timeliness')
  const blocks: Block[] = duration ? tableWithChart(duration, release.mode, charts) : []
  if (medians) {
    blocks.push(
      { kind: 'subheading', text: medians.title },
      {
        kind: 'paragraph',
        text:
          'Median days from the death, and from the notification, to the review, and from each request to the ' +
          "agency's report, with the number of cases behind each median." +
          (release.mode === 'published' ? ' A median over fewer than 10 cases is not shown ([c]).' : ''),
      },
      tableBlock(medians, release.mode),
    )
  }
  return blocks.length ? { id: 'timeliness', heading: 'How long reviews took', blocks } : null
}

/** One listed local authority and its own release for the year (null when none is published). */
export interface AuthorityFigures {
  name: string
  release: Release | null
}

/** The tables of one authority's release that its part of the report shows. */
const AUTHORITY_TABLES = ['summary', 'category_by_modifiable', 'deaths_by_age_and_sex', 'review_timeliness']

/**
 * Local authorities: the panel's tables by authority, then a part for each listed authority from
 * that authority's own release (published mode: only if one was published, since an authority's
 * figures go through the same differencing check as the panel's before anyone may read them).
 */
export function localAuthoritiesSection(
  release: Release,
  authorities: readonly AuthorityFigures[],
): ReportSection | null {
  const byAuthority = ['deaths_by_local_authority_and_sex', 'reviews_by_local_authority_and_modifiable']
    .map(id => find(release, id))
    .filter((table): table is NonNullable<typeof table> => table !== undefined)
  if (!byAuthority.length && !authorities.length) return null
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      text: authorities.length
        ? `The panel covers ${authorities.map(a => a.name).join(', ')}. Children resident elsewhere, or whose ` +
          'local authority is not recorded, are counted as "other".'
        : 'No local authorities are listed in the service (Settings, Local authorities), so every child is ' +
          'counted as "other".',
    },
    ...byAuthority.flatMap(table => [
      { kind: 'subheading' as const, text: table.title },
      tableBlock(table, release.mode),
      ...(COUNT_TABLES.has(table.id) ? [{ kind: 'paragraph' as const, text: tableSentence(table, release.mode) }] : []),
    ]),
  ]
  for (const authority of authorities) {
    blocks.push({ kind: 'subheading', text: authority.name })
    if (!authority.release) {
      blocks.push({
        kind: 'paragraph',
        text:
          `No release of ${authority.name}'s own figures for ${release.financialYear} has been published. ` +
          `Publish one (Statistics, Publish, choosing ${authority.name}) and produce this report again to include them.`,
      })
      continue
    }
    const own = authority.release
    const summary = find(own, 'summary')
    if (summary) {
      const count = (row: string) => cellText(summary.values[row]?.count ?? 0)
      blocks.push({
        kind: 'paragraph',
        text:
          `Children resident in ${authority.name}: ${count('deaths')} deaths in the year ` +
          `(${count('unexpected_deaths')} unexpected) and ${count('reviews_completed')} reviews completed.`,
      })
    }
    for (const id of AUTHORITY_TABLES) {
      const table = find(own, id)
      if (table) blocks.push(tableBlock({ ...table, title: `${authority.name}: ${table.title}` }, own.mode))
    }
  }
  return { id: 'local_authorities', heading: 'Local authorities', blocks }
}

export function disclosureSection(notes: readonly ReleaseNote[]): ReportSection {
  return {
    id: 'disclosure',
    heading: 'Disclosure control',
    blocks: [
      {
        kind: 'paragraph',
        text:
          'Small numbers could identify a child or a family, so the published statistics follow these rules. ' +
          'They are the notes of the release this report is made from.',
      },
      { kind: 'bullets', items: notes.map(note => `${note.label}: ${note.value}`) },
    ],
  }
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

/**
 * The learning the coordinator curated for the report, by category: only curated wording, already
 * checked against the case's identifiers and redacted (reportLearningService.curatedForYear).
 */
export function learningSection(year: string, learning: readonly CuratedLearning[]): ReportSection {
  const blocks: Block[] = []
  if (!learning.length) {
    blocks.push({
      kind: 'paragraph',
      text: `No learning from the reviews of ${year} has been chosen for the report yet.`,
    })
  }
  const categories = [...new Set(learning.map(l => l.category))]
  for (const category of categories) {
    blocks.push({ kind: 'subheading', text: category })
    const of = (kind: CuratedLearning['kind']) =>
      learning.filter(l => l.category === category && l.kind === kind).map(l => l.text)
    const points = of('learning')
    const recommendations = of('recommendation')
    if (points.length) {
      blocks.push({ kind: 'paragraph', text: 'What the panel learned:' }, { kind: 'bullets', items: points })
    }
    if (recommendations.length) {
      blocks.push(
        { kind: 'paragraph', text: 'What the panel recommended:' },
        { kind: 'bullets', items: recommendations },
      )
    }
  }
  return { id: 'learning', heading: 'Learning from the reviews', blocks }
}

/**
 * The year's actions by theme, with their counts. Only actions whose wording the coordinator
 * curated for the report are listed; the others are counted, and said to be.
 */
export function actionsSection(report: ActionsReport): ReportSection {
  const all = report.themes.flatMap(t => t.actions)
  const { open, completed, overdue } = report.counts
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      text: all.length
        ? `The reviews of the year led to ${plural(all.length, 'action')}: ${open} still open ` +
          `(${overdue} of them overdue) and ${completed} completed.`
        : 'The reviews of the year led to no actions.',
    },
  ]
  const uncurated = all.filter(a => a.wording !== 'curated').length
  for (const theme of report.themes) {
    const listed = theme.actions.filter(a => a.wording === 'curated')
    if (!listed.length) continue
    blocks.push({ kind: 'subheading', text: theme.theme })
    blocks.push({
      kind: 'table',
      id: 'actions',
      caption: `Actions: ${theme.theme}`,
      head: ['Action', 'Owner', 'Status', 'Due', 'Evidence of impact'],
      rows: listed.map(a => [
        a.description,
        a.ownerAgency,
        a.overdue ? `${a.status} (overdue)` : a.status,
        a.dueDate ? formatGovukDate(a.dueDate) : 'No date',
        a.evidence ?? 'None recorded yet',
      ]),
    })
  }
  if (uncurated) {
    blocks.push({
      kind: 'paragraph',
      text:
        `${plural(uncurated, 'action')} ${uncurated === 1 ? 'is' : 'are'} counted above but not listed, because ` +
        'the wording has not been chosen for the report.',
    })
  }
  return { id: 'actions', heading: 'Actions and their impact', blocks }
}

/**
 * How many of the year's cases have each key item missing or "not known". Live counts, not part of
 * any release and never checked against one, so they go only in the unsuppressed report: next to
 * the published tables they could give away a suppressed figure.
 */
export function dataQualitySection(report: DataQualityReport | null): ReportSection {
  if (!report) {
    return {
      id: 'data_quality',
      heading: 'Data quality',
      blocks: [
        {
          kind: 'paragraph',
          text:
            'The counts of missing and "not known" items are in the confidential version of this report only: ' +
            'they are counted from the case records, not from the published release, and beside its tables ' +
            'they could give away a suppressed figure.',
        },
      ],
    }
  }
  return {
    id: 'data_quality',
    heading: 'Data quality',
    blocks: [
      {
        kind: 'paragraph',
        text:
          `Of the ${plural(report.deaths, 'death')} and ${plural(report.reviews, 'review')} completed in ` +
          `${report.financialYear}, how many had each key item missing or recorded as "not known".`,
      },
      {
        kind: 'table',
        id: 'data_quality',
        caption: `Key items missing or not known, ${report.financialYear}`,
        head: ['Item', 'Counted over', 'Missing', 'Not known'],
        rows: report.items.map(item => [
          item.label,
          item.population === 'deaths' ? 'Deaths' : 'Reviews',
          String(item.missing.count),
          item.notKnown ? String(item.notKnown.count) : 'Not asked',
        ]),
      },
    ],
  }
}
