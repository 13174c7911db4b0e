import fc from 'fast-check';
import { plan, PLANNING_BASELINE, quietCapacity, type PlanningCouncil, type PlanningInput } from './planner.js';
import { quarterIndex, quarterOfDate, quarterStart } from './quarters.js';

const REGIONS = ['East', 'London', 'North'];

/** The objective straight from its definition (docs/PLANNING.md), for a placement (null: unplaced). */
function objectiveOf(input: PlanningInput, placed: Map<string, number | null>): number[] {
  const start = quarterIndex(input.startQuarter);
  const after = start + input.horizonQuarters;
  const score = [0, 0, 0, 0, 0];
  for (const c of input.councils) {
    if (c.openCaseQuarter) continue;
    const q = placed.get(c.gssCode) ?? after;
    const never = !c.lastChallenge || c.lastChallenge < PLANNING_BASELINE;
    const due = never ? start : quarterOfDate(c.lastChallenge!) + 20;
    const waited = never ? start - quarterOfDate(PLANNING_BASELINE) : start - quarterOfDate(c.lastChallenge!);
    if (placed.get(c.gssCode) === null) score[0]++;
    if (q > due) score[1]++;
    score[2] += Math.max(0, q - due);
    if (never) score[3] += q - start;
    score[4] += waited * (q - start);
  }
  return score;
}

function allowed(input: PlanningInput, c: PlanningCouncil, q: number): boolean {
  const s = quarterStart(q);
  const next = quarterStart(q + 1);
  const within = (from?: string | null, to?: string | null): boolean => (!from || from < next) && (!to || to >= s);
  return within(c.notBefore, c.notAfter) && within(c.liveFrom, c.liveUntil);
}

/** Every hard limit of the plan: capacity in total and per region (quiet periods included) and each window. */
function checkLimits(input: PlanningInput, result: ReturnType<typeof plan>): void {
  const start = quarterIndex(input.startQuarter);
  const byCode = new Map(input.councils.map((c) => [c.gssCode, c]));
  const load = new Map<number, number>();
  const regionLoad = new Map<string, number>();
  for (const p of result.councils) {
    const c = byCode.get(p.gssCode)!;
    if (c.openCaseQuarter) {
      expect(p.plannedQuarter).toBe(c.openCaseQuarter);
    }
    if (p.plannedQuarter === null) {
      expect(p.reason).toBeTruthy();
      continue;
    }
    const q = quarterIndex(p.plannedQuarter);
    if (!c.openCaseQuarter) {
      expect(q).toBeGreaterThanOrEqual(start);
      expect(q).toBeLessThan(start + input.horizonQuarters);
      expect(allowed(input, c, q)).toBe(true);
    }
    load.set(q, (load.get(q) ?? 0) + 1);
    regionLoad.set(`${c.region}|${q}`, (regionLoad.get(`${c.region}|${q}`) ?? 0) + 1);
  }
  const fixed = (q: number, region?: string): number =>
    input.councils.filter(
      (c) => c.openCaseQuarter && quarterIndex(c.openCaseQuarter) === q && (!region || c.region === region),
    ).length;
  for (let q = start; q < start + input.horizonQuarters; q++) {
    const cap = quietCapacity(input.capacityPerQuarter, q, input.quietPeriods);
    expect(load.get(q) ?? 0).toBeLessThanOrEqual(Math.max(cap, fixed(q)));
    for (const [region, rc] of Object.entries(input.capacityByRegion ?? {})) {
      const rcap = quietCapacity(rc, q, input.quietPeriods);
      expect(regionLoad.get(`${region}|${q}`) ?? 0).toBeLessThanOrEqual(Math.max(rcap, fixed(q, region)));
    }
  }
}

/** The best objective over every placement (including leaving councils unplaced), by exhaustive search. */
function exhaustive(input: PlanningInput): number[] {
  const start = quarterIndex(input.startQuarter);
  const H = input.horizonQuarters;
  const free = input.councils.filter((c) => !c.openCaseQuarter);
  const total = Array.from({ length: H }, (_, t) =>
    quietCapacity(input.capacityPerQuarter, start + t, input.quietPeriods),
  );
  const regional = new Map(
    Object.entries(input.capacityByRegion ?? {}).map(([r, cap]) => [
      r,
      Array.from({ length: H }, (_, t) => quietCapacity(cap, start + t, input.quietPeriods)),
    ]),
  );
  for (const c of input.councils.filter((k) => k.openCaseQuarter)) {
    const t = quarterIndex(c.openCaseQuarter!) - start;
    if (t < 0 || t >= H) continue;
    total[t]--;
    const r = regional.get(c.region);
    if (r) r[t]--;
  }
  let best: number[] | null = null;
  const placed = new Map<string, number | null>();
  const better = (a: number[], b: number[]): boolean => {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i];
    return false;
  };
  const go = (i: number): void => {
    if (i === free.length) {
      const score = objectiveOf(input, placed);
      if (!best || better(score, best)) best = score;
      return;
    }
    const c = free[i];
    placed.set(c.gssCode, null);
    go(i + 1);
    for (let t = 0; t < H; t++) {
      const r = regional.get(c.region);
      if (total[t] <= 0 || (r && r[t] <= 0) || !allowed(input, c, start + t)) continue;
      total[t]--;
      if (r) r[t]--;
      placed.set(c.gssCode, start + t);
      go(i + 1);
      total[t]++;
      if (r) r[t]++;
    }
    placed.delete(c.gssCode);
  };
  go(0);
  return best!;
}

const dateIn = (fromYear: number, toYear: number): fc.Arbitrary<string> =>
  fc
    .date({
      min: new Date(`${fromYear}-01-01T00:00:00Z`),
      max: new Date(`${toYear}-12-31T00:00:00Z`),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString().slice(0, 10));

const councilArb = (i: number, startYear: number): fc.Arbitrary<PlanningCouncil> =>
  fc
    .record({
      region: fc.constantFrom(...REGIONS),
      lastChallenge: fc.option(dateIn(2010, startYear - 1), { nil: null }),
      notBefore: fc.option(dateIn(startYear, startYear + 1), { nil: null, freq: 3 }),
      notAfter: fc.option(dateIn(startYear, startYear + 1), { nil: null, freq: 3 }),
      openCaseQuarter: fc.option(fc.constantFrom(`${startYear}-Q1`, `${startYear}-Q3`, `${startYear - 1}-Q4`), {
        nil: null,
        freq: 6,
      }),
      liveUntil: fc.option(dateIn(startYear, startYear + 1), { nil: null, freq: 6 }),
    })
    .map((r) => ({
      gssCode: `E0600${String(i).padStart(4, '0')}`,
      name: `Council ${i}`,
      ...r,
      constraintReason: 'asked',
    }));

const instanceArb = (maxCouncils: number, maxQuarters: number): fc.Arbitrary<PlanningInput> =>
  fc.integer({ min: 2026, max: 2029 }).chain((year) =>
    fc
      .record({
        horizonQuarters: fc.integer({ min: 1, max: maxQuarters }),
        capacityPerQuarter: fc.integer({ min: 0, max: 3 }),
        capacityByRegion: fc.option(
          fc.dictionary(fc.constantFrom(...REGIONS), fc.integer({ min: 0, max: 2 }), { maxKeys: 3 }),
          { nil: null },
        ),
        quietPeriods: fc.array(
          fc.tuple(dateIn(year, year + 1), fc.integer({ min: 0, max: 120 })).map(([from, days]) => {
            const to = new Date(Date.parse(`${from}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
            return { from, to };
          }),
          { maxLength: 2 },
        ),
        councils: fc
          .integer({ min: 0, max: maxCouncils })
          .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => councilArb(i, year)))),
      })
      .map((r) => ({ ...r, startQuarter: `${year}-Q1`, councils: r.councils as PlanningCouncil[] })),
  );

describe('plan', () => {
  it('is optimal: its objective equals exhaustive search on small random instances', () => {
    fc.assert(
      fc.property(instanceArb(6, 4), (input) => {
        const result = plan(input);
        const placed = new Map(
          result.councils.map((c) => [c.gssCode, c.plannedQuarter === null ? null : quarterIndex(c.plannedQuarter)]),
        );
        const achieved = objectiveOf(input, placed);
        expect(result.objective).toEqual(achieved);
        expect(achieved).toEqual(exhaustive(input));
        checkLimits(input, result);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps every hard limit on large random instances', () => {
    fc.assert(
      fc.property(instanceArb(60, 12), (input) => {
        checkLimits(input, plan(input));
      }),
      { numRuns: 40 },
    );
  });

  it('places everyone on time when capacity allows, never-challenged and longest-waiting first', () => {
    const councils: PlanningCouncil[] = [
      { gssCode: 'A', name: 'A', region: 'London', lastChallenge: '2023-05-01' },
      { gssCode: 'B', name: 'B', region: 'London', lastChallenge: null },
      { gssCode: 'C', name: 'C', region: 'London', lastChallenge: '2022-08-01' },
    ];
    const result = plan({
      startQuarter: '2027-Q1',
      horizonQuarters: 4,
      capacityPerQuarter: 1,
      quietPeriods: [],
      councils,
    });
    expect(result.councils.map((c) => [c.gssCode, c.plannedQuarter, c.dueQuarter, c.lateBy])).toEqual([
      ['A', '2027-Q3', '2028-Q2', 0],
      ['B', '2027-Q1', '2027-Q1', 0],
      ['C', '2027-Q2', '2027-Q3', 0],
    ]);
  });

  it('lists an unplaceable council with the binding reason', () => {
    const councils: PlanningCouncil[] = [
      { gssCode: 'A', name: 'A', region: 'London', lastChallenge: null },
      { gssCode: 'B', name: 'B', region: 'London', lastChallenge: null },
      {
        gssCode: 'C',
        name: 'C',
        region: 'North',
        lastChallenge: null,
        notBefore: '2030-01-01',
        constraintReason: 'new chief executive',
      },
    ];
    const result = plan({
      startQuarter: '2027-Q1',
      horizonQuarters: 2,
      capacityPerQuarter: 5,
      capacityByRegion: { London: 1 },
      quietPeriods: [{ from: '2027-04-01', to: '2027-06-30' }],
      councils,
    });
    const [a, b, c] = result.councils;
    expect([a.plannedQuarter, b.plannedQuarter].sort()).toEqual(['2027-Q1', null].sort());
    expect((a.plannedQuarter === null ? a : b).reason).toMatch(/no capacity left in its window 2027-Q1–2027-Q2/);
    expect(c.plannedQuarter).toBeNull();
    expect(c.reason).toMatch(/not before 2030-01-01 \(new chief executive\)/);
    expect(result.byQuarter).toEqual([
      { quarter: '2027-Q1', planned: 1, capacity: 5 },
      { quarter: '2027-Q2', planned: 0, capacity: 0 },
    ]);
  });

  it('never plans a council after its abolition: one abolished before it is due gives way to its successor', () => {
    const councils: PlanningCouncil[] = [
      // Due 2029-Q2, abolished at the end of 2028-Q1: its successor is planned instead, from its vesting day.
      {
        gssCode: 'OLD',
        name: 'Old District',
        region: 'North',
        lastChallenge: '2024-05-01',
        liveUntil: '2028-03-31',
        successors: ['New Unitary'],
      },
      // Never challenged, so due now: planned before it goes, in its own life.
      {
        gssCode: 'DUE',
        name: 'Due District',
        region: 'North',
        lastChallenge: null,
        liveUntil: '2028-03-31',
        successors: ['New Unitary'],
      },
      { gssCode: 'NEW', name: 'New Unitary', region: 'North', lastChallenge: '2024-05-01', liveFrom: '2028-04-01' },
    ];
    const result = plan({
      startQuarter: '2027-Q1',
      horizonQuarters: 12,
      capacityPerQuarter: 1,
      quietPeriods: [],
      councils,
    });
    const [old, due, successor] = result.councils;
    expect(old).toMatchObject({ plannedQuarter: null, lateBy: 0, replacedBy: ['New Unitary'] });
    expect(old.reason).toBe('abolished on 2028-03-31, before its challenge is due: New Unitary is planned instead');
    expect(due.plannedQuarter).toBe('2027-Q1');
    expect(due.replacedBy).toBeUndefined();
    expect(quarterIndex(successor.plannedQuarter!)).toBeGreaterThanOrEqual(quarterIndex('2028-Q2'));
    expect(successor).toMatchObject({ dueQuarter: '2029-Q2', lateBy: 0 });
    // Not counted as unplaceable by the objective.
    expect(result.objective[0]).toBe(0);
  });

  it('reduces a quarter’s capacity in proportion to its non-quiet days, rounded down', () => {
    expect(quietCapacity(10, quarterIndex('2027-Q2'), [{ from: '2027-03-20', to: '2027-05-06' }])).toBe(
      Math.floor((10 * (91 - 36)) / 91),
    );
    expect(quietCapacity(10, quarterIndex('2027-Q2'), [])).toBe(10);
    expect(quietCapacity(10, quarterIndex('2027-Q2'), [{ from: '2027-01-01', to: '2027-12-31' }])).toBe(0);
  });
});
