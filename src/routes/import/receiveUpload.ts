import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import busboy from 'busboy'
import type { Request } from 'express'
import createError from 'http-errors'

export interface UploadedFile {
  /** The spooled copy on disk, readable as often as needed until `discard()`. */
  path: string
  /** The name the person's file had (last path segment only), or '' when no file was chosen. */
  name: string
  size: number
  /** More than the limit was sent: the copy is cut short and must not be used. */
  tooLarge: boolean
}

export interface Upload {
  file: UploadedFile | null
  fields: Record<string, string>
  /** Deletes the spooled copy: it holds personal data, so always call it, whatever happened. */
  discard: () => Promise<void>
}

// Browsers send only the file's own name; old ones sent a Windows path.
const baseName = (name: string | undefined) => path.basename((name ?? '').replace(/\\/g, '/')).slice(0, 255)

/**
 * Streams a multipart upload of one file (the part named `fileField`) to a private temporary
 * file, never holding it in memory, and collects the small text fields beside it. A second file,
 * or any file part under another name, is drained and ignored.
 */
export async function receiveUpload(req: Request, fileField: string, maxBytes: number): Promise<Upload> {
  // Any other body has already been read by the form parsers, and would leave busboy waiting for ever.
  if (!req.is('multipart/form-data')) throw createError(400, 'The file must be sent as a form upload')
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'cdop-import-'))
  const discard = () => fs.promises.rm(dir, { recursive: true, force: true })
  try {
    const received = await new Promise<Omit<Upload, 'discard'>>((resolve, reject) => {
      let parser: busboy.Busboy
      try {
        parser = busboy({
          headers: req.headers,
          limits: { files: 1, fileSize: maxBytes, fields: 10, fieldSize: 1000, parts: 20 },
        })
      } catch {
        reject(createError(400, 'The form upload could not be read')) // e.g. no boundary
        return
      }
      const fields: Record<string, string> = {}
      let file: UploadedFile | null = null
      let spooling: Promise<void> = Promise.resolve()
      parser.on('field', (name, value) => {
        fields[name] = value
      })
      parser.on('file', (name, stream, info) => {
        if (name !== fileField || file) {
          stream.resume()
          return
        }
        const spooled: UploadedFile = {
          path: path.join(dir, 'upload.csv'),
          name: baseName(info.filename),
          size: 0,
          tooLarge: false,
        }
        file = spooled
        stream.on('data', (chunk: Buffer) => (spooled.size += chunk.length))
        stream.on('limit', () => (spooled.tooLarge = true))
        spooling = pipeline(stream, fs.createWriteStream(spooled.path, { mode: 0o600 }))
      })
      parser.on('error', () => reject(createError(400, 'The upload was cut short or could not be read')))
      parser.on('close', () => spooling.then(() => resolve({ file, fields }), reject))
      // A person who cancels or loses the connection mid-upload leaves an unfinished form.
      req.on('aborted', () => parser.destroy(new Error('aborted')))
      req.pipe(parser)
    })
    return { ...received, discard }
  } catch (error) {
    await discard()
    throw error
  }
}
