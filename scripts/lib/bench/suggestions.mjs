// The suggestions section (issue #23): the team suggestions of one case in team assembly over a synthetic pool of
// `--peers` peers (`npm run cli -- generate-peers`) and the generator's councils and cases: GET
// /cases/:id/team-suggestions for each role in turn, then POST /cases/:id/team-suggestions/team for a team of five,
// one request at a time (each answer is a whole-pool computation: its latency is the figure), after a warm-up.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { cpuSampler, memoryWatch } from './cpu.mjs';
import { cli, generateData } from './data.mjs';
import { expectStatus, login, ms, percentile, request, serviceEnv, startApi, stopService } from './http.mjs';
import { sqlIn } from './postgres.mjs';
import { isRunning, say } from './runtime.mjs';

export const SUGGESTIONS_DATABASE = 'lga_bench_suggestions';
export const CANDIDATES_TARGET_P95_MS = 300;
export const TEAM_TARGET_MS = 1000;
const ROLES = ['lead_officer_peer', 'lead_member_peer', 'member_peer', 'officer_peer'];
const HOST = 'E06000059'; // Dorset Council

const day = (offset) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

async function timed(agent, port, token, method, urlPath, body) {
  const started = performance.now();
  const response = await request(agent, port, method, urlPath, { token, body });
  return { ms: response.receivedAt - started, response };
}

async function series(agent, port, token, n, warmup, call) {
  const times = [];
  const failures = [];
  for (let k = 0; k < warmup + n && isRunning(); k++) {
    const { ms: took, response } = await call(k);
    if (response.status !== 200) failures.push(`${response.status} ${response.text.slice(0, 200)}`);
    else if (k >= warmup) times.push(took);
  }
  times.sort((a, b) => a - b);
  return { n: times.length, p50: percentile(times, 50), p95: percentile(times, 95), max: times.at(-1), failures };
}

export async function suggestionsSection({ pg, redis }, opts) {
  const env = serviceEnv(pg, redis, SUGGESTIONS_DATABASE, { QUEUE_PREFIX: 'bench-suggestions' });
  const data = await generateData(pg, env, SUGGESTIONS_DATABASE, { councils: 1000, cases: 10_000 });
  if (!isRunning()) return null;
  say(`suggestions: generating ${opts.peers} synthetic peers`);
  await cli(env, ['generate-peers', '--peers', String(opts.peers)], 'generate-peers.log');
  const peers = Number(sqlIn(pg.adminUrl, SUGGESTIONS_DATABASE, 'SELECT count(*) FROM peers WHERE active'));
  const api = await startApi(env);
  const memory = memoryWatch([api]);
  const token = await login(api.port);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const opened = await expectStatus(
      request(agent, api.port, 'POST', '/cases', {
        token,
        body: { councilGssCode: HOST, type: 'corporate_peer_challenge' },
      }),
      201,
      'opening the case',
    );
    let version = opened.version;
    const event = async (body) => {
      const answer = await expectStatus(
        request(agent, api.port, 'POST', `/cases/${opened.id}/events`, {
          token,
          body: { expectedVersion: version, ...body },
        }),
        200,
        body.type,
      );
      version = answer.version;
    };
    await event({ type: 'SCHEDULE_SCOPING_MEETING', date: day(20) });
    await event({
      type: 'AGREE_SCOPE',
      focusAreas: ['housing', 'climate', 'digital'],
      onsiteStart: day(90),
      onsiteEnd: day(93),
    });
    const sample = cpuSampler(api.pid, pg.postmasterPid);
    say(`suggestions: ${opts.suggestionRuns} × GET /cases/:id/team-suggestions (roles in turn), one at a time`);
    const candidates = await series(agent, api.port, token, opts.suggestionRuns, 10, (k) =>
      timed(
        agent,
        api.port,
        token,
        'GET',
        `/cases/${opened.id}/team-suggestions?role=${ROLES[k % ROLES.length]}&limit=10`,
      ),
    );
    const teamRuns = Math.max(5, Math.round(opts.suggestionRuns / 4));
    say(`suggestions: ${teamRuns} × POST /cases/:id/team-suggestions/team { size: 5 }, one at a time`);
    let last = null;
    const team = await series(agent, api.port, token, teamRuns, 3, async () => {
      const result = await timed(agent, api.port, token, 'POST', `/cases/${opened.id}/team-suggestions/team`, {
        size: 5,
      });
      last = result.response.json;
      return result;
    });
    const cpu = sample();
    const [apiMemory] = memory.stop();
    return {
      data: { ...data, peers },
      candidates,
      team,
      total: last?.total,
      balanced: last?.balanced,
      cpu,
      apiMemory,
      failed: candidates.failures.length > 0 || team.failures.length > 0 || candidates.n === 0,
    };
  } finally {
    agent.destroy();
    await stopService(api);
  }
}

export function suggestionsReport({ data, candidates, team, total, balanced }) {
  const line = (name, r, target) =>
    `${name}   ${target}\n  latency   p50 ${ms(r.p50)}, p95 ${ms(r.p95)}, max ${ms(r.max)} over ${r.n} requests; ` +
    `${r.failures.length} failed${r.failures.length ? `: ${r.failures[0]}` : ''}`;
  return [
    `data        ${SUGGESTIONS_DATABASE}: ${data.peers} active peers, ${data.councils} councils, ${data.cases} cases; ` +
      'one corporate peer challenge of Dorset Council in team assembly, its visit in three months',
    '',
    line(
      'GET /api/v1/cases/:id/team-suggestions',
      candidates,
      `target p95 < ${CANDIDATES_TARGET_P95_MS} ms: ${candidates.p95 < CANDIDATES_TARGET_P95_MS ? 'MET' : 'NOT MET'}`,
    ),
    '',
    line(
      'POST /api/v1/cases/:id/team-suggestions/team { size: 5 }',
      team,
      `target < ${TEAM_TARGET_MS} ms: ${team.max < TEAM_TARGET_MS ? 'MET' : 'NOT MET'} (max)`,
    ),
    `  answer    total score ${total}, ${balanced ? 'politically balanced' : 'not balanced'}`,
  ];
}
