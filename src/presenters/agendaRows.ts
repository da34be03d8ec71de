import { expectedness, sexes } from '../domain/codes'
import type { AgendaItemWithCase } from '../services/meetings/agendaService'
import { ageBandLabel } from '../services/meetings/packService'

const OUTCOMES: Record<string, string> = {
  pending: 'To be reviewed',
  reviewed: 'Reviewed',
  deferred: 'Deferred',
  removed: 'Removed from the agenda',
}

export const outcomeLabel = (outcome: string): string => OUTCOMES[outcome] ?? outcome

/** An agenda line as anyone at the meeting may read it: reference, age band, sex, expected. Never a name. */
export function agendaRow(item: AgendaItemWithCase, index: number, all: AgendaItemWithCase[]) {
  return {
    itemId: item.id,
    caseId: item.caseId,
    number: index + 1,
    caseRef: item.case.caseRef,
    ageBand: ageBandLabel(item.case),
    sex: sexes.label(item.case.sex),
    expected: expectedness.label(item.case.expected),
    outcome: item.outcome,
    outcomeText: outcomeLabel(item.outcome),
    first: index === 0,
    last: index === all.length - 1,
  }
}

export type AgendaRow = ReturnType<typeof agendaRow>
