import type { Request, Response } from 'express'
import createError from 'http-errors'
import createErrorHandler from '../../../src/errorHandler'

function handle(production: boolean, error: Error & { status?: number; code?: string }) {
  const rendered: { view?: string; data?: Record<string, unknown>; status?: number } = {}
  const res = {
    headersSent: false,
    status(code: number) {
      rendered.status = code
      return this
    },
    render(view: string, data: Record<string, unknown>) {
      rendered.view = view
      rendered.data = data
    },
  } as unknown as Response
  const req = { id: 'req-123', path: '/x', accepts: () => 'html' } as unknown as Request
  createErrorHandler(production)(error as never, req, res, () => undefined)
  return rendered
}

describe('the error handler', () => {
  it('hides the detail of a fault in production but shows the request id', () => {
    const result = handle(true, new Error('database password is hunter2'))
    expect(result.status).toBe(500)
    expect(result.view).toBe('pages/errors/server-error')
    expect(result.data).toMatchObject({ details: undefined, message: undefined, requestId: 'req-123' })
  })

  it('shows the stack of a fault to developers outside production', () => {
    const result = handle(false, new Error('boom'))
    expect(String(result.data!.details)).toContain('Error: boom')
  })

  it('renders friendly pages for expected refusals', () => {
    expect(handle(true, createError(404)).view).toBe('pages/errors/not-found')
    expect(handle(true, createError(403, 'Nope')).data).toMatchObject({ message: 'Nope' })
    const csrf = handle(true, createError(403, 'invalid csrf token', { code: 'EBADCSRFTOKEN' }))
    expect(csrf.view).toBe('pages/errors/form-expired')
    expect(handle(false, createError(413)).data).toMatchObject({
      pageTitle: 'What you sent was too large',
      details: undefined,
    })
  })
})
