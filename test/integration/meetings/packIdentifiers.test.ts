import type { Case } from '../../../src/db/models'
import type { JarAttendee } from '../../../src/db/models/JarEvent'
import type { JarEventKind } from '../../../src/domain/codes'
import { nhsNumberCheckDigit } from '../../../src/domain/nhsNumber'
import { systemContext } from '../../../src/services/auditContext'
import { Agent } from '../../helpers/agent'
import { $, attributesOf } from '../../helpers/html'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'
import { invite, meetingOn, onAgenda, readyCase, signedIn } from './meetingSetup'

const withCheckDigit = (nine: string) => `${nine}${nhsNumberCheckDigit(nine)}`

interface Child {
  givenNames: string
  familyName: string
  nhsNumber: string
  postcode: string
  dateOfBirth: string
  /** The date of birth as people write it, to put into the free text. */
  written: { govuk: string; slashes: string }
}

const children: Child[] = [
  {
    givenNames: 'Marigold Jessamy',
    familyName: 'Featherstonehaugh',
    nhsNumber: '9434765919',
    postcode: 'LS1 4AP',
    dateOfBirth: '2025-06-04',
    written: { govuk: '4 June 2025', slashes: '04/06/2025' },
  },
  {
    givenNames: 'Ottoline',
    familyName: 'Quibley-Vantongeren',
    nhsNumber: withCheckDigit('401023213'),
    postcode: 'M60 2LA',
    dateOfBirth: '2019-11-23',
    written: { govuk: '23 November 2019', slashes: '23/11/2019' },
  },
]

/** Every way each identifier could be written on a page. */
function forms(child: Child): string[] {
  const [y, m, d] = child.dateOfBirth.split('-')
  const nhs = child.nhsNumber
  return [
    ...child.givenNames.split(' '),
    child.givenNames,
    child.familyName,
    ...child.familyName.split('-'),
    nhs,
    `${nhs.slice(0, 3)} ${nhs.slice(3, 6)} ${nhs.slice(6)}`,
    child.postcode,
    child.postcode.replace(' ', ''),
    child.dateOfBirth,
    `${Number(d)} ${child.written.govuk.split(' ')[1]} ${y}`,
    `${d}/${m}/${y}`,
    `${Number(d)}/${Number(m)}/${y}`,
  ]
}

describe('nothing a panel member can reach identifies a child', () => {
  let t: TestApp
  let member: Agent
  let records: Case[]
  let meetingId: string
  let declaredCase: Case
  beforeAll(async () => {
    t = createTestApp()
    await resetDatabase(t.db)
    const panel = await signedIn(t, ['panel_member'], 'Pat Member')
    member = panel.agent
    const meeting = await meetingOn(t)
    meetingId = meeting.id
    await invite(t, meeting.id, panel.user.id, 'chair')

    records = []
    for (const child of children) {
      const name = `${child.givenNames} ${child.familyName}`
      // Careless free text everywhere: the pack must redact what it shows and leave out what it must not show.
      const record = await readyCase(t, {
        givenNames: child.givenNames,
        familyName: child.familyName,
        nhsNumber: child.nhsNumber,
        nhsNumberMissingReason: null,
        postcode: child.postcode,
        dateOfBirth: child.dateOfBirth,
        dateOfDeath: '2025-09-10',
        notifiedAt: '2025-09-11',
        expected: 'unexpected',
        circumstances: `${name} (NHS ${child.nhsNumber}) collapsed at home, ${child.postcode}.`,
      })
      await t.db.models.Case.update(
        {
          anonymisedCircumstances: `${child.givenNames.split(' ')[0]} was found unresponsive. Born ${child.written.govuk}.`,
          familyQuestions: `Mrs ${child.familyName} asks why ${child.givenNames} (NHS ${child.nhsNumber.replace(/(\d{3})(\d{3})(\d{4})/, '$1 $2 $3')}, born ${child.written.slashes}) was sent home.`,
          jarSummary: `Home visit at ${child.postcode} to the ${child.familyName} family.`,
          jarRequired: true,
          jarTriggers: ['sudden_no_apparent_cause'],
          jarHomeVisit: true,
          jarAttendees: ['police', 'hospital_paediatrics'],
          postMortem: 'received',
          coronerInvolved: true,
          policeInvestigation: false,
          keyWorker: `Key worker for ${child.familyName}`,
        },
        { where: { id: record.id } },
      )
      await t.db.models.AgencyRequest.create({
        caseId: record.id,
        agency: 'gp',
        agencyOther: null,
        contactName: 'Dr Imelda Thistlewaite',
        contactEmail: 'imelda@example.org',
        dueDate: '2025-10-01',
        status: 'received',
        report: {
          reporter_name: 'Dr Imelda Thistlewaite',
          reporter_email: 'imelda@example.org',
          child_date_of_birth: child.dateOfBirth,
          nhs_number: child.nhsNumber,
          known_to_practice: true,
          consultations: 3,
          summary: `${name} was registered at the practice (postcode ${child.postcode.toLowerCase()}); seen by Dr Thistlewaite.`,
          sections: { family: { history: `The ${child.familyName} family moved in ${child.written.slashes}.` } },
        },
        submittedAt: new Date('2025-09-20T10:00:00Z'),
        receivedVia: 'paper',
        tokenHash: null,
        tokenExpiresAt: null,
        requestedBy: null,
      })
      // A report as the service's own form stores it.
      await t.db.models.AgencyRequest.create({
        caseId: record.id,
        agency: 'police',
        agencyOther: null,
        contactName: 'DS Hartington Blaise',
        contactEmail: 'blaise@example.org',
        dueDate: '2025-10-01',
        status: 'received',
        report: {
          formVersion: 1,
          answers: {
            reporter_name: 'DS Hartington Blaise',
            reporter_role: 'Detective sergeant',
            reporter_phone: '01632 960123',
            agency_involvement: 'yes',
            mode_of_death: 'found_dead_or_collapsed',
            resuscitation_attempted: 'yes',
            events: ['none_known'],
            circumstances: 'given',
            circumstances_details: `Officers attended ${child.postcode}. ${child.givenNames} ${child.familyName}, born ${child.written.govuk}, NHS ${child.nhsNumber}.`,
          },
        },
        submittedAt: new Date('2025-09-21T10:00:00Z'),
        receivedVia: 'link',
        tokenHash: null,
        tokenExpiresAt: null,
        requestedBy: null,
      })
      await t.db.models.AgencyRequest.create({
        caseId: record.id,
        agency: 'other',
        agencyOther: `${child.familyName} Family Support`,
        contactName: 'Someone',
        contactEmail: 'someone@example.org',
        dueDate: '2025-10-01',
        tokenHash: null,
        tokenExpiresAt: null,
        requestedBy: null,
      })
      // The joint agency response's events, with careless notes and a role naming the family.
      const event = (kind: JarEventKind, eventDate: string, attendees: JarAttendee[] = []) =>
        t.services.jarEventService.add(
          record.id,
          { kind, eventDate, note: `Spoke to ${name} at ${child.postcode}, NHS ${child.nhsNumber}.`, attendees },
          systemContext(),
        )
      await event('strategy_discussion_initial', '2025-09-10', [{ agency: 'police', role: 'Duty inspector' }])
      await event('home_visit', '2025-09-11')
      await event('jar_meeting', '2025-09-15', [
        { agency: 'hospital_paediatrics', role: 'Designated doctor' },
        { agency: 'childrens_social_care', role: `Social worker to the ${child.familyName} family` },
        { agency: 'gp', role: null },
      ])
      await event('post_mortem', '2025-09-12')
      await event('inquest_opened', '2025-09-20')
      await event('inquest_concluded', '2025-11-03')
      records.push(record)
    }
    // A third case on the agenda, which the member declared an interest in.
    declaredCase = await readyCase(t, { givenNames: 'Declan', familyName: 'Interestworthy' })
    await onAgenda(t, meeting.id, ...records, declaredCase)
    await t.services.declarationService.declare(
      meeting.id,
      { caseId: declaredCase.id, userId: panel.user.id, description: null },
      systemContext(),
    )
  })
  afterAll(() => t.close())

  /** Every page and download a panel member can reach, found by following the links as they would. */
  async function reachablePages(): Promise<Map<string, string>> {
    const bodies = new Map<string, string>()
    const get = async (url: string) => {
      const response = await member.get(url)
      bodies.set(`${url} (${response.status})`, response.text)
      return response
    }
    await get('/')
    const list = await get('/meetings')
    const meetingLinks = attributesOf(list.text, 'main a[href^="/meetings/"]', 'href')
    expect(meetingLinks).toEqual([`/meetings/${meetingId}`])
    const meetingPage = await get(meetingLinks[0])
    const links = attributesOf(meetingPage.text, 'main a[href^="/meetings/"]', 'href')
    for (const link of new Set(links)) await get(link)
    for (const record of [...records, declaredCase]) {
      await get(`/meetings/${meetingId}/cases/${record.id}/pack`)
      await get(`/meetings/${meetingId}/cases/${record.id}/interest`)
    }
    await get(`/meetings/${meetingId}/pack`)
    await get('/meetings/print.css')
    return bodies
  }

  it('reaches every pack and the printable pack', async () => {
    const bodies = await reachablePages()
    const ok = [...bodies.keys()].filter(key => key.endsWith('(200)'))
    for (const record of records) {
      expect(ok).toContain(`/meetings/${meetingId}/cases/${record.id}/pack (200)`)
    }
    expect(ok).toContain(`/meetings/${meetingId}/pack (200)`)
    expect([...bodies.keys()]).toContain(`/meetings/${meetingId}/cases/${declaredCase.id}/pack (403)`)
  })

  it('shows no name, NHS number, postcode or date of birth on any of them', async () => {
    const bodies = await reachablePages()
    const identifiers = [
      ...children.flatMap(forms),
      'Declan',
      'Interestworthy',
      'Thistlewaite',
      'Imelda',
      'imelda@example.org',
      'Hartington',
      'Blaise',
      '01632 960123',
      'Detective sergeant',
    ]
    const found: string[] = []
    for (const [page, body] of bodies) {
      const text = body.toLowerCase()
      identifiers.forEach(identifier => {
        if (text.includes(identifier.toLowerCase())) found.push(`${identifier} on ${page}`)
      })
    }
    expect(found).toEqual([])
  })

  it('still gives the panel what it needs, with identifiers redacted', async () => {
    const pack = await member.get(`/meetings/${meetingId}/cases/${records[0].id}/pack`).expect(200)
    const main = $(pack.text)('main').text().replace(/\s+/g, ' ')
    expect(main).toContain(`Case ${records[0].caseRef}`)
    expect(main).toContain('28 to 364 days')
    expect(main).toContain('Sex Male')
    expect(main).toContain('Unexpected')
    expect(main).toContain('[redacted] was found unresponsive. Born [redacted].')
    expect(main).toContain('Mrs [redacted] asks why [redacted] (NHS [redacted], born [redacted]) was sent home.')
    expect(main).toContain('Sudden, with no apparent cause')
    expect(main).toContain('Police, Hospital paediatrics')
    expect(main).toContain('Received')
    expect(main).toContain('Known to practice Yes')
    expect(main).toContain('Consultations 3')
    expect(main).toContain('[redacted] was registered at the practice (postcode [redacted]); seen by Dr [redacted].')
    expect(main).toContain('Sections: family: history The [redacted] family moved in [redacted].')
    expect(main).toContain('Still awaited from: [redacted] Family Support.')
    // The police report, worded by the agency report form.
    expect(main).toContain('Mode of death Found dead or collapsed')
    expect(main).toContain('Resuscitation attempted Yes')
    expect(main).toContain(
      "Your agency's involvement and the circumstances leading to the death Officers attended [redacted]. [redacted], born [redacted], NHS [redacted].",
    )
    expect(main).toContain('Agency involved with the child or family Yes')
    // The joint agency response's events in date order, with the rapid response meeting and its attendees
    // by agency and role (roles redacted); the events' notes are never in the pack.
    const page = $(pack.text)
    const rows = page(`#jar-events-${records[0].id} tbody tr`)
      .toArray()
      .map(row =>
        page(row)
          .find('td')
          .toArray()
          .map(cell => page(cell).text().replace(/\s+/g, ' ').trim()),
      )
    expect(rows).toEqual([
      ['10 September 2025 the day of the death', 'Initial strategy discussion', 'Police (Duty inspector)'],
      ['11 September 2025 1 day after the death', 'Joint home or scene visit', ''],
      ['12 September 2025 2 days after the death', 'Post-mortem', ''],
      [
        '15 September 2025 5 days after the death',
        'Joint agency response meeting',
        "Hospital paediatrics (Designated doctor), Children's social care (Social worker to the [redacted] family), GP",
      ],
      ['20 September 2025 10 days after the death', 'Inquest opened', ''],
      ['3 November 2025 54 days after the death', 'Inquest concluded', ''],
    ])
    const rapid = page(`#rapid-response-${records[0].id}`).nextUntil('h4, h3, table').text().replace(/\s+/g, ' ')
    expect(rapid).toContain('Held on 15 September 2025 (5 days after the death).')
    expect(rapid).toContain('Hospital paediatrics (Designated doctor)')
    expect(rapid).toContain("Children's social care (Social worker to the [redacted] family)")
    expect(main).not.toContain('Spoke to')
    expect(main).not.toContain('Home visit at')
    expect(main).not.toContain('Key worker')
  })

  it('prints every case the member may see, each in its own section, and audits the view', async () => {
    const whole = await member.get(`/meetings/${meetingId}/pack`).expect(200)
    const sections = $(whole.text)('section.app-pack-case')
    expect(sections).toHaveLength(2)
    expect(whole.text).toContain('href="/meetings/print.css"')
    const css = await member.get('/meetings/print.css').expect(200)
    expect(css.headers['content-type']).toMatch(/text\/css/)
    expect(css.text).toContain('break-before: page')
    const audit = await t.db.models.AuditEvent.findOne({
      where: { action: 'pack_viewed', entityId: meetingId },
      order: [['id', 'DESC']],
    })
    expect(audit!.details).toMatchObject({ whole: true, caseIds: records.map(r => r.id) })
  })
})
