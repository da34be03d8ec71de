import { ConnectionRefusedError, DatabaseError } from 'sequelize'
import { isDatabaseUnavailable } from '../../../src/db/databaseUnavailable'
import { rateLimitedLog } from '../../../src/logging/rateLimitedLog'

describe('telling an outage from a fault', () => {
  it('recognises the ways the database being away shows itself', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })
    expect(isDatabaseUnavailable(refused)).toBe(true)
    expect(isDatabaseUnavailable(new ConnectionRefusedError(refused))).toBe(true)
    const shutdown = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })
    expect(isDatabaseUnavailable(new DatabaseError(shutdown as never))).toBe(true)
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true)
    expect(
      isDatabaseUnavailable(Object.assign(new Error('the database system is starting up'), { code: '57P03' })),
    ).toBe(true)
  })

  it('leaves real faults as faults', () => {
    const constraint = Object.assign(new Error('violates check constraint'), { code: '23514' })
    expect(isDatabaseUnavailable(new DatabaseError(constraint as never))).toBe(false)
    expect(isDatabaseUnavailable(new TypeError('x is undefined'))).toBe(false)
    expect(isDatabaseUnavailable(undefined)).toBe(false)
  })
})

describe('a rate-limited log line', () => {
  it('writes the first occurrence, then at most once per interval with the count it held back', () => {
    let time = 0
    const written: number[] = []
    const log = rateLimitedLog(
      60_000,
      suppressed => written.push(suppressed),
      () => time,
    )
    for (let i = 0; i < 100; i += 1) log()
    time = 59_999
    log()
    expect(written).toEqual([0])
    time = 60_000
    log()
    expect(written).toEqual([0, 100])
  })
})
