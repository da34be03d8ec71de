import { Request, Response } from 'express'
import { stringify } from 'csv-stringify'
import type AuditService from '../../services/auditService'
import type AuditBrowser from '../../services/auditBrowser'
import type { AuditFilter, AuditPageRow } from '../../services/auditBrowser'
import type UserService from '../../services/userService'
import { actionLabel, auditActionCodes, describeAuditEvent, idsIn, isAuditAction } from '../../domain/auditWording'
import { auditContext } from '../auditContextOf'
import { addError, FormErrors, hasErrors, noErrors, text } from '../../utils/formErrors'
import { readDateInput } from '../../utils/dateInput'
import paths from '../../paths'

const PAGE_SIZE = 50
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const CASE_REF = /^CDOP-\d{4}-\d{4,6}$/
const ROW_ID = /^\d{1,18}$/

interface FormValues {
  person: string
  caseRef: string
  action: string
  raw: Record<string, string>
}

/** A cell a spreadsheet would run as a formula is written as text. */
const cell = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value)

/**
 * The audit log for administrators: filtered by person, case, action and dates, in words, newest
 * first with keyset paging (no count of the whole table), and exported as CSV. Reading and
 * exporting it are themselves audited.
 */
export default class AuditLogController {
  constructor(
    private readonly auditService: AuditService,
    private readonly browser: AuditBrowser,
    private readonly userService: UserService,
  ) {}

  private async readFilter(req: Request): Promise<{ values: FormValues; filter: AuditFilter; errors: FormErrors }> {
    const q = req.query
    const errors = noErrors()
    const values: FormValues = {
      person: text(q, 'person', 100),
      caseRef: text(q, 'caseRef', 100).toUpperCase(),
      action: text(q, 'action', 100),
      raw: {},
    }
    const filter: AuditFilter = {}
    if (values.person) {
      if (!UUID.test(values.person) || !(await this.userService.findById(values.person))) {
        addError(errors, 'person', 'Select a person from the list')
      } else filter.actorUserId = values.person
    }
    if (values.caseRef) {
      if (!CASE_REF.test(values.caseRef)) {
        addError(errors, 'caseRef', 'Enter a case reference in the format CDOP-2025-0001')
      } else {
        const caseId = await this.browser.caseIdFor(values.caseRef)
        if (!caseId) addError(errors, 'caseRef', `There is no case with the reference ${values.caseRef}`)
        else filter.caseId = caseId
      }
    }
    if (values.action) {
      if (!isAuditAction(values.action)) addError(errors, 'action', 'Select an action from the list')
      else filter.action = values.action
    }
    const from = readDateInput(q, 'from', 'the first day')
    const to = readDateInput(q, 'to', 'the last day')
    values.raw = { ...from.raw, ...to.raw }
    if (from.error) addError(errors, 'from', from.error.text, from.error.href)
    if (to.error) addError(errors, 'to', to.error.text, to.error.href)
    if (from.value) filter.from = from.value
    if (to.value) filter.to = to.value
    if (from.value && to.value && from.value > to.value) {
      addError(errors, 'to', 'The last day must be the same as or after the first day', '#to-day')
    }
    return { values, filter, errors }
  }

  /** The filters as a query string, for paging and the export link (only what was typed). */
  private static queryOf(values: FormValues, extra: Record<string, string> = {}): string {
    const entries = Object.entries({
      person: values.person,
      caseRef: values.caseRef,
      action: values.action,
      ...values.raw,
      ...extra,
    })
    return new URLSearchParams(entries.filter(([, v]) => v)).toString()
  }

  private async describe(rows: AuditPageRow[]) {
    const ids = rows.map(idsIn)
    const names = await this.browser.names(
      ids.flatMap(i => i.caseIds),
      ids.flatMap(i => i.userIds),
    )
    return { names, describe: (row: AuditPageRow) => describeAuditEvent(row, names) }
  }

  view = async (req: Request, res: Response): Promise<void> => {
    const { values, filter, errors } = await this.readFilter(req)
    const people = (await this.userService.list()).map(u => ({ value: u.id, text: u.name }))
    const actions = auditActionCodes
      .map(code => ({ value: code, text: actionLabel(code) }))
      .sort((a, b) => a.text.localeCompare(b.text))
    const render = (status: number, page: { rows: AuditPageRow[]; newer: string | null; older: string | null }) =>
      res
        .status(status)
        .render('pages/admin/audit', { values, people, actions, ...page, ...errors, q: AuditLogController.queryOf })
    if (hasErrors(errors)) return render(400, { rows: [], newer: null, older: null })

    const before = text(req.query, 'before', 30)
    const after = text(req.query, 'after', 30)
    const cursor = { before: ROW_ID.test(before) ? before : undefined, after: ROW_ID.test(after) ? after : undefined }
    const page = await this.browser.page(filter, cursor, PAGE_SIZE)
    const { describe } = await this.describe(page.rows)
    await this.auditService.record(auditContext(req), {
      action: 'audit_log_viewed',
      details: { filter, ...cursor, shown: page.rows.length },
    })
    return render(200, { ...page, rows: page.rows.map(row => ({ ...row, description: describe(row) })) })
  }

  exportCsv = async (req: Request, res: Response): Promise<void> => {
    const { values, filter, errors } = await this.readFilter(req)
    if (hasErrors(errors)) {
      res.redirect(`${paths.admin.audit}?${AuditLogController.queryOf(values)}`)
      return
    }
    // Recorded before any row leaves, so an export cut short is on the record too.
    await this.auditService.record(auditContext(req), { action: 'audit_log_exported', details: { filter } })
    res.setHeader('Content-Type', 'text/csv; charset=utf-8')
    res.setHeader('Content-Disposition', 'attachment; filename="audit-log.csv"')
    const csv = stringify({
      header: true,
      bom: true,
      columns: [
        'Sequence',
        'When (UTC)',
        'Who',
        'Action',
        'What happened',
        'Record type',
        'Record id',
        'Request id',
        'Address',
        'Details',
      ],
    })
    csv.pipe(res)
    for await (const rows of this.browser.all(filter)) {
      const { describe } = await this.describe(rows)
      for (const row of rows) {
        const ok = csv.write([
          row.seq ?? '',
          new Date(row.occurredAt).toISOString(),
          cell(row.actorName ?? (row.actorUserId ? 'Account no longer known' : 'The service or an agency contact')),
          row.action,
          cell(describe(row)),
          row.entityType ?? '',
          cell(row.entityId ?? ''),
          cell(row.requestId ?? ''),
          cell(row.ip ?? ''),
          cell(JSON.stringify(row.details ?? {})),
        ])
        if (!ok) await new Promise(resolve => csv.once('drain', resolve))
      }
    }
    csv.end()
  }
}
