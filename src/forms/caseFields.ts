import type { InferAttributes } from 'sequelize'
import type { Case } from '../db/models'
import {
  agencies,
  CodeList,
  ethnicities,
  expectedness,
  jarTriggers,
  nhsNumberMissingReasons,
  placesOfDeath,
  postMortemStatuses,
  sexes,
} from '../domain/codes'

export type CaseAttributes = InferAttributes<Case>
export type CaseAttribute = keyof CaseAttributes

export type FieldKind =
  'text' | 'longtext' | 'date' | 'time' | 'radios' | 'select' | 'checkboxes' | 'boolean' | 'nhs_number' | 'postcode'

/** One data item as a form field: its dictionary name (the form field name), model attribute and wording. */
export interface CaseField {
  name: string
  attr: CaseAttribute
  label: string
  hint?: string
  kind: FieldKind
  required?: boolean
  /** The message when a required field is empty, in GOV.UK style. */
  missing?: string
  codes?: CodeList<string>
  maxLength?: number
  classes?: string
  /** Shown only to roles that may see identifiable data; never exported. */
  identifiable?: boolean
}

export interface CaseSection {
  id: 'child' | 'death' | 'jar' | 'residence' | 'notification' | 'circumstances' | 'family'
  title: string
  fields: CaseField[]
}

const SHORT = 200

export const caseSections: CaseSection[] = [
  {
    id: 'child',
    title: 'The child',
    fields: [
      {
        name: 'given_names',
        attr: 'givenNames',
        label: 'Given names',
        kind: 'text',
        maxLength: SHORT,
        identifiable: true,
        classes: 'govuk-!-width-two-thirds',
      },
      {
        name: 'family_name',
        attr: 'familyName',
        label: 'Family name',
        kind: 'text',
        maxLength: SHORT,
        identifiable: true,
        classes: 'govuk-!-width-two-thirds',
      },
      {
        name: 'nhs_number',
        attr: 'nhsNumber',
        label: 'NHS number',
        hint: '10 digits, for example 943 476 5919',
        kind: 'nhs_number',
        identifiable: true,
        classes: 'govuk-input--width-10',
      },
      {
        name: 'nhs_number_missing_reason',
        attr: 'nhsNumberMissingReason',
        label: 'If there is no NHS number, why not?',
        kind: 'radios',
        codes: nhsNumberMissingReasons,
      },
      {
        name: 'date_of_birth',
        attr: 'dateOfBirth',
        label: 'Date of birth',
        hint: 'For example, 27 3 2019',
        kind: 'date',
        required: true,
        identifiable: true,
      },
      {
        name: 'sex',
        attr: 'sex',
        label: 'Sex',
        kind: 'radios',
        codes: sexes,
        required: true,
        missing: "Select the child's sex",
      },
      {
        name: 'ethnicity',
        attr: 'ethnicity',
        label: 'Ethnicity',
        hint: 'NHS ethnic category',
        kind: 'select',
        codes: ethnicities,
        required: true,
        missing: "Select the child's ethnicity, or Not known",
      },
    ],
  },
  {
    id: 'death',
    title: 'The death',
    fields: [
      {
        name: 'date_of_death',
        attr: 'dateOfDeath',
        label: 'Date of death',
        hint: 'For example, 27 3 2024',
        kind: 'date',
        required: true,
        identifiable: true,
      },
      {
        name: 'time_of_death',
        attr: 'timeOfDeath',
        label: 'Time of death (optional)',
        hint: '24-hour clock, for example 14:30',
        kind: 'time',
        classes: 'govuk-input--width-5',
      },
      { name: 'place_of_death', attr: 'placeOfDeath', label: 'Place of death', kind: 'select', codes: placesOfDeath },
      {
        name: 'expected',
        attr: 'expected',
        label: 'Was the death expected?',
        hint: 'Unexpected: not anticipated as a significant possibility 24 hours before, or an unexpected collapse or incident led to the death',
        kind: 'radios',
        codes: expectedness,
        required: true,
        missing: 'Select whether the death was expected or unexpected',
      },
      {
        name: 'suspected_stillbirth_at_home',
        attr: 'suspectedStillbirthAtHome',
        label: 'Is this a suspected unattended stillbirth at home?',
        hint: 'In scope only for a joint agency response',
        kind: 'boolean',
        required: true,
        missing: 'Select yes if this is a suspected unattended stillbirth at home',
      },
    ],
  },
  {
    id: 'jar',
    title: 'Joint agency response',
    fields: [
      {
        name: 'jar_required',
        attr: 'jarRequired',
        label: 'Is a joint agency response required?',
        hint: 'Required for unexpected deaths that meet one of the triggers',
        kind: 'boolean',
      },
      {
        name: 'jar_triggers',
        attr: 'jarTriggers',
        label: 'Which triggers does the death meet?',
        hint: 'Select all that apply',
        kind: 'checkboxes',
        codes: jarTriggers,
      },
      {
        name: 'jar_date',
        attr: 'jarDate',
        label: 'Date the joint agency response started',
        hint: 'The first information-sharing discussion',
        kind: 'date',
      },
      { name: 'jar_home_visit', attr: 'jarHomeVisit', label: 'Was a joint home or scene visit done?', kind: 'boolean' },
      {
        name: 'jar_attendees',
        attr: 'jarAttendees',
        label: 'Agencies that took part',
        hint: 'Select all that apply',
        kind: 'checkboxes',
        codes: agencies,
      },
      { name: 'post_mortem', attr: 'postMortem', label: 'Post-mortem', kind: 'radios', codes: postMortemStatuses },
      { name: 'coroner_involved', attr: 'coronerInvolved', label: 'Is the coroner involved?', kind: 'boolean' },
      {
        name: 'police_investigation',
        attr: 'policeInvestigation',
        label: 'Is there a police investigation?',
        kind: 'boolean',
      },
      {
        name: 'jar_summary',
        attr: 'jarSummary',
        label: 'Summary of the joint agency response',
        hint: 'This stays within the case record and is never exported',
        kind: 'longtext',
        maxLength: 20_000,
        identifiable: true,
      },
    ],
  },
  {
    id: 'residence',
    title: 'Where the child lived',
    fields: [
      {
        name: 'postcode',
        attr: 'postcode',
        label: 'Postcode',
        kind: 'postcode',
        identifiable: true,
        classes: 'govuk-input--width-10',
      },
      {
        name: 'local_authority',
        attr: 'localAuthority',
        label: 'Local authority of residence',
        kind: 'text',
        maxLength: SHORT,
        classes: 'govuk-!-width-two-thirds',
      },
      {
        name: 'ward',
        attr: 'ward',
        label: 'Electoral ward (optional)',
        kind: 'text',
        maxLength: SHORT,
        classes: 'govuk-!-width-two-thirds',
      },
      {
        name: 'resident',
        attr: 'resident',
        label: "Did the child normally live in this panel's area?",
        hint: 'Deaths of children who lived elsewhere are normally transferred to the panel of their area',
        kind: 'boolean',
        required: true,
        missing: "Select yes if the child normally lived in this panel's area",
      },
    ],
  },
  {
    id: 'notification',
    title: 'Notification',
    fields: [
      { name: 'notified_at', attr: 'notifiedAt', label: 'Date the panel was told', kind: 'date', required: true },
      {
        name: 'notifier_name',
        attr: 'notifierName',
        label: 'Name of the person who notified',
        kind: 'text',
        maxLength: SHORT,
        classes: 'govuk-!-width-two-thirds',
      },
      {
        name: 'notifier_role',
        attr: 'notifierRole',
        label: 'Their role',
        kind: 'text',
        maxLength: SHORT,
        classes: 'govuk-!-width-two-thirds',
      },
      {
        name: 'notifier_organisation',
        attr: 'notifierOrganisation',
        label: 'Their organisation',
        kind: 'text',
        maxLength: SHORT,
        classes: 'govuk-!-width-two-thirds',
      },
      {
        name: 'notifier_contact',
        attr: 'notifierContact',
        label: 'How to contact them',
        hint: 'Phone number or email address',
        kind: 'text',
        maxLength: SHORT,
        classes: 'govuk-!-width-two-thirds',
      },
    ],
  },
  {
    id: 'circumstances',
    title: 'Circumstances',
    fields: [
      {
        name: 'circumstances',
        attr: 'circumstances',
        label: 'Summary of the circumstances',
        hint: 'What is known about how the child died. This stays within the case record and is never exported',
        kind: 'longtext',
        maxLength: 20_000,
        identifiable: true,
      },
      {
        name: 'anonymised_circumstances',
        attr: 'anonymisedCircumstances',
        label: 'Anonymised summary for the panel',
        hint: 'This is what panel members see in the meeting pack. Do not include anything that could identify the child or family, such as names, dates of birth, addresses or NHS numbers',
        kind: 'longtext',
        maxLength: 20_000,
      },
    ],
  },
  {
    id: 'family',
    title: 'Contact with the family',
    fields: [
      {
        name: 'key_worker',
        attr: 'keyWorker',
        label: 'Key worker',
        hint: "The family's single named point of contact",
        kind: 'text',
        maxLength: SHORT,
        classes: 'govuk-!-width-two-thirds',
      },
      {
        name: 'family_leaflet_sent_on',
        attr: 'familyLeafletSentOn',
        label: 'Date the family information leaflet was sent',
        kind: 'date',
      },
      {
        name: 'family_questions',
        attr: 'familyQuestions',
        label: 'Questions the family raised',
        hint: 'The panel considers these when it reviews the death',
        kind: 'longtext',
        maxLength: 20_000,
      },
    ],
  },
]

/** The sections asked for when a death is notified; the response and the family contact come later. */
export const notificationSections = caseSections
  .filter(s => s.id !== 'family' && s.id !== 'jar')
  // The panel's anonymised summary is written later, when the case is prepared for a meeting.
  .map(s => ({ ...s, fields: s.fields.filter(f => f.attr !== 'anonymisedCircumstances') }))

export const sectionById = (id: string): CaseSection | undefined => caseSections.find(s => s.id === id)
