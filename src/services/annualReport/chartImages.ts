/**
 * The report page's SVG charts as PNG images for Word, which cannot be relied on to show SVG (older
 * Word and LibreOffice versions show nothing, or only a fallback). Converted with resvg, a Rust SVG
 * renderer shipped as prebuilt binaries in npm packages, so it needs no network, browser or canvas.
 */
import crypto from 'node:crypto'
import { resvg as loadResvg } from '../loadedOnFirstUse'
import { svgSize } from '../statistics/charts'

/** Width of the report's text column, in pixels at 96 dpi (A4 less 2.5 cm margins is about 605). */
export const MAX_IMAGE_WIDTH = 600

/** Drawn at twice the size it is shown at, so it stays sharp when printed. */
const RESOLUTION = 2

export interface PngImage {
  png: Buffer
  /** The size to show it at, in pixels at 96 dpi. */
  width: number
  height: number
}

export function svgToPng(svg: string): PngImage {
  const size = svgSize(svg)
  const natural = Number.isFinite(size.width) && size.width > 0 ? size.width : MAX_IMAGE_WIDTH
  const width = Math.min(MAX_IMAGE_WIDTH, natural)
  const resvg = new (loadResvg().Resvg)(svg, {
    fitTo: { mode: 'width', value: Math.round(width * RESOLUTION) },
    background: 'white',
    // The charts ask for Arial; Liberation Sans has its measurements where Arial is not installed.
    font: { loadSystemFonts: true, defaultFontFamily: 'Liberation Sans', sansSerifFamily: 'Liberation Sans' },
  })
  const rendered = resvg.render()
  const png = rendered.asPng()
  const height = Math.round((rendered.height / rendered.width) * width)
  return { png, width: Math.round(width), height }
}

/** PNGs kept, by the SHA-256 of their SVG: converting is most of the time a report takes. */
export const PNG_CACHE_SIZE = 128

/** `svgToPng` remembering its last PNG_CACHE_SIZE results, least recently used out first. */
export function createPngCache(convert: (svg: string) => PngImage = svgToPng, size = PNG_CACHE_SIZE) {
  const cache = new Map<string, PngImage>()
  return (svg: string): PngImage => {
    const key = crypto.createHash('sha256').update(svg).digest('hex')
    let image = cache.get(key)
    if (image) cache.delete(key)
    else image = convert(svg)
    cache.set(key, image)
    while (cache.size > size) cache.delete(cache.keys().next().value!)
    return image
  }
}
