/**
 * Every count a release needs, from ONE aggregate statement. One statement sees one snapshot of the
 * data, so the figures that the contract shows in several tables (deaths in Y, reviews in Y, year
 * Y's row of each trend) always agree even while cases are being edited; and one round trip keeps a
 * year's release well under a second over a million cases. Only grouped counts cross the wire:
 * a few hundred small rows however many cases there are.
 */
import { QueryTypes } from 'sequelize'
import type { Database } from '../../db'
import { modifiableFactorsOutcomes } from '../../domain/codes'
import {
  IN_SCOPE,
  REVIEWED,
  ageBandSql,
  daysBetweenSql,
  ethnicityGroupSql,
  financialYearStartSql,
  londonDateSql,
  medianSql,
  reviewDurationSql,
  sexGroupSql,
} from './sqlExpressions'

/** The dimensions a review is counted by, in the order given to GROUPING(). */
export const REVIEW_DIMENSIONS = [
  'category',
  'modifiable_factors',
  'preventability',
  'sex_group',
  'age_band',
  'ethnicity_group',
  'expected',
  'duration',
] as const
export type ReviewDimension = (typeof REVIEW_DIMENSIONS)[number]

/**
 * The cross-tabulations of reviews in the period that the tables need: a grouping set each, so one
 * scan gives them all and nothing finer than a table's own cells leaves the database.
 */
export const REVIEW_SETS = {
  categoryByModifiable: ['category', 'modifiable_factors'],
  categoryByPreventability: ['category', 'preventability'],
  categoryBySex: ['category', 'sex_group'],
  ageByModifiable: ['age_band', 'modifiable_factors'],
  sexByModifiable: ['sex_group', 'modifiable_factors'],
  ethnicityByModifiable: ['ethnicity_group', 'modifiable_factors'],
  expectedByModifiable: ['expected', 'modifiable_factors'],
  duration: ['duration'],
} as const satisfies Record<string, readonly ReviewDimension[]>
export type ReviewSet = keyof typeof REVIEW_SETS

/** PostgreSQL's GROUPING() bit mask of a set: a 1 for each dimension NOT grouped, first dimension highest. */
export function groupingMask(set: readonly ReviewDimension[]): number {
  return REVIEW_DIMENSIONS.reduce(
    (mask, dimension, i) => (set.includes(dimension) ? mask : mask | (1 << (REVIEW_DIMENSIONS.length - 1 - i))),
    0,
  )
}

export interface DeathTrendRow {
  /** Start year of the financial year of death. */
  fy: number
  total: number
  male: number
  female: number
  /** Of these, how many had no review on or before the last day of the period. */
  open: number
}

export interface DeathRow {
  age_band: string
  sex_group: string
  expected: string
  n: number
}

export interface ReviewTrendRow {
  fy: number
  identified: number
  not_identified: number
  inadequate_information: number
}

export type ReviewRow = { grouping: number; n: number } & Record<ReviewDimension, string | number | null>

export interface ReleaseCounts {
  notifications: number
  jarStarted: number
  /** In-scope deaths up to the end of the period, by year of death, sex group and whether still open then. */
  deathTrend: DeathTrendRow[]
  /** In-scope deaths in the period. */
  deaths: DeathRow[]
  /** Reviews up to the end of the period with modifiable factors recorded, by year of review. */
  reviewTrend: ReviewTrendRow[]
  /** Reviews in the period, one row per cell of each of REVIEW_SETS, told apart by `grouping`. */
  reviews: ReviewRow[]
}

const json = (select: string) => `(SELECT coalesce(json_agg(t), '[]'::json) FROM (${select}) t)`

const between = (column: string) => `${column} BETWEEN $1::date AND $2::date`

/** Financial year `y` as a date range, so a trend counts each year over an index range. */
const inYear = (column: string) => `${column} BETWEEN make_date(y, 4, 1) AND make_date(y + 1, 3, 31)`

/**
 * Every financial year from the one holding the earliest of `column` up to the period's last. The
 * financial-year expression names its date three times; OFFSET 0 keeps the planner from inlining
 * the subquery into it, so the earliest date is looked up once, not three times.
 */
const yearsFrom = (firstDate: string) =>
  `generate_series((SELECT ${financialYearStartSql('d')} FROM (SELECT (${firstDate}) AS d OFFSET 0) first), ${financialYearStartSql('$2::date')}) y`

const countWhen = (condition: string, name: string) => `count(*) FILTER (WHERE ${condition})::int AS ${name}`

/**
 * The trends count year by year over the partial covering indexes of migration 20261123000021:
 * index-only range scans with plain comparisons, no hashing or sorting of every case, so their cost
 * grows with the history but stays small. (The sex group "other" is every death neither male nor
 * female, as in sexGroupSql, so it is the total less those two.) The period's own tables group the
 * period's cases by the derived values of sqlExpressions.ts.
 */
export const RELEASE_SQL = `SELECT
  (SELECT count(*) FROM cases WHERE ${between('notified_at')}) AS notifications,
  (SELECT count(*) FROM cases WHERE ${IN_SCOPE} AND ${between('jar_date')}) AS jar_started,
  ${json(`
    SELECT y AS fy, c.* FROM ${yearsFrom(`SELECT min(date_of_death) FROM cases WHERE ${IN_SCOPE} AND date_of_death <= $2::date`)}
    CROSS JOIN LATERAL (
      SELECT count(*)::int AS total, ${countWhen("sex = 'male'", 'male')}, ${countWhen("sex = 'female'", 'female')},
        ${countWhen('review_date IS NULL OR review_date > $2::date', 'open')}
      FROM cases WHERE ${IN_SCOPE} AND ${inYear('date_of_death')}
    ) c`)} AS death_trend,
  ${json(`
    SELECT ${ageBandSql()} AS age_band, ${sexGroupSql()} AS sex_group, expected, count(*)::int AS n
    FROM cases WHERE ${IN_SCOPE} AND ${between('date_of_death')}
    GROUP BY 1, 2, 3`)} AS deaths,
  ${json(`
    SELECT y AS fy, c.* FROM ${yearsFrom(
      `SELECT min(review_date) FROM cases WHERE ${REVIEWED} AND review_date <= $2::date AND modifiable_factors IS NOT NULL`,
    )}
    CROSS JOIN LATERAL (
      SELECT ${modifiableFactorsOutcomes.codes.map(code => countWhen(`modifiable_factors = '${code}'`, code)).join(', ')}
      FROM cases WHERE ${REVIEWED} AND ${inYear('review_date')}
    ) c`)} AS review_trend,
  ${json(`
    SELECT GROUPING(${REVIEW_DIMENSIONS.join(', ')}) AS grouping, ${REVIEW_DIMENSIONS.join(', ')}, count(*)::int AS n
    FROM (
      SELECT category, modifiable_factors, preventability, ${sexGroupSql()} AS sex_group,
        ${ageBandSql()} AS age_band, ${ethnicityGroupSql()} AS ethnicity_group, expected,
        ${reviewDurationSql()} AS duration
      FROM cases WHERE ${REVIEWED} AND ${between('review_date')}
    ) r
    GROUP BY GROUPING SETS (${Object.values(REVIEW_SETS)
      .map(set => `(${set.join(', ')})`)
      .join(', ')})`)} AS reviews`

/**
 * Which cases a release counts: every case (the whole panel's release), the residents of one listed
 * authority (its name as the list spells it), or the residents of none of some authorities (blank
 * or unrecorded included): the last only for the exact counts the check across releases needs.
 */
export type CaseScope = { only: string } | { noneOf: string[] } | null

/** The condition on `cases` for a scope, its one value bound as `param`. */
export function scopeSql(scope: CaseScope, param: string): string {
  if (!scope) return 'true'
  if ('only' in scope) return `lower(btrim(local_authority)) = ${param}::text`
  return `(local_authority IS NULL OR lower(btrim(local_authority)) <> ALL (${param}::text[]))`
}

function scopeValue(scope: CaseScope): (string | string[])[] {
  if (!scope) return []
  if ('only' in scope) return [scope.only.trim().toLowerCase()]
  return [scope.noneOf.map(n => n.trim().toLowerCase())]
}

/**
 * RELEASE_SQL for the cases of a scope: every one of its subqueries reads `FROM cases WHERE`, and
 * each gets the scope's condition first. The whole panel's statement is RELEASE_SQL itself.
 */
export function scopedReleaseSql(scope: CaseScope): string {
  if (!scope) return RELEASE_SQL
  return RELEASE_SQL.replaceAll('FROM cases WHERE ', `FROM cases WHERE ${scopeSql(scope, '$3')} AND `)
}

/** The agencies' rows of review_timeliness, by agency code. */
export interface TimelinessRow {
  row: string
  cases: number
  median: number | null
}

export interface AuthorityCountRow {
  /** 1-based place of the case's authority in the list given; null for every other case. */
  la: number | null
  code: string
  n: number
}

export interface ExtensionCounts {
  deathsByAuthority: AuthorityCountRow[]
  reviewsByAuthority: AuthorityCountRow[]
  timeliness: TimelinessRow[]
}

const authorityOf = (param: string) => `array_position(${param}::text[], lower(btrim(local_authority)))`

/**
 * The counts of the tables issue 12 adds: deaths and reviews by listed authority (`namesParam`,
 * lower-case names in order), and the timeliness medians with their case counts, of the cases of
 * the scope (its value bound as $3). Reports are counted by the year they were received in
 * (submitted_at, London time), the request dated by when it was made (created_at); a request
 * counts once its report has been received.
 */
export function extensionSql(scope: CaseScope, namesParam: string): string {
  const inScope = scopeSql(scope, '$3')
  return `SELECT
  ${json(`
    SELECT ${authorityOf(namesParam)} AS la, ${sexGroupSql()} AS code, count(*)::int AS n
    FROM cases WHERE ${inScope} AND ${IN_SCOPE} AND ${between('date_of_death')}
    GROUP BY 1, 2`)} AS deaths_by_authority,
  ${json(`
    SELECT ${authorityOf(namesParam)} AS la, modifiable_factors AS code, count(*)::int AS n
    FROM cases WHERE ${inScope} AND ${REVIEWED} AND ${between('review_date')} AND modifiable_factors IS NOT NULL
    GROUP BY 1, 2`)} AS reviews_by_authority,
  ${json(`
    SELECT 'death_to_review' AS row, count(*)::int AS cases, ${medianSql(daysBetweenSql('date_of_death', 'review_date'))} AS median
    FROM cases WHERE ${inScope} AND ${REVIEWED} AND ${between('review_date')}
    UNION ALL
    SELECT 'notification_to_review', count(*)::int, ${medianSql(daysBetweenSql('notified_at', 'review_date'))}
    FROM cases WHERE ${inScope} AND ${REVIEWED} AND ${between('review_date')}
    UNION ALL
    SELECT 'request_to_report_' || r.agency, count(*)::int,
      ${medianSql(daysBetweenSql(londonDateSql('r.created_at'), londonDateSql('r.submitted_at')))}
    FROM agency_requests r
    WHERE r.status = 'received' AND ${londonDateSql('r.submitted_at')} BETWEEN $1::date AND $2::date
      AND r.case_id IN (SELECT id FROM cases WHERE ${inScope} AND ${IN_SCOPE})
    GROUP BY r.agency`)} AS timeliness`
}

interface RawCounts {
  notifications: number
  jar_started: number
  death_trend: DeathTrendRow[]
  deaths: DeathRow[]
  review_trend: ReviewTrendRow[]
  reviews: ReviewRow[]
}

/**
 * The counts for the period from `start` to `end` (ISO dates, both included), of the cases of
 * `scope`, with those of the added tables by the authorities listed (names in order). One
 * statement, so every figure comes from the same snapshot of the data.
 */
export async function queryReleaseCounts(
  db: Database,
  start: string,
  end: string,
  options: { scope?: CaseScope; authorities?: readonly string[] } = {},
): Promise<ReleaseCounts & ExtensionCounts> {
  const scope = options.scope ?? null
  const names = (options.authorities ?? []).map(n => n.trim().toLowerCase())
  const bind = [start, end, ...scopeValue(scope), names]
  const sql = `SELECT main.*, extra.* FROM (${scopedReleaseSql(scope)}) main,
    (${extensionSql(scope, `$${bind.length}`)}) extra`
  const [row] = await db.sequelize.query<
    RawCounts & {
      deaths_by_authority: AuthorityCountRow[]
      reviews_by_authority: AuthorityCountRow[]
      timeliness: TimelinessRow[]
    }
  >(sql, { bind, type: QueryTypes.SELECT })
  return {
    notifications: Number(row.notifications),
    jarStarted: Number(row.jar_started),
    deathTrend: row.death_trend,
    deaths: row.deaths,
    reviewTrend: row.review_trend,
    reviews: row.reviews,
    deathsByAuthority: row.deaths_by_authority,
    reviewsByAuthority: row.reviews_by_authority,
    timeliness: row.timeliness.map(t => ({ row: t.row, cases: Number(t.cases), median: t.median })),
  }
}
