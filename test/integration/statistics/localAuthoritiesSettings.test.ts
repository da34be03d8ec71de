import { buildUser, signInAs } from '../../factories'
import { Agent, submitForm } from '../../helpers/agent'
import { $, errorSummary } from '../../helpers/html'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'

const PAGE = '/settings/local-authorities'

describe('the local authorities the panel covers (settings)', () => {
  let t: TestApp
  let admin: Agent
  let coordinator: Agent
  beforeAll(() => {
    t = createTestApp()
  })
  beforeEach(async () => {
    await resetDatabase(t.db)
    await t.db.sequelize.query('DELETE FROM local_authorities')
    admin = await signInAs(t, await buildUser(t.services, { roles: ['admin'] }))
    coordinator = await signInAs(t, await buildUser(t.services))
  })
  afterAll(() => t.close())

  const version = async () =>
    String(
      $((await admin.get(PAGE)).text)('input[name=list_version]')
        .first()
        .val(),
    )
  const add = async (name: string, listVersion?: string) =>
    submitForm(admin, PAGE, { name, list_version: listVersion ?? (await version()) })
  const act = async (id: string, action: string, listVersion?: string) =>
    submitForm(admin, PAGE, { action, list_version: listVersion ?? (await version()) }, `${PAGE}/${id}`)
  const names = async () => (await t.services.localAuthorityService.list()).map(a => a.name)

  it('adds, reorders and removes authorities, each change audited', async () => {
    expect($((await admin.get(PAGE)).text)('#no-local-authorities').length).toBe(1)
    for (const name of ['Luton', '  Bedford Borough ', 'Central Bedfordshire'])
      expect((await add(name)).status).toBe(302)
    expect(await names()).toEqual(['Luton', 'Bedford Borough', 'Central Bedfordshire'])
    const page = $((await admin.get(PAGE)).text)
    expect(
      page('#local-authorities tbody tr th')
        .toArray()
        .map(th => page(th).text()),
    ).toEqual(['Luton', 'Bedford Borough', 'Central Bedfordshire'])
    expect(
      page('#local-authorities tbody code')
        .toArray()
        .map(c => page(c).text()),
    ).toEqual(['luton', 'bedford_borough', 'central_bedfordshire'])
    const [luton, bedford, central] = await t.services.localAuthorityService.list()
    expect((await act(luton.id, 'down')).status).toBe(302)
    expect(await names()).toEqual(['Bedford Borough', 'Luton', 'Central Bedfordshire'])
    expect((await act(central.id, 'up')).status).toBe(302)
    expect(await names()).toEqual(['Bedford Borough', 'Central Bedfordshire', 'Luton'])
    const first = await act(bedford.id, 'up')
    expect(first.status).toBe(409)
    expect(errorSummary(first.text)).toEqual([['#local-authorities', 'Bedford Borough is already first']])
    expect((await act(central.id, 'remove')).status).toBe(302)
    expect(await names()).toEqual(['Bedford Borough', 'Luton'])

    const audits = await t.db.models.AuditEvent.findAll({
      where: { action: 'local_authorities_changed' },
      order: [['id', 'ASC']],
    })
    expect(audits.map(a => [a.details.change, a.details.name])).toEqual([
      ['add', 'Luton'],
      ['add', 'Bedford Borough'],
      ['add', 'Central Bedfordshire'],
      ['down', 'Luton'],
      ['up', 'Central Bedfordshire'],
      ['remove', 'Central Bedfordshire'],
    ])
  })

  it('refuses blank, duplicate, oversized and clashing names, keeping what was typed', async () => {
    await add('Luton')
    const cases: [string, string][] = [
      ['', 'Enter the name of the local authority'],
      ['   ', 'Enter the name of the local authority'],
      [' LUTON ', 'Luton is already in the list'],
      ['x'.repeat(101), 'Name must be 100 characters or fewer'],
      ['!!!', 'Name must contain a letter or a number'],
      ['Other', '“Other” is a row of the statistics tables of its own: choose another name'],
      ['Total', '“Total” is a row of the statistics tables of its own: choose another name'],
      [
        'Luton.',
        '“Luton.” would be counted under the same code as Luton: choose a name that differs in letters or numbers',
      ],
    ]
    for (const [name, message] of cases) {
      const response = await add(name)
      expect(response.status).toBe(400)
      expect(errorSummary(response.text)).toEqual([['#name', message]])
      expect($(response.text)('#name').val()).toBe(name.trim())
    }
    expect(await names()).toEqual(['Luton'])
  })

  it('tells a second editor the list changed instead of acting on the old one, and refuses forged input', async () => {
    const opened = await version()
    await add('Luton', opened)
    const stale = await add('Bedford Borough', opened)
    expect(stale.status).toBe(409)
    expect(errorSummary(stale.text)[0][1]).toMatch(/Someone else changed the list/)
    expect($(stale.text)('#name').val()).toBe('Bedford Borough')
    const [luton] = await t.services.localAuthorityService.list()
    expect((await act(luton.id, 'remove', opened)).status).toBe(409)
    expect((await act(luton.id, 'remove', '')).status).toBe(409)
    expect((await act(luton.id, 'explode')).status).toBe(400)
    expect((await act('not-a-uuid', 'remove')).status).toBe(404)
    expect((await act('00000000-0000-4000-8000-000000000000', 'remove')).status).toBe(409)
    // An array where one value is expected is read as its first value.
    const forged = await submitForm(admin, PAGE, { name: ['Bedford Borough', 'Luton'], list_version: await version() })
    expect(forged.status).toBe(302)
    expect(await names()).toEqual(['Luton', 'Bedford Borough'])
  })

  it('is for administrators only', async () => {
    expect((await coordinator.get(PAGE)).status).toBe(403)
    expect((await submitForm(coordinator, '/', { name: 'Luton', list_version: '' }, PAGE)).status).toBe(403)
    expect(await names()).toEqual([])
  })
})
