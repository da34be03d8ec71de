/**
 * Writes the annual report's content as an editable Word document with the `docx` library: a title
 * page, a table of contents (a TOC field, filled in from the headings so it reads before Word or
 * LibreOffice updates it), then each section under a level 1 heading, tables as real Word tables
 * (so the coordinator can edit them) and charts as PNG images with their alternative text.
 * The unsuppressed report carries the confidential mark in the header and the footer of every page.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
} from 'docx'
import type { AnnualReportContent, Block } from './content'

/** A4 less 2.5 cm margins, in twentieths of a point. */
const TEXT_WIDTH = 11906 - 2 * 1417
const FONT = 'Arial'
const BULLETS = 'report-bullets'
const RED = 'B10E1E'

const paragraph = (text: string) => new Paragraph({ children: [new TextRun(text)], spacing: { after: 160 } })

function table(block: Extract<Block, { kind: 'table' }>): (Paragraph | Table)[] {
  const columns = Math.max(1, block.head.length)
  const first = block.head[0] === '' || columns > 2 ? Math.round(TEXT_WIDTH * (columns > 4 ? 0.3 : 0.4)) : 0
  const rest = Math.floor((TEXT_WIDTH - first) / Math.max(1, first ? columns - 1 : columns))
  const widths = block.head.map((_, i) => (i === 0 && first ? first : rest))
  const border = { style: BorderStyle.SINGLE, size: 4, color: 'B1B4B6' }
  const cell = (text: string, i: number, header: boolean) =>
    new TableCell({
      width: { size: widths[i], type: WidthType.DXA },
      shading: header ? { type: ShadingType.CLEAR, color: 'auto', fill: 'F3F2F1' } : undefined,
      children: [
        new Paragraph({
          alignment: i === 0 ? AlignmentType.LEFT : AlignmentType.RIGHT,
          children: [new TextRun({ text, bold: header, size: 18 })],
        }),
      ],
    })
  return [
    new Paragraph({
      keepNext: true,
      spacing: { before: 120, after: 60 },
      children: [new TextRun({ text: block.caption, bold: true })],
    }),
    new Table({
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: widths,
      borders: {
        top: border,
        bottom: border,
        left: border,
        right: border,
        insideHorizontal: border,
        insideVertical: border,
      },
      rows: [
        new TableRow({ tableHeader: true, children: block.head.map((text, i) => cell(text, i, true)) }),
        ...block.rows.map(
          row => new TableRow({ cantSplit: true, children: row.map((text, i) => cell(text, i, false)) }),
        ),
      ],
    }),
    new Paragraph({ spacing: { after: 120 }, children: [] }),
  ]
}

function blocks(block: Block): (Paragraph | Table)[] {
  switch (block.kind) {
    case 'paragraph':
      return [paragraph(block.text)]
    case 'subheading':
      return [new Paragraph({ heading: HeadingLevel.HEADING_2, keepNext: true, children: [new TextRun(block.text)] })]
    case 'bullets':
      return block.items.map(
        item => new Paragraph({ numbering: { reference: BULLETS, level: 0 }, children: [new TextRun(item)] }),
      )
    case 'table':
      return table(block)
    case 'chart':
      return [
        new Paragraph({
          keepNext: true,
          children: [
            new ImageRun({
              type: 'png',
              data: block.png,
              transformation: { width: block.width, height: block.height },
              altText: { name: block.tableId, title: block.title, description: block.description },
            }),
          ],
        }),
      ]
  }
}

function markParagraph(content: AnnualReportContent, where: 'header' | 'footer'): Paragraph[] {
  const mark = content.confidentialMark
  const pages = new TextRun({ children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES], size: 18 })
  if (where === 'header') {
    return [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: mark
          ? [new TextRun({ text: mark, bold: true, color: RED, size: 20 })]
          : [new TextRun({ text: content.title, size: 18, color: '505A5F' })],
      }),
    ]
  }
  return [
    ...(mark
      ? [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [new TextRun({ text: mark, bold: true, color: RED, size: 20 })],
          }),
        ]
      : []),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [pages] }),
  ]
}

function titlePage(content: AnnualReportContent): Paragraph[] {
  return [
    new Paragraph({ spacing: { before: 2400 }, children: [] }),
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(content.panelName)] }),
    new Paragraph({
      spacing: { after: 240 },
      children: [new TextRun({ text: `Annual report ${content.financialYear}`, size: 40, bold: true })],
    }),
    ...(content.localAuthority
      ? [new Paragraph({ children: [new TextRun({ text: content.localAuthority, size: 32 })] })]
      : []),
    paragraph(content.subtitle),
    ...(content.confidentialMark
      ? [
          new Paragraph({
            children: [new TextRun({ text: content.confidentialMark, bold: true, color: RED, size: 28 })],
          }),
        ]
      : []),
    paragraph(`Produced on ${content.producedAt.slice(0, 10)} by the child death review service.`),
    new Paragraph({ children: [new PageBreak()] }),
  ]
}

export async function renderDocx(content: AnnualReportContent): Promise<Buffer> {
  const body = content.sections.flatMap((section, i) => [
    new Paragraph({
      heading: HeadingLevel.HEADING_1,
      pageBreakBefore: i > 0,
      children: [new TextRun(section.heading)],
    }),
    ...section.blocks.flatMap(blocks),
  ])
  const doc = new Document({
    creator: content.panelName,
    title: content.title,
    description: content.confidentialMark ?? `Annual report ${content.financialYear}`,
    styles: {
      default: {
        document: { run: { font: FONT, size: 22 } },
        heading1: {
          run: { font: FONT, size: 36, bold: true, color: '0B0C0C' },
          paragraph: { spacing: { before: 240, after: 200 } },
        },
        heading2: {
          run: { font: FONT, size: 26, bold: true, color: '0B0C0C' },
          paragraph: { spacing: { before: 240, after: 120 } },
        },
        title: { run: { font: FONT, size: 56, bold: true, color: '0B0C0C' } },
      },
    },
    numbering: {
      config: [
        {
          reference: BULLETS,
          levels: [
            {
              level: 0,
              format: LevelFormat.BULLET,
              text: '•',
              alignment: AlignmentType.LEFT,
              style: { paragraph: { indent: { left: 720, hanging: 360 } } },
            },
          ],
        },
      ],
    },
    sections: [
      {
        properties: {
          page: { size: { width: 11906, height: 16838 }, margin: { top: 1417, bottom: 1417, left: 1417, right: 1417 } },
        },
        headers: { default: new Header({ children: markParagraph(content, 'header') }) },
        footers: { default: new Footer({ children: markParagraph(content, 'footer') }) },
        children: [
          ...titlePage(content),
          new Paragraph({
            spacing: { after: 200 },
            children: [new TextRun({ text: 'Contents', bold: true, size: 36 })],
          }),
          new TableOfContents('Contents', { hyperlink: true, headingStyleRange: '1-2' }),
          new Paragraph({ children: [new PageBreak()] }),
          ...body,
        ],
      },
    ],
  })
  return Packer.toBuffer(doc)
}
