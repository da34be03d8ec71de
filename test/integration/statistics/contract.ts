/**
 * The contract's tables, rows and columns written out from shared/spec/statistics.md §2, on purpose
 * not taken from src/domain/statistics/tables.ts: the exports are checked against the spec itself.
 */
export const CATEGORY_ROWS = ['cat_1', 'cat_2', 'cat_3', 'cat_4', 'cat_5', 'cat_6', 'cat_7', 'cat_8', 'cat_9', 'cat_10']
export const AGE_ROWS = ['0_27d', '28_364d', '1_4y', '5_9y', '10_14y', '15_17y']
const MODIFIABLE = ['identified', 'not_identified', 'inadequate_information', 'total']

/** Table id → [rows, columns]; the trend tables' year rows depend on the data and are passed in. */
export function contractTables(trend: { deathYears: string[]; reviewYears: string[] }): [string, string[], string[]][] {
  return [
    [
      'summary',
      ['notifications', 'deaths', 'unexpected_deaths', 'jar_started', 'reviews_completed', 'open_at_year_end'],
      ['count'],
    ],
    ['category_by_modifiable', [...CATEGORY_ROWS, 'total'], MODIFIABLE],
    [
      'category_by_preventability',
      [...CATEGORY_ROWS, 'total'],
      ['preventable', 'potentially_preventable', 'not_preventable', 'inadequate_information', 'total'],
    ],
    ['category_by_sex', [...CATEGORY_ROWS, 'total'], ['male', 'female', 'other', 'total']],
    ['age_by_modifiable', [...AGE_ROWS, 'total'], MODIFIABLE],
    ['sex_by_modifiable', ['male', 'female', 'other', 'total'], MODIFIABLE],
    ['ethnicity_by_modifiable', ['white', 'mixed', 'asian', 'black', 'other', 'not_known', 'total'], MODIFIABLE],
    ['expected_by_modifiable', ['expected', 'unexpected', 'total'], MODIFIABLE],
    ['review_duration', ['under_6_months', '6_to_12_months', 'over_12_months', 'total'], ['count']],
    ['deaths_by_age_and_sex', [...AGE_ROWS, 'total'], ['male', 'female', 'other', 'total']],
    ['trend_deaths_by_sex', [...trend.deathYears, 'total'], ['female', 'male', 'other', 'total']],
    ['trend_reviews_by_modifiable', [...trend.reviewYears, 'total'], MODIFIABLE],
  ]
}

/** The agencies of data dictionary §6, in order: one timeliness row each. */
export const AGENCY_CODES = [
  'gp',
  'health_visiting',
  'school_nursing',
  'midwifery',
  'hospital_paediatrics',
  'neonatal_unit',
  'emergency_department',
  'ambulance',
  'mental_health',
  'police',
  'childrens_social_care',
  'education',
  'coroner',
  'pathology',
  'hospice',
  'youth_justice',
  'housing',
  'voluntary_sector',
  'other',
]

/**
 * The tables issue 12 adds after the contract's (docs/statistics-tables.md), written out from that
 * documentation: `authorities` are the listed authorities' row codes. A release of one authority
 * has only review_timeliness.
 */
export function extensionTables(authorities: string[] = [], forOneAuthority = false): [string, string[], string[]][] {
  const rows = [...authorities, 'other', 'total']
  return [
    ...(forOneAuthority
      ? []
      : ([
          ['deaths_by_local_authority_and_sex', rows, ['female', 'male', 'other', 'total']],
          ['reviews_by_local_authority_and_modifiable', rows, MODIFIABLE],
        ] as [string, string[], string[]][])),
    [
      'review_timeliness',
      ['death_to_review', 'notification_to_review', ...AGENCY_CODES.map(a => `request_to_report_${a}`)],
      ['median_days', 'cases'],
    ],
  ]
}

export const CSV_HEADER = 'financial_year,table,row,row_label,column,column_label,value'
