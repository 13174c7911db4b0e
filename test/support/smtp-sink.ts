import { SMTPServer, type SMTPServerAddress } from 'smtp-server';
import { freePortSync } from './ports.js';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

/**
 * A real SMTP server in the test process that keeps what it receives. `rejectNext(address, code)` makes the
 * next RCPT TO for that address fail with the given code (4xx: try again later; 5xx: refused for good).
 */
export async function startSmtpSink() {
  const received: ReceivedMail[] = [];
  const rejections = new Map<string, number[]>();
  const port = freePortSync();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      const codes = rejections.get(address.address.toLowerCase());
      const code = codes?.shift();
      if (code) {
        const error = Object.assign(new Error(`${code} mailbox unavailable for ${address.address}`), {
          responseCode: code,
        });
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
          raw,
        });
        callback();
      });
    },
  });
  const connections = { opened: 0 };
  (server as unknown as { server: import('node:net').Server }).server.on('connection', () => connections.opened++);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    /** How many SMTP connections clients have opened. */
    connections,
    rejectNext(address: string, ...codes: number[]) {
      rejections.set(address.toLowerCase(), codes);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
