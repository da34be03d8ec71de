import { agencyName, displayStatus, isOutstanding, linkState } from '../../../src/services/agencyRequests/requestStatus'
import { retryDelayMs } from '../../../src/services/mail/outboxService'

describe('the derived status of a request', () => {
  const today = '2025-06-10'

  it.each([
    ['requested', '2025-06-09', 'overdue'],
    ['requested', '2025-06-10', 'requested'], // due today is not yet overdue
    ['requested', '2025-06-11', 'requested'],
    ['received', '2025-01-01', 'received'], // answered late is answered, not overdue
    ['not_involved', '2025-01-01', 'not_involved'],
    ['cancelled', '2025-01-01', 'cancelled'],
  ] as const)('a %s request due %s is shown as %s', (status, dueDate, shown) => {
    expect(displayStatus({ status, dueDate }, today)).toBe(shown)
  })

  it('counts only requested ones as outstanding, overdue or not', () => {
    expect(isOutstanding({ status: 'requested' })).toBe(true)
    expect(isOutstanding({ status: 'received' })).toBe(false)
  })

  it("names an 'other' agency by the name given for it", () => {
    expect(agencyName({ agency: 'gp', agencyOther: null })).toBe('GP')
    expect(agencyName({ agency: 'other', agencyOther: 'Youth club' })).toBe('Youth club')
    expect(agencyName({ agency: 'other', agencyOther: null })).toBe('Other')
  })
})

describe('the state of a link', () => {
  const now = new Date('2025-06-10T12:00:00Z')
  const active = {
    status: 'requested' as const,
    receivedVia: null,
    tokenExpiresAt: new Date('2025-08-01T00:00:00Z'),
    tokenRevokedAt: null,
  }

  it('is active until it expires, to the millisecond', () => {
    expect(linkState(active, now)).toBe('active')
    expect(linkState({ ...active, tokenExpiresAt: new Date(now.getTime() + 1) }, now)).toBe('active')
    expect(linkState({ ...active, tokenExpiresAt: now }, now)).toBe('expired')
    expect(linkState({ ...active, tokenExpiresAt: null }, now)).toBe('expired')
  })

  it('is revoked, or closed with its request, and used once the agency submitted through it, whatever else is true', () => {
    expect(linkState({ ...active, tokenRevokedAt: now }, now)).toBe('revoked')
    expect(linkState({ ...active, status: 'cancelled' }, now)).toBe('closed')
    expect(linkState({ ...active, status: 'received', receivedVia: 'paper' }, now)).toBe('closed')
    expect(linkState({ ...active, status: 'received', receivedVia: 'link', tokenExpiresAt: now }, now)).toBe('used')
    expect(linkState({ ...active, status: 'not_involved', receivedVia: 'link' }, now)).toBe('used')
  })
})

describe('e-mail retry backoff', () => {
  it('doubles from a minute up to an hour', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 10].map(n => retryDelayMs(n) / 60_000)).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60])
  })
})
