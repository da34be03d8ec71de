/**
 * The libraries only some pages need, loaded the first time one is used rather than when the app
 * starts: Excel (exceljs), Word (docx, through the report's writer), charts (vega, vega-lite),
 * PNG conversion (resvg), mail (nodemailer) and QR codes (qrcode). Loaded at start they took about
 * 0.75 s of every start of the server under tsx, and 0.4 s of every integration test file, each of
 * which builds the app in a fresh module registry; the first download of a spreadsheet or report
 * pays it once instead.
 *
 * Their types come from `import type`, which loads nothing. This is the one file in src/ that calls
 * require() (eslint.config.mjs allows it here only), so every module loaded late is named here.
 */
import type * as Resvg from '@resvg/resvg-js'
import type * as ExcelJS from 'exceljs'
import type * as Nodemailer from 'nodemailer'
import type * as QRCode from 'qrcode'
import type * as Vega from 'vega'
import type * as VegaLite from 'vega-lite'
import type * as DocxWriter from './annualReport/renderDocx'

/** `load` runs once, on the first call; later calls return what it returned. */
export function onFirstUse<T>(load: () => T): () => T {
  let loaded: { module: T } | undefined
  return () => (loaded ??= { module: load() }).module
}

export const exceljs = onFirstUse(() => require('exceljs') as typeof ExcelJS)
export const vega = onFirstUse(() => require('vega') as typeof Vega)
export const vegaLite = onFirstUse(() => require('vega-lite') as typeof VegaLite)
export const resvg = onFirstUse(() => require('@resvg/resvg-js') as typeof Resvg)
export const nodemailer = onFirstUse(() => require('nodemailer') as typeof Nodemailer)
export const qrcode = onFirstUse(() => require('qrcode') as typeof QRCode)
/** The Word writer rather than docx itself: it uses two dozen of docx's classes at module level. */
export const docxWriter = onFirstUse(() => require('./annualReport/renderDocx') as typeof DocxWriter)
