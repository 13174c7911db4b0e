// One run of the five-year planner (libs/planning, compiled) on a synthetic register, in a process of its own so
// that its peak resident memory is the planner's: `node planner-run.mjs COUNCILS QUARTERS` prints one JSON line.
// The register is the one `npm run cli -- generate` writes (E99…, regions in turn, every tenth council never
// challenged, the others' last challenge 20 days to about 7 years ago, one in a hundred with an open case), plus
// a not-before constraint on one council in 25, and capacity a little below what would place everyone on time.
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { root } from '../project.mjs';

const REGIONS = [
  'East Midlands',
  'East of England',
  'London',
  'North East',
  'North West',
  'South East',
  'South West',
  'West Midlands',
  'Yorkshire and The Humber',
];

const [councilCount, quarters] = process.argv.slice(2).map(Number);
// The pure planner's own modules, not the library's index (which brings NestJS and TypeORM with its services).
const compiled = (file) => import(pathToFileURL(path.join(root, 'dist', 'libs', 'planning', file)).href);
const planning = { ...(await compiled('planner.js')), ...(await compiled('quarters.js')) };
const today = new Date();
const day = (offset) => new Date(today.getTime() + offset * 86400000).toISOString().slice(0, 10);
const councils = [];
for (let k = 1; k <= councilCount; k++) {
  const code = `E99${String(k).padStart(6, '0')}`;
  councils.push({
    gssCode: code,
    name: `Synthetic council ${String(k).padStart(6, '0')}`,
    region: REGIONS[k % REGIONS.length],
    lastChallenge: k % 10 === 0 ? null : day(-20 - ((k * 53) % 2600)),
    openCaseQuarter: k % 100 === 1 ? planning.nextQuarter(day(0)) : null,
    notBefore: k % 25 === 3 ? day(365) : null,
    constraintReason: k % 25 === 3 ? 'synthetic constraint' : null,
  });
}
const startQuarter = planning.nextQuarter(day(0));
const perQuarter = Math.ceil((councilCount / 20) * 0.95);
const input = {
  startQuarter,
  horizonQuarters: quarters,
  capacityPerQuarter: perQuarter,
  capacityByRegion: Object.fromEntries(REGIONS.map((r) => [r, Math.ceil(perQuarter / 8)])),
  quietPeriods: [{ from: day(100), to: day(140) }],
  councils,
};
const started = performance.now();
const result = planning.plan(input);
const ms = performance.now() - started;
const count = (f) => result.councils.filter(f).length;
process.stdout.write(
  `${JSON.stringify({
    councils: councilCount,
    quarters,
    ms,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    heapUsedMb: process.memoryUsage().heapUsed / 1048576,
    late: count((c) => c.plannedQuarter !== null && c.lateBy > 0),
    unplaceable: count((c) => c.plannedQuarter === null),
  })}\n`,
);
