import DataVersionCache from '../../../src/services/dataVersionCache'

/** A cache over a version the test moves by hand, counting how often the release is made. */
function setUp(size?: number) {
  const state = { version: 1, made: 0 }
  const cache = new DataVersionCache<{ figure: number; cells: number[] }>(async () => String(state.version), size)
  const make = (figure: number) => async () => {
    state.made += 1
    return { figure, cells: [figure] }
  }
  return { state, cache, make }
}

describe('the cache kept by data version', () => {
  it('makes a release once per version of the data, and again when the version moves', async () => {
    const { state, cache, make } = setUp()
    expect(await cache.get('2016-17', make(5))).toEqual({ figure: 5, cells: [5] })
    expect(await cache.get('2016-17', make(99))).toEqual({ figure: 5, cells: [5] })
    expect(state.made).toBe(1)
    state.version = 2
    expect(await cache.get('2016-17', make(6))).toEqual({ figure: 6, cells: [6] })
    expect(state.made).toBe(2)
  })

  it('keeps nothing when the data changed while the release was being made', async () => {
    const { state, cache } = setUp()
    const racing = async () => {
      state.made += 1
      state.version += 1 // a commit lands between the two reads of the version
      return { figure: state.made, cells: [] }
    }
    expect((await cache.get('2016-17', racing)).figure).toBe(1)
    expect((await cache.get('2016-17', racing)).figure).toBe(2)
    expect(state.made).toBe(2)
  })

  it('keys releases apart and hands out copies, so a caller cannot change what the next one gets', async () => {
    const { cache, make } = setUp()
    const first = await cache.get('2016-17', make(1))
    first.cells.push(1000)
    expect(await cache.get('2017-18', make(2))).toEqual({ figure: 2, cells: [2] })
    const again = await cache.get('2016-17', make(3))
    expect(again).toEqual({ figure: 1, cells: [1] })
    again.cells.length = 0
    expect((await cache.get('2016-17', make(3))).cells).toEqual([1])
  })

  it('lets the least recently used release go first when full', async () => {
    const { state, cache, make } = setUp(2)
    await cache.get('a', make(1))
    await cache.get('b', make(2))
    await cache.get('a', make(1)) // a is now the most recent
    await cache.get('c', make(3)) // b goes
    expect(state.made).toBe(3)
    await cache.get('a', make(1))
    expect(state.made).toBe(3)
    await cache.get('b', make(2))
    expect(state.made).toBe(4)
  })

  it('keeps no release whose making failed', async () => {
    const { state, cache, make } = setUp()
    await expect(
      cache.get('2016-17', async () => {
        throw new Error('the database went away')
      }),
    ).rejects.toThrow('went away')
    expect(await cache.get('2016-17', make(7))).toEqual({ figure: 7, cells: [7] })
    expect(state.made).toBe(1)
  })
})
