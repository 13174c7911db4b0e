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
 * `holdAfter(count)` makes it a stuck server: once `count` messages have arrived, each further message waits at
 * its first RCPT TO until `release()`, so a test can catch senders in the middle of a message.
 */
export async function startSmtpSink() {
  const received: ReceivedMail[] = [];
  const rejections = new Map<string, number[]>();
  let holdFrom: number | null = null;
  const holding = new Map<string, () => void>();
  // Connections with a message under way: a recipient accepted, the data not all received yet.
  const underWay = new Set<string>();
  const port = freePortSync();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address: SMTPServerAddress, session, callback) {
      const codes = rejections.get(address.address.toLowerCase());
      const code = codes?.shift();
      if (code) {
        const error = Object.assign(new Error(`${code} mailbox unavailable for ${address.address}`), {
          responseCode: code,
        });
        return callback(error);
      }
      const accept = () => {
        underWay.add(session.id);
        callback();
      };
      const first = session.envelope.rcptTo.length === 0;
      if (first && holdFrom !== null && received.length >= holdFrom) holding.set(session.id, accept);
      else accept();
    },
    onClose(session) {
      holding.delete(session.id);
      underWay.delete(session.id);
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
        underWay.delete(session.id);
        callback();
      });
    },
  });
  // A sender killed mid-message resets its connection: that is no fault of the server's.
  server.on('error', () => undefined);
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
    holdAfter(count: number) {
      holdFrom = count;
    },
    /** How many messages wait at their first RCPT TO. */
    get held() {
      return holding.size;
    },
    /** How many messages are under way: past RCPT TO, not yet received whole (nor their connection closed). */
    get underWay() {
      return underWay.size;
    },
    release() {
      holdFrom = null;
      const waiting = [...holding.values()];
      holding.clear();
      for (const accept of waiting) accept();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
