import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import request from 'supertest';
import { sendLargeJson } from '../apps/api/src/http/large-json.js';

/** sendLargeJson through a real Express server: the bytes of res.json, written in slices. */

const items = Array.from({ length: 4501 }, (_, i) => ({
  gssCode: `E99${String(i).padStart(6, '0')}`,
  name: i % 7 === 0 ? `Council "${i}" – St Helen’s\n` : `Council ${i}`,
  takeUp: { status: i % 2 ? 'never' : 'current', lastCpcDate: i % 2 ? null : '2020-01-01' },
}));
const body = { asOf: '2026-11-23', counts: { never: 2250, current: 2251 }, councils: items };

const app = express();
app.get('/large', (_req, res) => void sendLargeJson(res, body, 'councils'));
app.get('/empty', (_req, res) => void sendLargeJson(res, { total: 0, councils: [] }, 'councils'));
app.get('/wrong', (_req, res) => {
  sendLargeJson(res, { councils: [], total: 0 }, 'councils').catch((error: Error) =>
    res.status(500).send(error.message),
  );
});
app.get('/json', (_req, res) => void res.json(body));

it('sends exactly what res.json sends, in chunks, for a list of several slices', async () => {
  const chunked = await request(app).get('/large').expect(200);
  const whole = await request(app).get('/json').expect(200);
  expect(chunked.headers['content-type']).toBe('application/json; charset=utf-8');
  expect(chunked.headers['transfer-encoding']).toBe('chunked');
  expect(chunked.text).toBe(whole.text);
  expect(chunked.body).toEqual(body);
});

it('sends an empty list, and refuses a list that is not the last property', async () => {
  expect((await request(app).get('/empty').expect(200)).text).toBe('{"total":0,"councils":[]}');
  expect((await request(app).get('/wrong').expect(500)).text).toContain('must be the last property');
});

/** Serves `handler` on a free port of 127.0.0.1 for the length of `work`. */
async function serving(handler: express.RequestHandler, work: (port: number) => Promise<void>): Promise<void> {
  const server = http.createServer(express().get('/', handler)).listen(0, '127.0.0.1');
  await once(server, 'listening');
  try {
    await work((server.address() as AddressInfo).port);
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

it('leaves no listener behind however often it waits for the client, so Node warns of none', async () => {
  const warnings: string[] = [];
  const warn = (warning: Error) => warnings.push(warning.name);
  process.on('warning', warn);
  const many = { councils: Array.from({ length: 100_000 }, (_, i) => ({ i, padding: 'x'.repeat(100) })) };
  let listeners: number[] = [];
  try {
    await serving(
      (_req, res) =>
        void sendLargeJson(res, many, 'councils').then(() => {
          listeners = [res.listenerCount('drain'), res.listenerCount('close'), res.listenerCount('error')];
        }),
      async (port) => {
        const text = await new Promise<string>((resolve, reject) => {
          http
            .get({ host: '127.0.0.1', port, path: '/' }, (res) => {
              const chunks: Buffer[] = [];
              res.on('data', (chunk: Buffer) => chunks.push(chunk));
              res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
            })
            .on('error', reject);
        });
        expect(JSON.parse(text)).toEqual(many);
      },
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(warnings).toEqual([]);
    expect(listeners[0]).toBe(0);
    expect(listeners[1]).toBeLessThanOrEqual(2); // Node's and Express's own
  } finally {
    process.off('warning', warn);
  }
});

it('writes nothing, and returns, when the client went before the first byte', async () => {
  let finished: Promise<void> | undefined;
  let wrote = false;
  await serving(
    (_req, res) => {
      const write = res.write.bind(res);
      res.write = ((...args: Parameters<typeof res.write>) => {
        wrote = true;
        return write(...args);
      }) as typeof res.write;
      // The report takes a while to compute; the client does not wait for it.
      res.once('close', () => {
        finished = sendLargeJson(res, body, 'councils');
      });
    },
    async (port) => {
      const req = http.get({ host: '127.0.0.1', port, path: '/' });
      req.on('error', () => undefined);
      await new Promise((resolve) => setTimeout(resolve, 100));
      req.destroy();
      await new Promise((resolve) => setTimeout(resolve, 100));
    },
  );
  await expect(finished).resolves.toBeUndefined();
  expect(wrote).toBe(false);
});

it('stops writing when the client goes away instead of waiting for it forever', async () => {
  let finished: Promise<void> | undefined;
  const many = { councils: Array.from({ length: 200_000 }, (_, i) => ({ i, padding: 'x'.repeat(100) })) };
  const slow = express();
  slow.get('/', (_req, res) => {
    finished = sendLargeJson(res, many, 'councils');
  });
  const server = http.createServer(slow).listen(0, '127.0.0.1');
  await once(server, 'listening');
  try {
    const { port } = server.address() as AddressInfo;
    const req = http.get({ host: '127.0.0.1', port, path: '/' });
    const [res] = (await once(req, 'response')) as [http.IncomingMessage];
    res.pause(); // read nothing: the server's writes back up until it waits for 'drain'
    await new Promise((resolve) => setTimeout(resolve, 200));
    req.destroy();
    await expect(finished).resolves.toBeUndefined();
  } finally {
    server.close();
  }
});
