import { describeReport } from '../../domain/agencyReport/describeReport'
import { answersFrom } from '../../domain/agencyReport/questions'

export interface PackAnswer {
  question: string
  answer: string
}

// The reporter's own details (agencies' named staff) and the child's identifying items are left out
// whole; everything else is shown, with the case's identifiers redacted from every string.
const LEFT_OUT_ENDINGS =
  /(^|_)(name|names|email|e_mail|phone|telephone|mobile|address|postcode|post_code|dob|date_of_birth|birth_date|nhs_number|nhs_no|signature)$/
const LEFT_OUT_STARTS = /^(reporter|completed_by|contact|author|signed|submitted_by)(_|$)/
const MAX_DEPTH = 4

const snake = (key: string) =>
  key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[\s-]+/g, '_')
    .toLowerCase()

export const isLeftOut = (key: string): boolean => {
  const name = snake(key)
  return LEFT_OUT_ENDINGS.test(name) || LEFT_OUT_STARTS.test(name)
}

/** "mode_of_death" or "modeOfDeath" → "Mode of death". */
export function questionLabel(key: string): string {
  const words = snake(key).replace(/_+/g, ' ').trim()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

function answerText(value: unknown, redact: (text: string) => string): string | null {
  if (value === null || value === undefined || value === '') return null
  if (typeof value === 'boolean') return value ? 'Yes' : 'No'
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null
  if (typeof value === 'string') return redact(value.trim()) || null
  return null
}

/**
 * An agency's report (stored as JSON) as a list of questions and answers, flattening nested sections
 * ("Section b: Mode of death"). Every string passes through `redact`; identifying items are left out.
 */
export function reportAnswers(report: unknown, redact: (text: string) => string, prefix = '', depth = 0): PackAnswer[] {
  if (!report || typeof report !== 'object' || depth > MAX_DEPTH) return []
  const answers: PackAnswer[] = []
  Object.entries(report as Record<string, unknown>).forEach(([key, value]) => {
    if (isLeftOut(key)) return
    const question = redact(prefix ? `${prefix}: ${questionLabel(key).toLowerCase()}` : questionLabel(key))
    if (Array.isArray(value)) {
      const parts = value.map(v => answerText(v, redact)).filter((v): v is string => v !== null)
      if (parts.length) answers.push({ question, answer: parts.join(', ') })
      value
        .filter(v => v && typeof v === 'object')
        .forEach((v, i) => answers.push(...reportAnswers(v, redact, `${question} ${i + 1}`, depth + 1)))
      return
    }
    if (value && typeof value === 'object') {
      answers.push(...reportAnswers(value, redact, question, depth + 1))
      return
    }
    const answer = answerText(value, redact)
    if (answer !== null) answers.push({ question, answer })
  })
  return answers
}

export interface PackReportSection {
  title: string | null
  answers: PackAnswer[]
}

/**
 * A received report as the panel reads it. A report made with the service's form is worded by that
 * form (section by section, in its order); anything else is read generically. Either way the reporter's
 * own details are left out and every answer passes through `redact`.
 */
export function reportSectionsFor(report: unknown, redact: (text: string) => string): PackReportSection[] {
  const answers = answersFrom(report)
  if (!Object.keys(answers).length) {
    const generic = reportAnswers(report, redact)
    return generic.length ? [{ title: null, answers: generic }] : []
  }
  const shown = Object.fromEntries(Object.entries(answers).filter(([name]) => !isLeftOut(name)))
  return describeReport(shown)
    .map(section => ({
      title: section.title,
      answers: section.rows
        .filter(row => row.value.trim())
        .map(row => ({ question: redact(row.key), answer: redact(row.value) })),
    }))
    .filter(section => section.answers.length)
}
