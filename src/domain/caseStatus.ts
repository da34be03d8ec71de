import { caseStatuses, onHoldReasons, type CaseStatus, type OnHoldReason } from './codes'

/**
 * The case status machine (data dictionary §1, "Case status"):
 *
 *   notified → information_gathering → ready_for_panel → scheduled → reviewed
 *
 * - on_hold (with a reason code) from any open status, and back to the status it was held from;
 * - transferred_out / out_of_scope from any open status or on hold, with a reason;
 * - a panel deferring a case sends it back: scheduled → information_gathering, with a reason;
 * - taking a case off the agenda: scheduled → ready_for_panel;
 * - undoing a mistaken "ready for panel": ready_for_panel → information_gathering, with a reason;
 * - reopening a review: reviewed → information_gathering, with a reason (audited);
 * - bringing a case back into scope: transferred_out / out_of_scope → information_gathering, with a reason.
 *
 * Every change is recorded with who, when and why; `needsReason` says when "why" is required.
 */

export interface TransitionContext {
  /** For a case on hold: the status it was put on hold from, to return it there. */
  heldFrom?: CaseStatus | null
}

export interface TransitionOption {
  to: CaseStatus
  needsReason: boolean
  /** For on_hold: the reason codes to choose from. */
  reasonCodes?: readonly OnHoldReason[]
  /** Button text, e.g. "Put on hold". */
  label: string
}

export const openStatuses = ['notified', 'information_gathering', 'ready_for_panel', 'scheduled'] as const
export type OpenStatus = (typeof openStatuses)[number]

/** Open: a case still working through towards review (on hold is counted separately). */
export function isOpenStatus(status: CaseStatus): status is OpenStatus {
  return (openStatuses as readonly string[]).includes(status)
}

/** In scope of this panel: counted in "deaths" and "open at year end" (statistics §1). */
export function isInScope(status: CaseStatus): boolean {
  return status !== 'transferred_out' && status !== 'out_of_scope'
}

const FORWARD: Partial<Record<CaseStatus, CaseStatus>> = {
  notified: 'information_gathering',
  information_gathering: 'ready_for_panel',
  ready_for_panel: 'scheduled',
  scheduled: 'reviewed',
}

const FORWARD_LABELS: Partial<Record<CaseStatus, string>> = {
  information_gathering: 'Start information gathering',
  ready_for_panel: 'Mark as ready for panel',
  scheduled: 'Schedule for panel',
  reviewed: 'Mark as reviewed',
}

/**
 * Where a held case returns to. A case imported already on hold has no history, so it resumes at
 * information gathering, from where any later step can be taken.
 */
function resumeStatus(ctx: TransitionContext): OpenStatus {
  return ctx.heldFrom && isOpenStatus(ctx.heldFrom) ? ctx.heldFrom : 'information_gathering'
}

const LEAVE_SCOPE: CaseStatus[] = ['transferred_out', 'out_of_scope']

/** The moves available from a status, in the order to offer them (the usual next step first). */
export function allowedTransitions(from: CaseStatus, ctx: TransitionContext = {}): TransitionOption[] {
  const options: TransitionOption[] = []
  const add = (to: CaseStatus, needsReason: boolean, extra: Partial<TransitionOption> = {}) =>
    options.push({ to, needsReason, label: transitionLabel(from, to), ...extra })

  if (isOpenStatus(from)) {
    const next = FORWARD[from]
    if (next) add(next, false)
    if (from === 'ready_for_panel') add('information_gathering', true)
    if (from === 'scheduled') {
      add('ready_for_panel', false)
      add('information_gathering', true)
    }
    add('on_hold', true, { reasonCodes: onHoldReasons.codes })
  }
  if (from === 'on_hold') add(resumeStatus(ctx), false)
  // On hold is included: a case waiting for the coroner can still turn out to belong to another panel.
  if (isOpenStatus(from) || from === 'on_hold') LEAVE_SCOPE.forEach(to => add(to, true))
  if (from === 'reviewed' || !isInScope(from)) add('information_gathering', true)
  return options
}

export function findTransition(from: CaseStatus, to: CaseStatus, ctx: TransitionContext = {}): TransitionOption | null {
  return allowedTransitions(from, ctx).find(o => o.to === to) ?? null
}

export function canTransition(from: CaseStatus, to: CaseStatus, ctx: TransitionContext = {}): boolean {
  return findTransition(from, to, ctx) !== null
}

/** Button text for a move; throws for a move the machine never allows. */
export function transitionLabel(from: CaseStatus, to: CaseStatus): string {
  if (from === 'on_hold' && isOpenStatus(to)) return 'Take off hold'
  if (to === 'on_hold' && isOpenStatus(from)) return 'Put on hold'
  if (isOpenStatus(from) || from === 'on_hold') {
    if (to === 'transferred_out') return 'Transfer to another panel'
    if (to === 'out_of_scope') return 'Mark as out of scope'
  }
  if (from === 'scheduled' && to === 'information_gathering') return 'Defer to a later panel'
  if (from === 'scheduled' && to === 'ready_for_panel') return 'Remove from panel agenda'
  if (from === 'ready_for_panel' && to === 'information_gathering') return 'Back to information gathering'
  if (from === 'reviewed' && to === 'information_gathering') return 'Reopen review'
  if (!isInScope(from) && to === 'information_gathering') return 'Bring back into scope'
  if (FORWARD[from] === to) return FORWARD_LABELS[to] as string
  throw new RangeError(`No transition from ${caseStatuses.label(from)} to ${caseStatuses.label(to)} (${from} → ${to})`)
}
