import { isUtf8 } from 'node:buffer'
import { Transform, TransformCallback } from 'node:stream'

const NEWLINE = 0x0a

export type InvalidUtf8Error = Error & { code: 'INVALID_UTF8'; line: number }

/** The error when the bytes are not UTF-8; `line` is the file's line (1-based) with the first bad byte. */
function invalidUtf8(line: number): InvalidUtf8Error {
  return Object.assign(new Error(`Line ${line} of the file is not UTF-8 text`), { code: 'INVALID_UTF8' as const, line })
}

export const isInvalidUtf8 = (error: unknown): error is InvalidUtf8Error =>
  error instanceof Error && (error as { code?: unknown }).code === 'INVALID_UTF8'

/** Bytes at the end of `bytes` that start a character whose remaining bytes have not arrived yet. */
function incompleteTail(bytes: Buffer): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back += 1) {
    const byte = bytes[bytes.length - back]
    if ((byte & 0xc0) === 0x80) continue // a continuation byte: keep looking for the lead byte
    let length = 1
    if ((byte & 0xe0) === 0xc0) length = 2
    else if ((byte & 0xf0) === 0xe0) length = 3
    else if ((byte & 0xf8) === 0xf0) length = 4
    return length > back ? back : 0
  }
  return 0
}

function countLines(bytes: Buffer): number {
  let count = 0
  for (let at = bytes.indexOf(NEWLINE); at !== -1; at = bytes.indexOf(NEWLINE, at + 1)) count += 1
  return count
}

/** Lines before the first line that is not UTF-8. A newline byte never occurs inside a UTF-8 character. */
function linesBeforeBadLine(bytes: Buffer): number {
  let start = 0
  let line = 0
  for (;;) {
    const end = bytes.indexOf(NEWLINE, start)
    if (!isUtf8(bytes.subarray(start, end === -1 ? bytes.length : end))) return line
    if (end === -1) return line
    start = end + 1
    line += 1
  }
}

/**
 * Passes bytes through only if they are UTF-8, so a file saved in another encoding is refused
 * with the line to look at rather than imported as mojibake. A character split across two chunks
 * is held back until its last byte arrives.
 */
export class Utf8Check extends Transform {
  private carry: Buffer = Buffer.alloc(0)
  private line = 1

  /** `observe` sees every chunk of bytes as it arrives, e.g. to hash the file. */
  constructor(private readonly observe: (chunk: Buffer) => void = () => undefined) {
    super()
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.observe(chunk)
    const bytes = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk
    const complete = bytes.subarray(0, bytes.length - incompleteTail(bytes))
    this.carry = Buffer.from(bytes.subarray(complete.length))
    if (!isUtf8(complete)) {
      callback(invalidUtf8(this.line + linesBeforeBadLine(complete)))
      return
    }
    this.line += countLines(complete)
    callback(null, complete.length ? complete : undefined)
  }

  override _flush(callback: TransformCallback): void {
    callback(this.carry.length ? invalidUtf8(this.line) : null)
  }
}
