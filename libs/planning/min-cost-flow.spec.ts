import fc from 'fast-check';
import { MinCostFlow } from './min-cost-flow.js';

interface Arc {
  from: number;
  to: number;
  cap: number;
  cost: number[];
}

const less = (a: number[], b: number[]): boolean => {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i];
  return false;
};

/** Every integral flow of the arcs, by enumeration: the most units from 0 to 1 (up to `amount`) at the least cost. */
function bruteForce(nodes: number, arcs: Arc[], amount: number): { sent: number; cost: number[] } {
  let best = { sent: 0, cost: [0, 0] };
  const flow = new Array<number>(arcs.length).fill(0);
  const go = (i: number): void => {
    if (i === arcs.length) {
      const net = new Array<number>(nodes).fill(0);
      arcs.forEach((a, j) => {
        net[a.from] -= flow[j];
        net[a.to] += flow[j];
      });
      for (let v = 2; v < nodes; v++) if (net[v] !== 0) return;
      const sent = net[1];
      if (sent < 0 || sent > amount || net[0] !== -sent) return;
      const cost = [0, 0];
      arcs.forEach((a, j) => a.cost.forEach((c, k) => (cost[k] += c * flow[j])));
      if (sent > best.sent || (sent === best.sent && less(cost, best.cost))) best = { sent, cost };
      return;
    }
    for (let f = 0; f <= arcs[i].cap; f++) {
      flow[i] = f;
      go(i + 1);
    }
  };
  go(0);
  return best;
}

describe('MinCostFlow', () => {
  it('finds the least lexicographic cost of the largest flow, as enumeration does', () => {
    const nodes = 7;
    const arcArb = fc.record({
      from: fc.integer({ min: 0, max: nodes - 1 }),
      to: fc.integer({ min: 0, max: nodes - 1 }),
      cap: fc.integer({ min: 0, max: 1 }),
      cost: fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 })),
    });
    fc.assert(
      fc.property(
        fc
          .array(arcArb, { minLength: 9, maxLength: 12 })
          .map((arcs) => arcs.filter((a) => a.from !== a.to && a.to !== 0 && a.from !== 1)),
        fc.integer({ min: 0, max: 5 }),
        (arcs, amount) => {
          const network = new MinCostFlow(nodes, 2);
          for (const a of arcs) network.addArc(a.from, a.to, a.cap, a.cost);
          expect(network.solve(0, 1, amount)).toEqual(bruteForce(nodes, arcs, amount));
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('reroutes through a reverse arc that a plain Dijkstra would settle too late (potentials)', () => {
    const arcs: Arc[] = [
      { from: 0, to: 2, cap: 1, cost: [0, 0] },
      { from: 2, to: 3, cap: 1, cost: [2, 0] },
      { from: 3, to: 1, cap: 1, cost: [0, 0] },
      { from: 0, to: 3, cap: 1, cost: [3, 0] },
      { from: 0, to: 4, cap: 1, cost: [2, 0] },
      { from: 4, to: 2, cap: 1, cost: [0, 0] },
      { from: 2, to: 1, cap: 1, cost: [5, 0] },
    ];
    const network = new MinCostFlow(5, 2);
    for (const a of arcs) network.addArc(a.from, a.to, a.cap, a.cost);
    expect(network.solve(0, 1, 2)).toEqual({ sent: 2, cost: [8, 0] });
    expect(bruteForce(5, arcs, 2)).toEqual({ sent: 2, cost: [8, 0] });
  });

  it('refuses costs that are not non-negative integers', () => {
    const network = new MinCostFlow(2, 1);
    expect(() => network.addArc(0, 1, 1, [-1])).toThrow();
    expect(() => network.addArc(0, 1, 1, [0.5])).toThrow();
    expect(() => network.addArc(0, 1, 1, [1, 2])).toThrow();
  });
});
