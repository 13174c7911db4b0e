import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { Response } from 'superagent';
import { createTestApp, type TestApp } from './support/test-app.js';

/**
 * The quarterly board report (issue #18, part 4): JSON, and a Word document read back from its XML and through
 * LibreOffice's PDF of it. Q2 2016/17 on a history made here: three challenges delivered by 30 September 2016
 * (two in the quarter), two confirmed and one in discussion.
 */
let t: TestApp;
let viewer: string;
let work: string;
const as = (token: string) => ({ Authorization: `Bearer ${token}` });
const NARRATIVE =
  '2 peer challenges delivered in the quarter, increasing the total at the end of September to 3; ' +
  'an additional 2 confirmed; active discussions with 1 more';

/** The text of a Word document's body, a line per paragraph. */
function documentText(docx: Buffer): string {
  const xml = strFromU8(unzipSync(new Uint8Array(docx))['word/document.xml']);
  return xml
    .replace(/<\/w:p>/g, '\n')
    .replace(/<w:tab\/>/g, '\t')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}

const binary = (res: Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'board-report-'));
  t = await createTestApp();
  viewer = (await t.as('viewer')).token;
  const manager = (await t.as('peer_challenge_manager')).token;
  await t.http
    .post('/api/v1/imports/peer-challenges')
    .set(as(t.adminToken))
    .send([
      { councilGssCode: 'E09000001', type: 'corporate_peer_challenge', onsiteStart: '2016-05-10' },
      { councilGssCode: 'E09000002', type: 'finance_peer_review', onsiteStart: '2016-07-12' },
      { councilGssCode: 'E09000003', type: 'corporate_peer_challenge', onsiteStart: '2016-09-27' },
      { councilGssCode: 'E09000004', type: 'corporate_peer_challenge', onsiteStart: '2016-10-04' },
    ])
    .expect(201);
  await t.http
    .put('/api/v1/reports/targets/2016')
    .set(as(t.adminToken))
    .send({ challengesTotal: 6, corporateOrFinance: 5, neverReductionPercent: 50 })
    .expect(200);
  const event = async (id: string, version: number, body: object) =>
    t.http
      .post(`/api/v1/cases/${id}/events`)
      .set(as(manager))
      .send({ expectedVersion: version, ...body })
      .expect(200);
  for (const [council, type, body] of [
    [
      'E09000005',
      'corporate_peer_challenge',
      { type: 'AGREE_SCOPE', focusAreas: [], onsiteStart: '2017-02-06', onsiteEnd: '2017-02-08' },
    ],
    [
      'E09000006',
      'finance_peer_review',
      { type: 'AGREE_SCOPE', focusAreas: [], onsiteStart: '2016-11-15', onsiteEnd: '2016-11-16' },
    ],
    ['E09000007', 'corporate_peer_challenge', { type: 'SET_INDICATIVE_MONTH', month: '2017-01' }],
  ] as const) {
    const opened = await t.http
      .post('/api/v1/cases')
      .set(as(manager))
      .send({ councilGssCode: council, type })
      .expect(201);
    await event(opened.body.id, 1, body);
  }
});
afterAll(async () => {
  await t.close();
  rmSync(work, { recursive: true, force: true });
});

describe('GET /reports/board', () => {
  it('gives the quarter’s deliverables with RAG, the narrative in 003’s form and the non-engaged annex', async () => {
    const report = await t.http.get('/api/v1/reports/board?financialYear=2016&quarter=2').set(as(viewer)).expect(200);
    expect(report.body).toMatchObject({
      financialYear: 2016,
      quarter: 2,
      period: { from: '2016-07-01', to: '2016-09-30' },
      asOf: '2016-09-30',
      targetsFrom: 2016,
      narrative: NARRATIVE,
    });
    expect(report.body.deliverables[0]).toMatchObject({
      delivered: { total: 3, corporateOrFinance: 3 },
      confirmed: { total: 2, corporateOrFinance: 2 },
      inDiscussion: { total: 1, corporateOrFinance: 1 },
      rag: 'Amber',
    });
    expect(report.body.deliverables[1].rag).toBe('Red');
    const codes = report.body.nonEngaged.map((c: { gssCode: string }) => c.gssCode);
    expect(codes).toContain('E07000224');
    for (const engaged of ['E09000001', 'E09000002', 'E09000003']) expect(codes).not.toContain(engaged);
    expect(codes).toContain('E09000004'); // its challenge came after the quarter
  });

  it('refuses a quarter that is not one, or has not started, with 400 naming the field', async () => {
    for (const [query, field] of [
      ['financialYear=2016&quarter=5', 'quarter'],
      ['financialYear=2016', 'quarter'],
      ['financialYear=2099&quarter=1', 'quarter'],
      ['financialYear=20x6&quarter=1', 'financialYear'],
      ['financialYear=2016&quarter=1&format=pdf', 'format'],
    ]) {
      const refused = await t.http.get(`/api/v1/reports/board?${query}`).set(as(viewer)).expect(400);
      expect(refused.body.details).toEqual([expect.objectContaining({ field })]);
    }
  });

  it('writes a Word document with the table, the narrative and the annex, which LibreOffice turns into a PDF', async () => {
    const response = await t.http
      .get('/api/v1/reports/board?financialYear=2016&quarter=2&format=docx')
      .set(as(viewer))
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(response.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(response.headers['content-disposition']).toBe('attachment; filename="board-report-2016-17-q2.docx"');
    const docx = response.body as Buffer;
    const text = documentText(docx);
    expect(text).toContain('Performance report: peer challenge, quarter 2 of 2016/17');
    expect(text).toContain('Deliverable partly achieved/on track to achieve within the planned timescale');
    expect(text).toMatch(/1\.1\s*Deliver at least 6 peer challenges/);
    expect(text).toContain('3 peer challenges delivered, 3 of them corporate or finance');
    expect(text).toContain(NARRATIVE);
    expect(text).toContain('Annex: councils that have not engaged');
    expect(text).toContain('Arun');

    const file = path.join(work, 'board.docx');
    writeFileSync(file, docx);
    execFileSync(
      process.env.TEST_SOFFICE ?? 'soffice',
      [
        `-env:UserInstallation=file://${path.join(work, 'profile')}`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        work,
        file,
      ],
      { stdio: 'ignore', timeout: 120_000 },
    );
    const pdf = execFileSync(process.env.TEST_PDFTOTEXT ?? 'pdftotext', [path.join(work, 'board.pdf'), '-'], {
      encoding: 'utf8',
    }).replace(/\s+/g, ' ');
    expect(pdf).toContain('Performance report: peer challenge');
    expect(pdf).toContain('Amber');
    expect(pdf).toContain(NARRATIVE);
    expect(pdf).toContain('Annex: councils that have not engaged');
    expect(readFileSync(path.join(work, 'board.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  }, 180_000);

  it('has a page with a download button, linked from the programme report', async () => {
    const programme = await t.http.get('/reports/programme?financialYear=2016').set(as(viewer)).expect(200);
    expect(programme.text).toContain('href="/reports/board"');
    const page = await t.http.get('/reports/board?financialYear=2016&quarter=2').set(as(viewer)).expect(200);
    expect(page.text).toContain('Download the board report (Word)');
    expect(page.text).toContain('/api/v1/reports/board?financialYear=2016&amp;quarter=2&amp;format=docx');
    expect(page.text).toContain(NARRATIVE);
    await t.http.get('/reports/board?financialYear=2099&quarter=1').set(as(viewer)).expect(400);
  });
});
