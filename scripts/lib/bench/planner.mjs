// The planner section: the five-year schedule planner (issue #19) on a synthetic register of the real size (365
// councils × 20 quarters, target well under 1 s) and of 10,000 councils (target 10 s), each run in a process of
// its own (planner-run.mjs) for its time and peak resident memory. It needs neither PostgreSQL nor the API: the
// planner is a pure function, and POST /plans adds one read of the register and one insert to it.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { root } from '../project.mjs';
import { say } from './runtime.mjs';

export const PLANNER_SIZES = [
  { councils: 365, quarters: 20, targetMs: 1000 },
  { councils: 10_000, quarters: 20, targetMs: 10_000 },
];

export async function plannerSection() {
  const runs = [];
  for (const size of PLANNER_SIZES) {
    say(`planner: ${size.councils} councils × ${size.quarters} quarters`);
    const out = execFileSync(
      process.execPath,
      [path.join(root, 'scripts', 'lib', 'bench', 'planner-run.mjs'), String(size.councils), String(size.quarters)],
      { encoding: 'utf8', maxBuffer: 1 << 20 },
    );
    runs.push({ ...JSON.parse(out.trim()), targetMs: size.targetMs });
  }
  return { runs, failed: false };
}

export function plannerReport({ runs }) {
  return runs.map(
    (r) =>
      `  ${String(r.councils).padStart(6)} councils × ${r.quarters} quarters: ${r.ms.toFixed(0)} ms ` +
      `(target < ${r.targetMs} ms), peak RSS ${r.peakRssMb.toFixed(0)} MB, heap ${r.heapUsedMb.toFixed(0)} MB; ` +
      `${r.late} late, ${r.unplaceable} unplaceable`,
  );
}
