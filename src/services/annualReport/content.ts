/**
 * The annual report as plain content: sections of headings, paragraphs, tables and chart images,
 * assembled from the services by the section builders (sections.ts) and written out as a Word
 * document by renderDocx.ts. Nothing here knows about Word, so the words and figures can be checked
 * without opening a document.
 */
import type { ReleaseMode } from '../../domain/statistics/release'

export type Block =
  | { kind: 'paragraph'; text: string }
  | { kind: 'subheading'; text: string }
  | { kind: 'bullets'; items: string[] }
  | { kind: 'table'; id: string; caption: string; head: string[]; rows: string[][] }
  /** A chart drawn from a table's shown figures, as a PNG; the table and its sentence are its text alternative. */
  | { kind: 'chart'; tableId: string; title: string; png: Buffer; width: number; height: number; description: string }

export interface ReportSection {
  /** Stable identifier of the section, for tests and for the builders' order. */
  id: string
  heading: string
  blocks: Block[]
}

export interface AnnualReportContent {
  panelName: string
  financialYear: string
  mode: ReleaseMode
  /** Set when the whole report is about one local authority. */
  localAuthority: string | null
  title: string
  subtitle: string
  /** On every page (header and footer) of the unsuppressed report; null in published mode. */
  confidentialMark: string | null
  producedAt: string
  sections: ReportSection[]
}
