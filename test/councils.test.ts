import { createTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
let token: string;
const get = (path: string) => t.http.get(path).set('Authorization', `Bearer ${token}`);

beforeAll(async () => {
  t = await createTestApp();
  token = (await t.as('viewer')).token;
});
afterAll(() => t.close());

describe('GET /api/v1/councils', () => {
  it('lists the 365 councils of the register, 50 to a page, by name', async () => {
    const response = await get('/api/v1/councils').expect(200);
    expect(response.body).toMatchObject({ total: 365, limit: 50, offset: 0 });
    expect(response.body.items).toHaveLength(50);
    expect(response.body.items[0]).toEqual({
      gssCode: 'E07000223',
      name: 'Adur',
      type: 'district',
      region: 'South East',
      takeUp: { status: 'never', lastCpcDate: null },
      noCpcSince2012: true,
    });
  });

  it('filters by region, type and a search term', async () => {
    expect((await get('/api/v1/councils?region=London').expect(200)).body.total).toBe(33);
    expect((await get('/api/v1/councils?type=county').expect(200)).body.total).toBe(27);
    const search = await get('/api/v1/councils?q=dorset').expect(200);
    expect(search.body.items.map((c: { name: string }) => c.name)).toEqual([
      'Dorset',
      'Dorset Council',
      'East Dorset',
      'North Dorset',
      'West Dorset',
    ]);
    const byCode = await get('/api/v1/councils?q=e06000059').expect(200);
    expect(byCode.body.items.map((c: { name: string }) => c.name)).toEqual(['Dorset Council']);
  });

  it('keeps to the councils that exist, or those abolished, on a date with ?existing=', async () => {
    const existing = await get('/api/v1/councils?existing=true&limit=1000').expect(200);
    const abolished = await get('/api/v1/councils?existing=false&limit=1000').expect(200);
    expect(existing.body.total + abolished.body.total).toBe(365);
    expect(existing.body.items.every((c: { abolishedOn?: string }) => c.abolishedOn === undefined)).toBe(true);
    const westDorset = abolished.body.items.find((c: { name: string }) => c.name === 'West Dorset');
    expect(westDorset).toMatchObject({ gssCode: 'E07000052', abolishedOn: '2019-04-01' });
    // On 31 March 2019 West Dorset still existed and Dorset Council did not yet.
    const before = await get('/api/v1/councils?existing=true&asOf=2019-03-31&q=dorset').expect(200);
    expect(before.body.items.map((c: { name: string }) => c.name)).toEqual([
      'Dorset',
      'East Dorset',
      'North Dorset',
      'West Dorset',
    ]);
    expect(before.body.items.find((c: { name: string }) => c.name === 'West Dorset').abolishedOn).toBe('2019-04-01');
    // A council created later is neither existing nor abolished on the date.
    const abolishedBefore = await get('/api/v1/councils?existing=false&asOf=2018-01-01&limit=1000').expect(200);
    const names = abolishedBefore.body.items.map((c: { name: string }) => c.name);
    expect(names).not.toContain('Dorset Council');
    expect(names).not.toContain('West Dorset');
  });

  it('treats LIKE wildcards in the search term as plain text', async () => {
    expect((await get('/api/v1/councils?q=%25').expect(200)).body.total).toBe(0);
    expect((await get('/api/v1/councils?q=_').expect(200)).body.total).toBe(0);
  });

  it('pages with limit and offset', async () => {
    const all = (await get('/api/v1/councils?limit=1000').expect(200)).body;
    expect(all.items).toHaveLength(365);
    const page = (await get('/api/v1/councils?limit=10&offset=360').expect(200)).body;
    expect(page).toMatchObject({ total: 365, limit: 10, offset: 360 });
    expect(page.items).toEqual(all.items.slice(360));
  });

  it.each([
    ['region=Narnia', 'region'],
    ['type=parish', 'type'],
    ['limit=0', 'limit'],
    ['limit=1001', 'limit'],
    ['limit=ten', 'limit'],
    ['offset=-1', 'offset'],
    ['colour=blue', 'colour'],
    ['existing=yes', 'existing'],
  ])('answers 400 naming the field for ?%s', async (query, field) => {
    const response = await get(`/api/v1/councils?${query}`).expect(400);
    expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(typeof response.body.message).toBe('string');
    expect(response.body.details).toEqual([expect.objectContaining({ field })]);
  });
});

describe('GET /api/v1/councils/:gssCode', () => {
  it("lists Dorset Council's six predecessors", async () => {
    const response = await get('/api/v1/councils/E06000059').expect(200);
    expect(response.body).toMatchObject({
      gssCode: 'E06000059',
      name: 'Dorset Council',
      startDate: '2019-04-01',
      endDate: null,
      successors: [],
      principalAdviser: null,
      nudgesSuppressed: false,
    });
    expect(response.body.predecessors).toHaveLength(6);
    expect(response.body.predecessors).toContainEqual({ gssCode: 'E10000009', name: 'Dorset', endDate: '2019-03-31' });
  });

  it('shows a district with its county and its successor', async () => {
    const response = await get('/api/v1/councils/E07000050').expect(200);
    expect(response.body).toMatchObject({
      name: 'North Dorset',
      countyGssCode: 'E10000009',
      county: { gssCode: 'E10000009', name: 'Dorset' },
      endDate: '2019-03-31',
      successors: [{ gssCode: 'E06000059', name: 'Dorset Council', startDate: '2019-04-01' }],
      predecessors: [],
    });
  });

  it('shows a combined authority member', async () => {
    const response = await get('/api/v1/councils/E08000003').expect(200);
    expect(response.body).toMatchObject({ name: 'Manchester', combinedAuthority: { name: 'Greater Manchester' } });
  });

  it('accepts a lower-case code', async () => {
    expect((await get('/api/v1/councils/e06000059').expect(200)).body.name).toBe('Dorset Council');
  });

  it('answers 404 in the contract shape for an unknown code', async () => {
    const response = await get('/api/v1/councils/E99999999').expect(404);
    expect(response.body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'No council has the GSS code E99999999',
    });
  });

  it('answers 404, not 500, for a code too long for the column', async () => {
    await get(`/api/v1/councils/${'E'.repeat(300)}`).expect(404);
  });

  it('answers 404 in the contract shape for an unknown route', async () => {
    const response = await get('/api/v1/nowhere').expect(404);
    expect(response.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });
});
