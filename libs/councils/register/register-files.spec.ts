import { buildRegister, readRegisterFiles, type Register } from './register-files.js';

describe('the council register built from data/councils', () => {
  let register: Register;
  beforeAll(() => {
    register = buildRegister(readRegisterFiles());
  });

  const council = (code: string) => register.councils.find((c) => c.gssCode === code);

  it('holds the 353 councils of 2018/19 and the 12 created since', () => {
    expect(register.councils).toHaveLength(365);
    expect(new Set(register.councils.map((c) => c.gssCode)).size).toBe(365);
    expect(register.councils.filter((c) => c.startDate !== null)).toHaveLength(12);
  });

  it('counts 33 London councils: 32 boroughs and the City of London', () => {
    const london = register.councils.filter((c) => c.region === 'London');
    expect(london).toHaveLength(33);
    expect(london.filter((c) => c.type === 'london_borough')).toHaveLength(32);
  });

  it('links Dorset Council to its six predecessors, all ending the day before it started', () => {
    const links = register.successions.filter((s) => s.successorGssCode === 'E06000059');
    expect(links.map((s) => council(s.predecessorGssCode)?.name).sort()).toEqual([
      'Dorset',
      'East Dorset',
      'North Dorset',
      'Purbeck',
      'West Dorset',
      'Weymouth and Portland',
    ]);
    expect(council('E06000059')?.startDate).toBe('2019-04-01');
    for (const link of links) expect(council(link.predecessorGssCode)?.endDate).toBe('2019-03-31');
  });

  it("normalises end dates the sources give as the successor's first day", () => {
    // reorganisations.csv gives Allerdale's end as 2023-04-01, the day Cumberland started.
    expect(council('E07000026')?.endDate).toBe('2023-03-31');
    // A council created in 2019 and abolished in 2023 has both dates.
    expect(council('E07000246')).toMatchObject({ startDate: '2019-04-01', endDate: '2023-03-31' });
  });

  it('splits a county between two successors (Northamptonshire)', () => {
    const successors = register.successions.filter((s) => s.predecessorGssCode === 'E10000021');
    expect(successors.map((s) => s.successorGssCode).sort()).toEqual(['E06000061', 'E06000062']);
  });

  it('keeps the county and combined authority of each council', () => {
    expect(council('E07000223')).toMatchObject({ name: 'Adur', countyGssCode: 'E10000032' });
    expect(council('E06000001')).toMatchObject({
      combinedAuthorityGssCode: 'E47000006',
      combinedAuthorityName: 'Tees Valley',
    });
    const counties = new Set(register.councils.filter((c) => c.type === 'county').map((c) => c.gssCode));
    for (const c of register.councils.filter((c) => c.countyGssCode)) expect(counties.has(c.countyGssCode!)).toBe(true);
  });

  it('keeps only neighbour pairs whose councils are both in the register', () => {
    const codes = new Set(register.councils.map((c) => c.gssCode));
    expect(register.neighbours.length).toBeGreaterThan(5000);
    for (const n of register.neighbours) {
      expect(codes.has(n.gssCode) && codes.has(n.neighbourGssCode)).toBe(true);
    }
    const hartlepool = register.neighbours.filter((n) => n.gssCode === 'E06000001' && n.relation === 'shares_boundary');
    expect(hartlepool.map((n) => n.neighbourGssCode)).toContain('E06000004');
  });
});
