import fs from 'node:fs'
import { Request, Response } from 'express'
import type HistoryImportService from '../../services/import/historyImportService'
import type { ImportResult } from '../../services/import/historyImportService'
import { importColumns, templateCsv } from '../../services/import/importColumns'
import { addError, FormErrors, hasErrors, noErrors } from '../../utils/formErrors'
import { auditContext } from '../auditContextOf'
import { receiveUpload } from './receiveUpload'

/** The largest file taken: ten times a 100,000-case history with some text in it (about 20 MB). */
const MAX_MEGABYTES = 200
const MAX_UPLOAD_BYTES = MAX_MEGABYTES * 1024 * 1024

const FILE_FIELD = 'file'

/** The upload page, the template download, and the check or import of an uploaded file. */
export default class ImportController {
  constructor(private readonly historyImportService: HistoryImportService) {}

  view = (_req: Request, res: Response): void => this.render(res, {})

  template = (_req: Request, res: Response): void => {
    res.attachment('case-history-template.csv').type('text/csv; charset=utf-8').send(templateCsv())
  }

  upload = async (req: Request, res: Response): Promise<void> => {
    const upload = await receiveUpload(req, FILE_FIELD, MAX_UPLOAD_BYTES)
    try {
      const dryRun = upload.fields.mode !== 'import' // checking is the safe reading of a form without its button
      const { file } = upload
      const errors = noErrors()
      if (!file || !file.name) addError(errors, FILE_FIELD, 'Select a CSV file')
      else if (file.tooLarge) addError(errors, FILE_FIELD, `The selected file must be smaller than ${MAX_MEGABYTES} MB`)
      else if (!/\.csv$/i.test(file.name)) addError(errors, FILE_FIELD, 'The selected file must be a CSV')
      else if (file.size === 0) addError(errors, FILE_FIELD, 'The selected file is empty')
      if (!file || hasErrors(errors)) return this.render(res.status(400), { errors })

      const result = await this.historyImportService.import(() => fs.createReadStream(file.path), {
        dryRun,
        actor: auditContext(req),
        fileName: file.name,
        via: 'upload',
      })
      return this.render(res.status(result.ok ? 200 : 400), { result, fileName: file.name })
    } finally {
      await upload.discard()
    }
  }

  private render(res: Response, { errors = noErrors(), result, fileName }: RenderOptions) {
    const problemSummary =
      result && !result.ok ? [{ text: `${fileName} has problems: nothing was imported`, href: '#problems' }] : []
    res.render('pages/import/upload', {
      ...errors,
      errorSummary: [...errors.errorSummary, ...problemSummary],
      result: result ?? null,
      fileName: fileName ?? null,
      columns: importColumns,
      maxMegabytes: MAX_MEGABYTES,
    })
  }
}

interface RenderOptions {
  errors?: FormErrors
  result?: ImportResult
  fileName?: string
}
