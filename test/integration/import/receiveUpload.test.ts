import fs from 'node:fs'
import express from 'express'
import request from 'supertest'
import { receiveUpload } from '../../../src/routes/import/receiveUpload'

/** A bare app that spools an upload with a small limit and says what it received. */
function appWithLimit(maxBytes: number) {
  const app = express()
  app.post('/upload', async (req, res) => {
    const upload = await receiveUpload(req, 'file', maxBytes)
    const content = upload.file && !upload.file.tooLarge ? fs.readFileSync(upload.file.path, 'utf8') : null
    const spooled = upload.file?.path
    await upload.discard()
    res.json({
      file: upload.file && { ...upload.file, path: undefined },
      fields: upload.fields,
      content,
      leftBehind: !!spooled && fs.existsSync(spooled),
    })
  })
  app.use(
    (
      error: { status?: number; message: string },
      _req: express.Request,
      res: express.Response,
      _next: express.NextFunction,
    ) => {
      res.status(error.status ?? 500).json({ message: error.message })
    },
  )
  return app
}

describe('receiveUpload', () => {
  it('spools one file to disk with the fields beside it, and deletes it when discarded', async () => {
    const response = await request(appWithLimit(100))
      .post('/upload')
      .field('mode', 'check')
      .attach('file', Buffer.from('a,b\n1,2\n'), 'C:\\Users\\me\\history.csv')
      .expect(200)
    expect(response.body).toEqual({
      file: { name: 'history.csv', size: 8, tooLarge: false },
      fields: { mode: 'check' },
      content: 'a,b\n1,2\n',
      leftBehind: false,
    })
  })

  it('marks a file over the limit as too large', async () => {
    const response = await request(appWithLimit(10))
      .post('/upload')
      .attach('file', Buffer.from('x'.repeat(50)), 'big.csv')
      .expect(200)
    expect(response.body.file).toEqual({ name: 'big.csv', size: 10, tooLarge: true })
  })

  it('takes only the first file', async () => {
    const response = await request(appWithLimit(100))
      .post('/upload')
      .attach('file', Buffer.from('first'), 'one.csv')
      .attach('file', Buffer.from('second'), 'two.csv')
      .expect(200)
    expect(response.body).toMatchObject({ file: { name: 'one.csv' }, content: 'first' })
  })

  it('refuses a post that is not a multipart upload', async () => {
    await request(appWithLimit(100)).post('/upload').type('form').send({ mode: 'import' }).expect(400)
  })
})
