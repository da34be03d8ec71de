import { NARRATIVE_ANSWERS, reportSections, type Answers, type Option } from './questions'

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
