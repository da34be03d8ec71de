import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import express from 'express'
import request from 'supertest'
import { renderView } from '../../../src/views/ejsEngine'

/** The view engine hands a render its locals uncopied: nothing may leak between includes or requests. */
describe('the EJS view engine', () => {
  let dir: string
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdop-views-'))
    fs.mkdirSync(path.join(dir, 'partials'))
    fs.writeFileSync(
      path.join(dir, 'page.ejs'),
      `<% title = title + '!' %>[<%= title %>|<%- include('partials/child', { extra: 'x' }) %>|<%= title %>|<%= typeof extra %>]`,
    )
    // A partial that changes a local it inherited and one it was given: neither reaches the page.
    fs.writeFileSync(
      path.join(dir, 'partials', 'child.ejs'),
      `<% title = 'child'; extra = 'y' %><%= title %><%= extra %>`,
    )
    fs.writeFileSync(path.join(dir, 'escaped.ejs'), `<%= value %>`)
  })
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

  const appWith = (cache: boolean) => {
    const app = express()
    app.set('views', [dir])
    app.set('view engine', 'ejs')
    app.engine('ejs', renderView)
    app.set('view cache', cache)
    app.locals.shared = 'app'
    app.get('/page', (_req, res) => res.render('page', { title: 'T' }))
    app.get('/escaped', (req, res) => res.render('escaped', { value: String(req.query.v) }))
    return app
  }

  it.each([true, false])('keeps each include and each request to its own locals (view cache %s)', async cache => {
    const app = appWith(cache)
    for (let i = 0; i < 3; i += 1) {
      const response = await request(app).get('/page').expect(200)
      expect(response.text).toBe('[T!|childy|T!|undefined]')
    }
    expect(app.locals.title).toBeUndefined()
  })

  it('still escapes what it prints', async () => {
    const response = await request(appWith(true)).get('/escaped').query({ v: '<script>"&' }).expect(200)
    expect(response.text).toBe('&lt;script&gt;&#34;&amp;')
  })
})
