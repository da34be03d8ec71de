import {
  cancelProblems,
  finaliseAtMeetingProblem,
  isMeetingOpen,
  markHeldProblem,
  postponeProblems,
  REASON_MAX,
  reviewDateProblem,
} from '../../../src/domain/meetingLifecycle'

describe('the meeting lifecycle', () => {
  describe('marking a meeting held', () => {
    const base = { status: 'scheduled' as const, meetingDate: '2026-12-10', today: '2026-12-10', present: 5 }

    it('is allowed on the day of the meeting and after it, with attendance recorded', () => {
      expect(markHeldProblem(base)).toBeNull()
      expect(markHeldProblem({ ...base, today: '2027-01-05' })).toBeNull()
    })

    it('is refused before the meeting’s date, naming the date', () => {
      expect(markHeldProblem({ ...base, today: '2026-12-09' })).toEqual({
        field: 'held',
        message: 'The meeting cannot be marked as held before its date, 10 December 2026',
      })
      expect(markHeldProblem({ ...base, today: '2026-12-01' })?.field).toBe('held')
    })

    it('needs at least one person recorded as present', () => {
      expect(markHeldProblem({ ...base, present: 0 })?.message).toBe(
        'Record who attended before marking the meeting as held',
      )
    })

    it('is refused for a meeting already held or cancelled', () => {
      expect(markHeldProblem({ ...base, status: 'held' })?.message).toBe('This meeting has already been marked as held')
      expect(markHeldProblem({ ...base, status: 'cancelled' })?.message).toBe('This meeting has been cancelled')
    })
  })

  describe('cancelling a meeting', () => {
    it('needs a reason, of a bounded length', () => {
      expect(cancelProblems('scheduled', 'Chair unwell')).toEqual([])
      expect(cancelProblems('scheduled', '   ')).toEqual([
        { field: 'reason', message: 'Enter why the meeting is cancelled' },
      ])
      expect(cancelProblems('scheduled', 'x'.repeat(REASON_MAX))).toEqual([])
      expect(cancelProblems('scheduled', 'x'.repeat(REASON_MAX + 1))[0].message).toBe(
        'The reason must be 2,000 characters or fewer',
      )
    })

    it('is refused once the meeting has been held or cancelled', () => {
      expect(cancelProblems('held', 'Too late')).toEqual([
        { field: 'reason', message: 'This meeting has already been marked as held' },
      ])
      expect(cancelProblems('cancelled', 'Again')[0].message).toBe('This meeting has been cancelled')
    })
  })

  describe('postponing a meeting', () => {
    const base = {
      status: 'scheduled' as const,
      meetingDate: '2026-12-10',
      today: '2026-12-01',
      newDate: '2027-01-14',
      reason: 'Room not available',
    }

    it('moves it to a later date with a reason', () => {
      expect(postponeProblems(base)).toEqual([])
      expect(postponeProblems({ ...base, newDate: '2026-12-11' })).toEqual([])
    })

    it('refuses the same or an earlier date', () => {
      expect(postponeProblems({ ...base, newDate: '2026-12-10' })).toEqual([
        { field: 'new_date', message: 'The new date must be after the meeting’s current date, 10 December 2026' },
      ])
      expect(postponeProblems({ ...base, newDate: '2026-12-05' })[0].field).toBe('new_date')
    })

    it('refuses a new date in the past, for a meeting whose date has gone by', () => {
      expect(postponeProblems({ ...base, meetingDate: '2026-11-01', newDate: '2026-11-20' })).toEqual([
        { field: 'new_date', message: 'The new date must be today or in the future' },
      ])
      expect(postponeProblems({ ...base, meetingDate: '2026-11-01', newDate: '2026-12-01' })).toEqual([])
    })

    it('refuses a missing or impossible date and a missing reason, all at once in the order of the form', () => {
      expect(postponeProblems({ ...base, newDate: null, reason: '' })).toEqual([
        { field: 'new_date', message: 'Enter the new date of the meeting' },
        { field: 'reason', message: 'Enter why the meeting is postponed' },
      ])
      expect(postponeProblems({ ...base, newDate: '2027-02-30' })[0].field).toBe('new_date')
    })

    it('is refused once the meeting has been held or cancelled', () => {
      expect(postponeProblems({ ...base, status: 'held' })).toEqual([
        { field: 'new_date', message: 'This meeting has already been marked as held' },
      ])
      expect(postponeProblems({ ...base, status: 'cancelled' })).toHaveLength(1)
    })
  })

  it('lets a review be finalised only at a held meeting', () => {
    expect(finaliseAtMeetingProblem('held')).toBeNull()
    expect(finaliseAtMeetingProblem('scheduled')?.message).toBe(
      'A review can be finalised only at a meeting that has been held: mark the meeting as held first',
    )
    expect(finaliseAtMeetingProblem('cancelled')?.message).toBe(
      'The meeting was cancelled, so no review can be finalised at it',
    )
  })

  it('keeps only a scheduled meeting open to changes', () => {
    expect(isMeetingOpen('scheduled')).toBe(true)
    expect(isMeetingOpen('held')).toBe(false)
    expect(isMeetingOpen('cancelled')).toBe(false)
  })
})

describe('the review date a meeting gives', () => {
  it('may not be before the death', () => {
    expect(reviewDateProblem('2025-06-01', '2025-06-01')).toBeNull()
    expect(reviewDateProblem('2025-12-10', '2025-06-01')).toBeNull()
    expect(reviewDateProblem('2025-05-31', '2025-06-01')?.field).toBe('meeting')
    expect(reviewDateProblem('2025-05-31', null)).toBeNull()
  })
})
