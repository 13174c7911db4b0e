import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import createClient from 'openapi-fetch';
import openapiTS, { astToString } from 'openapi-typescript';
import prettier from 'prettier';
import type { paths } from './support/api-types.js';
import { ContractChecker } from './support/openapi-contract.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const root = path.resolve(import.meta.dirname, '..');
const TYPES = path.join(root, 'test/support/api-types.ts');
const HEADER = '// Written by test/openapi.test.ts from the OpenAPI document (UPDATE_OPENAPI=1 rewrites it).\n';

/** The typed client openapi-typescript makes of the document, formatted as the repository keeps it. */
async function clientTypes(document: object): Promise<string> {
  const text = HEADER + astToString(await openapiTS(document as Parameters<typeof openapiTS>[0]));
  return prettier.format(text, { ...(await prettier.resolveConfig(TYPES)), filepath: TYPES });
}

type Document = {
  openapi: string;
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema?: object }> }> }>
  >;
  components: {
    schemas: Record<
      string,
      { oneOf?: Array<{ $ref: string }>; discriminator?: object; properties?: Record<string, { const?: string }> }
    >;
  };
};

let t: TestApp;
let document: Document;

beforeAll(async () => {
  t = await createTestApp();
  document = (await t.http.get('/api/docs-json').expect(200)).body as Document;
});
afterAll(() => t.close());

describe('the OpenAPI document', () => {
  it('holds the answer schemas the answer types give (npm run openapi --check)', () => {
    expect(() =>
      execFileSync(process.execPath, [path.join(root, 'scripts/openapi.mjs'), '--check'], { stdio: 'pipe' }),
    ).not.toThrow();
  });

  it('is OpenAPI 3.1 and names a schema for every answer with a body, and the error shape for the rest', () => {
    expect(document.openapi).toBe('3.1.0');
    const operations = Object.entries(document.paths).flatMap(([route, item]) =>
      Object.entries(item).map(([method, operation]) => ({ route, method, operation })),
    );
    expect(operations.length).toBeGreaterThanOrEqual(60);
    for (const { route, method, operation } of operations) {
      const answers = Object.entries(operation.responses);
      const success = answers.filter(([status]) => /^[23]/.test(status));
      expect({ route, method, answers: success.length > 0 }).toEqual({ route, method, answers: true });
      for (const [, answer] of success) {
        for (const [type, media] of Object.entries(answer.content ?? {})) {
          expect({ route, method, type, schema: media.schema }).toEqual({
            route,
            method,
            type,
            schema:
              type === 'application/json'
                ? { $ref: expect.stringMatching(/^#\/components\/schemas\//) }
                : expect.any(Object),
          });
        }
      }
      expect(operation.responses.default?.content?.['application/json']?.schema).toEqual({
        $ref: '#/components/schemas/ApiError',
      });
    }
  });

  it('gives the case-event body one schema per event type, told apart by type', () => {
    const event = document.components.schemas.CaseEvent!;
    expect(event.discriminator).toMatchObject({ propertyName: 'type' });
    const types = event.oneOf!.map(
      ({ $ref }) => document.components.schemas[$ref.split('/').at(-1)!]!.properties!.type!.const,
    );
    expect(types).toEqual(expect.arrayContaining(['AGREE_SCOPE', 'PROPOSE_PEER', 'PUBLISH_REPORT', 'ADD_NOTE']));
    expect(new Set(types).size).toBe(types.length);
    const body = document.paths['/api/v1/cases/{id}/events']!.post as unknown as {
      requestBody: { content: Record<string, { schema: object }> };
    };
    expect(body.requestBody.content['application/json']!.schema).toEqual({ $ref: '#/components/schemas/CaseEvent' });
  });

  it('is what the typed client the tests use was made from (openapi-typescript accepts it)', async () => {
    const types = await clientTypes(document);
    if (process.env.UPDATE_OPENAPI === '1') writeFileSync(TYPES, types);
    expect(readFileSync(TYPES, 'utf8')).toBe(types);
  });
});

describe('the answer check every test runs', () => {
  it('refuses an answer that does not match its schema, and one the document does not declare', () => {
    const checker = new ContractChecker(document as never);
    const json = 'application/json; charset=utf-8';
    expect(checker.problem('GET', '/api/v1/councils/:gssCode', 200, json, '{"gssCode":"E06000059"}')).toMatch(
      /^not a Council: body must have required property/,
    );
    expect(checker.problem('GET', '/api/v1/cases', 202, json, '{}')).toBe(
      'GET /api/v1/cases does not declare a 202 answer',
    );
    expect(checker.problem('GET', '/api/v1/cases', 404, json, '{"statusCode":404}')).toMatch(/^not a ApiError/);
    expect(checker.problem('GET', undefined, 200, json, '{}')).toBe('a 200 from no route');
    expect(checker.problem('GET', '/api/v1/reports/take-up', 200, 'text/plain', 'x')).toMatch(/does not declare/);
  });
});

describe('a typed client made from the document', () => {
  it('signs in, opens a case, moves it on and reads it back, every answer typed', async () => {
    await t.app.listen(0, '127.0.0.1');
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    const api = createClient<paths>({ baseUrl: `http://127.0.0.1:${port}` });
    const manager = await t.as('peer_challenge_manager');
    const headers = { Authorization: `Bearer ${manager.token}` };

    const me = await api.GET('/api/v1/auth/me', { headers });
    expect(me.data?.roles).toEqual(['peer_challenge_manager']);

    const opened = await api.POST('/api/v1/cases', {
      headers,
      body: { councilGssCode: 'E06000059', type: 'corporate_peer_challenge' },
    });
    expect(opened.response.status).toBe(201);
    const id = opened.data!.id;
    expect(opened.data!.councilName).toBe('Dorset Council');

    const moved = await api.POST('/api/v1/cases/{id}/events', {
      headers,
      params: { path: { id } },
      body: { type: 'SET_INDICATIVE_MONTH', expectedVersion: opened.data!.version, month: '2027-10' },
    });
    expect(moved.data?.dates.indicativeMonth).toBe('2027-10');

    const stale = await api.POST('/api/v1/cases/{id}/events', {
      headers,
      params: { path: { id } },
      body: { type: 'SET_INDICATIVE_MONTH', expectedVersion: opened.data!.version, month: '2027-11' },
    });
    expect(stale.response.status).toBe(409);
    expect(stale.error?.version).toBe(moved.data!.version);

    const list = await api.GET('/api/v1/cases', { headers, params: { query: { limit: 5 } } });
    expect(list.data?.items.map((item: { id: string }) => item.id)).toContain(id);
    expect(list.data?.limit).toBe(5);
  });
});
