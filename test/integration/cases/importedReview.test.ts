import { Readable } from 'node:stream'
import { systemContext } from '../../../src/services/auditContext'
import { buildCase, buildUser, signInAs } from '../../factories'
import { csvOf, historyRow } from '../../fixtures/import/historyCsv'
import { Agent } from '../../helpers/agent'
import { $ } from '../../helpers/html'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'

describe('an imported reviewed case', () => {
  let t: TestApp
  let agent: Agent
  beforeAll(() => {
    t = createTestApp()
  })
  beforeEach(async () => {
    await resetDatabase(t.db)
    const coordinator = await buildUser(t.services)
    agent = await signInAs(t, coordinator)
  })
  afterAll(() => t.close())

  const importRows = async (rows: ReturnType<typeof historyRow>[]) => {
    const result = await t.services.historyImportService.import(() => Readable.from([Buffer.from(csvOf(rows))]), {
      dryRun: false,
      actor: systemContext(),
      fileName: 'history.csv',
      via: 'command_line',
    })
    expect(result.ok).toBe(true)
  }
  const card = async (caseRef: string) => {
    const record = (await t.db.models.Case.findOne({ where: { caseRef } }))!
    const page = $((await agent.get(`/cases/${record.id}`).expect(200)).text)
    return page('#imported-review')
  }
  it('shows its category, modifiable factors and learning points, marked as imported', async () => {
    await importRows([{ ...historyRow(1), learning_points: 'Safer sleep advice,\ngiven twice.' }])
    const section = await card('HIST-000001')
    expect(section.length).toBe(1)
    expect(section.find('h2').text()).toContain('Imported')
    expect(section.text()).toContain('Imported from an earlier system')
    const shown = section
      .find('.govuk-summary-list__row')
      .toArray()
      .map(row => [section.find(row).find('dt').text().trim(), section.find(row).find('dd').text().trim()])
    expect(shown).toEqual([
      ['Review date', '2 February 2010'],
      ['Category of death', expect.stringMatching(/^2: /)],
      ['Modifiable factors', 'No modifiable factors identified'],
      ['Learning points', 'Safer sleep advice,\ngiven twice.'],
    ])
  })

  it('shows the legacy preventability of a review from before April 2010', async () => {
    await importRows([historyRow(11)])
    const section = await card('HIST-000011')
    const text = section.text()
    expect(text).toContain('Preventability (before April 2010)')
    expect(text).toContain('Not preventable')
    expect(text).not.toContain('Modifiable factors')
  })

  it('shows no imported review on a case notified in the service', async () => {
    const record = await buildCase(t.services)
    const page = $((await agent.get(`/cases/${record.id}`).expect(200)).text)
    expect(page('#imported-review').length).toBe(0)
  })
})
