import { caseStatuses, onHoldReasons, type CaseStatus } from '../../../src/domain/codes'
import {
  allowedTransitions,
  canTransition,
  findTransition,
  isInScope,
  isOpenStatus,
  openStatuses,
  transitionLabel,
} from '../../../src/domain/caseStatus'

type Row = [from: CaseStatus, to: CaseStatus, needsReason: boolean, label: string]

/** Every move the machine allows (on hold is resumed separately, as it depends on where it was held from). */
const ALLOWED: Row[] = [
  ['notified', 'information_gathering', false, 'Start information gathering'],
  ['notified', 'on_hold', true, 'Put on hold'],
  ['notified', 'transferred_out', true, 'Transfer to another panel'],
  ['notified', 'out_of_scope', true, 'Mark as out of scope'],

  ['information_gathering', 'ready_for_panel', false, 'Mark as ready for panel'],
  ['information_gathering', 'on_hold', true, 'Put on hold'],
  ['information_gathering', 'transferred_out', true, 'Transfer to another panel'],
  ['information_gathering', 'out_of_scope', true, 'Mark as out of scope'],

  ['ready_for_panel', 'scheduled', false, 'Schedule for panel'],
  ['ready_for_panel', 'information_gathering', true, 'Back to information gathering'],
  ['ready_for_panel', 'on_hold', true, 'Put on hold'],
  ['ready_for_panel', 'transferred_out', true, 'Transfer to another panel'],
  ['ready_for_panel', 'out_of_scope', true, 'Mark as out of scope'],

  ['scheduled', 'reviewed', false, 'Mark as reviewed'],
  ['scheduled', 'ready_for_panel', false, 'Remove from panel agenda'],
  ['scheduled', 'information_gathering', true, 'Defer to a later panel'],
  ['scheduled', 'on_hold', true, 'Put on hold'],
  ['scheduled', 'transferred_out', true, 'Transfer to another panel'],
  ['scheduled', 'out_of_scope', true, 'Mark as out of scope'],

  ['on_hold', 'transferred_out', true, 'Transfer to another panel'],
  ['on_hold', 'out_of_scope', true, 'Mark as out of scope'],

  ['reviewed', 'information_gathering', true, 'Reopen review'],
  ['transferred_out', 'information_gathering', true, 'Bring back into scope'],
  ['out_of_scope', 'information_gathering', true, 'Bring back into scope'],
]

const ALL = caseStatuses.codes

describe('isOpenStatus and isInScope', () => {
  it('knows the open statuses', () => {
    expect(ALL.filter(isOpenStatus)).toEqual(['notified', 'information_gathering', 'ready_for_panel', 'scheduled'])
    expect([...openStatuses]).toEqual(ALL.filter(isOpenStatus))
  })

  it('counts everything but transferred out and out of scope as in scope', () => {
    expect(ALL.filter(s => !isInScope(s))).toEqual(['transferred_out', 'out_of_scope'])
    expect(isInScope('on_hold')).toBe(true)
    expect(isInScope('reviewed')).toBe(true)
  })
})

describe('allowed transitions', () => {
  it.each(ALLOWED)('%s → %s (reason needed: %s) "%s"', (from, to, needsReason, label) => {
    const ctx = { heldFrom: 'information_gathering' as const }
    expect(canTransition(from, to, ctx)).toBe(true)
    expect(findTransition(from, to, ctx)).toMatchObject({ to, needsReason, label })
    expect(transitionLabel(from, to)).toBe(label)
  })

  it.each(openStatuses.map(s => [s]))('returns a case held from %s to %s', heldFrom => {
    expect(canTransition('on_hold', heldFrom, { heldFrom })).toBe(true)
    expect(findTransition('on_hold', heldFrom, { heldFrom })).toEqual({
      to: heldFrom,
      needsReason: false,
      label: 'Take off hold',
    })
    for (const other of openStatuses.filter(s => s !== heldFrom)) {
      expect(canTransition('on_hold', other, { heldFrom })).toBe(false)
    }
  })

  it('resumes a case held with no known history at information gathering', () => {
    for (const ctx of [{}, { heldFrom: null }, { heldFrom: 'reviewed' as const }, { heldFrom: 'on_hold' as const }]) {
      expect(canTransition('on_hold', 'information_gathering', ctx)).toBe(true)
      expect(canTransition('on_hold', 'notified', ctx)).toBe(false)
      expect(canTransition('on_hold', 'reviewed', ctx)).toBe(false)
    }
  })

  it('offers the on hold reason codes when putting a case on hold', () => {
    for (const from of openStatuses) {
      expect(findTransition(from, 'on_hold')?.reasonCodes).toEqual([
        'coroner',
        'police_investigation',
        'safeguarding_practice_review',
        'other',
      ])
    }
    expect(onHoldReasons.codes).toHaveLength(4)
  })

  it('offers reason codes only for on hold', () => {
    for (const from of ALL) {
      for (const option of allowedTransitions(from, { heldFrom: 'scheduled' })) {
        expect(option.reasonCodes !== undefined).toBe(option.to === 'on_hold')
      }
    }
  })

  it('lists exactly the allowed moves, usual next step first', () => {
    for (const from of ALL) {
      const expected = ALLOWED.filter(([f]) => f === from).map(([, to]) => to)
      const ctx = { heldFrom: 'scheduled' as const }
      const actual = allowedTransitions(from, ctx).map(o => o.to)
      if (from === 'on_hold') expect(actual).toEqual(['scheduled', ...expected])
      else expect(actual).toEqual(expected)
    }
  })

  it('never offers a move to the same status', () => {
    for (const from of ALL) {
      expect(allowedTransitions(from, { heldFrom: from }).map(o => o.to)).not.toContain(from)
    }
  })
})

describe('refused transitions', () => {
  it.each([
    ['notified', 'ready_for_panel'], // skipping information gathering
    ['notified', 'scheduled'],
    ['notified', 'reviewed'],
    ['information_gathering', 'notified'], // no going back to notified
    ['information_gathering', 'scheduled'],
    ['information_gathering', 'reviewed'],
    ['ready_for_panel', 'reviewed'],
    ['ready_for_panel', 'notified'],
    ['scheduled', 'notified'],
    ['reviewed', 'notified'],
    ['reviewed', 'scheduled'],
    ['reviewed', 'ready_for_panel'],
    ['reviewed', 'on_hold'], // a reviewed case is closed: reopen it first
    ['reviewed', 'transferred_out'],
    ['reviewed', 'out_of_scope'],
    ['on_hold', 'reviewed'],
    ['on_hold', 'on_hold'],
    ['transferred_out', 'notified'],
    ['transferred_out', 'reviewed'],
    ['transferred_out', 'out_of_scope'],
    ['transferred_out', 'on_hold'],
    ['out_of_scope', 'transferred_out'],
    ['out_of_scope', 'scheduled'],
    ['scheduled', 'scheduled'],
  ] as [CaseStatus, CaseStatus][])('%s → %s', (from, to) => {
    expect(canTransition(from, to, { heldFrom: 'information_gathering' })).toBe(false)
    expect(findTransition(from, to, { heldFrom: 'information_gathering' })).toBeNull()
  })

  it('has no label for a move that is never allowed', () => {
    expect(() => transitionLabel('notified', 'reviewed')).toThrow(/No transition from Notified to Reviewed/)
    expect(() => transitionLabel('reviewed', 'on_hold')).toThrow(RangeError)
  })

  it('has a label for every allowed move', () => {
    for (const from of ALL) {
      for (const heldFrom of openStatuses) {
        for (const option of allowedTransitions(from, { heldFrom })) {
          expect(transitionLabel(from, option.to)).toBe(option.label)
        }
      }
    }
  })
})
