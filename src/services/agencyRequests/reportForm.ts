import { placesOfDeath } from '../../domain/codes'
import { addError, FormErrors, list, noErrors } from '../../utils/formErrors'

/**
 * The agency report (formerly Form B, cdr-background §5.2): who is answering, whether the agency
 * knew the child, then sections B to F. Every question offers "Not known" (and "Not applicable"
 * where it makes sense), as the paper form does. The same definition drives the agency's page,
 * the coordinator's paper-report page, validation and the read-only view of a report.
 */

export const REPORT_FORM_VERSION = 1

export interface Option {
  value: string
  text: string
}

interface QuestionBase {
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

/** Text up to `max` characters; longer text is kept (to show it again) and reported. */
function longText(body: unknown, name: string, max: number): string {
  const value = (body as Record<string, unknown> | undefined)?.[name]
  const first = Array.isArray(value) ? value[0] : value
  // Twice the limit is plenty to show someone what they typed; the request size limit caps the rest.
  return typeof first === 'string'
    ? first
        .replace(/\r\n/g, '\n')
        .trim()
        .slice(0, max * 2)
    : ''
}

const tooLong = (label: string, max: number) =>
  `${label.replace(/ \(optional\)$/, '')} must be ${max.toLocaleString('en-GB')} characters or fewer`

const NUMBER = /^\d{1,3}(\.\d{1,2})?$/

export type ReportMode = 'draft' | 'submit'

export interface ReadReport {
  answers: Answers
  errors: FormErrors
  involved: boolean
}

/**
 * Reads the report form. A draft keeps whatever is well formed (limits and codes are still
 * checked); a submission also needs every question answered, "Not known" counting as an answer.
 * An agency that had no involvement answers only the first section.
 */
export function readReport(body: unknown, mode: ReportMode): ReadReport {
  const answers: Answers = {}
  const errors = noErrors()
  const involvement = longText(body, 'agency_involvement', 10)
  const involved = involvement !== 'no'
  const required = (section: ReportSection, question: QuestionBase) =>
    mode === 'submit' && !question.optional && (involved || !section.onlyIfInvolved)

  const readText = (section: ReportSection, q: TextQuestion, needed: boolean) => {
    const value = longText(body, q.name, q.maxLength)
    if (value.length > q.maxLength) addError(errors, q.name, tooLong(q.label, q.maxLength))
    else if (!value && needed && required(section, q)) addError(errors, q.name, q.missing)
    if (value) answers[q.name] = value
  }

  for (const section of reportSections) {
    for (const q of section.questions) {
      switch (q.kind) {
        case 'text':
        case 'longtext':
          readText(section, q, true)
          break
        case 'radios': {
          const value = longText(body, q.name, 100)
          if (value && !q.options.some(o => o.value === value)) addError(errors, q.name, q.missing)
          else if (value) answers[q.name] = value
          else if (required(section, q)) addError(errors, q.name, q.missing)
          // The follow-up belongs to one answer only; text left in it under another answer is dropped.
          if (q.followUp && value === q.followUp.value) readText(section, q.followUp.question, true)
          break
        }
        case 'checkboxes': {
          const values = list(body, q.name).slice(0, q.options.length + 1)
          const known = [...q.options.map(o => o.value), q.none.value]
          if (values.some(v => !known.includes(v))) addError(errors, q.name, q.missing)
          else if (values.includes(q.none.value) && values.length > 1)
            addError(errors, q.name, `Select ${q.none.text.toLowerCase()}, or the ones that apply, not both`)
          // Stored in the form's order, however the browser sent them.
          else if (values.length) answers[q.name] = known.filter(v => values.includes(v))
          else if (required(section, q)) addError(errors, q.name, q.missing)
          break
        }
        case 'number': {
          const raw = longText(body, q.name, 20).replace(/\s+/g, '')
          if (!raw) {
            if (required(section, q)) addError(errors, q.name, q.missing)
          } else if (!NUMBER.test(raw) || Number(raw) < q.min || Number(raw) > q.max) {
            const label = q.summary ?? q.label
            addError(errors, q.name, `${label} must be a number between ${q.min} and ${q.max} ${q.suffix}`)
            answers[q.name] = raw
          } else answers[q.name] = String(Number(raw))
          break
        }
        case 'narrative': {
          const value = longText(body, q.name, 100)
          const details = longText(body, `${q.name}_details`, q.maxLength)
          if (value && !NARRATIVE_ANSWERS.some(o => o.value === value)) addError(errors, q.name, q.missing)
          else if (value) answers[q.name] = value
          else if (required(section, q)) addError(errors, q.name, q.missing)
          if (value === 'given' || (!value && details)) {
            if (details.length > q.maxLength) addError(errors, `${q.name}_details`, tooLong(q.label, q.maxLength))
            else if (!details && required(section, q))
              addError(
                errors,
                `${q.name}_details`,
                `Enter the details: ${q.label.charAt(0).toLowerCase()}${q.label.slice(1)}`,
              )
            if (details) answers[`${q.name}_details`] = details
          }
          break
        }
      }
    }
  }
  // A nil return keeps only what it needs, so no stray half-answers reach the panel.
  if (!involved && mode === 'submit') {
    const keep = new Set(reportSections.filter(s => !s.onlyIfInvolved).flatMap(s => s.questions.map(q => q.name)))
    Object.keys(answers).forEach(key => {
      if (!keep.has(key)) delete answers[key]
    })
  }
  return { answers, errors, involved }
}

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

export interface ReportSummarySection {
  title: string
  rows: { key: string; value: string }[]
}

const optionText = (options: Option[], value: string | string[] | undefined) =>
  (Array.isArray(value) ? value : [value])
    .filter((v): v is string => typeof v === 'string')
    .map(v => options.find(o => o.value === v)?.text ?? v)
    .join('\n')

/** A stored report in words, section by section, for the coordinator and the panel. */
export function describeReport(answers: Answers): ReportSummarySection[] {
  const involved = answers.agency_involvement !== 'no'
  return reportSections
    .filter(section => involved || !section.onlyIfInvolved)
    .map(section => ({
      title: section.title,
      rows: section.questions.flatMap(q => {
        const key = q.summary ?? q.label
        const value = answers[q.name]
        switch (q.kind) {
          case 'text':
          case 'longtext':
            return [{ key, value: String(value ?? '') }]
          case 'number':
            return [{ key, value: value ? `${value} ${q.suffix}` : '' }]
          case 'checkboxes':
            return [{ key, value: optionText([...q.options, q.none], value) }]
          case 'radios': {
            const rows = [{ key, value: optionText(q.options, value) }]
            if (q.followUp && value === q.followUp.value) {
              const follow = q.followUp.question
              rows.push({ key: follow.summary ?? follow.label, value: String(answers[follow.name] ?? '') })
            }
            return rows
          }
          case 'narrative':
            return [
              {
                key: q.label,
                value:
                  value === 'given' ? String(answers[`${q.name}_details`] ?? '') : optionText(NARRATIVE_ANSWERS, value),
              },
            ]
        }
        return []
      }),
    }))
}
