import {
  caseStatuses,
  categories,
  ethnicities,
  expectedness,
  modifiableFactorsOutcomes,
  placesOfDeath,
  preventabilityOutcomes,
  sexes,
} from '../../domain/codes'

/**
 * The columns of the history import (shared/spec/import-format.md), in the contract's order. The
 * validation, the template download and the format table on the upload page all read this list,
 * so they cannot disagree.
 */
export const importColumns = [
  { name: 'case_ref', required: 'yes', values: 'Unique in the file and in the service' },
  { name: 'given_names', required: 'no', values: 'Text' },
  { name: 'family_name', required: 'no', values: 'Text' },
  { name: 'nhs_number', required: 'no', values: '10 digits with a valid check digit; spaces are allowed' },
  { name: 'date_of_birth', required: 'yes', values: 'YYYY-MM-DD' },
  { name: 'date_of_death', required: 'yes', values: 'YYYY-MM-DD; before the 18th birthday; not in the future' },
  { name: 'sex', required: 'yes', values: sexes.codes.join(', ') },
  { name: 'ethnicity', required: 'no', values: `${ethnicities.codes.join(', ')} (empty means not_known)` },
  { name: 'local_authority', required: 'no', values: 'Text' },
  { name: 'ward', required: 'no', values: 'Text' },
  { name: 'postcode', required: 'no', values: 'A UK postcode, like SW1A 1AA' },
  { name: 'resident', required: 'no', values: 'yes, no (empty means yes)' },
  { name: 'place_of_death', required: 'no', values: placesOfDeath.codes.join(', ') },
  { name: 'expected', required: 'yes', values: expectedness.codes.join(', ') },
  { name: 'notified_at', required: 'no', values: 'YYYY-MM-DD (empty means the date of death)' },
  { name: 'jar_date', required: 'no', values: 'YYYY-MM-DD: the date a joint agency response started' },
  {
    name: 'status',
    required: 'no',
    values: `${caseStatuses.codes.join(', ')} (empty means reviewed when review_date is given, otherwise information_gathering)`,
  },
  { name: 'review_date', required: 'no', values: 'YYYY-MM-DD; not before the date of death' },
  { name: 'category', required: 'with review_date', values: `${categories.codes[0]} to ${categories.codes.at(-1)}` },
  {
    name: 'modifiable_factors',
    required: 'with review_date, unless preventability is given',
    values: modifiableFactorsOutcomes.codes.join(', '),
  },
  { name: 'preventability', required: 'no', values: preventabilityOutcomes.codes.join(', ') },
  { name: 'learning_points', required: 'no', values: 'Text' },
] as const

export type ImportColumn = (typeof importColumns)[number]['name']

export const importColumnNames: readonly ImportColumn[] = importColumns.map(c => c.name)

export const requiredColumns: readonly ImportColumn[] = importColumns.filter(c => c.required === 'yes').map(c => c.name)

const names = new Set<string>(importColumnNames)

export const isImportColumn = (name: string): name is ImportColumn => names.has(name)

/** The template download: the header row only, so no example row can be imported by mistake. */
export function templateCsv(): string {
  // A byte-order mark makes Excel open the file as UTF-8, so names with accents survive a round trip.
  return `\uFEFF${importColumnNames.join(',')}\r\n`
}
