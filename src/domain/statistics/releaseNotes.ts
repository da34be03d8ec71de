/**
 * The note of the rules applied that every release carries (statistics.md §3 rule 6): threshold,
 * marker, date produced and mode, and in plain English what they mean. One list of lines serves
 * the Excel notes sheet, the report page and anything else that shows the release, so they cannot
 * say different things.
 */
import { MIN_PERCENTAGE_DENOMINATOR } from './percentages'
import type { Release } from './release'
import { SUPPRESSION_MARKER } from './suppression'
import { MIN_MEDIAN_CASES } from './tables'
import { isPooled } from './years'

export interface ReleaseNote {
  /** Stable identifier of the line, for machines. */
  key: string
  /** Heading of the line, for people. */
  label: string
  value: string
}

export function releaseNotes(
  release: Pick<Release, 'financialYear' | 'mode' | 'suppressMax' | 'producedAt'> &
    Partial<Pick<Release, 'localAuthority' | 'tables'>>,
): ReleaseNote[] {
  const { financialYear, mode, suppressMax, producedAt } = release
  const published = mode === 'published'
  const pooled = isPooled(financialYear)
  // Notes of issue 12's additions, only on releases that have them.
  const added: ReleaseNote[] = []
  if (release.localAuthority) {
    added.push({
      key: 'local_authority',
      label: 'Local authority',
      value:
        `${release.localAuthority}: every figure counts only children resident in ${release.localAuthority}, ` +
        'matched by the local authority recorded on each case.',
    })
  }
  if (release.tables?.some(t => t.id === 'review_timeliness')) {
    added.push({
      key: 'timeliness',
      label: 'Timeliness',
      value:
        'Medians are in whole days (the lower middle value when the number of cases is even). ' +
        (published
          ? `A median over fewer than ${MIN_MEDIAN_CASES} cases is not shown (${SUPPRESSION_MARKER}); the number ` +
            'of cases behind each median is a count like any other, suppressed by the same rules.'
          : `Medians over fewer than ${MIN_MEDIAN_CASES} cases are shown here but would not be published.`),
    })
  }

  return [
    {
      key: 'financial_year',
      label: pooled ? 'Financial years (pooled)' : 'Financial year',
      value: pooled
        ? `${financialYear}: each figure counts these years together as one period; the trend tables still list single years.`
        : financialYear,
    },
    {
      key: 'mode',
      label: 'Mode',
      value: published
        ? 'Published: small numbers are suppressed.'
        : "Unsuppressed: exact counts, for the panel's confidential annual report only. Do not publish.",
    },
    {
      key: 'suppress_max',
      label: 'Suppression threshold',
      value: published
        ? `${suppressMax}: every count from 1 to ${suppressMax} is suppressed.`
        : `Not applied (the configured threshold is ${suppressMax}).`,
    },
    {
      key: 'marker',
      label: 'Marker',
      value: published ? `${SUPPRESSION_MARKER} marks a suppressed figure.` : 'Not used: no figure is suppressed.',
    },
    { key: 'produced_at', label: 'Date produced', value: producedAt },
    {
      key: 'suppression',
      label: 'Suppression rules',
      value: published
        ? `Primary suppression: every count from 1 to ${suppressMax} is replaced by ${SUPPRESSION_MARKER}; zero is ` +
          'shown as 0. Secondary suppression: a row or column with a total must never hold just one suppressed ' +
          'figure, because it could be worked out from the total and the others, so the smallest other non-zero ' +
          'figure in that row or column is suppressed too (the total only when no other figure can be), ' +
          'repeatedly until no row or column holds just one. A figure that appears in more than one table, such ' +
          'as the number of reviews completed, is suppressed in every table or in none.' +
          (pooled
            ? ' In this pooled release each pooled total counts as a row of the single years it adds up, ' +
              'so no single year can be worked out from the pooled total either.'
            : '')
        : 'None: every count is exact, including small numbers that could identify a child.',
    },
    {
      key: 'percentages',
      label: 'Percentages',
      value:
        'The share of reviews with modifiable factors is the number with modifiable factors identified divided ' +
        'by the number with modifiable factors identified or not identified, leaving out reviews with inadequate ' +
        'information, as the national statistics do. ' +
        (published
          ? `It is not shown when either number is suppressed or when fewer than ${MIN_PERCENTAGE_DENOMINATOR} ` +
            'reviews are counted.'
          : 'It is shown whenever at least one review is counted.'),
    },
    {
      key: 'content',
      label: 'Content',
      value:
        'Counts only: no names, dates of birth or death, postcodes, NHS numbers, case references or free text, ' +
        'and no geography finer than the local authority.',
    },
    ...added,
  ]
}
