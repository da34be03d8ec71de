import { placesOfDeath } from '../codes'

/**
 * The agency report (formerly Form B, cdr-background §5.2): who is answering, whether the agency
 * knew the child, then sections B to F. Every question offers "Not known" (and "Not applicable"
 * where it makes sense), as the paper form does. The same definition drives the agency's page,
 * the coordinator's paper-report page, validation (`src/forms/readAgencyReportForm.ts`) and the
 * read-only view of a report (`describeReport.ts` beside this file).
 */

export const REPORT_FORM_VERSION = 1

export interface Option {
  value: string
  text: string
}

export interface QuestionBase {
  name: string
  label: string
  /** The label on the coordinator's read-only view, when the agency's wording does not fit there. */
  summary?: string
  hint?: string
  /** The message when a required answer is missing on submission. */
  missing: string
  optional?: boolean
}

export interface TextQuestion extends QuestionBase {
  kind: 'text' | 'longtext'
  maxLength: number
}

export interface RadiosQuestion extends QuestionBase {
  kind: 'radios'
  options: Option[]
  /** A text box revealed by one of the answers, e.g. "What support was offered?" after "Yes". */
  followUp?: { value: string; question: TextQuestion }
}

export interface CheckboxesQuestion extends QuestionBase {
  kind: 'checkboxes'
  options: Option[]
  /** The "None known" answer, which excludes the others. */
  none: Option
}

export interface NumberQuestion extends QuestionBase {
  kind: 'number'
  min: number
  max: number
  suffix: string
}

/** A narrative box with its Not known / Not applicable answers: `name` holds the answer, `name_details` the text. */
export interface NarrativeQuestion extends QuestionBase {
  kind: 'narrative'
  maxLength: number
  detailsLabel: string
}

export type Question = TextQuestion | RadiosQuestion | CheckboxesQuestion | NumberQuestion | NarrativeQuestion

export interface ReportSection {
  id: string
  title: string
  description?: string
  /** Sections an agency with no involvement does not answer. */
  onlyIfInvolved: boolean
  questions: Question[]
}

export type Answers = Record<string, string | string[]>

const NARRATIVE_MAX = 10_000
const NOT_KNOWN: Option = { value: 'not_known', text: 'Not known' }
const NOT_APPLICABLE: Option = { value: 'not_applicable', text: 'Not applicable' }
const YES_NO_NOT_KNOWN: Option[] = [{ value: 'yes', text: 'Yes' }, { value: 'no', text: 'No' }, NOT_KNOWN]

const narrative = (name: string, label: string, hint: string, missing: string): NarrativeQuestion => ({
  kind: 'narrative',
  name,
  label,
  hint,
  missing,
  maxLength: NARRATIVE_MAX,
  detailsLabel: 'Give details',
})

export const reportSections: ReportSection[] = [
  {
    id: 'reporter',
    title: 'About you and your agency',
    onlyIfInvolved: false,
    questions: [
      {
        kind: 'text',
        name: 'reporter_name',
        label: 'Your full name',
        summary: 'Completed by',
        missing: 'Enter your full name',
        maxLength: 200,
      },
      {
        kind: 'text',
        name: 'reporter_role',
        label: 'Your job title',
        summary: 'Job title',
        missing: 'Enter your job title',
        maxLength: 200,
      },
      {
        kind: 'text',
        name: 'reporter_phone',
        label: 'Telephone number (optional)',
        summary: 'Telephone number',
        hint: 'So the panel team can contact you about this report',
        missing: '',
        optional: true,
        maxLength: 50,
      },
      {
        kind: 'radios',
        name: 'agency_involvement',
        label: 'Did your agency have any involvement with the child or their family?',
        summary: 'Agency involved with the child or family',
        hint: 'If not, you only need to answer this section',
        missing: 'Select yes if your agency had any involvement with the child or their family',
        options: [
          { value: 'yes', text: 'Yes' },
          { value: 'no', text: 'No, we had no involvement' },
        ],
      },
    ],
  },
  {
    id: 'summary',
    title: 'Summary of the case and the circumstances leading to the death',
    onlyIfInvolved: true,
    questions: [
      {
        kind: 'radios',
        name: 'mode_of_death',
        label: 'How did the child die, as far as your agency knows?',
        summary: 'Mode of death',
        missing: 'Select how the child died, or not known',
        options: [
          { value: 'planned_palliative_care', text: 'Expected death: planned palliative care' },
          { value: 'found_dead_or_collapsed', text: 'Found dead or collapsed' },
          { value: 'witnessed_event', text: 'Witnessed event' },
          { value: 'withdrawal_of_treatment', text: 'Active withdrawal or cessation of treatment' },
          { value: 'brain_stem_death', text: 'Brain stem death' },
          NOT_KNOWN,
        ],
      },
      {
        kind: 'radios',
        name: 'resuscitation_attempted',
        label: 'Was resuscitation attempted?',
        summary: 'Resuscitation attempted',
        missing: 'Select if resuscitation was attempted, or not known',
        options: YES_NO_NOT_KNOWN,
      },
      {
        kind: 'radios',
        name: 'place_of_death',
        label: 'Where did the child die?',
        summary: 'Place of death',
        missing: 'Select where the child died, or not known',
        options: placesOfDeath.items.map(item => ({ value: item.code, text: item.label })),
      },
      {
        kind: 'checkboxes',
        name: 'events',
        label: 'Which of these events are known to have happened?',
        summary: 'Events known to have happened',
        hint: 'Select all that apply',
        missing: 'Select the events known to have happened, or none known',
        options: [
          { value: 'road_traffic_collision', text: 'Road traffic collision' },
          { value: 'drowning', text: 'Drowning' },
          { value: 'fire_or_burns', text: 'Fire or burns' },
          { value: 'poisoning', text: 'Poisoning' },
          { value: 'other_event', text: 'Another event' },
        ],
        none: { value: 'none_known', text: 'None known' },
      },
      narrative(
        'circumstances',
        "Your agency's involvement and the circumstances leading to the death",
        'Only what your agency knows. Other agencies report their own involvement.',
        "Give your agency's account of the circumstances, or select not known or not applicable",
      ),
    ],
  },
  {
    id: 'child',
    title: 'The child',
    onlyIfInvolved: true,
    questions: [
      narrative(
        'child',
        "The child's health, development and behaviour",
        'Including education, any disability, and previous illnesses or injuries',
        "Give details of the child's health, development and behaviour, or select not known or not applicable",
      ),
      {
        kind: 'number',
        name: 'child_height_cm',
        label: "Child's height (optional)",
        summary: 'Height',
        hint: 'The most recent measurement your agency has, in centimetres',
        missing: '',
        optional: true,
        min: 20,
        max: 250,
        suffix: 'cm',
      },
      {
        kind: 'number',
        name: 'child_weight_kg',
        label: "Child's weight (optional)",
        summary: 'Weight',
        hint: 'The most recent measurement your agency has, in kilograms',
        missing: '',
        optional: true,
        min: 0.2,
        max: 250,
        suffix: 'kg',
      },
    ],
  },
  {
    id: 'family',
    title: 'Family and environment',
    onlyIfInvolved: true,
    questions: [
      {
        kind: 'checkboxes',
        name: 'family_factors',
        label: 'Which of these does your agency know about in the household?',
        summary: 'Known in the household',
        hint: 'Select all that apply',
        missing: 'Select what your agency knows about in the household, or none known',
        options: [
          { value: 'parental_health', text: "A parent's or carer's physical or mental health problems" },
          { value: 'substance_misuse', text: 'Alcohol or substance misuse' },
          { value: 'domestic_abuse', text: 'Domestic abuse' },
          { value: 'housing', text: 'Poor or overcrowded housing' },
          { value: 'smoking', text: 'Smoking in the household' },
          { value: 'co_sleeping', text: 'Co-sleeping' },
          { value: 'finances', text: 'Financial difficulties' },
        ],
        none: { value: 'none_known', text: 'None known' },
      },
      {
        kind: 'radios',
        name: 'poverty',
        label: 'Did the child live in poverty or deprivation?',
        summary: 'Lived in poverty or deprivation',
        missing: 'Select if the child lived in poverty or deprivation, or not known',
        options: YES_NO_NOT_KNOWN,
      },
      {
        kind: 'radios',
        name: 'barriers_to_services',
        label: 'Did the family have difficulty getting services?',
        summary: 'Barriers to accessing services',
        hint: 'For example because of charges for care, language or cost',
        missing: 'Select if the family had difficulty getting services, or not known',
        options: YES_NO_NOT_KNOWN,
        followUp: {
          value: 'yes',
          question: {
            kind: 'text',
            name: 'barriers_details',
            label: 'What made it difficult?',
            summary: 'What made it difficult',
            missing: 'Enter what made it difficult for the family to get services',
            maxLength: 500,
          },
        },
      },
      narrative(
        'family',
        'The family and home environment',
        "Who lived in the household, the parents' and carers' health, and the home",
        'Give details of the family and home environment, or select not known or not applicable',
      ),
    ],
  },
  {
    id: 'parenting',
    title: 'Parenting capacity and care',
    onlyIfInvolved: true,
    questions: [
      narrative(
        'parenting',
        'Parenting capacity and care of the child',
        'Basic care, supervision and safety',
        'Give details of parenting capacity and care, or select not known or not applicable',
      ),
    ],
  },
  {
    id: 'services',
    title: 'Service provision',
    onlyIfInvolved: true,
    questions: [
      {
        kind: 'radios',
        name: 'child_protection_plan',
        label: 'Was the child the subject of a child protection plan?',
        summary: 'Subject of a child protection plan',
        missing: 'Select if the child was the subject of a child protection plan, or not known',
        options: YES_NO_NOT_KNOWN,
      },
      {
        kind: 'radios',
        name: 'looked_after',
        label: 'Was the child looked after by a local authority?',
        summary: 'Looked after',
        missing: 'Select if the child was looked after by a local authority, or not known',
        options: YES_NO_NOT_KNOWN,
      },
      {
        kind: 'radios',
        name: 'bereavement_support',
        label: 'Did your agency offer the family bereavement support?',
        summary: 'Bereavement support offered',
        missing: 'Select if your agency offered the family bereavement support, or not known',
        options: [...YES_NO_NOT_KNOWN, NOT_APPLICABLE],
        followUp: {
          value: 'yes',
          question: {
            kind: 'text',
            name: 'bereavement_details',
            label: 'What support was offered?',
            summary: 'Support offered',
            missing: 'Enter what bereavement support was offered',
            maxLength: 500,
          },
        },
      },
      narrative(
        'services',
        "Your agency's involvement and how services were provided",
        'Including any concerns about how services were delivered',
        "Give details of your agency's services, or select not known or not applicable",
      ),
    ],
  },
]

export const NARRATIVE_ANSWERS: Option[] = [{ value: 'given', text: 'Give details' }, NOT_KNOWN, NOT_APPLICABLE]

/** The answers the form may show again, from a stored draft or report: strings and lists of strings only. */
export function answersFrom(stored: unknown): Answers {
  const source = (stored as { answers?: unknown } | null)?.answers
  if (!source || typeof source !== 'object') return {}
  return Object.fromEntries(
    Object.entries(source as Record<string, unknown>).filter(
      ([, v]) => typeof v === 'string' || (Array.isArray(v) && v.every(x => typeof x === 'string')),
    ),
  ) as Answers
}
