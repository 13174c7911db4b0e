/**
 * Minimum-cost flow with lexicographic costs: each arc's cost is a vector of K integers compared in order (the
 * first component matters most), added component by component. Vectors of integers under lexicographic order are
 * an ordered group, so successive shortest paths (Dijkstra on reduced costs with Johnson potentials) is exact with
 * them as with numbers, and no component ever has to be weighted into one number (the planner's five criteria
 * weighted into one would need more than 2^53: docs/PLANNING.md). Capacities are integers, so the flow is too.
 */

export const UNLIMITED = Number.MAX_SAFE_INTEGER;

export class MinCostFlow {
  private readonly head: number[];
  private readonly next: number[] = [];
  private readonly to: number[] = [];
  private readonly cap: number[] = [];
  private readonly flowOn: number[] = [];
  private readonly cost: number[] = [];

  constructor(
    private readonly nodes: number,
    private readonly k: number,
  ) {
    this.head = new Array<number>(nodes).fill(-1);
  }

  /** Adds an arc and returns its id (for flowOf). Costs must be integers, each component ≥ 0. */
  addArc(from: number, to: number, capacity: number, cost: readonly number[]): number {
    if (cost.length !== this.k) throw new Error(`a cost needs ${this.k} components`);
    for (const c of cost) {
      if (!Number.isSafeInteger(c) || c < 0) throw new Error(`an arc cost must be a non-negative integer: ${c}`);
    }
    const id = this.to.length;
    this.push(from, to, capacity, cost);
    this.push(
      to,
      from,
      0,
      cost.map((c) => -c),
    );
    return id;
  }

  private push(from: number, to: number, capacity: number, cost: readonly number[]): void {
    this.next.push(this.head[from]);
    this.head[from] = this.to.length;
    this.to.push(to);
    this.cap.push(capacity);
    this.flowOn.push(0);
    for (const c of cost) this.cost.push(c);
  }

  flowOf(arc: number): number {
    return this.flowOn[arc];
  }

  residual(arc: number): number {
    return this.cap[arc] - this.flowOn[arc];
  }

  /**
   * Sends `amount` units from source to sink at least cost; returns the units sent (less when the network
   * cannot carry more) and the total cost vector.
   */
  solve(source: number, sink: number, amount: number): { sent: number; cost: number[] } {
    const { k, nodes } = this;
    const pot = new Float64Array(nodes * k);
    const dist = new Float64Array(nodes * k);
    const done = new Uint8Array(nodes);
    const seen = new Uint8Array(nodes);
    const via = new Int32Array(nodes);
    const heap = new Int32Array(nodes);
    const at = new Int32Array(nodes);
    const total = new Array<number>(k).fill(0);
    let sent = 0;
    const less = (a: number, b: number): boolean => {
      for (let i = 0; i < k; i++) {
        const d = dist[a * k + i] - dist[b * k + i];
        if (d !== 0) return d < 0;
      }
      return false;
    };
    while (sent < amount) {
      done.fill(0);
      seen.fill(0);
      let size = 0;
      const up = (pos: number): void => {
        const v = heap[pos];
        while (pos > 0) {
          const parent = (pos - 1) >> 1;
          if (!less(v, heap[parent])) break;
          heap[pos] = heap[parent];
          at[heap[pos]] = pos;
          pos = parent;
        }
        heap[pos] = v;
        at[v] = pos;
      };
      const down = (pos: number): void => {
        const v = heap[pos];
        for (;;) {
          let child = 2 * pos + 1;
          if (child >= size) break;
          if (child + 1 < size && less(heap[child + 1], heap[child])) child++;
          if (!less(heap[child], v)) break;
          heap[pos] = heap[child];
          at[heap[pos]] = pos;
          pos = child;
        }
        heap[pos] = v;
        at[v] = pos;
      };
      for (let i = 0; i < k; i++) dist[source * k + i] = 0;
      seen[source] = 1;
      heap[size++] = source;
      at[source] = 0;
      let reached = false;
      while (size > 0) {
        const u = heap[0];
        size--;
        if (size > 0) {
          heap[0] = heap[size];
          at[heap[0]] = 0;
          down(0);
        }
        done[u] = 1;
        if (u === sink) {
          reached = true;
          break;
        }
        for (let e = this.head[u]; e !== -1; e = this.next[e]) {
          if (this.cap[e] - this.flowOn[e] <= 0) continue;
          const v = this.to[e];
          if (done[v]) continue;
          // candidate = dist[u] + reduced cost of e, compared with dist[v] lexicographically
          let better = !seen[v];
          if (!better) {
            for (let i = 0; i < k; i++) {
              const cand = dist[u * k + i] + this.cost[e * k + i] + pot[u * k + i] - pot[v * k + i];
              const d = cand - dist[v * k + i];
              if (d !== 0) {
                better = d < 0;
                break;
              }
            }
          }
          if (!better) continue;
          for (let i = 0; i < k; i++) {
            dist[v * k + i] = dist[u * k + i] + this.cost[e * k + i] + pot[u * k + i] - pot[v * k + i];
          }
          via[v] = e;
          if (!seen[v]) {
            seen[v] = 1;
            heap[size] = v;
            at[v] = size;
            size++;
          }
          up(at[v]);
        }
      }
      if (!reached) break;
      // Johnson's update, with every node not settled held at the sink's distance: reduced costs stay >= 0.
      for (let v = 0; v < nodes; v++) {
        const settled = done[v] === 1;
        for (let i = 0; i < k; i++) pot[v * k + i] += settled ? dist[v * k + i] : dist[sink * k + i];
      }
      let push = amount - sent;
      for (let v = sink; v !== source; v = this.to[via[v] ^ 1])
        push = Math.min(push, this.cap[via[v]] - this.flowOn[via[v]]);
      for (let v = sink; v !== source; v = this.to[via[v] ^ 1]) {
        const e = via[v];
        this.flowOn[e] += push;
        this.flowOn[e ^ 1] -= push;
        for (let i = 0; i < k; i++) total[i] += push * this.cost[e * k + i];
      }
      for (const c of total) if (!Number.isSafeInteger(c)) throw new Error('min-cost flow: a cost overflowed 2^53');
      sent += push;
    }
    return { sent, cost: total };
  }
}
