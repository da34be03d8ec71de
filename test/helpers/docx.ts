/**
 * Reads a Word document the way a test needs it: the text of its body, header and footer parts,
 * its headings, its tables (each with the caption paragraph before it) and its images, from the
 * XML inside the .docx (a zip), with jszip.
 */
import zlib from 'node:zlib'
import JSZip from 'jszip'

export interface DocxTable {
  caption: string
  rows: string[][]
}

export interface ParsedDocx {
  /** Every paragraph's text, in order (table cells included). */
  paragraphs: string[]
  text: string
  headings: { level: number; text: string }[]
  tables: DocxTable[]
  headers: string[]
  footers: string[]
  /** XML of the header and footer parts, for fields such as PAGE. */
  headerFooterXml: string
  images: { name: string; data: Buffer }[]
  documentXml: string
}

const decode = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')

/** The text of one paragraph: its w:t runs joined. */
export const paragraphText = (xml: string): string =>
  [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map(m => decode(m[1])).join('')

const paragraphsOf = (xml: string) => [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map(m => m[0])

export async function parseDocx(body: Buffer): Promise<ParsedDocx> {
  const zip = await JSZip.loadAsync(body)
  const read = async (name: string) => (await zip.file(name)?.async('string')) ?? ''
  const documentXml = await read('word/document.xml')
  const bodyXml = documentXml.slice(documentXml.indexOf('<w:body>'))
  const headings: ParsedDocx['headings'] = []
  const tables: DocxTable[] = []
  let lastParagraph = ''
  // Top-level blocks in order: a table (cells' paragraphs inside) or a paragraph.
  for (const m of bodyXml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>|<w:p[ >][\s\S]*?<\/w:p>/g)) {
    const xml = m[0]
    if (xml.startsWith('<w:tbl>')) {
      const rows = [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map(r =>
        [...r[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map(c => paragraphsOf(c[0]).map(paragraphText).join('\n')),
      )
      tables.push({ caption: lastParagraph, rows })
      continue
    }
    const style = /<w:pStyle w:val="([^"]+)"/.exec(xml)?.[1]
    const text = paragraphText(xml)
    const level = style && /^Heading(\d)$/.exec(style)
    if (level) headings.push({ level: Number(level[1]), text })
    if (text) lastParagraph = text
  }
  const partNames = Object.keys(zip.files)
  const parts = async (prefix: string) =>
    Promise.all(partNames.filter(n => n.startsWith(`word/${prefix}`) && n.endsWith('.xml')).map(read))
  const headerXml = await parts('header')
  const footerXml = await parts('footer')
  const images = await Promise.all(
    partNames
      .filter(n => n.startsWith('word/media/'))
      .map(async name => ({ name, data: Buffer.from(await zip.file(name)!.async('uint8array')) })),
  )
  const paragraphs = paragraphsOf(bodyXml).map(paragraphText)
  return {
    paragraphs,
    text: paragraphs.join('\n'),
    headings,
    tables,
    headers: headerXml.map(x => paragraphsOf(x).map(paragraphText).join('\n')),
    footers: footerXml.map(x => paragraphsOf(x).map(paragraphText).join('\n')),
    headerFooterXml: [...headerXml, ...footerXml].join('\n'),
    images,
    documentXml,
  }
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** The width and height of a PNG from its IHDR chunk, or null when it is not a PNG. */
export function pngSize(data: Buffer): { width: number; height: number } | null {
  if (data.length < 33 || !data.subarray(0, 8).equals(PNG_SIGNATURE)) return null
  if (data.subarray(12, 16).toString('ascii') !== 'IHDR') return null
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) }
}

/**
 * Whether a PNG is whole: signature, header, every chunk's CRC, and image data that inflates to
 * exactly the rows its header says (8-bit images).
 */
export function isValidPng(data: Buffer): boolean {
  const size = pngSize(data)
  if (!size || size.width === 0 || size.height === 0) return false
  const channels: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }
  const bitDepth = data[24]
  const bpp = channels[data[25]]
  if (bitDepth !== 8 || !bpp) return false
  const idat: Buffer[] = []
  let offset = 8
  let ended = false
  while (offset + 12 <= data.length) {
    const length = data.readUInt32BE(offset)
    const type = data.subarray(offset + 4, offset + 8)
    const chunk = data.subarray(offset + 8, offset + 8 + length)
    const crc = data.readUInt32BE(offset + 8 + length)
    if (zlib.crc32(Buffer.concat([type, chunk])) !== crc) return false
    if (type.toString('ascii') === 'IDAT') idat.push(chunk)
    if (type.toString('ascii') === 'IEND') {
      ended = true
      break
    }
    offset += 12 + length
  }
  if (!ended) return false
  const raw = zlib.inflateSync(Buffer.concat(idat))
  return raw.length === size.height * (1 + size.width * bpp)
}
