import { serializeError } from '../../../src/logger'

describe('logging an error', () => {
  it('keeps what identifies the fault and drops the values a database error carries', () => {
    const error = Object.assign(new Error('new row for relation "cases" violates check constraint'), {
      name: 'SequelizeDatabaseError',
      sql: "INSERT INTO cases VALUES ('Alex', 'Example', '9434765919')",
      parameters: ['Alex', 'Example', '9434765919'],
      parent: {
        code: '23514',
        constraint: 'cases_under_18',
        detail: 'Failing row contains (Alex, Example, 9434765919)',
      },
    })
    const logged = JSON.stringify(serializeError(error))
    expect(logged).not.toMatch(/Alex|Example|9434765919/)
    expect(serializeError(error)).toMatchObject({
      type: 'SequelizeDatabaseError',
      code: '23514',
      constraint: 'cases_under_18',
    })
  })

  it('keeps the message of ordinary errors', () => {
    expect(serializeError(new Error('boom'))).toMatchObject({ type: 'Error', message: 'boom' })
    expect(serializeError('text')).toEqual({ message: 'text' })
  })
})
