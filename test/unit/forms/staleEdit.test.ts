import { conflictErrors, conflictRows, startedFrom } from '../../../src/forms/staleEdit'

const QUESTIONS = [
  { label: 'Name', show: (v: Record<string, string>) => v.name ?? '' },
  { label: 'Town', show: (v: Record<string, string>) => (v.town ?? '').toUpperCase() },
]

describe('the stale-edit conflict', () => {
  it('lists each question the other person changed, with the value opened, theirs and yours', () => {
    const rows = conflictRows(QUESTIONS, {
      started: { name: 'Ann', town: 'leeds' },
      current: { name: 'Anne', town: 'Leeds' },
      typed: { name: 'Annie', town: 'York' },
    })
    // The town is shown the same either way, so it is not a change the person needs to see.
    expect(rows).toEqual([{ label: 'Name', before: 'Ann', theirs: 'Anne', yours: 'Annie' }])
  })

  it('lists nothing when the other person changed nothing on this page', () => {
    const same = { name: 'Ann', town: 'Leeds' }
    expect(conflictRows(QUESTIONS, { started: same, current: same, typed: { name: 'B' } })).toEqual([])
  })

  it('reads the values the form started from, dropping anything that is not text', () => {
    expect(startedFrom({ started_from: '{"name":"Ann","n":1,"list":["a"]}' })).toEqual({ name: 'Ann' })
    expect(startedFrom({ started_from: '{"name":"Ann","list":["a"],"bad":["a",2]}' }, true)).toEqual({
      name: 'Ann',
      list: ['a'],
    })
  })

  it('reads a missing, broken, oversized or forged field as nothing', () => {
    expect(startedFrom(undefined)).toEqual({})
    expect(startedFrom({})).toEqual({})
    expect(startedFrom({ started_from: '{not json' })).toEqual({})
    expect(startedFrom({ started_from: '["a"]' })).toEqual({})
    expect(startedFrom({ started_from: 'null' })).toEqual({})
    expect(startedFrom({ started_from: `{"name":"${'a'.repeat(300_000)}"}` })).toEqual({})
    expect(startedFrom({ started_from: '{"__proto__":{"polluted":"yes"}}' })).not.toHaveProperty('polluted')
  })

  it('says who saved what in the error summary, linking to the table', () => {
    const errors = conflictErrors('saved this case')
    expect(errors.errorSummary).toEqual([
      {
        text: 'Someone else saved this case while you were editing it. Check their changes, then save yours again',
        href: '#conflict',
      },
    ])
    expect(errors.formErrors.conflict).toBeDefined()
  })
})
