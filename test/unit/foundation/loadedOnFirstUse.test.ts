import { onFirstUse } from '../../../src/services/loadedOnFirstUse'

const LOADED_LATE = ['exceljs', 'docx', 'vega', 'vega-lite', '@resvg/resvg-js', 'nodemailer', 'qrcode']

describe('libraries loaded on first use', () => {
  it('loads once, on the first call, and returns the same module after', () => {
    const load = jest.fn(() => ({ loaded: true }))
    const module = onFirstUse(load)
    expect(load).not.toHaveBeenCalled()
    const first = module()
    expect(module()).toBe(first)
    expect(load).toHaveBeenCalledTimes(1)
  })

  it('keeps a module that loaded as undefined, and tries again after a load that threw', () => {
    const nothing = jest.fn(() => undefined)
    const empty = onFirstUse(nothing)
    empty()
    empty()
    expect(nothing).toHaveBeenCalledTimes(1)
    const failing = jest.fn().mockImplementationOnce(() => {
      throw new Error('not installed')
    })
    const flaky = onFirstUse(failing)
    expect(() => flaky()).toThrow('not installed')
    flaky()
    expect(failing).toHaveBeenCalledTimes(2)
  })

  it('builds the whole app and its services without loading any of them', () => {
    jest.isolateModules(() => {
      LOADED_LATE.forEach(name =>
        jest.doMock(name, () => {
          throw new Error(`${name} was loaded when the app started`)
        }),
      )
      expect(() => {
        jest.requireActual('../../../src/app')
        jest.requireActual('../../../src/services')
      }).not.toThrow()
    })
  })
})
