import { connect as tcpConnect, type Socket } from 'node:net'

/**
 * A few lines of the NATS text protocol over a TCP socket, as a service in any language would
 * speak it with no NATS library: plain JSON bodies, no busway headers.
 */
export interface RawNatsClient {
  publish(subject: string, body: string): void
  subscribe(subject: string): void
  /** Every message received so far: subject, headers block (HMSG) and body. */
  readonly messages: { subject: string; headers: string; body: string }[]
  /** Resolves once the server has answered a PING: everything sent before it was processed. */
  flush(): Promise<void>
  close(): void
}

export async function rawNatsClient(port: number): Promise<RawNatsClient> {
  const socket: Socket = tcpConnect(port, '127.0.0.1')
  socket.setEncoding('latin1')
  const messages: RawNatsClient['messages'] = []
  const pongs: (() => void)[] = []
  let buffer = ''
  let sid = 0
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject)
    socket.once('data', () => resolve()) // the server's INFO line
  })
  socket.on('data', (chunk: string) => {
    buffer += chunk
    for (;;) {
      const end = buffer.indexOf('\r\n')
      if (end < 0) return
      const line = buffer.slice(0, end)
      const [op, subject, , ...rest] = line.split(' ')
      if (op === 'PONG') {
        buffer = buffer.slice(end + 2)
        pongs.shift()?.()
      } else if (op === 'MSG' || op === 'HMSG') {
        // MSG <subject> <sid> [reply] <bytes>; HMSG <subject> <sid> [reply] <header bytes> <total bytes>
        const sizes = rest.map(Number)
        const total = sizes[sizes.length - 1]!
        const headerBytes = op === 'HMSG' ? sizes[sizes.length - 2]! : 0
        if (buffer.length < end + 2 + total + 2) return
        const block = buffer.slice(end + 2, end + 2 + total)
        buffer = buffer.slice(end + 2 + total + 2)
        const decode = (text: string) => Buffer.from(text, 'latin1').toString('utf8')
        messages.push({ subject: subject!, headers: decode(block.slice(0, headerBytes)), body: decode(block.slice(headerBytes)) })
      } else {
        buffer = buffer.slice(end + 2) // INFO, +OK, PING (answered below), -ERR
        if (op === 'PING') socket.write('PONG\r\n')
      }
    }
  })
  socket.write('CONNECT {"verbose":false,"pedantic":false,"headers":true,"no_responders":true}\r\n')
  return {
    messages,
    publish(subject, body) {
      const bytes = Buffer.from(body, 'utf8')
      socket.write(`PUB ${subject} ${bytes.length}\r\n`)
      socket.write(Buffer.concat([bytes, Buffer.from('\r\n')]))
    },
    subscribe(subject) {
      socket.write(`SUB ${subject} ${++sid}\r\n`)
    },
    flush: () =>
      new Promise<void>((resolve) => {
        pongs.push(resolve)
        socket.write('PING\r\n')
      }),
    close: () => socket.destroy(),
  }
}
