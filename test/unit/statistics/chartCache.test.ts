import type { Release } from '../../../src/domain/statistics/release'
import { createChartCache } from '../../../src/services/statistics/chartCache'
import type { Chart } from '../../../src/services/statistics/charts'

const release = (count: number, producedAt = '2026-12-01T10:00:00.000Z'): Release =>
  ({
    financialYear: '2024-25',
    mode: 'published',
    suppressMax: 5,
    producedAt,
    tables: [{ id: 'summary', title: 'Summary', rows: [], columns: [], values: { a: { b: count } } }],
  }) as unknown as Release

describe('the report page chart cache', () => {
  const drawing = () => {
    const calls: number[] = []
    const draw = async (r: Release) => {
      calls.push((r.tables[0].values as Record<string, Record<string, number>>).a.b)
      return [{ tableId: 'summary', svg: `<svg>${calls.length}</svg>` }] as unknown as Chart[]
    }
    return { calls, draw }
  }

  it('draws a release once, whenever it is produced, and again when any figure changes', async () => {
    const { calls, draw } = drawing()
    const charts = createChartCache(draw)
    const first = await charts(release(7), [])
    expect(await charts(release(7, '2026-12-01T11:00:00.000Z'), [])).toBe(first)
    expect(calls).toEqual([7])
    await charts(release(8), [])
    expect(calls).toEqual([7, 8])
    // The comparators are part of what is drawn.
    await charts(release(8), [{ year: '2024-25' } as never])
    expect(calls).toEqual([7, 8, 8])
  })

  it('keeps a bounded number of releases, dropping the least recently used', async () => {
    const { calls, draw } = drawing()
    const charts = createChartCache(draw, 2)
    await charts(release(1), [])
    await charts(release(2), [])
    await charts(release(1), []) // 1 is now the most recent
    await charts(release(3), []) // drops 2
    await charts(release(1), [])
    await charts(release(2), [])
    expect(calls).toEqual([1, 2, 3, 2])
  })

  it('does not keep a draw that failed', async () => {
    let fail = true
    const charts = createChartCache(async () => {
      if (fail) throw new Error('vega broke')
      return [] as Chart[]
    })
    await expect(charts(release(1), [])).rejects.toThrow('vega broke')
    fail = false
    await expect(charts(release(1), [])).resolves.toEqual([])
  })
})
