import { Op, QueryTypes } from 'sequelize'
import type { Database } from '../db'
import type { Case } from '../db/models'
import { openStatuses } from '../domain/caseStatus'
import { agencies } from '../domain/codes'
import { daysBetweenSql, IN_SCOPE, londonDateSql, medianSql, REVIEWED } from './statistics/sqlExpressions'
import { addDays, addMonthsClamped, todayInLondon } from '../domain/dates'
import DataVersionCache, { dataVersion } from './dataVersionCache'

const OPEN = [...openStatuses, 'on_hold'] as const
const ATTRIBUTES = ['id', 'caseRef', 'givenNames', 'familyName', 'dateOfDeath', 'notifiedAt', 'status'] as const

export interface CoordinatorDashboard {
  familiesWaiting: Case[]
  familiesWaitingCount: number
  waitingLongest: Case[]
  over6Months: number
  over12Months: number
  openCases: number
  byStatus: Record<string, number>
  agencies: AgencyFigures[]
  upcomingMeetings: { id: string; meetingDate: string; startTime: string; cases: number }[]
  openActions: number
  overdueActions: number
  timeliness: TimelinessMedian[]
}

/**
 * A median of the last 12 months, defined as the review_timeliness statistics table defines it
 * (docs/statistics-tables.md), with the number of cases behind it. The coordinator sees medians
 * over few cases too (they are not published), marked as such.
 */
export interface TimelinessMedian {
  measure: string
  label: string
  medianDays: number | null
  cases: number
  fewCases: boolean
}

/** Medians over fewer cases than this are never published; on the dashboard they are marked. */
export const FEW_CASES = 10

/** Per agency: requests overdue, cases waiting on it, and how fast it answered over the last 12 months. */
export interface AgencyFigures {
  agency: string
  label: string
  overdue: number
  outstanding: number
  casesWaiting: number
  answered: number
  averageDaysToRespond: number | null
}

interface KeptFigures {
  agencies: AgencyFigures[]
  timeliness: TimelinessMedian[]
}

/** The work that is due, for the coordinator's home page. Each figure is one indexed query. */
export default class DashboardService {
  private readonly figures: DataVersionCache<KeptFigures>

  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.figures = new DataVersionCache(() => dataVersion(db), 4)
  }

  async forCoordinator(): Promise<CoordinatorDashboard> {
    const today = todayInLondon(this.now())
    const Case = this.db.models.Case
    const open = { status: { [Op.in]: OPEN as unknown as string[] } }
    // The family should have the information leaflet within 7 days of the panel hearing of the death.
    const familiesWhere = { ...open, familyLeafletSentOn: null, notifiedAt: { [Op.lte]: addDays(today, -7) } }
    const [familiesWaiting, familiesWaitingCount, waitingLongest, over6Months, over12Months, statusRows, kept] =
      await Promise.all([
        Case.findAll({ where: familiesWhere, attributes: [...ATTRIBUTES], order: [['notifiedAt', 'ASC']], limit: 10 }),
        Case.count({ where: familiesWhere }),
        Case.findAll({ where: open, attributes: [...ATTRIBUTES], order: [['dateOfDeath', 'ASC']], limit: 10 }),
        Case.count({ where: { ...open, dateOfDeath: { [Op.lte]: addMonthsClamped(today, -6) } } }),
        Case.count({ where: { ...open, dateOfDeath: { [Op.lte]: addMonthsClamped(today, -12) } } }),
        Case.count({ where: open, group: ['status'] }) as unknown as Promise<{ status: string; count: number }[]>,
        this.keptFigures(today),
      ])
    const byStatus = Object.fromEntries(statusRows.map(row => [row.status, Number(row.count)]))
    return {
      familiesWaiting,
      familiesWaitingCount,
      waitingLongest,
      over6Months,
      over12Months,
      openCases: Object.values(byStatus).reduce((a, b) => a + b, 0),
      byStatus,
      agencies: kept.agencies,
      timeliness: kept.timeliness,
      ...(await this.meetingsAndActions(today)),
    }
  }

  /**
   * The agency figures and the timeliness medians, made once per version of the cases and agency
   * requests they count and per day (the medians read a year of reviews and reports: the costliest
   * part of the page), rather than for every request.
   */
  private keptFigures(today: string): Promise<KeptFigures> {
    return this.figures.get(today, async () => {
      const [agencies, timeliness] = await Promise.all([this.agencyFigures(today), this.timeliness(today)])
      return { agencies, timeliness }
    })
  }

  /** The next meetings with their number of cases, and the panel's actions still open. */
  private async meetingsAndActions(today: string) {
    const [meetings] = await this.db.sequelize.query(
      `SELECT m.id, m.meeting_date AS "meetingDate", m.start_time AS "startTime",
              count(a.id) FILTER (WHERE a.outcome = 'pending')::int AS cases
         FROM meetings m LEFT JOIN agenda_items a ON a.meeting_id = m.id
        WHERE m.meeting_date >= :today AND m.status = 'scheduled'
        GROUP BY m.id ORDER BY m.meeting_date, m.start_time LIMIT 5`,
      { replacements: { today } },
    )
    // Only live actions: a draft review's recommendations become actions when it is finalised.
    const [[actions]] = (await this.db.sequelize.query(
      `SELECT count(*)::int AS open,
              count(*) FILTER (WHERE a.due_date < :today)::int AS overdue
         FROM actions a LEFT JOIN case_reviews r ON r.id = a.review_id
        WHERE a.status IN ('open', 'in_progress') AND (a.review_id IS NULL OR r.status <> 'draft')`,
      { replacements: { today } },
    )) as unknown as [[{ open: number; overdue: number }]]
    return {
      upcomingMeetings: meetings as CoordinatorDashboard['upcomingMeetings'],
      openActions: actions.open,
      overdueActions: actions.overdue,
    }
  }

  /**
   * Two grouped queries, each on a partial index: the outstanding requests (overdue is derived:
   * still requested after the due date), and the answers of the last 12 months (submitted - sent).
   */
  private async agencyFigures(today: string): Promise<AgencyFigures[]> {
    const query = <T extends object>(sql: string, replacements: Record<string, unknown>) =>
      this.db.sequelize.query<T>(sql, { replacements, type: QueryTypes.SELECT })
    const [waiting, answered] = await Promise.all([
      query<{ agency: string; overdue: number; outstanding: number; cases_waiting: number }>(
        `SELECT agency,
                count(*) FILTER (WHERE due_date < CAST(:today AS date)) AS overdue,
                count(*) AS outstanding,
                count(DISTINCT case_id) AS cases_waiting
           FROM agency_requests WHERE status = 'requested' GROUP BY agency`,
        { today },
      ),
      query<{ agency: string; answered: number; average_days: number | string }>(
        `SELECT agency, count(*) AS answered,
                -- A paper report dated the day it was asked for counts as an answer the same day, never a negative time.
                round(avg(greatest(0, extract(epoch FROM submitted_at - created_at)) / 86400)::numeric, 1) AS average_days
           FROM agency_requests WHERE submitted_at IS NOT NULL AND submitted_at >= CAST(:since AS timestamptz)
          GROUP BY agency`,
        { since: new Date(`${addMonthsClamped(today, -12)}T00:00:00Z`) },
      ),
    ])
    return agencies.codes
      .map(code => {
        const w = waiting.find(row => row.agency === code)
        const a = answered.find(row => row.agency === code)
        return {
          agency: code,
          label: agencies.label(code),
          overdue: Number(w?.overdue ?? 0),
          outstanding: Number(w?.outstanding ?? 0),
          casesWaiting: Number(w?.cases_waiting ?? 0),
          answered: Number(a?.answered ?? 0),
          averageDaysToRespond: a ? Number(a.average_days) : null,
        }
      })
      .filter(row => row.outstanding || row.answered)
  }

  /**
   * The review_timeliness medians over the 12 months up to today: reviews dated in them (death to
   * review, notification to review) and agency reports received in them (request to report).
   */
  private async timeliness(today: string): Promise<TimelinessMedian[]> {
    const days = (from: string, to: string) => medianSql(daysBetweenSql(from, to))
    const london = londonDateSql
    const rows = await this.db.sequelize.query<{ measure: string; cases: number; median: number | null }>(
      `SELECT 'death_to_review' AS measure, count(*)::int AS cases, ${days('date_of_death', 'review_date')} AS median
         FROM cases WHERE ${REVIEWED} AND review_date > CAST(:since AS date) AND review_date <= CAST(:today AS date)
       UNION ALL
       SELECT 'notification_to_review', count(*)::int, ${days('notified_at', 'review_date')}
         FROM cases WHERE ${REVIEWED} AND review_date > CAST(:since AS date) AND review_date <= CAST(:today AS date)
       UNION ALL
       SELECT 'request_to_report_' || r.agency, count(*)::int, ${days(london('r.created_at'), london('r.submitted_at'))}
         FROM agency_requests r
        WHERE r.status = 'received'
          AND ${london('r.submitted_at')} > CAST(:since AS date) AND ${london('r.submitted_at')} <= CAST(:today AS date)
          -- The same days as instants, so the index on submitted_at finds them (the London dates above
          -- alone made PostgreSQL convert every request's time: a scan of them all, 370 ms at 100,000 cases).
          AND r.submitted_at >= (CAST(:since AS date) + 1)::timestamp AT TIME ZONE 'Europe/London'
          AND r.submitted_at < (CAST(:today AS date) + 1)::timestamp AT TIME ZONE 'Europe/London'
          AND r.case_id IN (SELECT id FROM cases WHERE ${IN_SCOPE})
        GROUP BY r.agency`,
      { type: QueryTypes.SELECT, replacements: { today, since: addMonthsClamped(today, -12) } },
    )
    const byMeasure = new Map(rows.map(row => [row.measure, row]))
    const measures = [
      { measure: 'death_to_review', label: 'From death to review' },
      { measure: 'notification_to_review', label: 'From notification to review' },
      ...agencies.codes.map(code => ({
        measure: `request_to_report_${code}`,
        label: `From request to report: ${agencies.label(code)}`,
      })),
    ]
    return measures.flatMap(({ measure, label }) => {
      const row = byMeasure.get(measure)
      const cases = Number(row?.cases ?? 0)
      // Agencies with no report in the year are left out; the two review measures always show.
      if (!cases && measure.startsWith('request_to_report_')) return []
      return [
        {
          measure,
          label,
          medianDays: cases ? Number(row!.median) : null,
          cases,
          fewCases: cases > 0 && cases < FEW_CASES,
        },
      ]
    })
  }
}
