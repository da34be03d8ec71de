import { createPngCache, MAX_IMAGE_WIDTH, svgToPng } from '../../../src/services/annualReport/chartImages'
import { noteSvg } from '../../../src/services/statistics/charts'
import { isValidPng, pngSize } from '../../helpers/docx'

const wide =
  '<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="300" viewBox="0 0 1200 300"><rect width="1200" height="300" fill="#12436D"/></svg>'

describe('the annual report’s chart images', () => {
  it('turns a chart’s SVG into a whole PNG, drawn at twice the size it is shown at', () => {
    const image = svgToPng(noteSvg('All figures in this chart are suppressed.'))
    expect(isValidPng(image.png)).toBe(true)
    expect(image.width).toBe(520)
    expect(pngSize(image.png)).toEqual({ width: 1040, height: image.height * 2 })
  })

  it('shrinks a drawing wider than the page to the text width, keeping its shape', () => {
    const image = svgToPng(wide)
    expect(image).toMatchObject({ width: MAX_IMAGE_WIDTH, height: 150 })
    expect(isValidPng(image.png)).toBe(true)
  })

  it('converts each drawing once, and converts it again once it has been pushed out', () => {
    const calls: string[] = []
    const convert = (svg: string) => {
      calls.push(svg)
      return svgToPng(svg)
    }
    const toPng = createPngCache(convert, 2)
    const a = noteSvg('a')
    const b = noteSvg('b')
    const c = noteSvg('c')
    expect(toPng(a)).toBe(toPng(a))
    toPng(b)
    toPng(c) // pushes out a
    toPng(a)
    expect(calls).toEqual([a, b, c, a])
  })
})
