import {
  NARRATIVE_ANSWERS,
  reportSections,
  type Answers,
  type QuestionBase,
  type ReportSection,
  type TextQuestion,
} from '../domain/agencyReport/questions'
import { addError, FormErrors, list, noErrors } from '../utils/formErrors'
import { truncate } from '../domain/wellFormedText'

/** Text up to `max` characters; longer text is kept (to show it again) and reported. */
function longText(body: unknown, name: string, max: number): string {
  const value = (body as Record<string, unknown> | undefined)?.[name]
  const first = Array.isArray(value) ? value[0] : value
  // Twice the limit is plenty to show someone what they typed; the request size limit caps the rest.
  return typeof first === 'string' ? truncate(first.replace(/\r\n/g, '\n').trim(), max * 2) : ''
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
