import net from 'node:net'

export interface ReceivedMail {
  from: string
  to: string[]
  data: string
}

/**
 * A minimal SMTP server (RFC 5321's plain commands, no TLS, no authentication) on a fixed port, so
 * a test can stop the mail server and start it again on the same address, as an operator would.
 */
export class TestSmtpServer {
  readonly received: ReceivedMail[] = []
  private server: net.Server | null = null
  private readonly sockets = new Set<net.Socket>()

  private constructor(readonly port: number) {}

  /** A server on a port that was free a moment ago; not listening until `start`. */
  static async onFreePort(): Promise<TestSmtpServer> {
    const probe = net.createServer()
    await new Promise<void>(resolve => probe.listen(0, '127.0.0.1', resolve))
    const { port } = probe.address() as net.AddressInfo
    await new Promise<void>(resolve => probe.close(() => resolve()))
    return new TestSmtpServer(port)
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`
  }

  async start(): Promise<void> {
    const server = net.createServer(socket => this.converse(socket))
    await new Promise<void>(resolve => server.listen(this.port, '127.0.0.1', resolve))
    this.server = server
  }

  async stop(): Promise<void> {
    const server = this.server
    if (!server) return
    this.server = null
    this.sockets.forEach(socket => socket.destroy())
    await new Promise<void>(resolve => server.close(() => resolve()))
  }

  private converse(socket: net.Socket): void {
    this.sockets.add(socket)
    socket.on('close', () => this.sockets.delete(socket))
    socket.on('error', () => undefined)
    let buffer = ''
    let mail: ReceivedMail = { from: '', to: [], data: '' }
    let inData = false
    const reply = (line: string) => socket.write(`${line}\r\n`)
    reply('220 test.invalid ESMTP')
    socket.on('data', chunk => {
      buffer += chunk.toString('utf8')
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n')
          if (end < 0) return
          mail.data = buffer.slice(0, end)
          buffer = buffer.slice(end + 5)
          inData = false
          this.received.push(mail)
          mail = { from: '', to: [], data: '' }
          reply('250 queued')
          continue
        }
        const newline = buffer.indexOf('\r\n')
        if (newline < 0) return
        const line = buffer.slice(0, newline)
        buffer = buffer.slice(newline + 2)
        const command = line.slice(0, 4).toUpperCase()
        if (command === 'EHLO') {
          reply('250-test.invalid')
          reply('250 8BITMIME')
        } else if (command === 'HELO' || command === 'NOOP' || command === 'RSET') reply('250 OK')
        else if (command === 'MAIL') {
          mail.from = line.slice(10).trim()
          reply('250 OK')
        } else if (command === 'RCPT') {
          mail.to.push(line.slice(8).trim())
          reply('250 OK')
        } else if (command === 'DATA') {
          inData = true
          reply('354 go ahead')
        } else if (command === 'QUIT') {
          reply('221 bye')
          socket.end()
        } else reply('502 not implemented')
      }
    })
  }
}
