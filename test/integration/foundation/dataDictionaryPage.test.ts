import request from 'supertest'
import * as cheerio from 'cheerio/slim'
import { buildDataDictionary } from '../../../src/dataDictionary/buildDataDictionary'
import { currentSchemaVersion } from '../../../src/dataDictionary/schemaVersions'
import { createTestApp, TestApp } from '../../helpers/testApp'

describe('the data dictionary page', () => {
  let t: TestApp
  beforeAll(() => {
    t = createTestApp()
  })
  afterAll(() => t.close())

  it('needs no sign-in and shows every table of the dictionary, row for row, with the schema version', async () => {
    const response = await request(t.app).get('/data-dictionary').expect(200)
    const $ = cheerio.load(response.text)
    expect($('main').text()).toContain(`Schema version ${currentSchemaVersion().version}`)
    for (const table of buildDataDictionary()) {
      const heading = $(`h2#${table.id}`)
      expect(heading.text()).toBe(table.title)
      const rows = heading.nextAll('table').first().find('tbody tr')
      expect(rows).toHaveLength(table.rows.length)
      // Backticks become <code>; the text is otherwise the same.
      expect(rows.first().find('td').first().text()).toBe(table.rows[0][0].replace(/`/g, ''))
    }
    expect($('.govuk-footer a[href="/data-dictionary"]').text()).toBe('Data dictionary')
  })
})
