import * as cheerio from 'cheerio/slim'
import type { Case, Meeting } from '../../../src/db/models'
import type { MeetingCapacity } from '../../../src/domain/codes'
import { buildCase, invite as inviteToMeeting } from '../../factories'
import type { Agent } from '../../helpers/agent'
import type { TestApp } from '../../helpers/testApp'

/** Everyone the default quorum rule asks for (five people: chair, paediatrician, police, social care). */
export const QUORATE: MeetingCapacity[] = ['chair', 'paediatrician', 'police', 'social_care', 'lay_member']

export interface ScheduledCase {
  record: Case
  meeting: Meeting
  url: string
}

/**
 * A case scheduled on a meeting's agenda, with external attendees in the given capacities, made
 * through the models as the meeting pages would (those are another feature's to test). The meeting
 * is marked held unless `status` says otherwise: a review can be finalised only at a held meeting.
 */
export async function scheduleCase(
  t: TestApp,
  options: {
    attendees?: MeetingCapacity[]
    record?: Case
    meetingDate?: string
    status?: 'scheduled' | 'held' | 'cancelled'
  } = {},
): Promise<ScheduledCase> {
  const { Meeting, MeetingMember, AgendaItem, Case: CaseModel } = t.db.models
  const record = options.record ?? (await buildCase(t.services))
  await CaseModel.update({ status: 'scheduled' }, { where: { id: record.id } })
  await record.reload()
  const meeting = await Meeting.create({
    meetingDate: options.meetingDate ?? '2026-01-20',
    startTime: '10:00',
    location: 'Room 1',
    notes: null,
    createdBy: null,
    status: options.status ?? 'held',
    heldAt: (options.status ?? 'held') === 'held' ? new Date() : null,
    cancellationReason: options.status === 'cancelled' ? 'Test: cancelled' : null,
  })
  await MeetingMember.bulkCreate(
    (options.attendees ?? QUORATE).map((capacity, i) => ({
      meetingId: meeting.id,
      externalName: `Attendee ${i + 1}`,
      externalOrganisation: 'Northshire',
      capacity,
      attended: true,
    })),
  )
  await AgendaItem.create({ meetingId: meeting.id, caseId: record.id, position: 1 })
  return { record, meeting, url: `/meetings/${meeting.id}/cases/${record.id}/review` }
}

/** Invites an account to the held meeting in a capacity (the chair, say), attendance recorded. */
export const invite = (t: TestApp, meetingId: string, userId: string, capacity: MeetingCapacity) =>
  inviteToMeeting(t, meetingId, userId, capacity, { attended: true })

export type Fields = Record<string, string | string[]>

/** Every value a browser would send from a form as it stands on the page (buttons aside). */
export function formFields(html: string, selector = 'main form'): Fields {
  const $ = cheerio.load(html)
  const form = $(selector).first()
  if (!form.length) throw new Error(`No form ${selector} on the page`)
  const fields: Fields = {}
  const add = (name: string, value: string) => {
    const existing = fields[name]
    if (existing === undefined) fields[name] = value
    else fields[name] = ([] as string[]).concat(existing, value)
  }
  form.find('input[name], textarea[name], select[name]').each((_, el) => {
    const input = $(el)
    const name = input.attr('name')!
    const type = (input.attr('type') ?? 'text').toLowerCase()
    if (el.tagName === 'textarea') add(name, input.text().replace(/^\n/, ''))
    else if (el.tagName === 'select') add(name, String(input.find('option[selected]').attr('value') ?? ''))
    else if (type === 'checkbox' || type === 'radio') {
      if (input.attr('checked') !== undefined) add(name, input.attr('value') ?? 'on')
    } else add(name, input.attr('value') ?? '')
  })
  return fields
}

const encode = (fields: Fields) => {
  const body = new URLSearchParams()
  Object.entries(fields).forEach(([name, value]) => ([] as string[]).concat(value).forEach(v => body.append(name, v)))
  return body.toString()
}

/** Opens a page, changes some of its form's values, and posts it as a browser would. */
export async function changeAndPost(agent: Agent, url: string, changes: Fields, selector = 'main form') {
  const page = await agent.get(url)
  if (page.status !== 200) throw new Error(`GET ${url} answered ${page.status}`)
  const fields = { ...formFields(page.text, selector), ...changes }
  const action = cheerio.load(page.text)(selector).first().attr('action') ?? url
  return agent.post(action).type('form').send(encode(fields))
}

/** Posts fields already read from a page (kept from an earlier GET, to act on a stale page). */
export const postFields = (agent: Agent, action: string, fields: Fields) =>
  agent.post(action).type('form').send(encode(fields))

/** A complete draft as the form posts it. */
export const COMPLETE: Fields = {
  agencies_present: ['hospital_paediatrics', 'police', 'childrens_social_care'],
  category: '5',
  modifiable_factors: 'not_identified',
  likely_cause_of_death: 'Sepsis',
  learning_points: 'Earlier recognition of sepsis in primary care.',
  safeguarding_referral: 'no',
  leder_referral: 'no',
}
