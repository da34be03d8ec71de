import { caseDateProblems } from '../../../src/domain/caseRules'
import { todayInLondon } from '../../../src/domain/dates'
import { readMeetingForm } from '../../../src/forms/meetingForm'
import { readDateInput, yearsFromToday } from '../../../src/utils/dateInput'

const boxes = (name: string, iso: string) => {
  const [year, month, day] = iso.split('-')
  return { [`${name}-day`]: day, [`${name}-month`]: month, [`${name}-year`]: year }
}

describe('every date has bounds', () => {
  it('no date before 1900 nor after 2100, with a message naming the bound', () => {
    const old = readDateInput(boxes('date_of_birth', '1899-12-31'), 'date_of_birth', 'date of birth')
    expect(old.value).toBeNull()
    expect(old.error).toEqual({ text: 'Date of birth must be on or after 1 January 1900', href: '#date_of_birth-day' })
    const far = readDateInput(boxes('due_date', '2999-01-01'), 'due_date', 'due date')
    expect(far.value).toBeNull()
    expect(far.error?.text).toBe('Due date must be on or before 31 December 2100')
    expect(readDateInput(boxes('due_date', '1900-01-01'), 'due_date', 'due date').value).toBe('1900-01-01')
  })

  it('meetings from two years back to five years ahead', () => {
    const form = (iso: string) =>
      readMeetingForm({ ...boxes('meeting_date', iso), start_time: '10:00', online: 'yes', theme: 'general' })
    for (const iso of ['1999-06-01', '2999-06-01', yearsFromToday(-2.1), yearsFromToday(5.1)]) {
      expect(form(iso).errors.formErrors.meeting_date).toMatch(/^Date of the meeting must be on or (after|before)/)
    }
    for (const iso of [todayInLondon(new Date()), yearsFromToday(-1.9), yearsFromToday(4.9)]) {
      expect(form(iso).errors.formErrors.meeting_date).toBeUndefined()
    }
  })

  it('the family leaflet is not sent before the death, nor in the future', () => {
    const today = '2026-12-01'
    const base = { dateOfDeath: '2026-03-10' }
    expect(caseDateProblems({ ...base, familyLeafletSentOn: '2999-01-01' }, today)).toEqual([
      {
        field: 'family_leaflet_sent_on',
        message: 'Date the family information leaflet was sent must be today or in the past',
      },
    ])
    expect(caseDateProblems({ ...base, familyLeafletSentOn: '2026-03-09' }, today)[0]).toMatchObject({
      field: 'family_leaflet_sent_on',
      message: expect.stringContaining('same as or after the date of death (10 March 2026)'),
    })
    expect(caseDateProblems({ ...base, familyLeafletSentOn: '2026-03-10' }, today)).toEqual([])
  })
})
