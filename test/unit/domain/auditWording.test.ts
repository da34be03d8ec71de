import fs from 'node:fs'
import path from 'node:path'
import {
  actionLabel,
  auditActionCodes,
  describeAuditEvent,
  idsIn,
  isAuditAction,
} from '../../../src/domain/auditWording'

const CASE = '11111111-1111-4111-8111-111111111111'
const USER = '22222222-2222-4222-8222-222222222222'
const names = {
  caseRef: (id: string) => (id === CASE ? 'CDOP-2025-0007' : undefined),
  person: (id: string) => (id === USER ? 'Pat Panel' : undefined),
}

/** Every action code the service writes, found in the source as `action: '…'` or as a call's argument. */
function actionsWrittenInSource(): string[] {
  const found = new Set<string>()
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name)
      if (entry.isDirectory()) walk(file)
      else if (file.endsWith('.ts') && !file.endsWith('auditWording.ts') && !file.endsWith('auditService.ts')) {
        const source = fs.readFileSync(file, 'utf8')
        for (const m of source.matchAll(/action(?:\s*:|\s*\?\?|\s*\?)\s*'([a-z_]+)'/g)) found.add(m[1])
        for (const m of source.matchAll(/'([a-z]+(?:_[a-z]+)+)'/g)) if (isAuditAction(m[1])) found.add(m[1])
        for (const m of source.matchAll(/INSERT INTO audit_events[\s\S]*?SELECT[^']*'([a-z_]+)'/g)) found.add(m[1])
      }
    }
  }
  walk(path.resolve(__dirname, '../../../src'))
  return [...found].sort()
}

describe('the audit log in words', () => {
  it('has its own sentence for every action the code base writes', () => {
    const written = actionsWrittenInSource()
    expect(written.length).toBeGreaterThan(40)
    written.forEach(action => expect({ action, known: isAuditAction(action) }).toEqual({ action, known: true }))
    auditActionCodes.forEach(action => {
      const sentence = describeAuditEvent({ action, entityType: null, entityId: null, details: {} }, names)
      expect(sentence).not.toMatch(/undefined|null|NaN|\[object/)
      expect(sentence).not.toBe(actionLabel(action))
      expect(sentence).not.toContain('_')
    })
  })

  it('names cases by reference and people by name, never by id', () => {
    const sentences = [
      describeAuditEvent({ action: 'case_viewed', entityType: 'case', entityId: CASE, details: {} }, names),
      describeAuditEvent(
        { action: 'interest_declared', entityType: 'case', entityId: CASE, details: { userId: USER, meetingId: 'm' } },
        names,
      ),
      describeAuditEvent(
        {
          action: 'agency_request_viewed',
          entityType: 'agency_request',
          entityId: 'r',
          details: { caseId: CASE, agency: 'police' },
        },
        names,
      ),
      describeAuditEvent(
        { action: 'meeting_members_invited', entityType: 'meeting', entityId: 'm', details: { userIds: [USER, CASE] } },
        names,
      ),
      describeAuditEvent(
        { action: 'user_created', entityType: 'user', entityId: USER, details: { roles: ['admin', 'panel_member'] } },
        names,
      ),
      describeAuditEvent(
        {
          action: 'case_status_changed',
          entityType: 'case',
          entityId: CASE,
          details: { from: 'notified', to: 'ready_for_panel' },
        },
        names,
      ),
      describeAuditEvent(
        { action: 'sign_in_failed', entityType: 'account', entityId: 'x', details: { reason: 'wrong_password' } },
        names,
      ),
      describeAuditEvent(
        { action: 'agenda_case_added', entityType: 'case', entityId: CASE, details: { meetingDate: '2026-03-27' } },
        names,
      ),
    ]
    expect(sentences.slice(0, 4)).toEqual([
      'Viewed case CDOP-2025-0007',
      'Interest in case CDOP-2025-0007 declared for Pat Panel',
      expect.stringMatching(/^Viewed the request to .+ about case CDOP-2025-0007$/),
      'Invited 2 panel members to a meeting',
    ])
    expect(sentences[4]).toBe('Account created for Pat Panel (administrator, panel member)')
    expect(sentences[5]).toMatch(/^Status of case CDOP-2025-0007 changed from .+ to .+$/)
    expect(sentences[6]).toBe('Failed sign-in: wrong password')
    expect(sentences[7]).toBe('case CDOP-2025-0007 added to the agenda of the meeting on 27 March 2026')
    sentences.forEach(s => expect(s).not.toMatch(new RegExp(`${CASE}|${USER}`)))
  })

  it('copes with unknown ids, odd details and actions it does not know', () => {
    expect(
      describeAuditEvent({ action: 'case_viewed', entityType: 'case', entityId: 'gone', details: {} }, names),
    ).toBe('Viewed a case')
    expect(
      describeAuditEvent({ action: 'user_deactivated', entityType: 'user', entityId: 'gone', details: {} }, names),
    ).toBe('Account of someone no longer known deactivated')
    expect(
      describeAuditEvent(
        {
          action: 'pack_viewed',
          entityType: 'meeting',
          entityId: 'm',
          details: { caseIds: 'not a list', whole: true },
        },
        names,
      ),
    ).toBe("Viewed a meeting's whole pack (0 cases)")
    expect(describeAuditEvent({ action: 'mfa_enrolled', entityType: null, entityId: null, details: {} }, names)).toBe(
      'Mfa enrolled',
    )
    expect(idsIn({ action: 'x', entityType: 'case', entityId: CASE, details: { userId: USER, caseId: 'c2' } })).toEqual(
      {
        caseIds: [CASE, 'c2'],
        userIds: [USER],
      },
    )
  })
})
