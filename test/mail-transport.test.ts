import { MailTransport } from '#libs/platform';
import { startSmtpSink } from './support/smtp-sink.js';

it('sends over a pool of reused SMTP connections, not a connection per email', async () => {
  const smtp = await startSmtpSink();
  const transport = new MailTransport({
    smtpUrl: smtp.url,
    from: 'LGA Peer Challenge <peer.challenge@example.org>',
    ratePerMinute: 60,
    retrySeconds: 60,
  });
  try {
    for (let i = 1; i <= 5; i++) {
      await transport.send({
        to: [{ address: `chief.executive.${i}@example.org` }],
        cc: [],
        subject: `Message ${i}`,
        html: '<p>Hello</p>',
        text: 'Hello',
        messageId: `<message-${i}@peer-challenge.local>`,
      });
    }
    expect(smtp.received.map((mail) => mail.to)).toEqual(
      [1, 2, 3, 4, 5].map((i) => [`chief.executive.${i}@example.org`]),
    );
    expect(smtp.connections.opened).toBe(1);
  } finally {
    transport.onApplicationShutdown();
    await smtp.close();
  }
});
