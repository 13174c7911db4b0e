// A discarding SMTP server for the nudge section: it accepts every message, keeps only its Message-ID and
// recipients (one line each in a mail log), and throws the rest away. Adapted from test/support/smtp-sink.ts.
import { createWriteStream } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { SMTPServer } from 'smtp-server';
import { freePort } from '../services.mjs';

/** Starts the sink on a free port of 127.0.0.1; `logFile` receives "<ms> <Message-ID> <recipients>" lines. */
export async function startSmtpSink(logFile) {
  const port = await freePort();
  const log = createWriteStream(logFile, { flags: 'w' });
  const empty = () => ({
    connections: 0,
    messages: 0,
    byMessageId: new Map(),
    byRecipient: new Map(),
    first: null,
    last: null,
  });
  const state = empty();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    disableReverseLookup: true, // no DNS: the greeting would wait for it
    onData(stream, session, callback) {
      let head = '';
      let inHead = true;
      stream.on('data', (chunk) => {
        if (!inHead) return; // the body is discarded
        head += chunk.toString('latin1');
        const end = head.indexOf('\r\n\r\n');
        if (end >= 0) {
          head = head.slice(0, end);
          inHead = false;
        }
      });
      stream.on('end', () => {
        const at = performance.now();
        const messageId = /^message-id:\s*(<[^>\r\n]+>)/im.exec(head)?.[1] ?? '(none)';
        const recipients = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
        state.messages++;
        state.first ??= at;
        state.last = at;
        state.byMessageId.set(messageId, (state.byMessageId.get(messageId) ?? 0) + 1);
        for (const to of recipients) state.byRecipient.set(to, (state.byRecipient.get(to) ?? 0) + 1);
        log.write(`${at.toFixed(1)} ${messageId} ${recipients.join(',')}\n`);
        callback();
      });
    },
  });
  server.on('error', () => undefined); // a client dropping its connection is not the sink's problem
  server.server.on('connection', () => state.connections++);
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${port}`,
    state,
    /** Forgets what it has received (after a warm-up). */
    reset() {
      Object.assign(state, empty());
      log.write('-- reset\n');
    },
    close: () => new Promise((resolve) => server.close(() => log.end(resolve))),
  };
}
